"""Content values into Markdown text, safely.

Text from YAML is data: it must never become HTML, Markdown structure or
Jinja. `md_inline` is applied to every value a template prints (it is the
Jinja environment's finalize hook), so a template cannot forget it.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import html
import re
from urllib.parse import quote, urlsplit

from jinja2 import Undefined
from markupsafe import Markup

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
    if isinstance(value, (bool, dt.date, dt.datetime)) or value is None:
        # A date or a flag printed raw would show as "2015-04-07" or "True".
        raise TypeError(f"format {type(value).__name__} explicitly in the template: {value!r}")
    if isinstance(value, int):
        return Markup(str(value))
    raise TypeError(f"cannot print a {type(value).__name__} in Markdown: {value!r}")


# How many folders down the page being rendered lies (render.py sets it).
# Not a template variable: macros imported without context could not see it.
DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("depth", default=0)


def url(address: str) -> Markup:
    """A validated address (model.Url) for a Markdown link's <…> target.

    A relative address is counted from docs/ (validation has checked that
    the file is there) and made relative to the page it stands on.
    Percent-encoding leaves nothing that could end the target or the link.
    """
    if not urlsplit(address).scheme:
        address = "../" * DEPTH.get() + address
    return Markup(quote(address, safe=":/?#@!$&'*+,;=%~-._"))
