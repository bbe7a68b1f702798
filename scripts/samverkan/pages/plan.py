"""The page plan: which pages the site has, in menu order, and what each shows.

Planning is separate from rendering so that tests, the browser checks and
the renderer all ask one place which pages exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..content.model import ASPECTS
from ..content.site import Investigation, Site
from . import swedish


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    sources: tuple[str, ...]
    context: dict
    owner: str
    updated: dt.date
    # More front matter for the engine and the theme (e.g. leaving a page out of search).
    meta: dict = field(default_factory=dict)
    # Pages whose text this page gathers ("Hela utredningen"), rendered again inside it.
    parts: tuple[Page, ...] = ()


def _today(site: Site, org) -> dict[str, str]:
    """How an organisation is organised today, per aspect of the Idag/Förslag table."""
    styrning = swedish.label(org.styrning.organ) + (f": {org.styrning.namn}" if org.styrning.namn else "")
    known = {
        "organisationsform": swedish.label(org.form),
        "politisk_styrning": styrning,
        "vardkommun": site.kommun(org.vardkommun).namn if org.vardkommun else None,
        "arbetsgivare": site.kommun(org.arbetsgivare).kommunnamn if org.arbetsgivare else None,
    }
    return {a: known.get(a) or swedish.label("okand") for a in ASPECTS}


def _rows(proposal) -> list[tuple[str, list]]:
    points = [*proposal.politisk_organisation, *proposal.forvaltningsorganisation]
    return [(a, [p for p in points if p.aspekt == a]) for a in ASPECTS if any(p.aspekt == a for p in points)]


def _decision_rows(site: Site, inv: Investigation) -> list[list[str]]:
    return [
        [site.kommun(b.kommun).kommunnamn, swedish.label(b.status), swedish.datum(b.datum) if b.datum else "–", b.utfall or "–"]
        for b in inv.process.beslut.kommuner
    ]


def _response_rows(inv: Investigation) -> list[list[str]]:
    return [
        [r.parti, swedish.label(r.status), swedish.datum(r.datum) if r.datum else "–", r.sammanfattning or "–"]
        for r in inv.process.remiss.svar
    ]


def _investigation_pages(site: Site, inv: Investigation) -> list[Page]:
    base = inv.meta.id
    src = inv.sources
    common = (src["utredning.yml"], src["process.yml"])
    owner, updated = inv.meta.informationsagare, inv.meta.uppdaterad

    def page(name, template, title, extra, meta=None, parts=(), **context):
        return Page(f"{base}/{name}", template, title, (*common, *extra), {"site": site, "inv": inv, **context}, owner, updated, meta or {}, parts)

    pages = [
        page("index.md", "utredning.md.j2", "Om utredningen", (site.sources["kommuner.yml"], site.sources["organisationer.yml"])),
    ]
    for proposal in inv.proposals:
        org = site.organisation(proposal.organisation)
        pages.append(
            page(
                f"{org.id}.md",
                "organisation.md.j2",
                f"{org.namn} ({org.forkortning})",
                (inv.proposal_sources[org.id], site.sources["organisationer.yml"], site.sources["dokument.yml"]),
                org=org,
                proposal=proposal,
                today=_today(site, org),
                rows=_rows(proposal),
                mote=inv.handelse(proposal.lagt_vid),
            )
        )
    pages += [
        page("styrgrupp.md", "styrgrupp.md.j2", "Styrgrupp och arbetssätt", (src["styrgrupp.yml"],)),
        page("gemensam-bild.md", "gemensam-bild.md.j2", "Gemensam bild", (src["gemensam-bild.yml"],)),
        page("process.md", "process.md.j2", "Process och nästa steg", (site.sources["dokument.yml"],),
             beslutsrader=_decision_rows(site, inv), remissrader=_response_rows(inv)),
    ]
    everything = tuple(dict.fromkeys(source for p in pages for source in p.sources))
    # The whole investigation on one page, for print and the remiss; left out
    # of search so that a word is not found twice.
    pages.append(page("hela-utredningen.md", "hela-utredningen.md.j2", "Hela utredningen", everything,
                      meta={"search": {"exclude": True}}, parts=tuple(pages)))
    return pages


def plan(site: Site) -> list[Page]:
    """Every page of the site, in navigation order."""
    start_sources = [site.sources["webbplats.yml"], site.sources["kommuner.yml"]]
    for inv in site.investigations:
        start_sources += [inv.sources["utredning.yml"], inv.sources["process.yml"]]
        start_sources += [inv.proposal_sources[p.organisation] for p in inv.proposals]
    owner = site.webbplats.informationsagare
    pages = [Page("index.md", "start.md.j2", "Start", tuple(start_sources), {"site": site}, owner, site.updated)]
    for inv in site.investigations:
        pages += _investigation_pages(site, inv)
    glossary = site.ordlista
    pages.append(Page("ordlista.md", "ordlista.md.j2", "Ordlista", (site.sources["ordlista.yml"],), {
        "forkortningar": sorted(glossary.forkortningar, key=lambda f: swedish.sv_key(f.forkortning)),
        "termer": sorted(glossary.termer, key=lambda t: swedish.sv_key(t.term)),
    }, owner, site.updated))
    statement = site.tillganglighet
    pages.append(Page("tillganglighet.md", "tillganglighet.md.j2", "Tillgänglighetsredogörelse", (site.sources["tillganglighet.yml"],),
                      {"site": site}, statement.organisation, statement.uppdaterad))
    return pages
