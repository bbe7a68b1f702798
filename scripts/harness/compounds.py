"""Compound-part recall: does a query for the last part of each compound on
the site find every page that says the compound?

The compounds are not a hand-picked list: every word on a searchable page
(the text Pagefind indexes) that the splitter reads as a compound
(Decompounder.search_split, over wordfreq's Swedish list), with the last
part as it stands in the word as the query ("kommunfullmäktige" ->
"fullmäktige"). The query runs in Chromium through the site's own Pagefind
index, loaded as the search dialog loads it (docs/assets/javascripts/sok.js),
and every result counts, not only the ten the dialog shows. Shared by
tests/test_search.py and `make search-report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samverkan.publish.decompound import Decompounder
from samverkan.publish.search import body_words

# Every page Pagefind finds for a query, as paths below the site's root.
_ALL_RESULTS = """async (query) => {
    const dialog = document.getElementById("sib-sok");
    const pagefind = await import(new URL(dialog.dataset.pagefind, document.baseURI).href);
    const root = new URL(dialog.dataset.rot, document.baseURI).pathname;
    await pagefind.options({ baseUrl: root, noWorker: true });
    const found = await pagefind.search(query);
    const data = await Promise.all(found.results.map(r => r.data()));
    return data.map(d => new URL(d.url, document.baseURI).pathname.slice(root.length));
}"""


@dataclass(frozen=True)
class Case:
    compound: str
    query: str  # the compound's last part, as it stands in the word
    pages: tuple[str, ...]  # every searchable page that says the compound


def cases(site: Path, names: list[str]) -> tuple[list[Case], Decompounder]:
    """A case per compound on the site's searchable pages, with the splitter
    the build's search index uses (publish/search.py: the same site words and names)."""
    words = body_words(site)
    splitter = Decompounder(site_words={w for page in words.values() for w in page}, keep_whole=names)
    said: dict[str, list[str]] = {}
    for page, page_words in words.items():
        for word in sorted(set(page_words)):
            said.setdefault(word, []).append(page)
    found = splitter.compounds(said)
    # The last part ends the word as it stands: links (-s-) come between parts.
    return [Case(word, parts[-1], tuple(said[word])) for word, parts in found.items()], splitter


def recall(browser_page, base_url: str, found: list[Case]) -> tuple[int, int, list[tuple[Case, str]]]:
    """(pages found, pages wanted, misses) over every case: each page that
    says a compound must be among the results for its last part."""
    browser_page.goto(base_url)
    results = {query: set(browser_page.evaluate(_ALL_RESULTS, query)) for query in sorted({c.query for c in found})}
    misses = [(case, page) for case in found for page in case.pages if page not in results[case.query]]
    wanted = sum(len(case.pages) for case in found)
    return wanted - len(misses), wanted, misses
