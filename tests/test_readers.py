"""Reader-facing pages that come from their own content: the state of the
investigation and the decision tracker, the glossary, the accessibility
statement and the printable summary."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess

import yaml
from bs4 import BeautifulSoup

from conftest import html_pages, visible_text
from harness.project import build_project, copy_content, copy_investigation, edit, make_project
from harness.searching import index_records
from samverkan.content.validate import validate
from samverkan.editors.scaffold import scaffold
from samverkan.pages.history import text_dates
from samverkan.pages.render import render
from samverkan.pages.swedish import av, lower_first, sv_key, tal
from samverkan.paths import ROOT

PROCESS = "utredningar/samverkan-i-bergslagen/process.yml"
SITE_NAME = validate(ROOT / "content", ROOT).webbplats.namn


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
        f"{k} | Väntar på beslut | 7 april 2015 | –" for k in ("Hällefors kommun", "Ljusnarsbergs kommun", "Lindesbergs kommun", "Nora kommun")
    ]
    # No replies: no table, and nothing made up about them.
    assert "Remissvar" not in markdown and "Parti" not in markdown


def _status(markdown: str) -> list[str]:
    """The state box(es) of a page: title and text."""
    return [f"{m[1]}: {' '.join(m[2].split())}" for m in re.finditer(r'^!!! info "(.+)"\n((?:    .+\n)+)', markdown, re.M)]


# Pages about how the work was done: they show no state.
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
    state = "Läget den 7 april 2015: Utredningen är avslutad. Förslagen är inte beslutade. Beslut väntas om ledning och styrning av BMB och BKT. Nästa steg är en remiss till samtliga partier. Vi har inga uppgifter om beslut efter 7 april 2015."
    # Pages with the timeline leave the next step, which it shows dated, out of the box.
    with_timeline = {"samverkan-i-bergslagen/process.md", "samverkan-i-bergslagen/hela-utredningen.md"}
    assert {path: _status(text) for path, text in before.items()} == {
        path: [state.replace(" Nästa steg är en remiss till samtliga partier.", "") if path in with_timeline else state] for path in before}

    _decide(content_copy, "nora", "2015-06-15", "Bifall till förslaget (testdata)")
    one = pages()
    state = ("Läget den 15 juni 2015: Utredningen är avslutad. Kommunfullmäktige har beslutat i en av fyra kommuner: Nora (15 juni 2015)."
             " Beslut väntas i Hällefors, Ljusnarsberg och Lindesberg. Vi har inga uppgifter om beslut efter 15 juni 2015.")
    for path, text in one.items():
        assert _status(text) == [state], path
        assert "inte beslutade" not in text, path
    assert _tracker_rows(one["samverkan-i-bergslagen/process.md"], "Beslut i kommunerna")[3] == (
        "Nora kommun | Beslutat | 15 juni 2015 | Bifall till förslaget (testdata)")

    # The portal's lists say the same in a few words, from the same data.
    portal = render(validate(content_copy, content_copy.parent))
    assert "**Läget den 15 juni 2015:** Avslutad, beslutad i en av fyra kommuner." in portal["index.md"]
    waiting, decided = portal["alla-utredningar.md"].split("{ #beslutade }")
    assert "Samverkan i Bergslagen" in waiting and "Samverkan i Bergslagen" not in decided

    for kommun, day in (("hallefors", "2015-06-16"), ("ljusnarsberg", "2015-06-17"), ("lindesberg", "2015-06-18")):
        _decide(content_copy, kommun, day, "Bifall (testdata)")
    four = pages()
    portal = render(validate(content_copy, content_copy.parent))
    assert "**Läget den 18 juni 2015:** Avslutad, beslutad i alla kommuner." in portal["index.md"]
    waiting, decided = portal["alla-utredningar.md"].split("{ #beslutade }")
    assert "Samverkan i Bergslagen" not in waiting and "Samverkan i Bergslagen" in decided
    state = ("Läget den 18 juni 2015: Utredningen är avslutad. Kommunfullmäktige har beslutat i alla fyra kommunerna:"
             " Hällefors (16 juni 2015), Ljusnarsberg (17 juni 2015), Lindesberg (18 juni 2015) och Nora (15 juni 2015).")
    for path, text in four.items():
        assert _status(text) == [state], path
        assert "Beslut väntas" not in text, path
    files = render(validate(content_copy, content_copy.parent))
    for path in WITHOUT_STATE:
        assert not _status(files[path]), path


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
    assert "Svar på remissen till samtliga partier." in markdown
    assert _tracker_rows(markdown, "Remissvar") == [
        "Parti A (testdata) | Svar inkommet | 4 maj 2015 | Tillstyrker.",
        "Parti B (testdata) | Inget svar ännu | 15 juni 2015 | –",
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


# What the whole text does not say again, because another part of it says it:
# when the proposals were made (the timeline), the investigator and what the
# organisations do ("Om utredningen"). Each page's state box is one box at the top.
SAID_ONCE_IN_THE_WHOLE = ("Förslagen lades vid", "Utredare var", "Verksamhet", "Teknisk verksamhet", "Myndighetsutövning inom")


def test_the_whole_text_is_one_page_left_out_of_search(built_site):
    folder = built_site / "samverkan-i-bergslagen"
    squeeze = lambda text: "".join(text.split())  # noqa: E731 - compare words, not spacing
    whole = squeeze(visible_text(folder / "hela-utredningen" / "index.html"))
    for page in ("", "bkt", "bmb", "styrgrupp", "gemensam-bild", "process"):
        article = BeautifulSoup((folder / page / "index.html").read_text("utf-8"), "html.parser").select_one("article")
        for about in article.select(".sib-sidinfo"):
            about.decompose()  # each page's own source passages, not its text
        for block in article.select("p:not([aria-hidden]), li, td"):
            if block.find_parent(class_="admonition") or block.get_text().strip().startswith(SAID_ONCE_IN_THE_WHOLE):
                continue
            assert squeeze(block.get_text()) in whole, (page, block.get_text()[:60])
    soup = BeautifulSoup((folder / "hela-utredningen" / "index.html").read_text("utf-8"), "html.parser")
    assert len(soup.select("article h1")) == 1 and len(soup.select("article .admonition")) == 1
    assert soup.select_one("article h1").get_text(strip=True) == "All text på en sida: Samverkan i Bergslagen"
    assert not [r for r in index_records(built_site) if "hela-utredningen" in r["url"]]


# ------------------------------------------------------------ states carry their date

# Words that say what is, or is not, decided, or what comes next.
STATE_WORDS = re.compile(r"\b(beslutad\w*|beslutat|besluta|beslut väntas|väntar på beslut|väntade på beslut|"
                         r"nästa steg|inga uppgifter om beslut)\b", re.I)
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
# A day ("7 april 2015") or a month ("april 2015"): the date of the information.
DATED = re.compile(rf"\b(\d{{1,2}} )?({_MONTHS}) \d{{4}}\b", re.I)
# Where a statement of state may stand without its own date, and why:
# the glossary defines words ("innan beslut fattas"), it reports no state;
# a heading names a section whose every item carries its date.
UNDATED_BY_NATURE = ("ordlista",
                     # The source word for word ("Beslut väntas …"), under a heading that dates it.
                     "kalla")


def state_places(page) -> list[tuple[str, bool]]:
    """Every place on a page that speaks of a decision's state, and whether
    its date stands with it: in the sentence, the list item or paragraph,
    the table row (or its column heading), or the box or figure it is in."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    article = soup.select_one("article")
    for tag in article.select("[aria-hidden=true], script, style, h1, h2, h3, h4, h5, h6"):
        tag.decompose()
    places = []

    def unit(text: str, context: str = "") -> None:
        text = " ".join(text.split())
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if STATE_WORDS.search(sentence):
                places.append((sentence, bool(DATED.search(sentence) or DATED.search(text) or DATED.search(context))))

    for box in article.select(".admonition, figure"):
        unit(box.get_text(" "))
        box.decompose()
    for table in article.select("table"):
        heads = " ".join(th.get_text(" ") for th in table.select("thead th"))
        for tr in table.select("tbody tr"):
            unit(tr.get_text(" "), heads)
        table.decompose()
    for block in article.select("p, li, dd, dt"):
        if not block.select("p, li"):
            unit(block.get_text(" "))
    return places


