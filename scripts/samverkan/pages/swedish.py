"""Swedish text for readers: dates, numbers, lists, alphabetical order, labels."""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_date

from ..words import lista
from ..words.readers import LABELS, MEMBER_WORDS, NOUNS

__all__ = ["antal", "av", "datum", "form", "label", "lista", "lower_first", "manad", "ordinarie", "sv_key", "tal"]


@functools.lru_cache(maxsize=4096)
def datum(value: dt.date) -> str:
    """A date as Swedish readers write it: 20 mars 2015."""
    return format_date(value, "d MMMM y", locale="sv")


@functools.lru_cache(maxsize=1024)
def manad(value: dt.date) -> str:
    """The month a fact describes, for facts that hold at a moment: april 2015."""
    return format_date(value, "MMMM y", locale="sv")


# Numbers up to twelve in words, larger ones in digits (Språkrådet's rule).
# A table rather than a library: the one word that changes is "en"/"ett",
# and it follows the noun counted, which no number library knows.
_WORDS = ("noll", None, "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def tal(value: int, genus: str = "ett") -> str:
    """A number on its own; genus is the noun's word for one: "en" or "ett"."""
    if value == 1:
        return genus
    return _WORDS[value] if 0 <= value <= 12 else str(value)


def av(value: int, noun: str) -> str:
    """A number with the noun it counts: "en ledamot", "ett utskott",
    "nio ledamöter", "inga ersättare" (none takes the plural)."""
    if value == 0:
        return f"inga {form(value, noun)}"
    return f"{tal(value, NOUNS[noun][0])} {form(value, noun)}"


def form(value: int, noun: str) -> str:
    """The noun as it stands after the number value: singular only after one."""
    _, one, many = NOUNS[noun]
    return one if value == 1 else many


def antal(value, noun: str | None = None) -> str:
    """An Antal from the model: "cirka 170", "drygt tio år"; with noun, counted."""
    prefix = LABELS[value.precision]
    counted = av(value.varde, noun) if noun else tal(value.varde)
    return f"{prefix} {counted}".strip()


# The Swedish alphabet: Å, Ä and Ö come after Z. No wheel-installable library
# gives Swedish collation (PyICU needs ICU built from source), so the order is
# spelled out here; letters outside it sort by their base letter.
_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_FOLD = {"é": "e", "è": "e", "ü": "y", "æ": "ä", "ø": "ö", "à": "a", "á": "a"}


def sv_key(text: str) -> tuple:
    """Sort key for Swedish order: case-insensitive first, then lower case first."""
    letters = [_FOLD.get(c, c) for c in text.lower()]
    primary = tuple(_ALPHABET.index(c) if c in _ALPHABET else 100 + ord(c) for c in letters)
    return (primary, tuple(c.isupper() for c in text))


def label(value: str) -> str:
    return LABELS[value]


def ordinarie(benamning: str) -> str:
    """The noun (NOUNS) the source counts a board's regular members with (model.Sammansattning)."""
    return MEMBER_WORDS[benamning]


_FIRST_WORD = re.compile(r"\w+")


def proper_names(site, inv=None) -> frozenset[str]:
    """Every word of the names in content that lower_first must not lower:
    municipalities, organisations, the region and the investigator."""
    names = [k.namn for k in site.kommuner.kommuner] + [k.kommunnamn for k in site.kommuner.kommuner]
    names += [o.namn for o in site.organisationer.values()] + [o.forkortning for o in site.organisationer.values()]
    names.append(site.kommuner.region.namn)
    if inv is not None:
        names.append(inv.meta.utredare.namn)
    return frozenset(word for name in names for word in _FIRST_WORD.findall(name))


def lower_first(text: str, names: frozenset[str] = frozenset()) -> str:
    """A sentence's first word placed mid-sentence: "Tidigare" -> "tidigare".

    Only an ordinary capitalised word is lowered: a capital then lower-case
    letters, and not one of names (the places, organisations and people in
    content). "BKT", "SKRIV", "KNÖL-kommunerna", "Lindesberg" keep their case.
    """
    first = _FIRST_WORD.match(text)
    if not first:
        return text
    word = first[0]
    if not word[0].isupper() or (len(word) > 1 and not word[1:].islower()) or word in names:
        return text
    return word[0].lower() + text[1:]
