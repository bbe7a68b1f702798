"""The content model: one pydantic class per kind of thing in content/.

These classes are the single description of the content. Validation uses them
directly, and the JSON Schemas offered to editors (schemas/) are generated
from them, so the two cannot drift. Field descriptions are Swedish because
editors read them in their YAML editor; titles come from the catalogue.
Every model is strict: YAML's `no` is not silently text, nor `170` a string.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..words import msg
from ..words.editors import FIELD_TITLES, MODELS


@dataclass(frozen=True)
class Defines:
    """Marks a field whose value is the id of an entity of this kind."""

    kind: str


@dataclass(frozen=True)
class RefTo:
    """Marks a field that refers, by id, to an entity of this kind."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        # The schemas offer the ids that exist in content/ for this kind (content/schema.py).
        return {**handler(core_schema), REFERS_TO: self.kind}


# The JSON Schema keyword that marks a reference; content/schema.py replaces it with an enum.
REFERS_TO = "x-refers-to"


def _swedish_schema(schema: dict, cls: type) -> None:
    title, description = MODELS[cls.__name__]
    schema.update(title=title, description=description)
    # Rules across a model's fields, said the same way to the editor's YAML
    # extension as the model's validators say them to make check.
    schema.update(getattr(cls, "schema_rules", {}))


def _all_or_none(switch: str, value: str, fields: list[str], message: str) -> dict:
    """JSON Schema for "when switch is value, every field is there; otherwise none is"."""
    return {
        "if": {"properties": {switch: {"const": value}}, "required": [switch]},
        "then": {"required": fields, "errorMessage": message},
        "else": {"not": {"anyOf": [{"required": [f]} for f in fields]}, "errorMessage": message},
    }


def _rules(*rules: dict) -> dict:
    """Rules as JSON Schema, each with its own message (allOf keeps each
    message to its rule, apart from the object's own messages)."""
    return {"allOf": list(rules)}


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        field_title_generator=lambda name, _info: FIELD_TITLES[name],
        json_schema_extra=_swedish_schema,
    )


class Entity(Strict):
    """Something an editor may hold back as a draft."""

    publicera: bool = Field(True, description="false gör detta till ett utkast: det visas inte på webbplatsen, i menyn, i sökningen eller i webbplatskartan.")


# Limits that keep a build's cost in proportion to the content (README,
# "Gränser"). Python-Markdown's inline processing costs the length of a
# paragraph for every escaped character in it, so one 100 kB field of `*[x]`
# took 22 s; with fields capped, a file's cost grows linearly with its size.
MAX_TEXT = 5000  # characters in one text field: two pages of prose
MAX_ID = 60  # characters in an id: it becomes part of an address

_ID = StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=MAX_ID)


def _visible(text: str) -> str:
    """Whitespace alone, or invisible format characters (zero-width space,
    word joiner), would print as an empty heading or table cell."""
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in text):
        raise ValueError(msg("text_blank"))
    return text


Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(_visible)]
Year = Annotated[int, Field(ge=1900, le=2200)]

KommunId = Annotated[str, _ID, RefTo("kommun")]
OrganisationId = Annotated[str, _ID, RefTo("organisation")]
DokumentId = Annotated[str, _ID, RefTo("dokument")]
HandelseId = Annotated[str, _ID, RefTo("händelse")]
RegionId = Annotated[str, _ID, RefTo("region")]

RegionDef = Annotated[str, _ID, Defines("region")]
KommunDef = Annotated[str, _ID, Defines("kommun")]
OrganisationDef = Annotated[str, _ID, Defines("organisation")]
DokumentDef = Annotated[str, _ID, Defines("dokument")]
UtredningDef = Annotated[str, _ID, Defines("utredning")]
HandelseDef = Annotated[str, _ID, Defines("händelse")]

# Kinds of id that belong to one investigation: its events are referred to
# only from its own files, so a copied investigation folder keeps its ids
# and still builds (README: a new investigation by copying a folder).
SCOPED_KINDS = frozenset({"händelse"})