def test_every_statement_of_state_carries_its_date(built_site):
    places = {p.relative_to(built_site).as_posix(): state_places(p) for p in html_pages(built_site)
              if not set(UNDATED_BY_NATURE) & set(p.relative_to(built_site).parts)}
    undated = {page: [s for s, dated in found if not dated] for page, found in places.items()}
    counted = sum(len(found) for found in places.values())
    dated = sum(dated for found in places.values() for _, dated in found)
    print(f"\nstatements of state carrying their date: {dated}/{counted}")
    assert counted > 20  # the check finds what it looks for
    assert not {page: s for page, s in undated.items() if s}


# ------------------------------------------------------------ Swedish that templates get right

# Every count from none to twelve, with a common-gender and a neuter noun.
NUMBER_TABLE = {
    0: ("inga ledamöter", "inga utskott"), 1: ("en ledamot", "ett utskott"), 2: ("två ledamöter", "två utskott"),
    3: ("tre ledamöter", "tre utskott"), 4: ("fyra ledamöter", "fyra utskott"), 5: ("fem ledamöter", "fem utskott"),
    6: ("sex ledamöter", "sex utskott"), 7: ("sju ledamöter", "sju utskott"), 8: ("åtta ledamöter", "åtta utskott"),
    9: ("nio ledamöter", "nio utskott"), 10: ("tio ledamöter", "tio utskott"), 11: ("elva ledamöter", "elva utskott"),
    12: ("tolv ledamöter", "tolv utskott"), 13: ("13 ledamöter", "13 utskott"),
}


