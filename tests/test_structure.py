"""Invariants over every built page: structure a reader (or a screen reader)
can rely on, Swedish interface text, each statement once, and, in Chromium,
tables that look like tables and words that are never broken mid-word."""

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import html_pages, visible_text

# Material's English interface strings, as they would show if a translation
# or an override were missing.
ENGLISH = ["Not found", "Skip to content", "Search", "Type to start searching", "Table of contents", "Back to top",
           "Previous", "Next", "Copy to clipboard", "Made with", "Initializing search", "Clear", "Share", "Header",
           "Footer", "Navigation", "Edit this page", "Last update"]


def _all_pages(site):
    return sorted(site.rglob("*.html"))


def _soup(page):
    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def test_no_definition_list_inside_another(built_site):
    nested = [p.relative_to(built_site).as_posix() for p in _all_pages(built_site) if _soup(p).select("dl dl")]
    assert not nested


def test_glossary_is_one_flat_list(built_site):
    soup = _soup(built_site / "ordlista" / "index.html")
    lists = soup.select("article dl")
    assert len(lists) == 1
    assert len(lists[0].find_all("dt", recursive=False)) == len(lists[0].find_all("dd", recursive=False)) > 10


def test_no_english_interface_text(built_site):
    found = []
    for page in _all_pages(built_site):
        soup = _soup(page)
        said = [visible_text(page)]
        said += [tag.get(a, "") for tag in soup.find_all(True) for a in ("aria-label", "title", "placeholder", "alt")]
        for text in said:
            found += [(page.relative_to(built_site).as_posix(), w) for w in ENGLISH if re.search(rf"\b{w}\b", text)]
    assert not found


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def test_no_sentence_of_eight_words_or_more_twice_on_a_page(built_site):
    # The printable summary gathers the other pages' text: it alone may repeat.
    repeated = {}
    for page in html_pages(built_site):
        if "hela-utredningen" in page.parts:
            continue
        article = _soup(page).select_one("article")
        for tag in article.select("[aria-hidden=true], script, style"):
            tag.decompose()
        blocks = [" ".join(b.get_text(" ").split()) for b in article.select("p, li, td, th, dd, dt, h1, h2, h3, figcaption, .admonition-title")
                  if not b.select("p, li, td")]
        counts = Counter(s for b in blocks for s in _sentences(b) if len(s.split()) >= 8)
        twice = [s for s, n in counts.items() if n > 1]
        if twice:
            repeated[page.relative_to(built_site).as_posix()] = twice
    assert not repeated


def test_no_empty_heading(built_site):
    empty = [(p.relative_to(built_site).as_posix(), str(h)[:60]) for p in _all_pages(built_site)
             for h in _soup(p).select("article h1, article h2, article h3, article h4, article h5, article h6")
             if not h.get_text(strip=True)]
    assert not empty


def test_the_404_page_is_swedish(built_site):
    soup = _soup(built_site / "404.html")
    assert soup.html["lang"] == "sv"
    assert soup.select_one("article h1").get_text(strip=True) == "Sidan finns inte"
    assert soup.select_one("article a").get_text(strip=True) == "Gå till startsidan"


# ------------------------------------------------------------------ in Chromium

_TABLES = """() => [...document.querySelectorAll('article table')].map(t => {
    const cells = [...t.querySelectorAll('th, td')].filter(c => c.getClientRects().length);
    const pad = Math.min(...cells.map(c => parseFloat(getComputedStyle(c).paddingLeft)));
    const lined = [t, ...t.querySelectorAll('tr, td')].some(e => parseFloat(getComputedStyle(e).borderTopWidth) > 0);
    return {cls: t.className, pad, lined};
})"""

# Every word of the visible text that the browser laid out on two lines;
# a word may break after a hyphen, a slash or a dash, nowhere else.
_BROKEN_WORDS = """() => {
    const out = [];
    for (const root of document.querySelectorAll('article, .md-header__title, .md-footer')) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const el = node.parentElement;
            if (!el || el.closest('[hidden], [aria-hidden=true]') || !el.getClientRects().length) continue;
            const words = /\\S+/g;
            let m;
            while ((m = words.exec(node.data))) {
                if (/[-\\/–]/.test(m[0])) continue;
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) out.push(m[0]);
            }
        }
    }
    return out;
}"""

# A box inside the page that scrolls sideways (the theme wraps wide tables in one).
_SCROLLING_BOXES = """() => [...document.querySelectorAll('article *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
    .map(e => e.tagName + '.' + e.className)"""


def _paths(site):
    return ["" if p.name == "index.html" and p.parent == site else p.relative_to(site).as_posix() for p in _all_pages(site)]


@pytest.fixture
def at_width(browser):
    contexts = []

    def make(width):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield make
    for c in contexts:
        c.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_every_table_is_styled(built_site, served_site, at_width, width):
    page = at_width(width)
    bare = []
    for path in _paths(built_site):
        page.goto(served_site + path)
        bare += [(path, t["cls"]) for t in page.evaluate(_TABLES) if t["pad"] < 8 or not t["lined"]]
    assert not bare


def test_no_horizontal_scroll_and_no_word_broken_mid_word_at_375_pixels(built_site, served_site, at_width):
    page = at_width(375)
    problems = []
    for path in _paths(built_site):
        page.goto(served_site + path)
        if page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") > 0:
            problems.append((path, "scrolls sideways"))
        problems += [(path, f"{box} scrolls sideways") for box in page.evaluate(_SCROLLING_BOXES)]
        problems += [(path, word) for word in page.evaluate(_BROKEN_WORDS)]
    assert not problems
