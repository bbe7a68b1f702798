"""Swedish search in the browser (Pagefind and our dialog): exact words,
inflected forms and compound parts find their page among the first three
results; nonsense finds nothing; readers see only the pages' real text; the
index holds the pages' own text and nothing else, and nothing of it is
fetched before a reader opens search."""

import re
from pathlib import Path

import pytest
import yaml

from conftest import html_pages, visible_text
from harness.compounds import cases, recall
from harness.searching import first_query, index_records, open_search, search
from samverkan.content.validate import validate
from samverkan.paths import ROOT
from samverkan.publish.search import MARKER, proper_names

QUERIES = yaml.safe_load(Path(__file__).with_name("search_queries.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    open_search(page, served_site)
    yield page
    page.close()


@pytest.fixture(scope="module")
def records(built_site):
    return index_records(built_site)


@pytest.fixture(scope="module")
def compounds(built_site):
    """Every compound on the site's searchable pages, as the splitter finds them (harness/compounds.py)."""
    found, _ = cases(built_site, proper_names(validate(ROOT / "content", ROOT)))
    return found


def _own_text(record: dict) -> str:
    return record["content"].split(MARKER)[0]


def test_the_query_table_covers_every_kind():
    kinds = [q["slag"] for q in QUERIES]
    assert len(QUERIES) >= 30 and all(kinds.count(k) >= 10 for k in ("exakt", "bojning", "del"))


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q['slag']}:{q['fraga']}" for q in QUERIES])
def test_query_finds_its_page_in_the_top_three(search_page, query):
    assert query["sida"] in search(search_page, query["fraga"])[:3]


@pytest.mark.parametrize("nonsense", ["xyzzyqw", "blorptfang", "qqqkommunzz"])
def test_nonsense_finds_nothing(search_page, nonsense):
    assert search(search_page, nonsense) == []
    assert search_page.inner_text("#sib-sok .sib-sok__status") == "Inga sökresultat"


def test_results_never_show_the_index_only_words(search_page, built_site, records):
    site_words = set()
    for page in html_pages(built_site):
        site_words |= {w.lower() for w in re.findall(r"[^\W\d_]+", visible_text(page))}
    added = {w.lower() for r in records if MARKER in r["content"] for w in re.findall(r"[^\W\d_]+", r["content"].split(MARKER)[1])}
    hidden = added - site_words
    assert {"teknik", "lots", "försörjning"} <= hidden  # parts found, never shown
    for query in ("teknik", "lots", "försörjning", "ordförande", "förbund"):
        assert search(search_page, query)
        shown = " ".join(search_page.locator("#sib-sok .sib-sok__traffar").all_inner_texts())
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", shown)}
        assert not words & hidden, words & hidden
        assert MARKER not in shown


def test_highlighting_marks_the_real_word(search_page):
    search(search_page, "nämnder")
    marked = {m.strip().lower() for m in search_page.locator("#sib-sok .sib-sok__traffar mark").all_inner_texts()} - {""}
    assert marked and all("nämnd" in m for m in marked), marked


def test_a_compound_found_by_its_part_is_highlighted_whole(search_page):
    search(search_page, "teknik")
    marked = {m.lower() for m in search_page.locator("#sib-sok .sib-sok__traffar mark").all_inner_texts()}
    assert "kommunalteknik" in marked, marked


def test_result_text_is_text_never_html(search_page):
    """Titles and excerpts are built as DOM text: the only elements inside a
    result are our own link, title, paragraph and <mark>."""
    search(search_page, "nämnd")
    tags = search_page.evaluate("() => [...new Set([...document.querySelectorAll('#sib-sok .sib-sok__traff *')].map(e => e.tagName))].sort()")
    assert tags == ["A", "MARK", "P", "SPAN"]


def test_the_index_holds_each_page_once_and_only_its_own_text(built_site, records):
    urls = sorted(r["url"] for r in records)
    assert len(urls) == len(set(urls))
    assert "/samverkan-i-bergslagen/hela-utredningen/" not in urls  # the print page
    assert {"/", "/samverkan-i-bergslagen/bkt/", "/ordlista/", "/tillganglighet/"} <= set(urls)
    for record in records:
        own = _own_text(record)
        # Menus, header, footer and the page information are not indexed.
        for chrome in ("Tillgänglighetsredogörelse Samverkan", "Gå till innehållet", "Informationsägare", "Innehållsförteckning"):
            assert chrome not in own, (record["url"], chrome)
        assert record["meta"]["title"] and own.startswith(record["meta"]["title"])


def test_no_theme_search_is_shipped(built_site):
    assert not (built_site / "search").exists()
    assert not list(built_site.rglob("search_index.json"))
    assert not list((built_site / "pagefind").glob("pagefind-ui*"))


def test_nothing_of_search_is_fetched_before_a_reader_opens_it(browser, served_site):
    cost = first_query(browser, served_site, "nämnd")
    assert cost["vid_sidladdning"] == []
    assert cost["skript_byte"] < 8_000  # only the dialog's own script
    print(f"first query: {cost}")
    assert 0 < cost["forsta_fragan_byte"] < 300_000


def test_hostile_text_in_content_stays_text_in_the_results(browser, tmp_path):
    """Content is untrusted: HTML that an editor types shows in the result
    list as the characters typed, and nothing of it runs."""
    from harness.project import build_project, make_project
    from harness.servers import served

    project = make_project(tmp_path / "fientlig")
    hostile = '<img src=x onerror="alert(1)"> <script>alert(2)</script> zqxhostil'
    path = project / "content" / "utredningar" / "samverkan-i-bergslagen" / "forslag-bkt.yml"
    first = "  - text: Ett kommunalförbund är en organisation"
    path.write_text(path.read_text("utf-8").replace(first, f"  - text: '{hostile}'\n{first}", 1), "utf-8")
    site = build_project(project)
    with served(site) as base:
        page = browser.new_page()
        alerts = []
        page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
        open_search(page, base)
        assert search(page, "zqxhostil") == ["samverkan-i-bergslagen/bkt/"]
        shown = page.locator("#sib-sok .sib-sok__traffar").inner_text()
        assert '<img src=x onerror="alert(1)">' in shown and "<script>alert(2)</script>" in shown
        assert page.locator("#sib-sok img, #sib-sok script").count() == 0
        page.wait_for_timeout(300)
        assert alerts == []
        page.close()


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def test_every_compound_is_indexed_by_its_last_part_on_every_page_that_says_it(built_site, records, compounds):
    # Not a hand-picked list: every compound the splitter finds, among them
    # those common enough to be kept whole as words (kommunfullmäktige).
    assert len(compounds) >= 50
    assert {"kommunfullmäktige", "huvudkontor", "kommunalteknik"} <= {c.compound for c in compounds}
    indexed = {record["url"].lstrip("/"): _words(record["content"]) for record in records}
    missing = [(c.compound, c.query, page) for c in compounds for page in c.pages if c.query not in indexed[page]]
    assert not missing


def test_a_query_for_the_last_part_of_every_compound_finds_every_page_that_says_it(browser, served_site, compounds):
    page = browser.new_page()
    try:
        found, wanted, misses = recall(page, served_site, compounds)
    finally:
        page.close()
    # The figure for the record (make search-report prints it too).
    print(f"Sammansättningar på webbplatsen: {len(compounds)}; sidor hittade på sista delen: {found}/{wanted}")
    assert not misses and found == wanted


def _indexed(site: Path, monkeypatch, **replaced) -> dict[str, bytes]:
    """site/pagefind/ as index_site writes it for the pages of site (each
    passed once, as a build passes it), with search's names replaced."""
    from samverkan.publish import search as module
    from samverkan.publish.htmlpass import PagePass

    entries: dict = {}
    passing = PagePass(site, None, entries)
    for page in sorted(site.rglob("*.html")):
        passing(page)
    passing.finish()
    for name, value in replaced.items():
        monkeypatch.setattr(module, name, value)
    module.index_site(site, proper_names(validate(ROOT / "content", ROOT)), entries)
    output = site / module.OUTPUT
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_pagefind_reads_a_pages_own_text_alone_and_builds_the_same_index_as_from_the_whole_page(built_site, tmp_path, monkeypatch):
    import shutil

    from samverkan.publish import search as module

    shutil.copytree(built_site, tmp_path / "site")
    read: list[str] = []
    run = module._run_pagefind

    def reading(pages: Path, output: Path) -> None:
        read.extend(p.read_text("utf-8") for p in pages.rglob("*.html"))
        run(pages, output)

    small = _indexed(tmp_path / "site", monkeypatch, _run_pagefind=reading)
    assert read and not [text for text in read if "<nav" in text], "Pagefind was given the menus too"
    whole = _indexed(tmp_path / "site", monkeypatch, pagefind_copy=lambda text, offset, hidden: text[:offset] + hidden + text[offset:])
    assert small == whole


@pytest.mark.parametrize("room", [True, False])
def test_pagefinds_copies_go_to_memory_when_there_is_room_and_beside_the_site_when_not(built_site, tmp_path, monkeypatch, room):
    import shutil

    from samverkan.publish import search as module

    shutil.copytree(built_site, tmp_path / "site")
    memory = tmp_path / "minne"
    memory.mkdir()
    if not room:
        monkeypatch.setattr(module.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(1 << 20, 1 << 20, 0))
    where: list[Path] = []
    run = module._run_pagefind
    _indexed(tmp_path / "site", monkeypatch, SCRATCH=memory, _run_pagefind=lambda pages, output: (where.append(pages.parent), run(pages, output)))
    assert where == [memory if room else tmp_path]
