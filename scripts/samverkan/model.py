"""The content model: one pydantic class per kind of thing in content/.

These classes are the single description of the content. Validation uses them
directly; the JSON Schemas offered to editors are generated from them.
Every model is strict: YAML's `no` is not silently text, nor `170` a string.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .messages import ASPECTS, msg


@dataclass(frozen=True)
class Defines:
    """Marks a field whose value is the id of an entity of this kind."""

    kind: str


@dataclass(frozen=True)
class RefTo:
    """Marks a field that refers, by id, to an entity of this kind."""

    kind: str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


_ID = StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
Text = Annotated[str, StringConstraints(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2200)]

KommunId = Annotated[str, _ID, RefTo("kommun")]
OrganisationId = Annotated[str, _ID, RefTo("organisation")]
DokumentId = Annotated[str, _ID, RefTo("dokument")]
HandelseId = Annotated[str, _ID, RefTo("händelse")]
RegionId = Annotated[str, _ID, RefTo("region")]

Aspect = Literal[tuple(ASPECTS)]  # type: ignore[valid-type]


def _defines(kind: str, description: str):
    return Annotated[str, _ID, Defines(kind), Field(description=description)]


# ---------------------------------------------------------------- webbplats.yml


class Webbplats(Strict):
    """webbplats.yml: the site as a whole."""

    namn: Text = Field(description="Webbplatsens namn, visas överst på varje sida.")
    beskrivning: Text = Field(description="En mening om vad webbplatsen är till för.")
    informationsagare: Text = Field(description="Vem som äger informationen på startsidan.")


# ---------------------------------------------------------------- kommuner.yml


class Antal(Strict):
    """A number and how exact it is ("cirka 170", "drygt tio")."""

    varde: Annotated[int, Field(ge=0)] = Field(description="Talet.")
    precision: Literal["exakt", "cirka", "drygt"] = Field(
        "exakt", description="Hur exakt talet är: exakt, cirka eller drygt."
    )


class Region(Strict):
    id: _defines("region", "Kort id för gruppen av kommuner.")
    namn: Text = Field(description="Gruppens namn, t.ex. KNÖL-kommunerna.")
    beskrivning: Text = Field(description="Vilka kommunerna är, t.ex. kommunerna i norra Örebro län.")


class Kommun(Strict):
    id: _defines("kommun", "Kort id för kommunen, t.ex. nora.")
    namn: Text = Field(description="Ortens namn, t.ex. Nora.")
    kommunnamn: Text = Field(description="Kommunens fullständiga namn, t.ex. Nora kommun.")


class Samarbete(Strict):
    ar: Antal = Field(description="Hur många år samarbetet har pågått.")
    beskrivning: Text = Field(description="Vad samarbetet gäller.")


class KommunerFil(Strict):
    """kommuner.yml: the municipalities and their cooperation."""

    region: Region
    kommuner: Annotated[list[Kommun], Field(min_length=1)]
    samarbete: Samarbete


# ---------------------------------------------------------------- organisationer.yml


class Styrning(Strict):
    organ: Literal["direktion", "namnd"] = Field(description="Det politiska organ som styr: direktion eller namnd.")
    namn: Text | None = Field(None, description="Organets namn, om det har ett.")


class Plats(Strict):
    typ: Text = Field(description="Vad platsen är, t.ex. Huvudkontor eller Säte.")
    namn: Text = Field(description="Platsens namn, t.ex. Pershyttan.")
    kommun: KommunId = Field(description="Id för kommunen där platsen ligger.")


class Organisation(Strict):
    id: _defines("organisation", "Kort id, t.ex. bkt.")
    namn: Text = Field(description="Organisationens fullständiga namn.")
    forkortning: Text = Field(description="Förkortningen, t.ex. BKT.")
    verksamhet: Text = Field(description="Vad organisationen gör.")
    form: Literal["kommunalforbund", "forvaltning"] = Field(description="Organisationsform i dag.")
    styrning: Styrning
    medlemmar: Annotated[list[KommunId], Field(min_length=1)] = Field(description="Kommunerna som samverkar i organisationen.")
    vardkommun: KommunId | None = Field(None, description="Värdkommun i dag, om det finns en.")
    arbetsgivare: KommunId | None = Field(None, description="Kommunen som är arbetsgivare i dag, om utredningen anger det.")
    anstallda: Antal = Field(description="Antal anställda.")
    sate: Plats = Field(description="Huvudkontor eller säte.")


class OrganisationerFil(Strict):
    """organisationer.yml: the joint organisations as they are today."""

    organisationer: Annotated[list[Organisation], Field(min_length=1)]


# ---------------------------------------------------------------- dokument.yml


class Dokument(Strict):
    id: _defines("dokument", "Kort id, t.ex. utvardering-2010.")
    titel: Text = Field(description="Dokumentets titel, exakt som den skrivs.")
    typ: Text = Field(description="Vad för slags dokument, t.ex. utvärdering.")
    ar: Year = Field(description="Året dokumentet kom.")
    om: OrganisationId | None = Field(None, description="Id för organisationen dokumentet handlar om.")
    sammanfattning: Text = Field(description="Vad dokumentet beskrev, med hela meningar.")


class DokumentFil(Strict):
    """dokument.yml: earlier reports that the investigations refer to."""

    dokument: list[Dokument]


# ---------------------------------------------------------------- utredningar/<id>/utredning.yml


class Person(Strict):
    namn: Text = Field(description="Personens namn.")
    roll: Text = Field(description="Personens roll i utredningen.")
    bakgrund: Text = Field(description="Personens bakgrund.")


class UtredningFil(Strict):
    """utredning.yml: one investigation."""

    id: _defines("utredning", "Samma som mappens namn; blir en del av sidornas adress.")
    titel: Text = Field(description="Utredningens namn.")
    projektnamn: Text = Field(description="Projektets namn som det skrivs i original.")
    status: Literal["avslutad", "pagaende"] = Field(description="avslutad eller pagaende.")
    region: RegionId = Field(description="Id för gruppen av kommuner.")
    kommuner: Annotated[list[KommunId], Field(min_length=1)] = Field(description="Kommunerna som berörs.")
    organisationer: Annotated[list[OrganisationId], Field(min_length=1)] = Field(description="Organisationerna som utreds, i den ordning de visas.")
    utredare: Person
    uppdrag: Text = Field(description="Vad som utreddes.")
    bakgrund: Annotated[list[Text], Field(min_length=1)] = Field(description="Varför det utreddes, en mening per punkt.")
    slutsats: Text = Field(description="Utredarens viktigaste slutsats.")
    informationsagare: Text = Field(description="Vem som äger informationen.")
    uppdaterad: dt.date = Field(description="När informationen senast uppdaterades (ÅÅÅÅ-MM-DD).")


# ---------------------------------------------------------------- utredningar/<id>/forslag-*.yml


class Sammansattning(Strict):
    organ: Text = Field(description="Organet, t.ex. Nämnden eller Arbetsutskottet.")
    ordinarie: Annotated[int, Field(ge=1)] = Field(description="Antal ordinarie ledamöter.")
    ersattare: Annotated[int, Field(ge=0)] = Field(description="Antal ersättare.")


class Punkt(Strict):
    aspekt: Aspect = Field(description="Vilken del av organisationen punkten gäller; styr raden i tabellen Idag/Förslag.")
    text: Text | None = Field(None, description="Förslaget med egna ord.")
    sammansattning: Sammansattning | None = Field(None, description="Antal ledamöter och ersättare, om punkten gäller det.")
    alternativ: bool = Field(False, description="true om punkten är ett alternativ till de andra.")

    @model_validator(mode="after")
    def _says_something(self) -> Punkt:
        if self.text is None and self.sammansattning is None:
            raise ValueError(msg("text_or_composition"))
        return self


class Motiv(Strict):
    rubrik: Text | None = Field(None, description="Motivet i några ord.")
    text: Text = Field(description="Motivet med hela meningar.")
    dokument: DokumentId | None = Field(None, description="Id för ett dokument som motivet bygger på.")


class ForslagFil(Strict):
    """forslag-<organisation>.yml: the proposals for one organisation."""

    organisation: OrganisationId = Field(description="Id för organisationen förslagen gäller.")
    lagt_vid: HandelseId = Field(description="Id för händelsen i process.yml där förslagen lades.")
    sammanfattning: Text = Field(description="Förslaget i en mening, för startsidan.")
    politisk_organisation: Annotated[list[Punkt], Field(min_length=1)]
    forvaltningsorganisation: Annotated[list[Punkt], Field(min_length=1)]
    motiv_inledning: Text = Field(description="Inledning till motiven.")
    motiv: Annotated[list[Motiv], Field(min_length=1)]


# ---------------------------------------------------------------- utredningar/<id>/styrgrupp.yml


class Roll(Strict):
    roll: Text = Field(description="Rollen, t.ex. Kommunstyrelseordförande.")
    kommuner: list[KommunId] = Field([], description="Kommunerna rollen finns i.")
    organisationer: list[OrganisationId] = Field([], description="Organisationerna rollen finns i.")


class Grupp(Strict):
    beskrivning: Text
    roller: Annotated[list[Roll], Field(min_length=1)]


class Stycke(Strict):
    rubrik: Text
    text: Text


class StyrgruppFil(Strict):
    """styrgrupp.yml: who steered the work and how it was done."""

    styrgrupp: Grupp
    underlag: Grupp
    arbetssatt: Annotated[list[Stycke], Field(min_length=1)]


# ---------------------------------------------------------------- utredningar/<id>/gemensam-bild.yml


class Tema(Strict):
    namn: Text
    forklaring: Text | None = None


class Uttalanden(Strict):
    handelse: HandelseId = Field(description="Id för mötet där politikerna sa detta.")
    inledning: Text
    citat: Annotated[list[Text], Field(min_length=1)]


class GemensamBildFil(Strict):
    """gemensam-bild.yml: the picture the politicians share."""

    inledning: Text
    teman: Annotated[list[Tema], Field(min_length=1)]
    uttalanden: Uttalanden
    fortsatta_behov: Annotated[list[Text], Field(min_length=1)]


# ---------------------------------------------------------------- utredningar/<id>/process.yml


class Handelse(Strict):
    id: _defines("händelse", "Kort id för händelsen.")
    titel: Text
    beskrivning: Text | None = None
    status: Literal["genomford", "nasta"] = Field(description="genomford eller nasta.")
    ar: Year | None = Field(None, description="Året, om bara året är känt.")
    datum: dt.date | None = Field(None, description="Datumet, om det är känt.")
    dokument: DokumentId | None = None

    @model_validator(mode="after")
    def _dated_consistently(self) -> Handelse:
        if self.datum and self.ar and self.datum.year != self.ar:
            raise ValueError(msg("year_mismatch", ar=self.ar, datum=self.datum.isoformat()))
        if self.status == "genomford" and not (self.datum or self.ar):
            raise ValueError(msg("done_needs_date"))
        return self


class Beslut(Strict):
    kommun: KommunId
    status: Literal["vantar", "beslutad"] = Field(description="vantar eller beslutad.")
    datum: dt.date | None = Field(None, description="Beslutsdatum, när beslutet är fattat.")
    utfall: Text | None = Field(None, description="Vad som beslutades, när beslutet är fattat.")

    @model_validator(mode="after")
    def _decided_fully(self) -> Beslut:
        decided = self.status == "beslutad"
        if decided != (self.datum is not None) or decided != (self.utfall is not None):
            raise ValueError(msg("decision_fields"))
        return self


class Beslutsfraga(Strict):
    organ: Text = Field(description="Organet som beslutar, t.ex. Kommunfullmäktige.")
    fraga: Text = Field(description="Vad beslutet gäller.")
    kommuner: Annotated[list[Beslut], Field(min_length=1)]


class ProcessFil(Strict):
    """process.yml: what has happened and what happens next."""

    tidslinje: Annotated[list[Handelse], Field(min_length=1)]
    beslut: Beslutsfraga