def test_number_words_agree_with_the_noun_from_none_to_twelve():
    assert {n: (av(n, "ledamot"), av(n, "utskott")) for n in NUMBER_TABLE} == NUMBER_TABLE
    assert (av(0, "ersättare"), av(1, "ersättare"), av(1, "ordinarie ledamot")) == ("inga ersättare", "en ersättare", "en ordinarie ledamot")
    assert (tal(1, "en"), tal(1, "ett"), tal(0), tal(4), tal(170)) == ("en", "ett", "noll", "fyra", "170")


def test_lower_first_lowers_only_an_ordinary_capitalised_word():
    names = frozenset({"Lindesberg", "Bergslagens"})
    assert lower_first("Det är i ledningen", names) == "det är i ledningen"
    assert lower_first("I april", names) == "i april"
    assert lower_first("Styrgruppens sista sammanträde", names) == "styrgruppens sista sammanträde"
    for kept in ("BKT och BMB leds", "SKRIV: vad som ska hända", "KNÖL-kommunerna", "Lindesberg är kvar",
                 "Bergslagens miljö- och byggnämnd", "bKT", "”Citat”", ""):
        assert lower_first(kept, names) == kept


def test_templates_keep_names_and_count_members_right(content_copy):
    inv = content_copy / "utredningar" / "samverkan-i-bergslagen"
    edit(inv / "utredning.yml", "slutsats: Det är i ledningen", "slutsats: BKT och BMB behöver ändras. Det är i ledningen")
    edit(inv / "forslag-bkt.yml", "      ordinarie: 9\n      ersattare: 9\n", "      ordinarie: 1\n      ersattare: 0\n")
    edit(inv / "process.yml", "    beskrivning: Nästa steg är en remiss till samtliga partier.\n", "")
    edit(inv / "process.yml", "titel: Remiss till samtliga partier", "titel: 'BMB:s remiss'")
    files = render(validate(content_copy, content_copy.parent))
    assert "poängterar att BKT och BMB behöver ändras." in files["samverkan-i-bergslagen/index.md"]
    assert "Nämnden består av en ledamot och inga ersättare." in files["samverkan-i-bergslagen/bkt.md"]
    assert "Nästa steg: BMB:s remiss." in files["samverkan-i-bergslagen/index.md"]


# ------------------------------------------------------------ templates hold no investigation's text

