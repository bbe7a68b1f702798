"""The content model of one investigation's folder, content/utredningar/<id>/:
utredning.yml, forslag-<organisation>.yml, styrgrupp.yml, gemensam-bild.yml
and process.yml. The files shared by every investigation are in model.py.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema, model_validator

from ..words import msg
from .fields import (
    AllOrNone,
    Aspect,
    Date,
    DokumentId,
    Entity,
    HandelseDef,
    HandelseId,
    KommunId,
    OrganisationId,
    RegionId,
    Strict,
    Text,
    UtredningDef,
    Year,
    _rules,
)

# A file in the investigation's kallor/ folder: a plain name, never a path.
SOURCE_FILE = r"[a-z0-9]+([._-][a-z0-9]+)*\.txt"


def _source_file(name: str) -> str:
    if not re.fullmatch(SOURCE_FILE, name):
        raise ValueError(msg("source_file_name", name=name))
    return name


# The editor's schema gets the same rule as a pattern; make check says it in words.
SourceFile = Annotated[str, StringConstraints(max_length=100), AfterValidator(_source_file),
                       WithJsonSchema({"type": "string", "pattern": f"^{SOURCE_FILE}$", "maxLength": 100, "errorMessage": msg("source_file_rule")})]


def _passages():
    """Each page names the passages of the source it rests on, so that its
    "Källa" links to them; make check finds every quote in the stored text."""
    return Field([], description="Ställen i källan som sidan bygger på: ett kort citat ur varje stycke, ordagrant. Sidans ”Källa” länkar till styckena.")


# ---------------------------------------------------------------- utredningar/<id>/utredning.yml


class Person(Strict):
    namn: Text = Field(description="Personens namn.")
    roll: Text = Field(description="Personens roll i utredningen.")
    bakgrund: Text = Field(description="Personens bakgrund, med liten bokstav: tidigare …")


class Kalla(Strict):
    titel: Text = Field(description="Källans rubrik, exakt som den skrivs.")
    agare: Text = Field(description="Vem som står bakom källan, som källan själv anger det (informationsägare).")
    datum: Date = Field(description="Källans datum, som källan anger det (ÅÅÅÅ-MM-DD).")
    # The text itself travels with the content (content/sources.py): readers
    # open it as a page, and the tests read the facts from it.
    fil: SourceFile | None = Field(None, description="Källans text, ordagrant som den kom, som en fil i mappen kallor/, t.ex. artikel.txt.")
    original: Text | None = Field(None, description="Filens namn när källan kom in, om det var ett annat.")


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
    uppdaterad: Date = Field(description="När informationen senast uppdaterades (ÅÅÅÅ-MM-DD).")
    # Everything the site says about an investigation comes from one source;
    # readers are shown which, on every page of it.
    kalla: Kalla = Field(description="Källan som allt om utredningen bygger på: rubrik, ägare och datum.")
    sammanfattning: Text | None = Field(None, description="En eller två meningar överst på sidan Om utredningen, bara med det källan säger.")
    # Text about one investigation lives in its content, never in a template.
    sammanhang: Text | None = Field(None, description="Ett stycke om utredningens sammanhang på sidan Om utredningen: vilka som samarbetar, hur och sedan när, med källans datum (I april 2015 hade …).")
    kallstallen: list[Text] = _passages()


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
    kallstallen: list[Text] = _passages()


# ---------------------------------------------------------------- utredningar/<id>/styrgrupp.yml


class Grupp(Strict):
    # Said once, in whole sentences: a table of the same roles beside it
    # would say it twice (each fact once per page).
    beskrivning: Text = Field(description="Vilka som ingick, med hela meningar.")


class Stycke(Entity):
    rubrik: Text = Field(description="Rubriken.")
    text: Text = Field(description="Texten, med hela meningar.")


class StyrgruppFil(Strict):
    sammanfattning: Text | None = Field(None, description="En eller två meningar överst på sidan, bara med det källan säger.")
    styrgrupp: Grupp = Field(description="Styrgruppen för utredningen.")
    underlag: Grupp = Field(description="De som tog fram underlag.")
    arbetssatt: Annotated[list[Stycke], Field(min_length=1)] = Field(description="Hur arbetet gick till.")
    kallstallen: list[Text] = _passages()


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
    kallstallen: list[Text] = _passages()


# ---------------------------------------------------------------- utredningar/<id>/process.yml


class Handelse(Entity):
    id: HandelseDef = Field(description="Kort id för händelsen.")
    titel: Text = Field(description="Vad som hände eller ska hända.")
    beskrivning: Text | None = Field(None, description="Mer om händelsen.")
    status: Literal["genomford", "nasta"] = Field(description="genomford eller nasta.")
    ar: Year | None = Field(None, description="Året, om bara året är känt. Ange antingen ar eller datum.")
    datum: Date | None = Field(None, description="Datumet, om det är känt (ÅÅÅÅ-MM-DD). Ange antingen ar eller datum.")
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
    datum: Date | None = Field(None, description="Beslutsdatum, när beslutet är fattat.")
    utfall: Text | None = Field(None, description="Vad som beslutades, när beslutet är fattat.")

    all_or_none: ClassVar[tuple[AllOrNone, ...]] = (AllOrNone("status", "beslutad", ("datum", "utfall"), "decision_fields"),)


class Beslutsfraga(Strict):
    organ: Text = Field(description="Organet som beslutar, t.ex. Kommunfullmäktige.")
    fraga: Text = Field(description="Vad beslutet gäller, med en hel mening.")
    galler: Text | None = Field(None, description="Vad besluten gäller i några ord, som de står efter ”Beslut väntas om”, t.ex. ledning och styrning av BMB och BKT.")
    kommuner: Annotated[list[Beslut], Field(min_length=1)] = Field(description="Läget i varje kommun.")


class Remissvar(Entity):
    parti: Text = Field(description="Partiet som svarar.")
    status: Literal["inget_svar", "inkommet"] = Field(description="inget_svar eller inkommet.")
    datum: Date | None = Field(None, description="När svaret kom in.")
    sammanfattning: Text | None = Field(None, description="Svaret i korthet.")

    all_or_none: ClassVar[tuple[AllOrNone, ...]] = (AllOrNone("status", "inkommet", ("datum", "sammanfattning"), "response_fields"),)


class Remiss(Strict):
    handelse: HandelseId = Field(description="Id för remissen i tidslinjen.")
    mottagare: Text = Field(description="Vilka remissen går till, t.ex. samtliga partier.")
    svar: list[Remissvar] = Field(description="Ett svar per parti som har fått remissen; tom lista så länge inga partier är kända.")


class ProcessFil(Strict):
    tidslinje: Annotated[list[Handelse], Field(min_length=1)] = Field(description="Det som har hänt och det som händer härnäst, i tidsordning.")
    remiss: Remiss = Field(description="Remissen och partiernas svar.")
    beslut: Beslutsfraga = Field(description="Besluten som återstår.")
    kallstallen: list[Text] = _passages()
