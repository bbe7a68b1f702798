"""MkDocs hooks: small fixes to the theme's HTML, each for a test that fails without it.

Done here, after the theme renders, because the markup sits in Material's
base template outside any block an override could replace. If Material
changes this markup, the HTML-validity and axe tests say so.
"""

from __future__ import annotations

import re

from samverkan.messages import MESSAGES

# `autocomplete` is not allowed on checkboxes (Nu Html Checker error).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
# The search dialog has no accessible name (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_ABBR = re.compile(r'<abbr title="([^"]*)">')


def _focusable_abbreviations(html: str) -> str:
    """The first <abbr> of each kind on a page can be reached by keyboard, so
    its explanation shows on focus as it does on hover or touch. Only the
    first: a tab stop on every "BKT" would bury the page's links."""
    seen: set[str] = set()

    def first_only(match: re.Match) -> str:
        if match[1] in seen:
            return match[0]
        seen.add(match[1])
        return f'<abbr title="{match[1]}" tabindex="0">'

    return _ABBR.sub(first_only, html)


def on_post_page(output: str, page, config) -> str:
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    output = output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{MESSAGES["search_dialog"]}">')
    return _focusable_abbreviations(output)
