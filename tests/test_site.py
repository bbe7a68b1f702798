"""The built site: Swedish, self-contained, with owner and date on every page."""

import datetime as dt
import json
import re

from bs4 import BeautifulSoup

from conftest import html_pages
from harness.searching import index_records
from samverkan.content.validate import validate
from samverkan.pages.render import render
from samverkan.pages.swedish import datum
from samverkan.paths import ROOT

# Attributes through which a page loads or links to something.
URL_ATTRIBUTES = ("src", "href", "srcset", "poster", "data", "action", "formaction")
# XML namespaces are names, not requests.
NAMESPACE = re.compile(r"^http://www\.w3\.org/")
# Links a reader may follow out of the intranet (nothing is loaded from them):
# Digg's reporting form, which the accessibility statement must link to.
OUTSIDE_LINKS = {"https://www.digg.se/tdosanmalan"}
# The site's own name, which editors set in content/ (not mkdocs.yml).
SITE_NAME = validate(ROOT / "content", ROOT).webbplats.namn


def content_pages(site):
    """Pages about the investigations (not the glossary or the accessibility statement)."""
    return [p for p in html_pages(site) if not {"ordlista", "tillganglighet"} & set(p.parts)]


def _soup(page):
    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def test_every_page_is_swedish(built_site):
    for page in html_pages(built_site):
        assert _soup(page).html.get("lang") == "sv", page


def test_interface_text_is_swedish(built_site):
    soup = _soup(built_site / "index.html")
    assert soup.select_one("label[for=sib-sok-fraga]").get_text(strip=True) == "Sök"
    assert soup.select_one("dialog#sib-sok")["aria-label"] == "Sök på webbplatsen"


