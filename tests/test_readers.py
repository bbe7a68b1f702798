"""Reader-facing pages that come from their own content: the decision tracker,
the glossary, the accessibility statement and the whole investigation."""

import json
import re

from bs4 import BeautifulSoup

from conftest import html_pages, visible_text
from harness.project import edit
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
    assert "Inga remissvar har kommit in ännu." in markdown


def test_partly_decided(content_copy):
    _decide(content_copy, "nora", "2015-06-15", "Bifall till förslaget (testdata)")
    rows = _tracker_rows(_process_page(content_copy), "Beslut i kommunerna")
    assert rows[3] == "Nora kommun | Beslutat | 15 juni 2015 | Bifall till förslaget (testdata)"
    assert [r.split(" | ")[1] for r in rows[:3]] == ["Väntar på beslut"] * 3


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
    assert _tracker_rows(markdown, "Remissvar från partierna") == [
        "Parti A (testdata) | Svar inkommet | 4 maj 2015 | Tillstyrker.",
        "Parti B (testdata) | Inget svar ännu | – | –",
    ]
    assert "Inga remissvar" not in markdown


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


def test_the_glossary_is_sorted_and_complete(content_copy):
    path = content_copy / "ordlista.yml"
    path.write_text(path.read_text("utf-8") + "  - term: öppen nämnd (testdata)\n    forklaring: x\n  - term: ärende (testdata)\n    forklaring: y\n  - term: åtgärd (testdata)\n    forklaring: z\n", "utf-8")
    markdown = render(validate(content_copy, content_copy.parent))["ordlista.md"]
    terms = re.findall(r"^\*\*(.+?)\*\*$", markdown.split("## Ord och begrepp")[1], re.M)
    assert terms[-3:] == ["åtgärd (testdata)", "ärende (testdata)", "öppen nämnd (testdata)"]
    assert terms == sorted(terms, key=sv_key)
    real = render(validate(ROOT / "content", ROOT))["ordlista.md"]
    for word in ("BKT", "BMB", "KNÖL", "KS", "KF", "kommunalförbund", "direktion", "gemensam nämnd", "värdkommun", "remiss", "arbetsutskott", "kommunfullmäktige"):
        assert f"**{word}**" in real, word


def test_the_accessibility_statement_has_what_digg_requires_and_every_page_links_to_it(built_site):
    text = visible_text(built_site / "tillganglighet" / "index.html")
    for part in ("Kommunerna i norra länsdelen/Nora kommunförvaltning", "Samverkan i Bergslagen", "delvis förenlig",
                 "Kända brister", "Hur vi testat webbplatsen", "26 november 2026", "Om du hittar brister", "Digg", "axe"):
        assert part in text, part
    for page in html_pages(built_site):
        footer = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("footer a.sib-tillganglighet")
        assert footer and footer.get_text(strip=True) == "Tillgänglighetsredogörelse", page
        assert (page.parent / footer["href"]).resolve() == (built_site / "tillganglighet").resolve()


def test_the_whole_investigation_is_one_printable_page_left_out_of_search(built_site):
    folder = built_site / "samverkan-i-bergslagen"
    squeeze = lambda text: "".join(text.split())  # noqa: E731 - compare words, not spacing
    whole = squeeze(visible_text(folder / "hela-utredningen" / "index.html"))
    for page in ("", "bkt", "bmb", "styrgrupp", "gemensam-bild", "process"):
        article = BeautifulSoup((folder / page / "index.html").read_text("utf-8"), "html.parser").select_one("article")
        for block in article.select("p:not([aria-hidden]), li, td"):
            assert squeeze(block.get_text()) in whole, (page, block.get_text()[:60])
    soup = BeautifulSoup((folder / "hela-utredningen" / "index.html").read_text("utf-8"), "html.parser")
    assert len(soup.select("article h1")) == 1 and len(soup.select("article .admonition.warning")) == 1
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("samverkan-i-bergslagen/hela-utredningen")]
