"""The Swedish word module by itself: compounds split into their parts,
words that are not compounds (and names) stay whole, stems are Snowball's."""

import pytest

from samverkan.publish.decompound import Decompounder, stem

# The site's own names, as the build passes them (publish/search.py: proper_names).
NAMES = ["Bergslagen", "Hällefors", "Lindesberg", "Ljusnarsberg", "Nora", "Pershyttan", "Skinnars", "Bruno", "Marianne", "Gamla", "Samverkan"]
# Words the site uses on their own are good parts (here: "styrgrupp").
SITE_WORDS = ["styrgrupp"]

COMPOUNDS = {
    # From the site
    "kommunstyrelseordförande": ["kommun", "styrelse", "ordförande"],
    "kommunalteknik": ["kommunal", "teknik"],
    "kommunalförbundet": ["kommunal", "förbundet"],
    "kommunalförbund": ["kommunal", "förbund"],
    "företagslots": ["företag", "lots"],
    "kompetensförsörjning": ["kompetens", "försörjning"],
    "styrgruppsmöte": ["styrgrupp", "möte"],
    "styrgruppsmötet": ["styrgrupp", "mötet"],
    "bygglovskontor": ["bygglov", "kontor"],
    "bygglovskontoret": ["bygglov", "kontoret"],
    "miljökontor": ["miljö", "kontor"],
    "näringslivskontor": ["näringsliv", "kontor"],
    "markkontor": ["mark", "kontor"],
    "servicecenter": ["service", "center"],
    "utvecklingsstrategi": ["utveckling", "strategi"],
    "tillväxtförvaltningen": ["tillväxt", "förvaltningen"],
    "värdkommun": ["värd", "kommun"],
    "förvaltningschef": ["förvaltning", "chef"],
    "verksamhetschef": ["verksamhet", "chef"],
    "näringslivschef": ["näringsliv", "chef"],
    "befolkningsstruktur": ["befolkning", "struktur"],
    "kostnadseffektivitet": ["kostnad", "effektivitet"],
    "kundnytta": ["kund", "nytta"],
    "sjukhusdirektör": ["sjukhus", "direktör"],
    "utredningsprojektet": ["utredning", "projektet"],
    "organisationsförändringen": ["organisation", "förändringen"],
    "organisationsform": ["organisation", "form"],
    "kommunchefer": ["kommun", "chefer"],
    "planfrågor": ["plan", "frågor"],
    "utvecklingstakten": ["utveckling", "takten"],
    "spelregler": ["spel", "regler"],
    "kommunstyrelse": ["kommun", "styrelse"],
    "informationsägare": ["information", "ägare"],
    "byggnämnd": ["bygg", "nämnd"],
    "förvaltningsorganisation": ["förvaltning", "organisation"],
    "verksamhetsområde": ["verksamhet", "område"],
    "projektledaren": ["projekt", "ledaren"],
    "tillgänglighetsredogörelse": ["tillgänglighet", "redogörelse"],
    # Municipal Swedish beyond the site
    "kommungräns": ["kommun", "gräns"],
    "kommunsammanslagning": ["kommun", "sammanslagning"],
    "äldreomsorg": ["äldre", "omsorg"],
    "informationsmöte": ["information", "möte"],
    "vattenledning": ["vatten", "ledning"],
    "avfallshantering": ["avfall", "hantering"],
    "idrottsplats": ["idrott", "plats"],
    "bostadsområde": ["bostad", "område"],
    "detaljplan": ["detalj", "plan"],
    "översiktsplan": ["översikt", "plan"],
    "miljöskydd": ["miljö", "skydd"],
    "livsmedelskontroll": ["livsmedel", "kontroll"],
    "tillsynsmyndighet": ["tillsyn", "myndighet"],
    "personalchef": ["personal", "chef"],
    "ekonomichef": ["ekonomi", "chef"],
    "ledningsgrupp": ["ledning", "grupp"],
    "kommunchef": ["kommun", "chef"],
}