def test_search_is_configured_for_swedish(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["sv"]
    titles = {r["meta"]["title"] for r in index_records(built_site)}
    assert "Bergslagens Kommunalteknik (BKT)" in titles


def test_no_page_references_an_outside_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        for tag in _soup(page).find_all(True):
            for attribute in URL_ATTRIBUTES:
                for value in str(tag.get(attribute) or "").split(","):
                    value = value.strip()
                    if tag.name == "a" and attribute == "href" and value in OUTSIDE_LINKS:
                        continue
                    if re.match(r"^(https?:)?//", value) and not NAMESPACE.match(value):
                        offenders.append(f"{page.relative_to(built_site)}: <{tag.name} {attribute}={value}>")
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?((?:https?:)?//[^'\")\s]+)", sheet.read_text("utf-8")):
            if not NAMESPACE.match(url):
                offenders.append(f"{sheet.relative_to(built_site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_no_generator_link_and_no_web_fonts(built_site):
    html = (built_site / "index.html").read_text("utf-8")
    assert "squidfunk.github.io" not in html
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_every_page_shows_owner_and_date_in_swedish(built_site):
    for page in content_pages(built_site):
        info = _soup(page).select_one("aside.sib-sidinfo")
        assert info is not None, page
        text = " ".join(info.get_text(" ").split())
        assert "Informationsägare: Kommunerna i norra länsdelen/Nora kommunförvaltning" in text
        # The day its text last changed (pages/history.py): here, a copy
        # outside git, the day its files were written; never the source's 2015.
        day = dt.date.fromisoformat(info.select_one("time")["datetime"])
        assert dt.date(2026, 11, 1) <= day <= dt.date.today(), page
        assert f"Sidan uppdaterad: {datum(day)}" in text


# Pages about how the work was done, which do not speak of the state.
# The source's own page is dated by the source and says what the source says.
WITHOUT_STATE = {"styrgrupp", "gemensam-bild", "kalla"}


def test_every_page_about_the_investigation_states_where_it_stands_once(built_site):
    # The portal's lists (start, Alla utredningar, organisations) name each state in a few words instead.
    portal = {"alla-utredningar", "kommuner", "organisationer", "senaste-andringar"}
    for page in (p for p in content_pages(built_site) if p.parent != built_site and not portal & set(p.relative_to(built_site).parts)):
        boxes = _soup(page).select("article .admonition")
        if WITHOUT_STATE & set(page.parts):
            assert not boxes, page
            continue
        assert len(boxes) == 1, page
        title = boxes[0].select_one(".admonition-title").get_text(strip=True)
        assert title == "Läget den 7 april 2015", page
        assert "Förslagen är inte beslutade." in boxes[0].get_text(), page


def test_every_page_has_a_title_and_a_place_in_the_navigation(built_site):
    pages = html_pages(built_site)
    nav_links = set()
    for page in pages:
        soup = _soup(page)
        assert soup.select_one("article h1").get_text(strip=True), page
        assert soup.title.get_text().endswith(SITE_NAME)
        for link in soup.select("nav.md-nav--primary a.md-nav__link[href]"):
            nav_links.add((page.parent / link["href"]).resolve())
    for page in pages:
        assert page.parent.resolve() in nav_links or page.resolve() in nav_links, page


def test_timeline_items_are_sentences_and_councils_are_in_the_table(built_site):
    soup = _soup(built_site / "samverkan-i-bergslagen" / "process" / "index.html")
    rows = [" ".join(li.get_text(" ").split()) for li in soup.select("ol.sib-tidslinje > li")]
    assert any(r.startswith("2010") and "Genomfört" in r for r in rows)
    assert any(r.startswith("20 mars 2015 Styrgruppens sista sammanträde. Vid styrgruppsmötet") and "Genomfört" in r for r in rows)
    assert any(r == "Remiss till samtliga partier. Nästa steg enligt uppgifterna den 7 april 2015" for r in rows), rows
    # Each title is punctuated: it never runs into the sentence after it.
    for li in soup.select("ol.sib-tidslinje .sib-tidslinje__vad"):
        assert li.strong.get_text().rstrip()[-1] in ".:", li
    table = [" | ".join(td.get_text(strip=True) for td in tr.select("td")) for tr in soup.select("table.sib-korttabell tbody tr")]
    assert table == [f"{k} | Väntar på beslut | 7 april 2015 | –" for k in ("Hällefors kommun", "Ljusnarsbergs kommun", "Lindesbergs kommun", "Nora kommun")]


def test_organisation_page_has_the_proposal_once_lined_up_with_what_was_and_numbered_motives(built_site):
    soup = _soup(built_site / "samverkan-i-bergslagen" / "bkt" / "index.html")
    # The facts that no row of the proposal speaks of, then the proposal once:
    # each row what was beside what is proposed, no list or picture repeating it.
    tables = [[th.get_text(strip=True) for th in t.select("thead th")] for t in soup.select("article table")]
    assert tables == [["Uppgift", "I april 2015"]] + [["Del", "I april 2015", "Enligt förslaget"]] * 2
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select("table.sib-korttabell tbody tr")]
    assert rows[0] == ["Politisk styrning", "Direktion", "En gemensam nämnd ersätter den nuvarande direktionen, att jämföra med "
                       "Bergslagens miljö- och byggnämnd. Nämnden består av nio ledamöter och nio ersättare."]
    assert ["Organisationsform", "", "BKT blir en förvaltning/verksamhet i en värdkommun."] in rows  # what was: said in the row above
    assert not soup.select("article figure, article ul")
    bmb = _soup(built_site / "samverkan-i-bergslagen" / "bmb" / "index.html")
    # A point marked as an alternative says so in its row's name.
    assert [td.get_text(strip=True) for td in bmb.select("table.sib-jamforelse td:first-child")][-1] == "Näringslivsfrågor (alternativ)"

    def motives(page, org):
        heading = next(h for h in page.select("h2") if h.get_text().startswith(f"Varför {org}"))
        return heading.find_next("ol").find_all("li", recursive=False)

    assert len(motives(soup, "BKT")) == 5
    assert len(motives(_soup(built_site / "samverkan-i-bergslagen" / "bmb" / "index.html"), "BMB")) == 3


def test_generated_markdown_names_its_sources_and_says_do_not_edit():
    for path, text in render(validate(ROOT / "content", ROOT)).items():
        if path.endswith(".json"):
            continue  # data for the build (names the search keeps whole); JSON has no comments
        head = text.split("\n")[:2]
        comment = head[1] if head[0] == "---" or head[0].startswith("<?xml") else head[0]
        # YAML and Markdown say it in a # comment, the feed in an XML comment.
        assert comment.removeprefix("<!-- ").removeprefix("# ").startswith("GENERERAD FIL – redigera inte för hand."), path
        assert "content/" in comment, path


def test_inside_an_investigation_the_menu_lists_only_that_investigation(tmp_path):
    from harness.project import build_project, make_project, synthesize

    synthesize(tmp_path / "content", 3)
    site = build_project(make_project(tmp_path, tmp_path / "content"))

    def menu(page):
        return [" ".join(a.get_text().split()) for a in _soup(page).select("nav.md-nav--primary > ul > li > .md-nav__link, nav.md-nav--primary > ul > li > a.md-nav__link")]

    inside = menu(site / "utredning-002" / "bkt" / "index.html")
    assert "Samverkan i Bergslagen, del 2" in inside
    assert not {"Samverkan i Bergslagen, del 1", "Samverkan i Bergslagen, del 3"} & set(inside)
    assert {"Start", "Ordlista", "Tillgänglighetsredogörelse"} <= set(inside)
    # Elsewhere the portal's own pages; "Alla utredningar" leads to each one.
    for page in ("index.html", "ordlista/index.html", "tillganglighet/index.html", "404.html"):
        assert list(dict.fromkeys(menu(site / page))) == ["Start", "Alla utredningar", "Kommuner", "Organisationer", "Senaste ändringar", "Ordlista", "Tillgänglighetsredogörelse"], page
    everything = _soup(site / "alla-utredningar" / "index.html").get_text()
    assert all(f"Samverkan i Bergslagen, del {i}" in everything for i in (1, 2, 3))


# ------------------------------------------------------------ each fact once per page

_WORD = re.compile(r"\w[\w-]*")
# Words that carry no fact of their own.
_MONTH = re.compile(r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december", re.I)
_STOP = {"och", "i", "av", "en", "ett", "att", "den", "det", "de", "som", "är", "för", "till", "med", "på", "om", "vid", "så", "här"}


_SITE = validate(ROOT / "content", ROOT)
# Names of several words, some in lower case ("Bergslagens miljö- och byggnämnd").
_NAMES = sorted({*(o.namn for o in _SITE.organisationer.values()), *(o.styrning.namn for o in _SITE.organisationer.values() if o.styrning.namn),
                 *(d.titel for d in _SITE.dokument.values()), *(k.kommunnamn for k in _SITE.kommuner.kommuner)}, key=len, reverse=True)


def _facts(sentence: str) -> set[str]:
    """The words of a statement that make its fact: not names (in content,
    or a capital inside the sentence), which many facts share, nor small words."""
    for name in _NAMES:
        sentence = sentence.replace(name, " ")
    words = _WORD.findall(sentence)
    return {w.casefold() for i, w in enumerate(words)
            if (i == 0 or not w[0].isupper()) and w.casefold() not in _STOP and not w.isdigit() and not _MONTH.fullmatch(w)}


def said_on(page) -> list[str]:
    """What a page's article says, statement by statement: each sentence of
    each paragraph, list item, table cell, caption and box, as the reader sees it."""
    article = _soup(page).select_one("article")
    # Headings name and the page's footnote (source, owner, date) describes: they state no fact.
    for tag in article.select("[aria-hidden=true], script, style, h1, h2, h3, h4, h5, h6, .admonition-title, thead, .sib-sidinfo"):
        tag.decompose()
    said = []
    for block in article.select("p, li, td, dd, dt, figcaption"):
        if block.select("p, li, td"):
            continue
        said += [s for s in re.split(r"(?<=[.!?])\s+", " ".join(block.get_text(" ").split())) if s]
    return said


def repeats(said: list[str], share: float = 0.85, shortest: int = 3) -> list[tuple[str, str]]:
    """Pairs of statements where one says again what the other says: at least
    share of the shorter one's fact words (shortest or more) are in the other."""
    words = [_facts(s) for s in said]
    found = []
    for i, a in enumerate(words):
        for j in range(i + 1, len(words)):
            b = words[j]
            small = min(a, b, key=len)
            if len(small) >= shortest and len(a & b) >= share * len(small):
                found.append((said[i], said[j]))
    return found


def test_each_fact_once_per_page_the_whole_text_included(built_site):
    # The source's own page (<id>/kalla/) is the article word for word, its repeats included.
    found = {p.relative_to(built_site).as_posix(): repeats(said_on(p)) for p in html_pages(built_site) if p.parent.name != "kalla"}
    assert not {page: pairs for page, pairs in found.items() if pairs}


def test_the_repeat_check_sees_a_near_duplicate_and_a_list_repeated():
    assert repeats(["Nästa steg är en remiss till samtliga partier.", "Remiss till samtliga partier."])
    assert repeats(["Verksamheten leds av en förvaltnings-/verksamhetschef.", "Leds av en förvaltnings-/verksamhetschef"])
    assert not repeats(["Nämnden består av nio ledamöter och nio ersättare.", "Utredningen föreslår att kommunalförbundet upphör."])


def test_no_page_draws_an_empty_banner(built_site):
    # The theme draws its banner bar (a dark strip above the header) whenever
    # the announce block is not empty; ours says something or is nothing.
    pages = sorted(built_site.rglob("*.html"))
    assert built_site / "404.html" in pages
    for page in pages:
        for banner in _soup(page).select("aside.md-banner"):
            assert banner.get_text(strip=True), page.relative_to(built_site)