def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _grams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w[\w-]*", text.casefold())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_a_new_investigation_shows_no_word_of_the_other_one(content_copy):
    """`make ny-utredning`'s files, published: no sentence of the BKT/BMB
    investigation may reach its pages (a template that holds one leaks it)."""
    folder = scaffold(content_copy, "ny-utredning", "Ny utredning (testdata)", dt.date(2026, 12, 6))
    edit(folder / "utredning.yml", "publicera: false\n", "")
    # Published, as make check allows it: with the placeholders' marks written over.
    for path in folder.iterdir():
        path.write_text(path.read_text("utf-8").replace("SKRIV: ", ""), "utf-8")
    files = render(validate(content_copy, content_copy.parent))
    pages = {path: text.split("\n---\n", 1)[1].split("\n*[", 1)[0] for path, text in files.items() if path.startswith("ny-utredning/")}
    assert len(pages) >= 5
    other = content_copy / "utredningar" / "samverkan-i-bergslagen"
    theirs = set().union(*(_grams(s) for f in other.glob("*.yml") for s in _strings(yaml.safe_load(f.read_text("utf-8")))))
    # What every investigation may share: the site-wide files (municipalities, organisations, documents).
    shared = set().union(*(_grams(s) for f in content_copy.glob("*.yml") for s in _strings(yaml.safe_load(f.read_text("utf-8")))))
    leaked = {path: sorted(" ".join(g) for g in (_grams(text) & theirs) - shared) for path, text in pages.items()}
    assert not {path: grams for path, grams in leaked.items() if grams}
    for word in ("Skinnars-Bruno", "drygt tio", "april 2015", "20 mars"):
        assert not [path for path, text in pages.items() if word in text], word


# ------------------------------------------------------------ a page's date is its text's

def _git(repo, *args, day=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", **({"GIT_COMMITTER_DATE": f"{day}T12:00:00", "GIT_AUTHOR_DATE": f"{day}T12:00:00"} if day else {})}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_a_page_is_dated_by_its_own_texts_history_never_by_its_source(tmp_path):
    project = tmp_path / "project"
    copy_content(project / "content")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "content", day="2026-11-20")
    glossary = project / "content" / "ordlista.yml"
    glossary.write_text(glossary.read_text("utf-8").replace("En mindre grupp ledamöter", "En liten grupp ledamöter"), "utf-8")
    _git(project, "commit", "-qam", "glossary", day="2026-11-25")
    site = validate(project / "content", project)

    def dates(today):
        files = render(site, history=text_dates(project, site.files, today=today))
        return {path: re.search(r"uppdaterad: '(.+)'", text)[1] for path, text in files.items() if path.endswith(".md")}

    shown = dates(dt.date(2026, 12, 6))
    assert shown["ordlista.md"] == "2026-11-25"  # the glossary's own edit
    assert shown["samverkan-i-bergslagen/styrgrupp.md"] == "2026-11-20"  # written then, about 2015
    assert shown["tillganglighet.md"] == "2026-11-27"  # content dates the statement later than its commit
    assert "2015" not in "".join(shown.values())
    # An edit not yet committed (the live preview) is today's text.
    styrgrupp = project / "content" / "utredningar" / "samverkan-i-bergslagen" / "styrgrupp.yml"
    styrgrupp.write_text(styrgrupp.read_text("utf-8") + "\n", "utf-8")
    assert dates(dt.date(2026, 12, 6))["samverkan-i-bergslagen/styrgrupp.md"] == "2026-12-06"
    # Outside git (a copy, an archive): the day the file was last written.
    shutil.rmtree(project / ".git")
    os.utime(glossary, (dt.datetime(2026, 12, 1, 12).timestamp(),) * 2)
    assert dates(dt.date(2026, 12, 6))["ordlista.md"] == "2026-12-01"
    # Without a history, a page claims no date rather than a wrong one.
    assert "uppdaterad" not in render(site)["ordlista.md"].split("---")[1]


# ------------------------------------------------------------ every field reaches a reader

