"""Swedish text for readers: dates, numbers, lists, alphabetical order, labels."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date
from num2words import num2words

from ..words import lista
from ..words.readers import LABELS, MEMBER_WORDS

__all__ = ["antal", "datum", "label", "lista", "lower_first", "manad", "ordinarie", "sv_key", "tal"]


@functools.lru_cache(maxsize=4096)
def datum(value: dt.date) -> str:
    """A date as Swedish readers write it: 20 mars 2015."""
    return format_date(value, "d MMMM y", locale="sv")


@functools.lru_cache(maxsize=1024)
def manad(value: dt.date) -> str:
    """The month a fact describes, for facts that hold at a moment: april 2015."""
    return format_date(value, "MMMM y", locale="sv")


@functools.lru_cache(maxsize=1024)
def tal(value: int) -> str:
    """Numbers up to twelve in words, larger ones in digits (Språkrådet's rule)."""
    return num2words(value, lang="sv") if 0 <= value <= 12 else str(value)


def antal(value) -> str:
    """An Antal from the model: "cirka 170", "drygt tio"."""
    prefix = LABELS[value.precision]
    return f"{prefix} {tal(value.varde)}".strip()


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
    """How the source names a board's regular members (model.Sammansattning)."""
    return MEMBER_WORDS[benamning]


def lower_first(text: str) -> str:
    """For a sentence's first word placed mid-sentence: "Tidigare" -> "tidigare"."""
    return text[:1].lower() + text[1:]