# Parts of an organisation a proposal can concern. The pages no longer show
# them (the one comparison is the picture); kept so that content stays valid.
ASPECTS = ("organisationsform", "politisk_styrning", "vardkommun", "arbetsgivare", "ledning", "sammantraden", "delegation", "naringsliv")
Aspect = Literal[ASPECTS]


def _safe_url(url: str) -> str:
    """Only links a reader can follow safely: no javascript:, data: or the like."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("", "http", "https", "mailto") or any(c.isspace() for c in url) or url.startswith("//"):
        raise ValueError(msg("unsafe_link", url=url))
    return url


@dataclass(frozen=True)
class _SafeUrlSchema:
    """_safe_url's rule as a JSON Schema pattern (JavaScript syntax, which the
    editor's extension runs; pydantic's own regex engine has no lookahead)."""

    pattern = r"^(?:(?:[Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]):|(?![A-Za-z][A-Za-z0-9+.-]*:)(?!//))\S+$"

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        return {**handler(core_schema), "pattern": self.pattern}


Url = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_safe_url), _SafeUrlSchema()]


class Lank(Strict):
    text: Text = Field(description="Länktexten, som den ska läsas.")
    url: Url = Field(description="Adressen: https:, http:, mailto: eller en relativ länk.")


# ---------------------------------------------------------------- webbplats.yml


class Webbplats(Strict):
    namn: Text = Field(description="Webbplatsens namn, visas överst på startsidan.")
    beskrivning: Text = Field(description="En mening om vad webbplatsen är till för.")
    informationsagare: Text = Field(description="Vem som äger informationen på startsidan.")


# ---------------------------------------------------------------- kommuner.yml


class Antal(Strict):
    varde: Annotated[int, Field(ge=0)] = Field(description="Talet.")
    precision: Literal["exakt", "cirka", "drygt"] = Field("exakt", description="Hur exakt talet är: exakt, cirka eller drygt.")


class Region(Strict):
    id: RegionDef = Field(description="Kort id för gruppen av kommuner.")
    namn: Text = Field(description="Gruppens namn, t.ex. KNÖL-kommunerna.")
    beskrivning: Text = Field(description="Vilka kommunerna är, t.ex. kommunerna i norra Örebro län.")


class Kommun(Entity):
    id: KommunDef = Field(description="Kort id för kommunen, t.ex. nora.")
    namn: Text = Field(description="Ortens namn, t.ex. Nora.")
    kommunnamn: Text = Field(description="Kommunens fullständiga namn, t.ex. Nora kommun.")


class Samarbete(Strict):
    ar: Antal = Field(description="Hur många år samarbetet har pågått.")
    beskrivning: Text = Field(description="Vad samarbetet gäller.")


class KommunerFil(Strict):
    region: Region = Field(description="Gruppen som kommunerna bildar.")
    kommuner: Annotated[list[Kommun], Field(min_length=1)] = Field(description="Kommunerna, i den ordning de nämns.")
    samarbete: Samarbete = Field(description="Kommunernas samarbete.")


# ---------------------------------------------------------------- organisationer.yml


class Styrning(Strict):
    organ: Literal["direktion", "namnd"] = Field(description="Det politiska organ som styr: direktion eller namnd.")
    namn: Text | None = Field(None, description="Organets namn, om det har ett.")


class Plats(Strict):
    typ: Text = Field(description="Vad platsen är, t.ex. Huvudkontor eller Säte.")
    namn: Text = Field(description="Platsens namn, t.ex. Pershyttan.")
    kommun: KommunId = Field(description="Id för kommunen där platsen ligger.")


class Organisation(Entity):
    id: OrganisationDef = Field(description="Kort id, t.ex. bkt.")
    namn: Text = Field(description="Organisationens fullständiga namn.")
    forkortning: Text = Field(description="Förkortningen, t.ex. BKT.")
    verksamhet: Text = Field(description="Vad organisationen gör.")
    form: Literal["kommunalforbund", "forvaltning"] = Field(description="Organisationsform vid källans datum: kommunalforbund eller forvaltning.")
    styrning: Styrning = Field(description="Hur organisationen styrs politiskt vid källans datum.")
    medlemmar: Annotated[list[KommunId], Field(min_length=1)] = Field(description="Kommunerna som samverkar i organisationen.")
    vardkommun: KommunId | None = Field(None, description="Värdkommun vid källans datum, om källan anger en.")
    arbetsgivare: KommunId | None = Field(None, description="Kommunen som är arbetsgivare vid källans datum, om källan anger det.")
    anstallda: Antal = Field(description="Antal anställda vid källans datum.")
    sate: Plats = Field(description="Huvudkontor eller säte.")


class OrganisationerFil(Strict):
    organisationer: Annotated[list[Organisation], Field(min_length=1)] = Field(description="Organisationerna.")


# ---------------------------------------------------------------- dokument.yml


class Dokument(Entity):
    id: DokumentDef = Field(description="Kort id, t.ex. utvardering-2010.")
    titel: Text = Field(description="Dokumentets titel, exakt som den skrivs.")
    typ: Text = Field(description="Vad för slags dokument, t.ex. Utvärdering.")
    ar: Year = Field(description="Året dokumentet kom.")
    om: OrganisationId | None = Field(None, description="Id för organisationen dokumentet handlar om.")
    sammanfattning: Text = Field(description="Vad dokumentet beskrev, med hela meningar.")
    lank: Lank | None = Field(None, description="Länk till dokumentet, om det finns en.")


class DokumentFil(Strict):
    dokument: list[Dokument] = Field(description="Dokumenten.")


# ---------------------------------------------------------------- utredningar/<id>/utredning.yml


class Person(Strict):
    namn: Text = Field(description="Personens namn.")
    roll: Text = Field(description="Personens roll i utredningen.")
    bakgrund: Text = Field(description="Personens bakgrund, med liten bokstav: tidigare …")


class Kalla(Strict):
    titel: Text = Field(description="Källans rubrik, exakt som den skrivs.")
    agare: Text = Field(description="Vem som står bakom källan, som källan själv anger det (informationsägare).")
    datum: dt.date = Field(description="Källans datum, som källan anger det (ÅÅÅÅ-MM-DD).")


class UtredningFil(Entity):
    id: UtredningDef = Field(description="Samma som mappens namn; blir en del av sidornas adress.")
    titel: Text = Field(description="Utredningens namn.")
    projektnamn: Text = Field(description="Projektets namn som det skrivs i original.")
    status: Literal["avslutad", "pagaende"] = Field(description="avslutad eller pagaende.")
    region: RegionId = Field(description="Id för gruppen av kommuner.")
    kommuner: Annotated[list[KommunId], Field(min_length=1)] = Field(description="Kommunerna som berörs.")
    organisationer: Annotated[list[OrganisationId], Field(min_length=1)] = Field(description="Organisationerna som utreds, i den ordning de visas.")
    utredare: Person = Field(description="Den som ledde utredningen.")
    uppdrag: Text = Field(description="Vad som utreddes.")
    bakgrund: Annotated[list[Text], Field(min_length=1)] = Field(description="Varför det utreddes, en mening per punkt.")
    slutsats: Text = Field(description="Utredarens viktigaste slutsats.")
    informationsagare: Text = Field(description="Vem som äger informationen.")
    uppdaterad: dt.date = Field(description="När informationen senast uppdaterades (ÅÅÅÅ-MM-DD).")
    # Everything the site says about an investigation comes from one source;
    # readers are shown which, on every page of it.
    kalla: Kalla = Field(description="Källan som allt om utredningen bygger på: rubrik, ägare och datum.")
    sammanfattning: Text | None = Field(None, description="En eller två meningar överst på sidan Om utredningen, bara med det källan säger.")


# ---------------------------------------------------------------- utredningar/<id>/forslag-*.yml


class Sammansattning(Strict):
    organ: Text = Field(description="Organet, t.ex. Nämnden eller Arbetsutskottet.")
    ordinarie: Annotated[int, Field(ge=1)] = Field(description="Antal ordinarie ledamöter.")
    ersattare: Annotated[int, Field(ge=0)] = Field(description="Antal ersättare.")
    # The source says "nio ledamöter" of one board and "nio ordinarie" of
    # another; the page keeps each source's own words.
    benamning: Literal["ledamoter", "ordinarie", "ordinarie_ledamoter"] = Field(
        "ordinarie_ledamoter", description="Hur källan kallar ledamöterna: ledamoter, ordinarie eller ordinarie_ledamoter.")


class Punkt(Entity):
    aspekt: Aspect = Field(description="Vilken del av organisationen punkten gäller.")
    text: Text | None = Field(None, description="Förslaget med egna ord.")
    sammansattning: Sammansattning | None = Field(None, description="Antal ledamöter och ersättare, om punkten gäller det.")
    alternativ: bool = Field(False, description="true om punkten är ett alternativ till de andra.")
    bild: Text | None = Field(None, description="Punkten i några ord, som den står i bilden av organisationen. Utan bild står punkten bara i texten.")

    schema_rules: ClassVar[dict] = _rules({"anyOf": [{"required": ["text"]}, {"required": ["sammansattning"]}], "errorMessage": msg("text_or_composition")})

    @model_validator(mode="after")
    def _says_something(self) -> Punkt:
        if self.text is None and self.sammansattning is None:
            raise ValueError(msg("text_or_composition"))
        return self


class Motiv(Entity):
    rubrik: Text | None = Field(None, description="Motivet i några ord.")
    text: Text = Field(description="Motivet med hela meningar.")
    dokument: DokumentId | None = Field(None, description="Id för ett dokument som motivet bygger på.")


class ForslagFil(Entity):
    organisation: OrganisationId = Field(description="Id för organisationen förslagen gäller.")
    lagt_vid: HandelseId = Field(description="Id för händelsen i process.yml där förslagen lades.")
    sammanfattning: Text = Field(description="Förslaget i en eller två meningar, för startsidan.")
    politisk_organisation: Annotated[list[Punkt], Field(min_length=1)] = Field(description="Förslagen om den politiska organisationen, punkt för punkt.")
    forvaltningsorganisation: Annotated[list[Punkt], Field(min_length=1)] = Field(description="Förslagen om förvaltningsorganisationen, punkt för punkt.")
    motiv_inledning: Text = Field(description="Inledning till motiven.")
    motiv: Annotated[list[Motiv], Field(min_length=1)] = Field(description="Motiven, i den ordning de numreras.")


# ---------------------------------------------------------------- utredningar/<id>/styrgrupp.yml


class Roll(Entity):
    roll: Text = Field(description="Rollen, t.ex. Kommunstyrelseordförande.")
    kommuner: list[KommunId] = Field([], description="Kommunerna rollen finns i.")
    organisationer: list[OrganisationId] = Field([], description="Organisationerna rollen finns i.")


class Grupp(Strict):
    beskrivning: Text = Field(description="Vilka som ingick, med hela meningar.")
    roller: Annotated[list[Roll], Field(min_length=1)] = Field(description="Rollerna, en per rad i tabellen.")


class Stycke(Entity):
    rubrik: Text = Field(description="Rubriken.")
    text: Text = Field(description="Texten, med hela meningar.")


class StyrgruppFil(Strict):
    sammanfattning: Text | None = Field(None, description="En eller två meningar överst på sidan, bara med det källan säger.")
    styrgrupp: Grupp = Field(description="Styrgruppen för utredningen.")
    underlag: Grupp = Field(description="De som tog fram underlag.")
    arbetssatt: Annotated[list[Stycke], Field(min_length=1)] = Field(description="Hur arbetet gick till.")


# ---------------------------------------------------------------- utredningar/<id>/gemensam-bild.yml


class Tema(Entity):
    namn: Text = Field(description="Temat i några ord.")
    forklaring: Text | None = Field(None, description="Vad temat betyder, om det behöver förklaras.")


class Uttalanden(Strict):
    handelse: HandelseId = Field(description="Id för mötet där politikerna sa detta.")
    inledning: Text = Field(description="Meningen som leder in citaten.")
    citat: Annotated[list[Text], Field(min_length=1)] = Field(description="Vad politikerna sa, ett citat per punkt.")


class GemensamBildFil(Strict):
    sammanfattning: Text | None = Field(None, description="En eller två meningar överst på sidan, bara med det källan säger.")
    inledning: Text = Field(description="Vad som diskuterades under projekttiden.")
    teman: Annotated[list[Tema], Field(min_length=1)] = Field(description="De frågor som diskuterades.")
    uttalanden: Uttalanden = Field(description="Politikernas uttalanden.")
    fortsatta_behov: Annotated[list[Text], Field(min_length=1)] = Field(description="Vad som behövs utöver organisationsförändringarna.")


# ---------------------------------------------------------------- utredningar/<id>/process.yml


class Handelse(Entity):
    id: HandelseDef = Field(description="Kort id för händelsen.")
    titel: Text = Field(description="Vad som hände eller ska hända.")
    beskrivning: Text | None = Field(None, description="Mer om händelsen.")
    status: Literal["genomford", "nasta"] = Field(description="genomford eller nasta.")
    ar: Year | None = Field(None, description="Året, om bara året är känt. Ange antingen ar eller datum.")
    datum: dt.date | None = Field(None, description="Datumet, om det är känt (ÅÅÅÅ-MM-DD). Ange antingen ar eller datum.")
    dokument: DokumentId | None = Field(None, description="Id för ett dokument som hör till händelsen.")

    schema_rules: ClassVar[dict] = _rules(
        {"not": {"required": ["ar", "datum"]}, "errorMessage": msg("year_or_date")},
        {"if": {"properties": {"status": {"const": "genomford"}}, "required": ["status"]},
         "then": {"anyOf": [{"required": ["ar"]}, {"required": ["datum"]}], "errorMessage": msg("done_needs_date")}},
    )

    @model_validator(mode="after")
    def _dated_once(self) -> Handelse:
        # A date holds its year: both would be two places to keep in step.
        if self.datum and self.ar:
            raise ValueError(msg("year_or_date"))
        if self.status == "genomford" and not (self.datum or self.ar):
            raise ValueError(msg("done_needs_date"))
        return self


class Beslut(Entity):
    kommun: KommunId = Field(description="Id för kommunen som beslutar.")
    status: Literal["vantar", "beslutad"] = Field(description="vantar eller beslutad.")
    datum: dt.date | None = Field(None, description="Beslutsdatum, när beslutet är fattat.")
    utfall: Text | None = Field(None, description="Vad som beslutades, när beslutet är fattat.")

    schema_rules: ClassVar[dict] = _rules(_all_or_none("status", "beslutad", ["datum", "utfall"], msg("decision_fields")))

    @model_validator(mode="after")
    def _decided_fully(self) -> Beslut:
        decided = self.status == "beslutad"
        if decided != (self.datum is not None) or decided != (self.utfall is not None):
            raise ValueError(msg("decision_fields"))
        return self


class Beslutsfraga(Strict):
    organ: Text = Field(description="Organet som beslutar, t.ex. Kommunfullmäktige.")
    fraga: Text = Field(description="Vad beslutet gäller, med en hel mening.")
    galler: Text | None = Field(None, description="Vad besluten gäller i några ord, som de står efter ”Beslut väntas om”, t.ex. ledning och styrning av BMB och BKT.")
    kommuner: Annotated[list[Beslut], Field(min_length=1)] = Field(description="Läget i varje kommun.")


class Remissvar(Entity):
    parti: Text = Field(description="Partiet som svarar.")
    status: Literal["inget_svar", "inkommet"] = Field(description="inget_svar eller inkommet.")
    datum: dt.date | None = Field(None, description="När svaret kom in.")
    sammanfattning: Text | None = Field(None, description="Svaret i korthet.")

    schema_rules: ClassVar[dict] = _rules(_all_or_none("status", "inkommet", ["datum", "sammanfattning"], msg("response_fields")))

    @model_validator(mode="after")
    def _received_fully(self) -> Remissvar:
        received = self.status == "inkommet"
        if received != (self.datum is not None) or received != (self.sammanfattning is not None):
            raise ValueError(msg("response_fields"))
        return self


class Remiss(Strict):
    handelse: HandelseId = Field(description="Id för remissen i tidslinjen.")
    mottagare: Text = Field(description="Vilka remissen går till, t.ex. samtliga partier.")
    svar: list[Remissvar] = Field(description="Ett svar per parti som har fått remissen; tom lista så länge inga partier är kända.")


class ProcessFil(Strict):
    tidslinje: Annotated[list[Handelse], Field(min_length=1)] = Field(description="Det som har hänt och det som händer härnäst, i tidsordning.")
    remiss: Remiss = Field(description="Remissen och partiernas svar.")
    beslut: Beslutsfraga = Field(description="Besluten som återstår.")


# ---------------------------------------------------------------- ordlista.yml

Abbreviation = Annotated[str, StringConstraints(pattern=r"^[A-ZÅÄÖ][A-ZÅÄÖa-zåäö0-9-]*$", max_length=MAX_ID)]


class Forkortning(Entity):
    forkortning: Abbreviation = Field(description="Förkortningen som den skrivs, t.ex. BKT.")
    betydelse: Text = Field(description="Vad förkortningen står för; visas när läsaren pekar på eller väljer förkortningen.")
    forklaring: Text | None = Field(None, description="Mer om vad det är, med hela meningar.")


class Term(Entity):
    term: Text = Field(description="Ordet, med liten bokstav om det inte är ett namn.")
    forklaring: Text = Field(description="Vad ordet betyder i kommunalt språkbruk, med hela meningar.")


class OrdlistaFil(Strict):
    forkortningar: list[Forkortning] = Field(description="Förkortningar; alla förklaras där de står på sidorna.")
    termer: list[Term] = Field(description="Ord och begrepp.")


# ---------------------------------------------------------------- tillganglighet.yml


class Brist(Entity):
    brist: Text = Field(description="Vad som inte fungerar.")
    krav: Text | None = Field(None, description="Kravet som inte uppfylls, t.ex. WCAG 2.1 kriterium 1.4.3 Kontrast (minimum).")
    orsak: Text = Field(description="Varför, och vad som görs åt det.")


class Bedomning(Strict):
    metod: Text = Field(description="Hur webbplatsen har granskats.")
    kontroller: Annotated[list[Text], Field(min_length=1)] = Field(description="Vad de automatiska testerna kontrollerar, en punkt per kontroll.")
    datum: dt.date = Field(description="När granskningen gjordes.")
    begransning: Text | None = Field(None, description="Vad granskningen inte har omfattat.")


class TillganglighetFil(Strict):
    organisation: Text = Field(description="Organisationen som ansvarar för webbplatsen.")
    webbplats: Text = Field(description="Webbplatsens namn.")
    status: Literal["fullt", "delvis", "inte"] = Field(description="Hur väl webbplatsen uppfyller kraven: fullt, delvis eller inte förenlig.")
    brister: list[Brist] = Field(description="Kända brister och varför de finns.")
    bedomning: Bedomning = Field(description="Hur och när webbplatsen granskades.")
    uppdaterad: dt.date = Field(description="När redogörelsen senast uppdaterades.")
    aterkoppling: Text = Field(description="Hur läsare kan påtala brister och ge synpunkter.")
    # Digg's model wants a way to report problems; until the owner names one
    # the statement says so and `make check` warns (it is not made up here).
    kontakt: Lank | None = Field(None, description="Kontaktvägen för synpunkter på tillgängligheten: e-post (mailto:) eller formulär.")
    tillsyn: Text = Field(description="Hur läsare kan anmäla till tillsynsmyndigheten Digg.")
