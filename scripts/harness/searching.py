"""Running search queries in a real browser against a served site, the way a
reader does: open the theme's search, type, read the result list. Shared by
the search tests and the search report."""

from __future__ import annotations

from urllib.parse import urlsplit

RESULT_PAGES = """() => [...document.querySelectorAll('li.md-search-result__item a.md-search-result__link')]
    .map(a => new URL(a.href).pathname)"""


def open_search(page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")
    page.wait_for_selector(".md-search__input:focus")


def _wait_until_still(page, pause_ms: int = 200, tries: int = 25) -> None:
    snapshot = "document.querySelector('.md-search-result').innerHTML"
    before = page.evaluate(snapshot)
    for _ in range(tries):
        page.wait_for_timeout(pause_ms)
        now = page.evaluate(snapshot)
        if now == before:
            return
        before = now


def search(page, query: str) -> list[str]:
    """The result pages for query, best first, as paths below the site root."""
    box = page.locator(".md-search__input")
    box.fill("")
    page.wait_for_function("document.querySelectorAll('li.md-search-result__item').length === 0")
    box.type(query, delay=10)
    # The status line says how many results, or that there are none; then
    # the list must stand still, or it may still show a shorter query's.
    page.wait_for_function("/\\d|Inga/.test(document.querySelector('.md-search-result__meta').innerText)")
    _wait_until_still(page)
    root = urlsplit(page.url).path.rsplit("/", 1)[0] + "/"
    pages: list[str] = []
    for path in page.evaluate(RESULT_PAGES):
        relative = path.removeprefix(root)
        if relative not in pages:
            pages.append(relative)
    return pages
