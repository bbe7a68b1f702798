"""The site says what the source says, in the source's words, and no more.

The source is the municipality's own news article, stored with the
investigation's content (content/utredningar/<id>/kallor/, named by
utredning.yml's `kalla.fil`): the tests read nothing outside the
repository. Every phrase in
the checklist below is first found in that file, so the list cannot drift
into the site's own wording; then it must be on the named built page, in
the text a reader sees. Phrases the site must not say (made-up statuses,
wording the source does not use) are checked the same way, over every page.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date

from conftest import html_pages, visible_text
from samverkan.addresses import SOURCE_PAGE
from samverkan.paths import ROOT

INVESTIGATION = ROOT / "content" / "utredningar" / "samverkan-i-bergslagen"
BKT = "samverkan-i-bergslagen/bkt/index.html"
BMB = "samverkan-i-bergslagen/bmb/index.html"
OM = "samverkan-i-bergslagen/index.html"
PROCESS = "samverkan-i-bergslagen/process/index.html"
STYRGRUPP = "samverkan-i-bergslagen/styrgrupp/index.html"
BILD = "samverkan-i-bergslagen/gemensam-bild/index.html"
START = "index.html"


def _fold(text: str) -> str:
    """Compare words, not spacing, quotes or the case of a sentence's first letter."""
    return " ".join(text.replace("”", '"').replace("“", '"').split()).casefold()


@pytest.fixture(scope="module")
def seed() -> str:
    meta = yaml.safe_load((INVESTIGATION / "utredning.yml").read_text("utf-8"))
    return (INVESTIGATION / "kallor" / meta["kalla"]["fil"]).read_text("utf-8")


