"""Our fixes to the engine's HTML, applied to each page's parsed tree in the
one pass over it (publish/htmlpass.py).

Each fix is for markup that no template override reaches: it stands in
Material's base.html outside any block, or it is made by Python-Markdown. Each
finds its markup by a CSS selector, and has a test that fails when the
theme's markup changes (tests/test_postbuild.py), so a theme update cannot
silently undo it. Running here, not in a MkDocs hook, keeps the site's
behaviour independent of the engine.
"""

from __future__ import annotations

# base.html's drawer and search toggles: `autocomplete` is not allowed on
# checkboxes (Nu Html Checker error).
CHECKBOXES = 'input.md-toggle[type="checkbox"][autocomplete]'
# On a section's index page the theme leaves out the table of contents'
# toggle but keeps a label pointing at it (Nu Html Checker error).
TOC_LABEL = 'label.md-nav__title[for="__toc"]'
TOC = "#__toc"
# Python-Markdown's abbreviations (abbr extension).
ABBREVIATIONS = "abbr[title]"


def fix_theme_markup(tree) -> None:
    for checkbox in tree.css(CHECKBOXES):
        del checkbox.attrs["autocomplete"]
    if tree.css_first(TOC) is None:
        for label in tree.css(TOC_LABEL):
            del label.attrs["for"]


def _in_link(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def focusable_abbreviations(tree) -> None:
    """The first <abbr> of each kind on a page can be reached by keyboard, so
    its explanation shows on focus as it does on hover or touch. Only the
    first, and never inside a link (which is focusable itself): a tab stop
    on every "BKT" would bury the page's links."""
    seen: set[str] = set()
    for abbr in tree.css(ABBREVIATIONS):
        title = abbr.attrs["title"]
        if title not in seen and not _in_link(abbr):
            seen.add(title)
            abbr.attrs["tabindex"] = "0"


FIXES = (fix_theme_markup, focusable_abbreviations)
