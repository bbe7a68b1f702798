"""MkDocs hooks: small fixes to the theme's HTML, each for a test that fails without it.

Done here, after the theme renders, because the markup sits in Material's
base template outside any block an override could replace. If Material
changes this markup, the HTML-validity and axe tests say so.
"""

from __future__ import annotations

import re

import copy

# `autocomplete` is not allowed on checkboxes (Nu Html Checker error).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
# On a section's index page the theme leaves out the table of contents'
# toggle but keeps a label pointing at it (Nu Html Checker error).
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# Links open and close, and abbreviations, in document order.
_LINK_OR_ABBR = re.compile(r'<a\b|</a>|<abbr title="([^"]*)">')


def _focusable_abbreviations(html: str) -> str:
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


def _fix_theme_markup(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html


def _section_of(page):
    """The top-level navigation section a page belongs to, if any."""
    item = page
    while item.parent is not None:
        item = item.parent
    return item if item is not page else None


def on_page_context(context, page, config, nav):
    """Inside an investigation, the sidebar lists that investigation's pages
    and the site's own pages, not every other investigation's: the full tree
    on every page would make each page, and the build, grow with the square
    of the number of investigations. Pages outside investigations (start,
    glossary, statement) still list them all."""
    own = _section_of(page)
    if own is not None:
        local = copy.copy(nav)
        local.items = [item for item in nav.items if not item.is_section or item is own]
        context["nav"] = local
    return context


def on_post_page(output: str, page, config) -> str:
    return _focusable_abbreviations(_fix_theme_markup(output))


def on_post_template(output_content: str, template_name: str, config) -> str:
    # The 404 page is rendered from a template, not a page.
    return _fix_theme_markup(output_content)

