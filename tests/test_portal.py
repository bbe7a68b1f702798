"""The site as a portal for many investigations: each one's ids are its own,
and pages that are not about one investigation stay small as they multiply."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.project import build_project, copy_content, copy_investigation, make_project
from samverkan.paths import ROOT

COPIES = 20


@pytest.fixture(scope="module")
def twenty(tmp_path_factory) -> Path:
    """The real content plus twenty investigations made by the README's copy
    recipe (folder name, id and titel changed, nothing else), built."""
    where = tmp_path_factory.mktemp("twenty")
    content = where / "content"
    copy_content(content)
    for i in range(1, COPIES + 1):
        copy_investigation(content, f"kopia-{i:02d}", f"Kopia nummer {i}")
    return build_project(make_project(where, content))


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def test_twenty_copied_investigations_build_each_with_its_own_events(twenty):
    for i in range(1, COPIES + 1):
        page = twenty / f"kopia-{i:02d}" / "bkt" / "index.html"
        assert page.exists(), page
        # The proposal was made at the copy's own steering-group meeting.
        assert "20 mars 2015" in _soup(page).get_text()
        assert f"Kopia nummer {i}" in _soup(twenty / f"kopia-{i:02d}" / "index.html").get_text()


def test_an_event_id_is_unique_within_its_investigation_and_known_only_there(content_copy):
    from harness.project import edit
    from samverkan.content.validate import validate
    from samverkan.errors import ContentErrors

    copy = copy_investigation(content_copy, "kopia", "Kopia", content_copy / "utredningar" / "samverkan-i-bergslagen")
    process = (copy / "process.yml").read_text("utf-8")
    first, second = [line.split(": ")[1] for line in process.splitlines() if line.startswith("  - id: ")][:2]
    edit(copy / "process.yml", f"  - id: {second}\n", f"  - id: {first}\n")
    edit(copy / "forslag-bkt.yml", "lagt_vid: ", "lagt_vid: finns-bara-i-en-annan-")
    with pytest.raises(ContentErrors) as raised:
        validate(content_copy, content_copy.parent)
    errors = raised.value.errors
    # Every error is the copy's; the original, with the same ids, is fine.
    assert all("/kopia/" in e.file for e in errors)
    assert any(e.file.endswith("process.yml") and "används redan" in e.message for e in errors)
    assert any(e.file.endswith("forslag-bkt.yml") and "finns-bara-i-en-annan-" in e.message for e in errors)


def test_the_start_page_names_each_copy_and_stays_within_three_times_its_single_size(twenty, built_site):
    from samverkan.pages.plan import START_CARDS

    start = twenty / "index.html"
    cards = [a.get_text(strip=True) for a in _soup(start).select("article h3 a")]
    assert {f"Kopia nummer {i}" for i in range(1, COPIES + 1)} <= set(cards)
    # Full at the limit: more investigations add no cards, only "Alla utredningar".
    assert len(cards) == START_CARDS
    assert start.stat().st_size <= 3 * (built_site / "index.html").stat().st_size
    everything = _soup(twenty / "alla-utredningar" / "index.html").get_text()
    assert all(f"Kopia nummer {i}" in everything for i in range(1, COPIES + 1)) and "Samverkan i Bergslagen" in everything


def test_every_page_but_the_whole_list_stays_within_three_times_its_size_at_one_investigation(twenty, built_site):
    from harness.pagesize import LIMIT, WHOLE_LIST, growth, page_sizes
    from samverkan.pages.plan import NEWEST

    at_one, at_many = page_sizes(built_site), page_sizes(twenty)
    ratios = growth(at_one, at_many)
    assert sorted(at_many) == sorted(at_one)
    assert {k: round(r, 2) for k, r in ratios.items() if r > LIMIT} == {}
    # Twenty-one investigations are past every list's cap, so these sizes are
    # the sizes at 500 too: a municipality's and an organisation's page name
    # exactly NEWEST investigations and link to the rest.
    assert NEWEST < COPIES
    for page in ("kommuner/nora/index.html", "organisationer/bkt/index.html"):
        named = {a["href"].split("/")[2] for a in _soup(twenty / page).select("article a[href^='../../']")
                 if a["href"].split("/")[2] not in ("alla-utredningar", "")}
        assert len(named) == NEWEST, (page, named)
    # The whole list is the one page that grows: a row per investigation.
    assert len(_soup(twenty / WHOLE_LIST).select("tr[data-lage]")) == COPIES + 1


def test_a_municipality_and_an_organisation_page_sum_up_and_link_to_their_filtered_list(twenty, built_site):
    nora = _soup(twenty / "kommuner" / "nora" / "index.html").select_one("article")
    text = " ".join(nora.get_text().split())
    assert "21 utredningar berör Nora. Enligt uppgifterna den 7 april 2015 väntades beslut i Nora kommun i 21 av dem. Nedan står de fem senast ändrade." in text
    link = nora.find("a", string="Alla utredningar som berör Nora")
    assert link["href"] == "../../alla-utredningar/?kommun=nora"
    bkt = _soup(twenty / "organisationer" / "bkt" / "index.html").select_one("article")
    assert "21 utredningar gäller BKT. Nedan står de fem senast ändrade." in " ".join(bkt.get_text().split())
    link = next(a for a in bkt.find_all("a") if a.get_text() == "Alla utredningar som gäller BKT")
    assert link["href"] == "../../alla-utredningar/?organisation=bkt"
    # At one investigation there is nothing more to show, and no count of the shown.
    single = " ".join(_soup(built_site / "kommuner" / "nora" / "index.html").select_one("article").get_text().split())
    assert "En utredning berör Nora. Enligt uppgifterna den 7 april 2015 väntades beslut i Nora kommun." in single and "senast ändrade" not in single


@pytest.fixture(scope="module")
def varied(tmp_path_factory) -> Path:
    """The real investigation and three copies that differ in what the filter
    on "Alla utredningar" chooses by: one only about BKT, one decided in
    every municipality, one concerning only Hällefors and Nora."""
    from harness.project import edit

    where = tmp_path_factory.mktemp("varied")
    content = where / "content"
    copy_content(content)
    bkt = copy_investigation(content, "bara-bkt", "Bara om BKT")
    edit(bkt / "utredning.yml", "organisationer: [bkt, bmb]", "organisationer: [bkt]")
    (bkt / "forslag-bmb.yml").unlink()
    decided = copy_investigation(content, "beslutad", "Beslutad överallt")
    for kommun in ("hallefors", "ljusnarsberg", "lindesberg", "nora"):
        edit(decided / "process.yml", f"    - kommun: {kommun}\n      status: vantar\n",
             f"    - kommun: {kommun}\n      status: beslutad\n      datum: 2015-06-15\n      utfall: Bifall (testdata)\n")
    two = copy_investigation(content, "tva-kommuner", "Två kommuner")
    edit(two / "utredning.yml", "kommuner: [hallefors, ljusnarsberg, lindesberg, nora]", "kommuner: [hallefors, nora]")
    edit(two / "process.yml", "    - kommun: ljusnarsberg\n      status: vantar\n", "")
    edit(two / "process.yml", "    - kommun: lindesberg\n      status: vantar\n", "")
    return build_project(make_project(where, content))


def _shown(page) -> list[str]:
    """The titles of the rows a reader sees, and the count the page says."""
    return page.eval_on_selector_all("tr[data-lage]", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.cells[0].innerText)")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_whole_list_filters_without_a_reload_by_keyboard_and_from_the_address(varied, browser, width):
    from harness.servers import served

    every = ["Bara om BKT", "Samverkan i Bergslagen", "Två kommuner", "Beslutad överallt"]
    with served(varied) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base + "alla-utredningar/")
        assert page.is_visible("#sib-filter")
        assert sorted(_shown(page)) == sorted(every)
        page.evaluate("window.sibSammaSida = true")  # gone if the page reloads
        # By keyboard: Tab to the organisation BMB, Enter.
        bmb = page.locator('#sib-filter a[data-filter="organisation"][data-varde="bmb"]')
        for _ in range(60):
            page.keyboard.press("Tab")
            if bmb.evaluate("a => a === document.activeElement"):
                break
        page.keyboard.press("Enter")
        assert sorted(_shown(page)) == ["Beslutad överallt", "Samverkan i Bergslagen", "Två kommuner"]
        assert page.evaluate("window.sibSammaSida") is True
        assert page.url.endswith("alla-utredningar/?organisation=bmb")
        assert bmb.get_attribute("aria-current") == "true"
        # And a municipality with the mouse: the two choices together.
        page.click('#sib-filter a[data-filter="kommun"][data-varde="ljusnarsberg"]')
        assert sorted(_shown(page)) == ["Beslutad överallt", "Samverkan i Bergslagen"]
        assert page.url.endswith("?kommun=ljusnarsberg&organisation=bmb")
        assert page.inner_text("#sib-filter-status") == "Visar 2 av 4 utredningar."
        # A state the choice empties says so; the other state keeps its rows.
        page.click('#sib-filter a[data-filter="lage"][data-varde="beslutade"]')
        assert _shown(page) == ["Beslutad överallt"]
        assert page.is_visible("text=Inga utredningar här med det här urvalet.")
        # The open group's year and table go, not just their rows (phones show rows as cards).
        assert not page.is_visible("#oppna-2015") and not page.locator("table.sib-korttabell").first.is_visible()
        assert page.evaluate("window.sibSammaSida") is True
        # The municipality's page links to its list, and the list opens filtered.
        page.goto(base + "kommuner/ljusnarsberg/")
        page.click("text=Alla utredningar som berör Ljusnarsberg")
        # The click returns once the list starts loading; its filter is a
        # module script, which runs when the page has loaded.
        page.wait_for_url(re.compile(r"/alla-utredningar/\?kommun=ljusnarsberg$"), wait_until="load")
        assert sorted(_shown(page)) == ["Bara om BKT", "Beslutad överallt", "Samverkan i Bergslagen"]
        assert page.locator('#sib-filter a[aria-current="true"]').all_inner_texts() == ["Ljusnarsberg", "Alla", "Alla"]
        page.close()
        # Without JavaScript: the plain grouped list, no filter that does nothing.
        context = browser.new_context(java_script_enabled=False)
        plain = context.new_page()
        plain.goto(base + "alla-utredningar/?kommun=ljusnarsberg")
        assert not plain.is_visible("#sib-filter")
        assert sorted(_shown(plain)) == sorted(every)
        assert plain.locator("h2").all_inner_texts()[:2] == ["Väntar på beslut eller pågår", "Beslutade i alla kommuner"]
        context.close()


def _menu(page: Path) -> list[str]:
    """The menu's own entries (not the page's table of contents inside it, on a phone)."""
    return [" ".join(li.get_text().split())[:40] for li in _soup(page).select("nav.md-nav--primary > ul > li")]


def test_menus_outside_an_investigation_do_not_grow_with_the_site(twenty, built_site):
    for page in ("index.html", "alla-utredningar/index.html", "ordlista/index.html", "tillganglighet/index.html", "404.html"):
        assert len(_menu(twenty / page)) == len(_menu(built_site / page)), page
    inside = "kopia-07/process/index.html"
    assert len(_menu(twenty / inside)) == len(_menu(built_site / "samverkan-i-bergslagen/process/index.html"))


def test_the_site_name_is_not_an_investigation_title_and_the_menu_says_no_title_twice(built_site):
    from samverkan.content.validate import validate

    site = validate(ROOT / "content", ROOT)
    assert site.webbplats.namn not in {inv.meta.titel for inv in site.investigations}
    for page in ("index.html", "samverkan-i-bergslagen/index.html"):
        soup = _soup(built_site / page)
        assert soup.select_one(".md-header__topic").get_text(strip=True) == site.webbplats.namn
        menu = soup.select_one("nav.md-nav--primary")
        names = [" ".join(t.get_text().split()) for t in menu.select(".md-nav__title, .md-nav__link") if t.get_text(strip=True)]
        assert names.count(site.webbplats.namn) == 1, names
    assert not [entry for entry in _menu(built_site / "index.html") if entry.startswith("Samverkan i Bergslagen")]


def _section(markdown: str, heading: str) -> str:
    """The text under a ## heading, up to the next one."""
    return markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_a_decision_and_a_new_investigation_show_on_the_municipality_and_organisation_pages(content_copy):
    from harness.project import edit
    from samverkan.content.validate import validate
    from samverkan.pages.render import render

    def pages():
        return render(validate(content_copy, content_copy.parent))

    before = pages()
    assert "[Samverkan i Bergslagen](../samverkan-i-bergslagen/process.md)" in _section(before["kommuner/nora.md"], "Väntar på beslut")
    # Nothing decided: no "Beslutat" section to say it again; the dated summary says it once.
    assert "\n## Beslutat\n" not in before["kommuner/nora.md"]
    assert "Enligt uppgifterna den 7 april 2015 väntades beslut i Nora kommun." in before["kommuner/nora.md"]

    original = content_copy / "utredningar" / "samverkan-i-bergslagen"
    copy = copy_investigation(content_copy, "ny-utredning", "En ny utredning", original)
    edit(original / "process.yml", "    - kommun: nora\n      status: vantar\n",
         "    - kommun: nora\n      status: beslutad\n      datum: 2015-06-15\n      utfall: Bifall (testdata)\n")
    edit(copy / "utredning.yml", "organisationer: [bkt, bmb]", "organisationer: [bkt]")
    (copy / "forslag-bmb.yml").unlink()
    after = pages()

    nora = after["kommuner/nora.md"]
    assert "[Samverkan i Bergslagen](../samverkan-i-bergslagen/process.md), 15 juni 2015: Bifall (testdata)" in _section(nora, "Beslutat")
    waiting = _section(nora, "Väntar på beslut")
    assert "En ny utredning" in waiting and "Samverkan i Bergslagen" not in waiting
    # Hällefors has decided nothing: both investigations wait for its council.
    assert _section(after["kommuner/hallefors.md"], "Väntar på beslut").count("](../") == 2
    assert "[Förslagen om BKT](../ny-utredning/bkt.md) i utredningen En ny utredning" in _section(nora, "Förslag som berör Nora")

    bkt, bmb = after["organisationer/bkt.md"], after["organisationer/bmb.md"]
    assert "[Förslagen om BKT](../ny-utredning/bkt.md)" in bkt and "[Förslagen om BKT](../samverkan-i-bergslagen/bkt.md)" in bkt
    assert "ny-utredning" not in bmb
    assert "| Anställda | cirka 170 |" in bkt and "## BKT i april 2015" in bkt