# (page, phrase from the seed). The phrases are the seed's sentences and
# figures, cut where the site rightly shortens a sentence.
FACTS = [
    # The lead and the state
    (OM, "Utredningen Samverkan i Bergslagen"),
    (OM, "ledning och styrning av BMB och BKT"),
    (OM, "Nästa steg är en remiss till samtliga partier"),
    (PROCESS, "Remiss till samtliga partier"),  # the timeline says the next step, dated; the box there does not repeat it
    (PROCESS, "Så småningom ska kommunfullmäktige i de fyra kommunerna besluta om framtidens samverkan"),
    # The municipalities and their cooperation
    (OM, "KNÖL-kommunerna, kommunerna i norra Örebro län"),
    (OM, "drygt tio år organiserat sitt samarbete inom teknisk verksamhet"),
    (OM, "kommunalförbundet Bergslagens Kommunalteknik (BKT)"),
    (OM, "miljö- och byggområdet genom Bergslagens miljö- och byggförvaltning (BMB) och dess politiska nämnd"),
    # The investigation
    (OM, "Projekt samverkan i Bergslagen"),
    (OM, "Marianne Skinnars-Bruno, tidigare sjukhusdirektör på Lindesbergs lasarett"),
    (STYRGRUPP, "Marianne Skinnars-Bruno, tidigare sjukhusdirektör på Lindesbergs lasarett"),
    (OM, "genomlyst och analyserat vad som fungerat bra och vad som behöver förbättras i samverkan"),
    (OM, "Den förändrade befolkningsstrukturen innebär på sikt en förändrad kommunal ekonomi"),
    (OM, "Mycket har hänt i området under de senaste tio åren"),
    (OM, "Utredare Marianne Skinnars-Bruno poängterar att det är i ledningen för och styrningen av de två organisationerna som de största förändringarna kommer att märkas"),
    (PROCESS, "20 mars 2015"),
    (PROCESS, "styrgruppens sista sammanträde"),
    (BKT, "styrgruppens sista sammanträde den 20 mars"),
    # BKT today
    (BKT, "Bergslagens Kommunalteknik (BKT)"),
    (BKT, "Kommunalförbund"),
    (BKT, "direktion"),
    (BKT, "cirka 170"),
    (BKT, "Pershyttan, Nora"),
    # BKT's proposal, point by point
    (BKT, "En gemensam nämnd ersätter den nuvarande direktionen, att jämföra med Bergslagens miljö- och byggnämnd"),
    (BKT, "En kommun blir värdkommun"),
    (BKT, "Nämnden består av nio ledamöter och nio ersättare"),
    (BKT, "Kommunalförbundet upphör"),
    (BKT, "BKT blir en förvaltning/verksamhet i en värdkommun"),
    (BKT, "Värdkommunen är arbetsgivare"),
    (BKT, "verksamheten leds av en förvaltnings-/verksamhetschef"),
    # BKT's motives
    (BKT, "Ett kommunalförbund är en organisation med stark och självständig ställning i och med att kommunerna överlåter verksamhet till kommunalförbundet"),
    (BKT, "Kommunerna upplever att kommunalförbundet delvis har andra spelregler än vad kommunerna har för den kommunala verksamheten"),
    (BKT, "medan kommunalförbundet har mer strikta uppdrag med en tydlig finansiering"),
    (BKT, "Vid besparingar eller förändringar i BKT:s verksamhet sker prioriteringar eller beslut om åtgärder inom BKT"),
    (BKT, "Kommunernas representanter får många gånger ta diskussionen med invånarna om motiven till förändringen"),
    (BKT, "Ansträngda kommunala ekonomier"),
    (BKT, "Ett kommunalförbund är en femte organisation i norra länsdelen med egen administration och exempelvis eget bokslut"),
    (BKT, "En viss besparing sker genom att byta organisationsform och genom att verksamheten inlemmas i kommunal verksamhet"),
    (BKT, "skapas enhetliga spelregler och likartad syn på kvalitet och resurser"),
    (BKT, "Flera gånger tidigare har utredningar initierats"),
    (BKT, "troligtvis var det bästa valet av organisering vid bildande av förbundet"),
    # BMB today
    (BMB, "Bergslagens miljö- och byggförvaltning (BMB)"),
    (BMB, "Bergslagens miljö- och byggnämnd"),
    (BMB, "cirka 40"),
    (BMB, "Gamla kirurgen, Lindesberg"),
    # BMB's proposal
    (BMB, "Lindesberg är även fortsättningsvis värdkommun"),
    (BMB, "Antalet ledamöter i nämnden minskas"),
    (BMB, "nio ordinarie och nio ersättare"),
    (BMB, "Politikerna ska behandla långsiktiga och strategiska frågor"),
    (BMB, "Ökad delegation till nämndens arbetsutskott"),
    (BMB, "fem ordinarie ledamöter och fem ersättare"),
    (BMB, "Lindesbergs kommun är även fortsättningsvis värdkommun och arbetsgivare"),
    (BMB, "BMB blir ett eget verksamhetsområde inom tillväxtförvaltningen och finns då i samma organisation som värdkommunens näringslivsfrågor"),
    (BMB, "Alternativt flyttas värdkommunens näringslivsfrågor till BMB"),
    (BMB, "få ett samlat ansvar för verksamheten"),
    # BMB's motives
    (BMB, "Kundnyttan måste öka"),
    (BMB, "näringslivsfrågor, strategiska planfrågor och myndighetsutövning organiseras i nära samverkan"),
    (BMB, "rollerna näringslivskontor, markkontor, miljökontor och bygglovskontor finns i samma organisation"),
    (BMB, "2010"),
    (BMB, "Bergslagens miljö- och byggnämnd och dess förvaltning – en utvärdering och förslag till förändringar"),
    (BMB, "BMB:s rådgivande och stödjande roll"),
    (BMB, "Utredningens förslag till förbättringar är i stort desamma som diskuteras i detta projekt"),
    (BMB, "Utvecklingstakten måste öka"),
    (BMB, "exempelvis införande av en företagslots"),
    (BMB, "utvecklingen måste ske systematiskt med stor uthållighet och med fokuserat ledarskap"),
    # The steering group and how it worked
    (STYRGRUPP, "de fyra kommunernas kommunstyrelseordförande tillsammans med representanter för den politiska oppositionen samt ordförande i BKT och BMB"),
    (STYRGRUPP, "Kommunchefer samt cheferna för BKT och BMB har under projekttiden arbetat fram underlag till"),
    (STYRGRUPP, "Stor vikt vid förankring"),
    (STYRGRUPP, "Förankring av själva syftet och målet för utredningen har prioriterats"),
    (STYRGRUPP, "Varje kommun samt BMB och BKT har inhämtat synpunkter och tankar kring framtiden från de egna medarbetarna och de folkvalda"),
    (STYRGRUPP, "sammanfattningar av diskussionerna publicerats på respektive organisations intranät"),
    (STYRGRUPP, "inga givna svar eller förslag"),
    (STYRGRUPP, "arbetats fram i dialog"),
    # The common picture
    (BILD, "säkra framtida kompetensförsörjning"),
    (BILD, "det vill säga förbättra service och tillgänglighet"),
    (BILD, "kostnadseffektivitet"),
    (BILD, "diskuterats och ventilerats ur olika perspektiv"),
    (BILD, "Kundnyttan måste vara i centrum. Vi är till för invånarna och måste få ut det mesta av varje skattekrona"),
    (BILD, "Ökad samverkan och kommunikation mellan BMB och BKT är nödvändig, exempelvis i ett gemensamt servicecenter"),
    (BILD, "Vi måste förändra det vi vill ska bli bättre"),
    (BILD, "Det finns en stark övertygelse om fortsatt gemensam verksamhet för de fyra kommunerna i norra länsdelen. Samverkan är framtiden!"),
    (BILD, "Förutom de rent organisatoriska förändringarna behöver man också se över kommunikationen verksamheterna emellan"),
    (BILD, "Ett annat fokus behöver läggas på styrning och uppföljning"),
    (BILD, "En gemensam utvecklingsstrategi behövs för KNÖL-kommunerna"),
]


@pytest.mark.parametrize(("page", "phrase"), FACTS, ids=[f"{p}:{f[:40]}" for p, f in FACTS])
def test_the_sources_words_are_on_the_page(built_site, seed, page, phrase):
    assert _fold(phrase) in _fold(seed), f"not the source's words: {phrase!r}"
    assert _fold(phrase) in _fold(visible_text(built_site / page)), f"{page} does not say: {phrase!r}"