# Text fields that are not meant to be read on a page, and why. Everything
# else an editor writes must show on at least one page.
METADATA_ONLY: dict[str, str] = {
    "utredning.kalla.original": "the source file's name when it came in: a record for editors of where the text came from",
    # Quotes that name a passage of the stored source (content/sources.py):
    # a page shows the passage itself, one click away from its "Källa".
    **{f"{kind}.kallstallen[]": "a quote naming the source's passage that the page links to"
       for kind in ("utredning", "forslag", "styrgrupp", "gemensam", "process")},
}


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _texts(schema: dict, node: dict, value, path: str):
    """(field path, container, key) of every free-text value in value: a
    string the model takes as Text (no pattern, no list of choices)."""
    node = _resolve(schema, node)
    if "anyOf" in node:
        node = _resolve(schema, next(n for n in node["anyOf"] if n.get("type") != "null"))
    if isinstance(value, dict):
        for key, item in value.items():
            sub = node.get("properties", {}).get(key, {})
            if isinstance(item, str):
                sub = _resolve(schema, sub)
                if "anyOf" in sub:
                    sub = _resolve(schema, next(n for n in sub["anyOf"] if n.get("type") != "null"))
                if sub.get("type") == "string" and not {"pattern", "enum", "format", "const"} & set(sub):
                    yield f"{path}.{key}", value, key
            else:
                yield from _texts(schema, sub, item, f"{path}.{key}")
    elif isinstance(value, list):
        items = node.get("items", {})
        for i, item in enumerate(value):
            if isinstance(item, str):
                sub = _resolve(schema, items)
                if sub.get("type") == "string" and not {"pattern", "enum", "format", "const"} & set(sub):
                    yield f"{path}[]", value, i
            else:
                yield from _texts(schema, items, item, f"{path}[]")


def test_every_text_field_reaches_a_page(tmp_path):
    """A marker in every text field of the real content; each must be seen."""
    content = tmp_path / "content"
    copy_content(content)
    # A second investigation with a reply and a decision, so that the fields
    # shown only with them are filled, too, beside those shown only before.
    second = copy_investigation(content, "andra", "Andra utredningen")
    edit(second / "process.yml", "  svar: []\n", "  svar:\n    - parti: Parti A\n      status: inkommet\n      datum: 2015-05-04\n      sammanfattning: Tillstyrker.\n")
    edit(second / "process.yml", "    - kommun: nora\n      status: vantar\n", "    - kommun: nora\n      status: beslutad\n      datum: 2015-06-15\n      utfall: Bifall\n")
    markers: dict[str, str] = {}
    for path in sorted(content.rglob("*.yml")):
        schema_name = path.name if path.parent == content else ("forslag.yml" if path.name.startswith("forslag-") else path.name)
        schema = json.loads((ROOT / "schemas" / schema_name.replace(".yml", ".schema.json")).read_text("utf-8"))
        data = yaml.safe_load(path.read_text("utf-8"))
        for field, container, key in list(_texts(schema, schema, data, path.name.removesuffix(".yml").split("-")[0])):
            if field in METADATA_ONLY:
                continue
            marker = f"MX{len(markers):04d}"
            markers[marker] = field
            container[key] = f"{marker} {container[key]}"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    site = build_project(make_project(tmp_path / "project", content))
    seen = " ".join(visible_text(page) for page in html_pages(site))
    fields = set(markers.values())
    # A field reaches a reader if it shows somewhere (a galler shows only while undecided).
    unseen = sorted(fields - {field for marker, field in markers.items() if marker in seen} - set(METADATA_ONLY))
    print(f"\ntext fields that reach a page: {len(fields - set(unseen) - set(METADATA_ONLY))}/{len(fields - set(METADATA_ONLY))}"
          f" ({len(METADATA_ONLY)} metadata only)")
    assert not unseen


# ------------------------------------------------------------ reader details

def test_the_sites_name_fits_the_header_and_state_and_facts_are_body_size(served_site, browser):
    for width in (375, 320):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(served_site + "samverkan-i-bergslagen/bkt/")
        name = page.locator(".md-header__topic .md-ellipsis").first
        assert name.inner_text().strip() == SITE_NAME
        fits = "e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight"
        assert page.evaluate(fits, name.element_handle()), width
        size = "s => getComputedStyle(document.querySelector(s)).fontSize"
        body = page.evaluate(size, "article p")
        assert page.evaluate(size, "article .admonition p") == body
        assert page.evaluate(size, "article table td") == body
        page.close()
