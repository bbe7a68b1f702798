"""Our fixes to the engine's HTML, run on the staging site after the engine.

Each fix is for markup that no template override reaches: it stands in
Material's base.html outside any block, or it is made by Python-Markdown. Each
has a test that fails when the theme's markup changes (tests/test_postbuild.py),
so a theme update cannot silently undo it. Running here, not in a MkDocs
hook, keeps the site's behaviour independent of the engine.
"""

from __future__ import annotations

import re
from pathlib import Path

# base.html's drawer and search toggles: `autocomplete` is not allowed on
# checkboxes (Nu Html Checker error).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
# On a section's index page the theme leaves out the table of contents'
# toggle but keeps a label pointing at it (Nu Html Checker error).
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# Links open and close, and abbreviations (Python-Markdown's abbr), in document order.
_LINK_OR_ABBR = re.compile(r'<a\b|</a>|<abbr title="([^"]*)">')


def focusable_abbreviations(html: str) -> str:
    """The first <abbr> of each kind on a page can be reached by keyboard, so
    its explanation shows on focus as it does on hover or touch. Only the
    first, and never inside a link (which is focusable itself): a tab stop
    on every "BKT" would bury the page's links."""
    seen: set[str] = set()
    in_link = 0

    def visit(match: re.Match) -> str:
        nonlocal in_link
        token = match[0]
        if token == "<a":
            in_link += 1
        elif token == "</a>":
            in_link = max(in_link - 1, 0)
        elif not in_link and match[1] not in seen:
            seen.add(match[1])
            return f'<abbr title="{match[1]}" tabindex="0">'
        return token

    return _LINK_OR_ABBR.sub(visit, html)


def fix_theme_markup(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html


def fix_pages(site: Path, pages: list[Path] | None = None) -> None:
    """Every HTML file of the built site, fixed in place; or only pages (the
    ones the preview rebuilt)."""
    for page in sorted(site.rglob("*.html")) if pages is None else pages:
        html = page.read_text("utf-8")
        fixed = focusable_abbreviations(fix_theme_markup(html))
        if fixed != html:
            page.write_text(fixed, "utf-8")