def test_make_ny_utredning_scaffolds_a_draft_that_builds_and_publishes_nothing(tmp_path):
    import subprocess

    project = make_project(tmp_path)
    done = subprocess.run(["make", "--no-print-directory", "ny-utredning", "ID=ny-utredning", "TITEL=Ny utredning: 4711",
                           f"RUN=.venv/bin/python -m samverkan --content {project / 'content'}"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    folder = project / "content" / "utredningar" / "ny-utredning"
    assert sorted(p.name for p in folder.iterdir()) == ["gemensam-bild.yml", "process.yml", "styrgrupp.yml", "utredning.yml"]
    assert "publicera: false" in (folder / "utredning.yml").read_text("utf-8")
    site = build_project(project)
    # No page for readers names it; the browser editor's configuration does,
    # so that the draft can be written in the browser.
    assert not [p for p in site.rglob("*") if p.is_file() and b"4711" in p.read_bytes() and p.parent.name != "redaktor"]
    assert not (site / "ny-utredning").exists()
    # Published with its placeholders, it is refused; written, it builds:
    # every required file is there and valid.
    from harness.project import edit
    from samverkan.cli import main

    edit(folder / "utredning.yml", "publicera: false\n", "")
    assert main(["check", "--content", str(project / "content")]) == 1
    for path in folder.iterdir():
        path.write_text(path.read_text("utf-8").replace("SKRIV: ", ""), "utf-8")
    assert "Ny utredning: 4711" in (build_project(project) / "ny-utredning" / "index.html").read_text("utf-8")


RFC3339 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"


def _check_atom(xml: bytes) -> list:
    """The feed as a feed reader parses it, and the rules of the W3C feed
    validator that need no network: ids are URIs and unique, dates are
    RFC 3339, the feed has a title, an author, a self and an alternate link,
    and every entry its id, title, updated and alternate link."""
    import re
    import xml.etree.ElementTree as ET

    import feedparser

    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(xml)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for element in [root, *root.findall("a:entry", ns)]:
        for child in ("a:id", "a:title", "a:updated"):
            assert len(element.findall(child, ns)) == 1, (child, ET.tostring(element)[:200])
        assert re.match(r"^urn:uuid:[0-9a-f-]{36}$", element.findtext("a:id", namespaces=ns))
        assert re.match(RFC3339, element.findtext("a:updated", namespaces=ns))
        assert any(link.get("rel", "alternate") == "alternate" and link.get("href") for link in element.findall("a:link", ns))
    assert [link for link in root.findall("a:link", ns) if link.get("rel") == "self" and link.get("type") == "application/atom+xml"]
    assert root.find("a:author/a:name", ns).text.strip()
    ids = [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert len(ids) == len(set(ids))
    # The feed is as new as its newest entry.
    assert root.findtext("a:updated", namespaces=ns) == max(e.findtext("a:updated", namespaces=ns) for e in root.findall("a:entry", ns))
    return parsed


def test_the_feed_is_valid_atom_and_its_links_lead_to_pages(built_site):
    feed = built_site / "feed.xml"
    parsed = _check_atom(feed.read_bytes())
    assert parsed.feed.title == "Gemensamma utredningar i norra länsdelen: senaste ändringar"
    for entry in parsed.entries:
        assert (built_site / entry.link / "index.html").exists(), entry.link
    assert (built_site / "feed.xml.gz").exists()  # sent gzipped like the pages
    head = _soup(built_site / "kommuner" / "nora" / "index.html").select_one('link[rel=alternate][type="application/atom+xml"]')
    assert (built_site / "kommuner" / "nora" / head["href"]).resolve() == feed.resolve()


def test_a_decision_is_the_newest_change_in_the_feed_and_on_the_page_and_rebuilds_are_identical(content_copy):
    from harness.project import edit
    from samverkan.content.validate import validate
    from samverkan.pages.render import render

    process = content_copy / "utredningar" / "samverkan-i-bergslagen" / "process.yml"
    edit(process, "    - kommun: nora\n      status: vantar\n",
         "    - kommun: nora\n      status: beslutad\n      datum: 2015-06-15\n      utfall: Bifall (testdata)\n")
    copy_investigation(content_copy, "ny-utredning", "En ny utredning", content_copy / "utredningar" / "samverkan-i-bergslagen")
    files = render(validate(content_copy, content_copy.parent))
    assert files == render(validate(content_copy, content_copy.parent))  # same content, same bytes
    parsed = _check_atom(files["feed.xml"].encode())
    newest = parsed.entries[0]
    assert newest.title in {"Samverkan i Bergslagen: Nora kommun har beslutat", "En ny utredning: Nora kommun har beslutat"}
    assert newest.updated.startswith("2015-06-15") and parsed.feed.updated.startswith("2015-06-15")
    assert sum("Nora kommun har beslutat" in e.title for e in parsed.entries) == 2
    page = files["senaste-andringar.md"]
    first = next(line for line in page.splitlines() if line.startswith("- "))
    assert first.startswith("- 15 juni 2015: [") and "Nora kommun har beslutat" in first
    assert "[En ny utredning: informationen uppdaterad](ny-utredning/index.md)" in page
