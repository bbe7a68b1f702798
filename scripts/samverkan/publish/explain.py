"""The engine's refusals, told to editors in Swedish.

MkDocs refuses a strict build with English warnings about pages in docs/;
editors work in content/. This names, per page, the content files it comes
from and what is wrong.
"""

from __future__ import annotations

import re

from ..errors import printable
from ..words import msg
from .docs import sources_of

# MkDocs' warnings that editors meet, and what to tell them.
_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but the target '(?P<target>[^']*)' is not found")
_ANCHOR = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but (?:the doc '[^']*' does not contain an anchor|there is no such anchor)[^#]*'?#?(?P<anchor>[^'.]*)")
_OTHER_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:an unrecognized relative|an absolute) link '(?P<link>[^']*)'")
_PAGE = re.compile(r"Doc file '(?P<page>[^']+)'")


def explain(warnings: list[str], files: dict[str, str], docs: str) -> list[str]:
    """Why the engine refused the build, in Swedish: per page, which content
    files it comes from and what is wrong. What we cannot translate is
    shown as the engine wrote it, made printable, never left out."""
    lines = []
    for warning in warnings:
        page = _PAGE.search(warning)
        if m := _LINK.search(warning):
            problem = msg("engine_link_missing", link=m["link"], target=f"{docs}/{m['target']}")
        elif m := _ANCHOR.search(warning):
            problem = msg("engine_anchor_missing", link=m["link"], anchor=m["anchor"])
        elif m := _OTHER_LINK.search(warning):
            problem = msg("engine_link_other", link=m["link"])
        else:
            problem = msg("engine_other", detail=warning)
        if page:
            generated = sources_of(files.get(page["page"], ""))
            sources = ", ".join(generated) if generated else f"{docs}/{page['page']}, skriven för hand"
            lines.append(printable(msg("build_failed_page", page=f"{docs}/{page['page']}", sources=sources, problem=problem)))
        else:
            lines.append(printable(msg("build_failed_site", problem=problem)))
    return lines
