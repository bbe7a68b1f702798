"""Swedish search in the browser: exact words, inflected forms and compound
parts find their page among the first three results; nonsense finds nothing;
readers see only the pages' real text."""

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import html_pages, visible_text
from harness.searching import open_search, search

QUERIES = yaml.safe_load(Path(__file__).with_name("search_queries.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    open_search(page, served_site)
    yield page
    page.close()


def test_the_query_table_covers_every_kind():
    kinds = [q["slag"] for q in QUERIES]
    assert len(QUERIES) >= 30 and all(kinds.count(k) >= 10 for k in ("exakt", "bojning", "del"))


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q['slag']}:{q['fraga']}" for q in QUERIES])
def test_query_finds_its_page_in_the_top_three(search_page, query):
    assert query["sida"] in search(search_page, query["fraga"])[:3]


@pytest.mark.parametrize("nonsense", ["xyzzyqw", "blorptfang", "qqqkommunzz"])
def test_nonsense_finds_nothing(search_page, nonsense):
    assert search(search_page, nonsense) == []
    assert search_page.inner_text(".md-search-result__meta") == "Inga sökresultat"


def test_results_never_show_the_index_only_words(search_page, built_site):
    site_words = set()
    for page in html_pages(built_site):
        site_words |= {w.lower() for w in re.findall(r"[^\W\d_]+", visible_text(page))}
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    added = {w for doc in index["docs"] for w in doc.get("sv", "").split()}
    hidden = added - site_words
    assert {"teknik", "lots", "försörjning"} <= hidden  # parts found, never shown
    for query in ("teknik", "lots", "försörjning", "ordförande", "förbund"):
        search(search_page, query)
        shown = " ".join(search_page.locator(".md-search-result__article").all_inner_texts())
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", shown)}
        assert not words & hidden, words & hidden


def test_highlighting_marks_the_real_word(search_page):
    search(search_page, "nämnder")
    marked = {m.strip().lower() for m in search_page.locator(".md-search-result__list mark").all_inner_texts()} - {""}
    assert marked and all(m.startswith("nämnd") for m in marked), marked


def test_the_index_grows_by_at_most_thirty_percent(tmp_path, monkeypatch, built_site):
    from harness.project import build_project, make_project

    monkeypatch.setenv("SAMVERKAN_SOK", "standard")
    plain = build_project(make_project(tmp_path / "standard")) / "search" / "search_index.json"
    ours = built_site / "search" / "search_index.json"
    growth = ours.stat().st_size / plain.stat().st_size
    print(f"search index: theme {plain.stat().st_size} B, ours {ours.stat().st_size} B, ratio {growth:.3f}")
    assert 1.0 < growth <= 1.30
