"""The content model: one pydantic class per kind of thing in content/.

These classes are the single description of the content. Validation uses them
directly, and the JSON Schemas offered to editors (schemas/) are generated
from them, so the two cannot drift. Field descriptions are Swedish because
editors read them in their YAML editor; titles come from the catalogue.
Every model is strict: YAML's `no` is not silently text, nor `170` a string.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .fields import (  # noqa: F401 - the model's building blocks, used as model.X across content/
    ASPECTS,
    MAX_ID,
    MAX_TEXT,
    REFERS_TO,
    SCOPED_KINDS,
    Date,
    Defines,
    DokumentDef,
    Entity,
    KommunDef,
    KommunId,
    Lank,
    OrganisationDef,
    OrganisationId,
    RefTo,
    RegionDef,
    Strict,
    Text,
    Year,
    _safe_url,
)
from .investigation_model import (  # noqa: F401 - one namespace for every model: model.UtredningFil
    Beslut,
    Beslutsfraga,
    ForslagFil,
    GemensamBildFil,
    Grupp,
    Handelse,
    Kalla,
    Motiv,
    Person,
    ProcessFil,
    Punkt,
    Remiss,
    Remissvar,
    Sammansattning,
    Stycke,
    StyrgruppFil,
    Tema,
    UtredningFil,
    Uttalanden,
)

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


class KommunerFil(Strict):
    region: Region = Field(description="Gruppen som kommunerna bildar.")
    kommuner: Annotated[list[Kommun], Field(min_length=1)] = Field(description="Kommunerna, i den ordning de nämns.")


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
    datum: Date = Field(description="När granskningen gjordes.")
    begransning: Text | None = Field(None, description="Vad granskningen inte har omfattat.")


class TillganglighetFil(Strict):
    organisation: Text = Field(description="Organisationen som ansvarar för webbplatsen.")
    webbplats: Text = Field(description="Webbplatsens namn.")
    status: Literal["fullt", "delvis", "inte"] = Field(description="Hur väl webbplatsen uppfyller kraven: fullt, delvis eller inte förenlig.")
    brister: list[Brist] = Field(description="Kända brister och varför de finns.")
    bedomning: Bedomning = Field(description="Hur och när webbplatsen granskades.")
    uppdaterad: Date = Field(description="När redogörelsen senast uppdaterades.")
    aterkoppling: Text = Field(description="Hur läsare kan påtala brister och ge synpunkter.")
    # Digg's model wants a way to report problems; until the owner names one
    # the statement says so and `make check` warns (it is not made up here).
    kontakt: Lank | None = Field(None, description="Kontaktvägen för synpunkter på tillgängligheten: e-post (mailto:) eller formulär.")
    tillsyn: Text = Field(description="Hur läsare kan anmäla till tillsynsmyndigheten Digg.")
