"""Turning content values into Swedish Markdown text, safely.

Text from YAML is data: it must never become HTML, Markdown structure or
Jinja. `md_inline` is applied to every value a template prints (it is the
Jinja environment's finalize hook), so a template cannot forget it.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from urllib.parse import quote

from babel.dates import format_date
from jinja2 import Undefined
from markupsafe import Markup
from num2words import num2words

from .messages import ASPECTS, LABELS

# Characters that mean something to Python-Markdown or its extensions
# (tables: |, attr_list: { }, emphasis, links, code, headings' closing #).
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
# What makes a line a list item, quote or heading when it stands first.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=:!~])")


@functools.lru_cache(maxsize=65536)
def md_inline(text: str) -> str:
    """Escape text so it renders literally inside any Markdown line or table cell."""
    text = " ".join(text.split())  # a newline could end a table row or start a block
    text = html.escape(text, quote=False)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(
        lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"&#{ord(m[3])};",
        text,
        count=1,
    )


def finalize(value: object) -> Markup:
    """Jinja's finalize hook: every printed value passes through here."""
    if isinstance(value, Undefined):
        value = str(value)  # StrictUndefined raises here: a missing field never prints blank
    if isinstance(value, Markup):
        return value  # built by a macro or a filter that already escaped its parts
    if isinstance(value, str):
        return Markup(md_inline(value))
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)) or value is None:
        # A date or a flag printed raw would show as "2015-04-07" or "True".
        raise TypeError(f"format {type(value).__name__} explicitly in the template: {value!r}")
    if isinstance(value, int):
        return Markup(str(value))
    raise TypeError(f"cannot print a {type(value).__name__} in Markdown: {value!r}")


def url(address: str) -> Markup:
    """A validated address (model.Url) for a Markdown link's <…> target.

    Percent-encoding leaves nothing that could end the target or the link.
    """
    return Markup(quote(address, safe=":/?#@!$&'*+,;=%~-._"))


@functools.lru_cache(maxsize=4096)
def datum(value: dt.date) -> str:
    """A date as Swedish readers write it: 20 mars 2015."""
    return format_date(value, "d MMMM y", locale="sv")


@functools.lru_cache(maxsize=1024)
def tal(value: int) -> str:
    """Numbers up to twelve in words, larger ones in digits (Språkrådet's rule)."""
    return num2words(value, lang="sv") if 0 <= value <= 12 else str(value)


def antal(value) -> str:
    """An Antal from the model: "cirka 170", "drygt tio"."""
    prefix = LABELS[value.precision]
    return f"{prefix} {tal(value.varde)}".strip()


def lista(items, conjunction: str = "och") -> str:
    """Items joined the Swedish way: "A, B och C" (or "A, B eller C")."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


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


def aspect(value: str) -> str:
    return ASPECTS[value]


def lower_first(text: str) -> str:
    """For a sentence's first word placed mid-sentence: "Tidigare" -> "tidigare"."""
    return text[:1].lower() + text[1:]
