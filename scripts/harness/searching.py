"""Running search queries in a real browser against a served site, the way a
reader does: open the search dialog, type, read the result list. Shared by
the search tests, the search report and the benchmark."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

RESULT_PAGES = """() => [...document.querySelectorAll('#sib-sok .sib-sok__lank')].map(a => new URL(a.href).pathname)"""
# What the search fetches: Pagefind's files, and our dialog's script.
SEARCH_FILES = ("/pagefind/", "/assets/javascripts/sok.js")
# The status line once a search has answered: a count, or no results.
ANSWERED = """() => { const s = document.querySelector('#sib-sok .sib-sok__status').textContent;
    return /\\d/.test(s) || s === document.getElementById('sib-sok').dataset.inga }"""


# Records, in the page, when "/" was pressed, when the query was typed and
# when the first result appeared (performance.now() milliseconds). Run before
# the page's own scripts, so the dialog's key handler cannot hide the key.
TIMER = """{
    const times = window.__sok = {};
    addEventListener("keydown", e => { if (e.key === "/" && !times.open) times.open = e.timeStamp }, true);
    addEventListener("input", e => { if (!times.input) times.input = e.timeStamp }, true);
    new MutationObserver((_, observer) => {
        if (document.querySelector("#sib-sok .sib-sok__traff")) { times.result = performance.now(); observer.disconnect() }
    }).observe(document, {childList: true, subtree: true});
}"""


def open_search(page, base_url: str | None = None) -> None:
    """Open the dialog with the "/" key, as a keyboard user does."""
    if base_url is not None:
        page.goto(base_url)
    page.keyboard.press("/")
    page.wait_for_selector("#sib-sok-fraga:focus")


def search(page, query: str) -> list[str]:
    """The result pages for query, best first, as paths below the site root."""
    box = page.locator("#sib-sok-fraga")
    box.fill("")
    page.wait_for_function("document.querySelectorAll('#sib-sok .sib-sok__traff').length === 0")
    box.type(query, delay=10)
    # The dialog drops answers to older queries, so once the status line
    # gives a count for the whole query, the list is this query's.
    page.wait_for_function(ANSWERED)
    root = urlsplit(page.url).path.rsplit("/", 1)[0] + "/"
    pages: list[str] = []
    for path in page.evaluate(RESULT_PAGES):
        relative = path.removeprefix(root)
        if relative not in pages:
            pages.append(relative)
    return pages


def _bytes(request) -> int:
    """Bytes of a response body. Chromium reports 0 for a worker's own script
    (pagefind-worker.js), so the server's Content-Length counts too; our
    test server sends files as they are, uncompressed."""
    response = request.response()
    length = response.header_value("content-length") if response else None
    return max(request.sizes()["responseBodySize"], int(length or 0))


def is_search_file(url: str) -> bool:
    return any(part in urlsplit(url).path for part in SEARCH_FILES)


def first_query(browser, base_url: str, query: str) -> dict:
    """A reader's first search on a fresh page: what was fetched for search
    before opening it (must be nothing but the dialog's script), and from
    opening the dialog to the first result, the bytes fetched and the time."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TIMER)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    on_load = [r.url for r in finished if is_search_file(r.url) and not r.url.endswith("sok.js")]
    script = sum(_bytes(r) for r in finished if r.url.endswith("sok.js"))
    finished.clear()
    # Timed in the page, from the event times, so that the automation's own
    # round trips do not count: from the "/" key (search opens and starts
    # loading) and from the query's input to the first result in the list.
    page.keyboard.press("/")
    page.locator("#sib-sok-fraga").fill(query)
    page.wait_for_function("window.__sok && window.__sok.result")
    times = page.evaluate("window.__sok")
    page.wait_for_load_state("networkidle")
    fetched = sum(_bytes(r) for r in finished if is_search_file(r.url))
    context.close()
    return {"vid_sidladdning": on_load, "skript_byte": script, "forsta_fragan_byte": fetched + script,
            "forsta_traffen_s": (times["result"] - times["open"]) / 1000, "fran_fragan_s": (times["result"] - times["input"]) / 1000}


def index_records(site: Path) -> list[dict]:
    """Every page in a built site's Pagefind index: url, title, the indexed
    text (content) and its word count, read from the index files themselves."""
    records = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        # Each file starts with a signature ("pagefind_dcd"), then JSON.
        records.append(json.loads(data[data.index(b"{"):]))
    return records