def _seed_line(seed: str, label: str) -> str:
    match = re.search(rf"^{label}: (.+)$", seed, re.M)
    assert match, f"the source has no line {label!r}"
    return match[1].strip()


def _investigation_pages(site):
    return [p for p in html_pages(site) if "samverkan-i-bergslagen" in p.parts] + [site / "index.html"]


def test_every_page_about_the_investigation_names_the_source_its_owner_and_date(built_site, seed):
    owner = _seed_line(seed, "Informationsägare")
    day = format_date(dt.date.fromisoformat(_seed_line(seed, "Sidan uppdaterad")), "d MMMM y", locale="sv")
    title = seed.split("\n")[2].strip()  # the article's headline, after the menu line
    assert title.startswith("Utredningen Projekt samverkan")
    for page in _investigation_pages(built_site):
        text = visible_text(page)
        assert f"Källa: ”{title}”, {owner}, {day}." in text, page
        assert f"Informationsägare: {owner}" in text, page


def test_facts_of_a_moment_carry_the_moment(built_site, seed):
    month = format_date(dt.date.fromisoformat(_seed_line(seed, "Sidan uppdaterad")), "MMMM y", locale="sv")
    for page, heading in ((BKT, f"BKT i {month}"), (BMB, f"BMB i {month}")):
        assert heading in visible_text(built_site / page)
    assert f"I {month} hade de så kallade KNÖL-kommunerna" in visible_text(built_site / OM)


# What the site said before it kept to the source: made-up statuses and
# claims, and wording that is not the source's or not good Swedish.
NOT_SAID = [
    "Anges inte i utredningen",
    "Inte bestämt",
    "Inga remissvar har kommit in ännu",
    "nio ordinarie ledamöter",
    "Hela utredningen",
    "för remissen",
    "Idag",
    "Fakta i dag",
    "framförallt",
    "anledningar till varför",
    "Förslag för",
    "Status",
    "påpekade politikerna att",
]


def test_the_site_does_not_say_what_the_source_does_not(built_site):
    # The source's own page says it all, word for word: that is the point of it.
    said = {p.relative_to(built_site).as_posix(): visible_text(p) for p in built_site.rglob("*.html") if p.parent.name != SOURCE_PAGE}
    found = [(page, words) for page, text in said.items() for words in NOT_SAID if re.search(rf"\b{re.escape(words)}\b", text)]
    assert not found


def test_reported_speech_is_not_a_quotation(built_site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / OM).read_text("utf-8"), "html.parser")
    assert not [q for q in soup.select("article blockquote") if "poängterar" in q.get_text() or "ledningen för och styrningen" in q.get_text()]


# ------------------------------------------------------------------ the source, one click away

SOURCE = "samverkan-i-bergslagen/kalla/index.html"
# Each page about the investigation and the content file whose `kallstallen` name its passages.
RESTS_ON = {OM: "utredning.yml", BKT: "forslag-bkt.yml", BMB: "forslag-bmb.yml", STYRGRUPP: "styrgrupp.yml",
            BILD: "gemensam-bild.yml", PROCESS: "process.yml"}


def _soup(page: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def test_the_source_is_a_page_word_for_word_with_an_address_per_passage(built_site, seed):
    soup = _soup(built_site / SOURCE)
    passages = [line.strip() for line in seed.splitlines() if line.strip()]
    shown = soup.select("article .sib-kalla p")
    assert [p["id"] for p in shown] == [f"stycke-{n}" for n in range(1, len(passages) + 1)]
    for n, (p, passage) in enumerate(zip(shown, passages, strict=True), 1):
        number = p.select_one("a.sib-kalla__nummer")
        assert number.get_text() == str(n) and number["href"] == f"#stycke-{n}"
        number.decompose()
        assert " ".join(p.get_text().split()) == " ".join(passage.split()), n
    # Out of search: its words would otherwise be found twice.
    assert not soup.select("[data-pagefind-body]")
    assert soup.select_one(".md-nav a[href='./']").get_text(strip=True) == "Källan"


@pytest.mark.parametrize("page", RESTS_ON, ids=list(RESTS_ON.values()))
def test_each_pages_source_links_to_the_passages_it_rests_on(built_site, page):
    """Every quote a page's content names is in a passage the page's "Källa"
    links to, and every link lands on a passage of the source's page."""
    source = _soup(built_site / SOURCE)
    links = _soup(built_site / page).select(".sib-sidinfo a[href*='#stycke-']")
    assert links, page
    landed = []
    for link in links:
        address, _, fragment = link["href"].partition("#")
        assert (built_site / page).parent.joinpath(address, "index.html").resolve() == (built_site / SOURCE).resolve()
        target = source.find(id=fragment)
        assert target is not None, link["href"]
        assert link.get_text() == fragment.removeprefix("stycke-")
        landed.append(_fold(target.get_text()))
    quotes = yaml.safe_load((INVESTIGATION / RESTS_ON[page]).read_text("utf-8"))["kallstallen"]
    assert quotes
    for quote in quotes:
        assert [passage for passage in landed if _fold(quote) in passage], quote
