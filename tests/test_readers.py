"""Reader-facing pages that come from their own content: the state of the
investigation and the decision tracker, the glossary, the accessibility
statement and the printable summary."""

import re

from bs4 import BeautifulSoup

from conftest import html_pages, visible_text
from harness.project import edit
from harness.searching import index_records
from samverkan.content.validate import validate
from samverkan.pages.render import render
from samverkan.pages.swedish import sv_key
from samverkan.paths import ROOT

PROCESS = "utredningar/samverkan-i-bergslagen/process.yml"


def _decide(content, kommun, day, outcome):
    edit(content / PROCESS, f"    - kommun: {kommun}\n      status: vantar\n",
         f"    - kommun: {kommun}\n      status: beslutad\n      datum: {day}\n      utfall: {outcome}\n")


def _process_page(content) -> str:
    files = render(validate(content, content.parent))
    return files["samverkan-i-bergslagen/process.md"]


def _tracker_rows(markdown: str, heading: str) -> list[str]:
    section = markdown.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    html = BeautifulSoup(section, "html.parser")
    return [" | ".join(td.get_text(" ", strip=True) for td in tr.select("td")) for tr in html.select("tbody tr")]


def test_real_content_has_every_decision_pending_and_no_responses():
    markdown = _process_page(ROOT / "content")
    assert _tracker_rows(markdown, "Beslut i kommunerna") == [
        f"{k} | Väntar på beslut | – | –" for k in ("Hällefors kommun", "Ljusnarsbergs kommun", "Lindesbergs kommun", "Nora kommun")
    ]
    # No replies: no table, and nothing made up about them.
    assert "Remissen går till samtliga partier." in markdown and "Parti" not in markdown


def _status(markdown: str) -> list[str]:
    """The state box(es) of a page: title and text."""
    return [f"{m[1]}: {' '.join(m[2].split())}" for m in re.finditer(r'^!!! info "(.+)"\n((?:    .+\n)+)', markdown, re.M)]


# Pages about how the work was done: they show no state, and keep their source's date.
WITHOUT_STATE = ("samverkan-i-bergslagen/styrgrupp.md", "samverkan-i-bergslagen/gemensam-bild.md",
                 # The source word for word, dated by the source.
                 "samverkan-i-bergslagen/kalla.md")


def _about_the_investigation(files: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in files.items()
            if path.startswith("samverkan-i-bergslagen/") and path not in WITHOUT_STATE}


def test_recording_decisions_changes_every_page_that_speaks_of_them(content_copy):
    def pages():
        return _about_the_investigation(render(validate(content_copy, content_copy.parent)))

    before = pages()
    state = "Läget den 7 april 2015: Utredningen är avslutad. Förslagen är inte beslutade. Beslut väntas om ledning och styrning av BMB och BKT. Nästa steg är en remiss till samtliga partier."
    assert {path: _status(text) for path, text in before.items()} == {path: [state] for path in before}

    _decide(content_copy, "nora", "2015-06-15", "Bifall till förslaget (testdata)")
    one = pages()
    state = ("Läget den 15 juni 2015: Utredningen är avslutad. Kommunfullmäktige har beslutat i en av fyra kommuner: Nora (15 juni 2015)."
             " Beslut väntas i Hällefors, Ljusnarsberg och Lindesberg.")
    for path, text in one.items():
        assert _status(text) == [state], path
        assert "uppdaterad: '2015-06-15'" in text and "uppdaterad_text: 15 juni 2015" in text, path
        assert "inte beslutade" not in text, path
    assert _tracker_rows(one["samverkan-i-bergslagen/process.md"], "Beslut i kommunerna")[3] == (
        "Nora kommun | Beslutat | 15 juni 2015 | Bifall till förslaget (testdata)")

    # The portal's lists say the same in a few words, from the same data.
    portal = render(validate(content_copy, content_copy.parent))
    assert "**Läge:** Avslutad, beslutad i en av fyra kommuner. **Senast ändrad:** 15 juni 2015." in portal["index.md"]
    waiting, decided = portal["alla-utredningar.md"].split("{ #beslutade }")
    assert "Samverkan i Bergslagen" in waiting and "Samverkan i Bergslagen" not in decided

    for kommun, day in (("hallefors", "2015-06-16"), ("ljusnarsberg", "2015-06-17"), ("lindesberg", "2015-06-18")):
        _decide(content_copy, kommun, day, "Bifall (testdata)")
    four = pages()
    portal = render(validate(content_copy, content_copy.parent))
    assert "**Läge:** Avslutad, beslutad i alla kommuner." in portal["index.md"]
    waiting, decided = portal["alla-utredningar.md"].split("{ #beslutade }")
    assert "Samverkan i Bergslagen" not in waiting and "Samverkan i Bergslagen" in decided
    state = ("Läget den 18 juni 2015: Utredningen är avslutad. Kommunfullmäktige har beslutat i alla fyra kommunerna:"
             " Hällefors (16 juni 2015), Ljusnarsberg (17 juni 2015), Lindesberg (18 juni 2015) och Nora (15 juni 2015).")
    for path, text in four.items():
        assert _status(text) == [state], path
        assert "uppdaterad_text: 18 juni 2015" in text and "Beslut väntas" not in text, path
    files = render(validate(content_copy, content_copy.parent))
    for path in WITHOUT_STATE:
        assert not _status(files[path]) and "uppdaterad_text: 7 april 2015" in files[path], path
    # The glossary shows no dated content of its own: it follows the site's newest date.
    assert "uppdaterad_text: 18 juni 2015" in files["ordlista.md"]