WHOLE = [
    # Not compounds, however they might be cut
    "ordförande",  # not ord|förande
    "sammanträden",  # not samman|träden
    "sammanfattar",
    "beslutande",
    "tjänstepersonerna",
    "ledamöter",  # not leda|möter
    "samverkan",
    "förvaltning",
    "medarbetare",
    "ersättare",
    "direktion",
    # Names
    "Pershyttan",
    "Hällefors",
    "Lindesberg",
    "Ljusnarsberg",
    "Nora",
    "Bergslagen",
    "Bergslagens",
]


@pytest.fixture(scope="module")
def splitter():
    return Decompounder(site_words=SITE_WORDS, keep_whole=NAMES)


def test_the_table_is_large_enough():
    assert len(COMPOUNDS) >= 60 - len(WHOLE) and len(COMPOUNDS) + len(WHOLE) >= 60
    assert sum("s" in w[len(p[0]) : len(p[0]) + 1] for w, p in COMPOUNDS.items()) >= 15  # linking -s-


@pytest.mark.parametrize(("word", "parts"), COMPOUNDS.items(), ids=list(COMPOUNDS))
def test_compound_splits_into_its_parts(splitter, word, parts):
    assert splitter.split(word) == parts


@pytest.mark.parametrize("word", WHOLE)
def test_word_stays_whole(splitter, word):
    assert splitter.split(word) == [word.lower()]


def test_recursion_gives_every_tail_a_reader_may_type(splitter):
    assert splitter.suffixes("kommunstyrelseordförande") == ["styrelseordförande", "ordförande"]
    assert splitter.suffixes("styrgruppsmöte") == ["möte"]  # after the linking s
    assert splitter.suffixes("Pershyttan") == []


def test_site_words_make_good_parts():
    without = Decompounder(keep_whole=NAMES)
    assert without.split("styrgruppsmöte") != ["styrgrupp", "möte"]
    assert Decompounder(site_words=["styrgrupp"], keep_whole=NAMES).split("styrgruppsmöte") == ["styrgrupp", "möte"]


@pytest.mark.parametrize(("forms", "common"), [
    (["nämnd", "nämnden", "nämnder", "nämnderna"], "nämnd"),
    (["utredningen", "utredningar", "utredning"], "utredning"),
    (["kommunalförbunden", "kommunalförbund"], "kommunalförbund"),
    (["ersättaren", "ersättare"], "ersät"),
])
def test_stems_join_inflected_forms(forms, common):
    assert {stem(f) for f in forms} == {common}


# Compounds common enough as words that split() keeps them whole, which a
# reader still looks for by their last part (search_split, for the index).
SEARCH_ONLY = {
    "kommunfullmäktige": ["kommun", "fullmäktige"],
    "huvudkontor": ["huvud", "kontor"],
    "telefonnummer": ["telefon", "nummer"],
    "skattekrona": ["skatte", "krona"],
    "slutsats": ["slut", "sats"],
    "förtroendevalda": ["förtroende", "valda"],
}
# Words a reader does not look for by a "part": inflection and verb particles
# (analys|erat, fort|sätter, före|slår), an infinitive as first part (leda|möter).
NOT_COMPOUNDS = ["analyserat", "fokuserat", "fortsätter", "fortsatt", "föreslår", "ledamöter"]


@pytest.mark.parametrize(("word", "parts"), SEARCH_ONLY.items(), ids=list(SEARCH_ONLY))
def test_search_cuts_a_compound_that_is_common_as_a_word(splitter, word, parts):
    assert splitter.split(word) == [word]
    assert splitter.search_split(word) == parts
    assert splitter.suffixes(word) == [word.removeprefix(parts[0])]


@pytest.mark.parametrize("word", [*NOT_COMPOUNDS, *WHOLE])
def test_search_keeps_words_that_are_not_compounds_whole(splitter, word):
    assert splitter.search_split(word) == [word.lower()]
    assert splitter.suffixes(word) == []


def test_search_split_keeps_the_split_of_a_compound(splitter):
    for word, parts in COMPOUNDS.items():
        assert splitter.search_split(word) == parts, word
    assert splitter.compounds(["Kommunfullmäktige", "ordförande", "kommunalteknik", "Pershyttan"]) == {
        "kommunalteknik": ["kommunal", "teknik"], "kommunfullmäktige": ["kommun", "fullmäktige"]}