def test_fully_decided_with_responses(content_copy):
    for kommun in ("hallefors", "ljusnarsberg", "lindesberg", "nora"):
        _decide(content_copy, kommun, "2015-06-15", "Bifall (testdata)")
    path = content_copy / PROCESS
    path.write_text(path.read_text("utf-8").replace("  svar: []\n", (
        "  svar:\n"
        "    - parti: Parti A (testdata)\n      status: inkommet\n      datum: 2015-05-04\n      sammanfattning: Tillstyrker.\n"
        "    - parti: Parti B (testdata)\n      status: inget_svar\n")), "utf-8")
    markdown = _process_page(content_copy)
    assert {r.split(" | ")[1] for r in _tracker_rows(markdown, "Beslut i kommunerna")} == {"Beslutat"}
    assert _tracker_rows(markdown, "Remissen") == [
        "Parti A (testdata) | Svar inkommet | 4 maj 2015 | Tillstyrker.",
        "Parti B (testdata) | Inget svar ännu | – | –",
    ]
    assert "Remissvar har kommit in från Parti A (testdata)." in _status(markdown)[0]


def test_the_tracker_becomes_cards_on_a_phone(served_site, browser):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(served_site + "samverkan-i-bergslagen/process/")
    cell = page.locator("table.sib-korttabell td").nth(1)
    assert page.evaluate("e => getComputedStyle(e).display", cell.element_handle()) == "block"
    label = page.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle())
    assert label == '"Läge: "'
    page.close()


def test_swedish_sort_order_puts_a_ring_a_umlaut_o_umlaut_after_z():
    words = ["Öppen", "ärende", "Zon", "åtgärd", "apa", "Östra", "byggnämnd", "Ärlig"]
    assert sorted(words, key=sv_key) == ["apa", "byggnämnd", "Zon", "åtgärd", "ärende", "Ärlig", "Öppen", "Östra"]


def test_the_glossary_is_one_sorted_list(content_copy):
    path = content_copy / "ordlista.yml"
    path.write_text(path.read_text("utf-8") + "  - term: öppen nämnd (testdata)\n    forklaring: x\n  - term: ärende (testdata)\n    forklaring: y\n  - term: åtgärd (testdata)\n    forklaring: z\n", "utf-8")
    markdown = render(validate(content_copy, content_copy.parent))["ordlista.md"]
    entries = re.findall(r"^\*\*(.+?)\*\*$", markdown, re.M)
    assert entries[-3:] == ["åtgärd (testdata)", "ärende (testdata)", "öppen nämnd (testdata)"]
    assert entries == sorted(entries, key=sv_key)
    assert "BKT" in entries and "arbetsutskott" in entries  # abbreviations and words in one list


# Words on the pages that a newcomer to municipal Swedish may not know.
HARD_WORDS = ("BKT", "BMB", "KNÖL", "arbetsutskott", "delegation", "direktion", "ersättare", "företagslots", "förvaltning",
              "gemensam nämnd", "kommunalförbund", "kommunchef", "kommunfullmäktige", "kommunstyrelseordförande",
              "myndighetsutövning", "nämnd", "remiss", "styrgrupp", "tillväxtförvaltning", "värdkommun")


def test_the_glossary_explains_every_hard_word_the_pages_use_and_nothing_else(built_site):
    soup = BeautifulSoup((built_site / "ordlista" / "index.html").read_text("utf-8"), "html.parser")
    entries = [dt.get_text(strip=True) for dt in soup.select("article dl > dt")]
    pages = " ".join(visible_text(p).casefold() for p in html_pages(built_site) if "ordlista" not in p.parts)
    assert set(HARD_WORDS) <= set(entries)
    unused = [e for e in entries if e.casefold() not in pages]
    assert not unused


def test_the_accessibility_statement_has_what_digg_requires_and_every_page_links_to_it(built_site):
    page = built_site / "tillganglighet" / "index.html"
    text = visible_text(page)
    for part in ("Kommunerna i norra länsdelen/Nora kommunförvaltning", "Gemensamma utredningar i norra länsdelen", "delvis förenlig",
                 "Kända brister", "Hur vi testat webbplatsen", "27 november 2026", "Om du hittar brister", "Digg", "axe",
                 # No contact route in content: the statement says so, and invents none.
                 "Det finns ingen funktion för att meddela brister.",
                 # No known WCAG failure, and the method's limit stated as a limit.
                 "Vi känner inte till något kriterium i WCAG 2.1 nivå A eller AA som webbplatsen inte uppfyller.",
                 "Granskningen har inte omfattat någon manuell kontroll med skärmläsare"):
        assert part in text, part
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert soup.select_one("article a[href='https://www.digg.se/tdosanmalan']")
    assert not soup.select("article a[href^='mailto:']")
    for page in html_pages(built_site):
        footer = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("footer a.sib-tillganglighet")
        assert footer and footer.get_text(strip=True) == "Tillgänglighetsredogörelse", page
        assert (page.parent / footer["href"]).resolve() == (built_site / "tillganglighet").resolve()


def test_a_contact_route_in_content_replaces_the_missing_one(content_copy):
    path = content_copy / "tillganglighet.yml"
    path.write_text(path.read_text("utf-8") + "kontakt:\n  text: Skicka e-post (testdata)\n  url: mailto:test@example.invalid\n", "utf-8")
    markdown = render(validate(content_copy, content_copy.parent))["tillganglighet.md"]
    assert "[Skicka e-post (testdata)](<mailto:test@example.invalid>)" in markdown
    assert "Det finns ingen funktion för att meddela brister" not in markdown


def test_the_printable_summary_is_one_page_left_out_of_search(built_site):
    folder = built_site / "samverkan-i-bergslagen"
    squeeze = lambda text: "".join(text.split())  # noqa: E731 - compare words, not spacing
    whole = squeeze(visible_text(folder / "hela-utredningen" / "index.html"))
    for page in ("", "bkt", "bmb", "styrgrupp", "gemensam-bild", "process"):
        article = BeautifulSoup((folder / page / "index.html").read_text("utf-8"), "html.parser").select_one("article")
        for about in article.select(".sib-sidinfo"):
            about.decompose()  # each page's own source passages, not its text
        for block in article.select("p:not([aria-hidden]), li, td"):
            assert squeeze(block.get_text()) in whole, (page, block.get_text()[:60])
    soup = BeautifulSoup((folder / "hela-utredningen" / "index.html").read_text("utf-8"), "html.parser")
    assert len(soup.select("article h1")) == 1 and len(soup.select("article .admonition")) == 1
    assert soup.select_one("article h1").get_text(strip=True) == "Utskriftsvänlig sammanfattning: Samverkan i Bergslagen"
    assert not [r for r in index_records(built_site) if "hela-utredningen" in r["url"]]
