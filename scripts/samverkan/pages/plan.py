"""The page plan: which pages the site has, in menu order, and what each shows.

Planning is separate from rendering so that tests, the browser checks and
the renderer all ask one place which pages exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from ..addresses import ACCESSIBILITY, ALL_INVESTIGATIONS, CHANGES, GATHERING, GLOSSARY, MUNICIPALITIES, ORGANISATIONS, SOURCE_PAGE, url
from ..content.site import Investigation, Site
from ..content.sources import anchor as passage_anchor
from ..words.readers import ASPECT_LABELS
from . import swedish
from .changes import changes
from .markdown import md_inline
from .status import is_open, kort, lage, ordered

# How many investigations the start page shows as cards; the rest are on
# "Alla utredningar", so the start page does not grow with the site.
START_CARDS = 20
# How many investigations, decisions and proposals a municipality's or an
# organisation's page lists, newest first; the page links to "Alla
# utredningar" filtered for it, so it does not grow with the site either.
NEWEST = 5


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    sources: tuple[str, ...]
    context: dict
    owner: str
    # More front matter for the engine and the theme (e.g. leaving a page out of search).
    meta: dict = field(default_factory=dict)
    # Pages whose text this page gathers (the printable summary), rendered again inside it.
    parts: tuple[Page, ...] = ()
    # The source the page's facts come from, shown under the page.
    source: str | None = None
    # A date content gives for the page's own text (the accessibility
    # statement's "uppdaterad"); "Sidan uppdaterad" is never earlier.
    text_date: dt.date | None = None
    # The stored source's page, from the site's root, and the numbers of its
    # passages this page rests on: the page's "Källa" links to each.
    source_page: str | None = None
    passages: tuple[int, ...] = ()


def _as_of(inv: Investigation, day: dt.date | None) -> str:
    """The date a row's information holds at: the day of the decision or
    reply, or else the newest information about the investigation."""
    return swedish.datum(day or inv.latest)


def _decision_rows(site: Site, inv: Investigation) -> list[list[str]]:
    return [
        [site.kommun(b.kommun).kommunnamn, swedish.label(b.status), _as_of(inv, b.datum), b.utfall or "–"]
        for b in inv.process.beslut.kommuner
    ]


def _response_rows(inv: Investigation) -> list[list[str]]:
    return [
        [r.parti, swedish.label(r.status), _as_of(inv, r.datum), r.sammanfattning or "–"]
        for r in inv.process.remiss.svar
    ]


def _composition(s) -> str:
    """A board's members, in the source's words: "Nämnden består av nio ledamöter och nio ersättare."."""
    return f"{s.organ} består av {swedish.av(s.ordinarie, swedish.ordinarie(s.benamning))} och {swedish.av(s.ersattare, 'ersättare')}."


def _before(site: Site, org, aspect: str) -> str | None:
    """What organisationer.yml says of one aspect of org at the source's date, if anything."""
    if aspect == "organisationsform":
        return swedish.label(org.form)
    if aspect == "politisk_styrning":
        return swedish.label(org.styrning.organ) + (f": {org.styrning.namn}" if org.styrning.namn else "")
    if aspect == "vardkommun" and org.vardkommun:
        return site.kommun(org.vardkommun).namn
    if aspect == "arbetsgivare" and org.arbetsgivare:
        return site.kommun(org.arbetsgivare).kommunnamn
    return None


def _comparison(site: Site, org, proposal) -> list[tuple[str, list[list[str]]]]:
    """The proposal, said once: one row per aspect of the organisation, what
    it was at the source's date beside what is proposed, lined up. Points on
    the same aspect share a row; what it was is shown the first time only."""
    shown: set[str] = set()
    tables = []
    for heading, points in (("Politisk organisation", proposal.politisk_organisation),
                            ("Förvaltningsorganisation", proposal.forvaltningsorganisation)):
        rows: dict[str, list[str]] = {}
        for p in points:
            said = " ".join(filter(None, (p.text, _composition(p.sammansattning) if p.sammansattning else None)))
            if p.aspekt in rows:
                rows[p.aspekt][2] += f" {said}"
                continue
            label = ASPECT_LABELS[p.aspekt] + (" (alternativ)" if p.alternativ else "")
            rows[p.aspekt] = [label, "" if p.aspekt in shown else (_before(site, org, p.aspekt) or "–"), said]
            shown.add(p.aspekt)
        tables.append((heading, list(rows.values())))
    return tables


def _investigation_pages(site: Site, inv: Investigation) -> list[Page]:
    base = inv.meta.id
    src = inv.sources
    common = (src["utredning.yml"], src["process.yml"])
    owner, source = inv.meta.informationsagare, source_line(inv)
    state = lage(site, inv)
    names = swedish.proper_names(site, inv)

    source_page = url(f"{base}/{SOURCE_PAGE}.md") if inv.source else None

    def page(name, template, title, extra, meta=None, parts=(), rests_on=(), **context):
        passages = tuple(sorted({n for p in parts for n in p.passages} | set(inv.passages(*rests_on))))
        return Page(f"{base}/{name}", template, title, (*common, *extra), {"site": site, "inv": inv, "lage": state, "namn": names, **context},
                    owner, meta or {}, parts, source, source_page=source_page, passages=passages)

    pages = [
        page("index.md", "utredning.md.j2", "Om utredningen", (site.sources["kommuner.yml"], site.sources["organisationer.yml"]),
             rests_on=(inv.meta,)),
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
                mote=inv.handelse(proposal.lagt_vid),
                jamforelse=_comparison(site, org, proposal),
                aspekter=[p.aspekt for p in (*proposal.politisk_organisation, *proposal.forvaltningsorganisation)],
                rests_on=(proposal,),
            )
        )
    pages += [
        # How the work was done and what was said: these pages do not speak of the state.
        page("styrgrupp.md", "styrgrupp.md.j2", "Styrgrupp och arbetssätt", (src["styrgrupp.yml"],), rests_on=(inv.styrgrupp,)),
        page("gemensam-bild.md", "gemensam-bild.md.j2", "Gemensam bild", (src["gemensam-bild.yml"],), rests_on=(inv.bild,)),
        page("process.md", "process.md.j2", "Process och nästa steg", (site.sources["dokument.yml"],),
             beslutsrader=_decision_rows(site, inv), remissrader=_response_rows(inv), rests_on=(inv.process,)),
    ]
    everything = tuple(dict.fromkeys(source for p in pages for source in p.sources))
    # This site's pages about the investigation on one page, for print: all
    # their text, each fact once; left out of search so that a word is not
    # found twice.
    pages.append(page("hela-utredningen.md", "hela-utredningen.md.j2", "All text på en sida", everything,
                      meta={"search": {"exclude": True}}, parts=tuple(pages)))
    if inv.source:
        # The source itself, word for word, each passage with its own address.
        # Out of search: its words would otherwise be found twice, once here
        # and once on the page that tells them.
        k = inv.meta.kalla
        pages.append(Page(f"{base}/{SOURCE_PAGE}.md", "kalla.md.j2", "Källan", (src["utredning.yml"], inv.source.file),
                          {"kalla": k, "stycken": [(n, passage_anchor(n), text) for n, text in enumerate(inv.source.passages, 1)]},
                          k.agare, {"search": {"exclude": True}}, source=source))
    return pages


def source_line(inv: Investigation) -> str:
    """Where an investigation's facts come from, as readers are told it."""
    k = inv.meta.kalla
    return f"Källa: ”{k.titel}”, {k.agare}, {swedish.datum(k.datum)}."


def _link(inv: Investigation) -> Markup:
    """A Markdown link to an investigation, its title escaped once here."""
    return Markup(f"[{md_inline(inv.meta.titel)}]({inv.meta.id}/index.md)")


def _groups(site: Site, investigations: list[Investigation]) -> list[dict]:
    """The investigations by state, then by year of their latest change:
    sections a reader can jump to without JavaScript. Each row carries the
    ids the filter on the page matches (docs/assets/javascripts/utredningsfilter.js)."""
    groups = []
    as_of = swedish.datum(site.updated)
    for open_, heading, anchor, empty in (
        (True, "Väntar på beslut eller pågår", "oppna", f"Enligt uppgifterna den {as_of} väntade ingen utredning på beslut och ingen pågick."),
        (False, "Beslutade i alla kommuner", "beslutade", f"Enligt uppgifterna den {as_of} var ingen utredning beslutad i alla kommuner."),
    ):
        years: dict[int, list[dict]] = {}
        for inv in investigations:
            if is_open(inv) == open_:
                years.setdefault(inv.latest.year, []).append({"celler": [
                    _link(inv), kort(inv), swedish.datum(inv.latest),
                    swedish.lista(site.forkortningar(inv.meta.organisationer)), swedish.lista(site.orter(inv.meta.kommuner)),
                ], "data": {"kommun": " ".join(inv.meta.kommuner), "organisation": " ".join(inv.meta.organisationer), "lage": anchor}})
        groups.append({"rubrik": heading, "ankare": anchor, "tom": empty, "ar": sorted(years.items(), reverse=True)})
    return groups


def newest(investigations: list[Investigation]) -> list[Investigation]:
    """The NEWEST most recently changed; on the same day, in the order given."""
    return sorted(investigations, key=lambda inv: inv.latest, reverse=True)[:NEWEST]


def _across(site: Site, index: list[Investigation], owner: str) -> list[Page]:
    """A page per municipality and per organisation, across every investigation,
    each with a page listing them: what concerns a reader, wherever it is."""
    kommuner_yml, organisationer_yml = site.sources["kommuner.yml"], site.sources["organisationer.yml"]

    def sources(investigations: list[Investigation]) -> tuple[str, ...]:
        return tuple(src for inv in investigations for src in (inv.sources["utredning.yml"], inv.sources["process.yml"], *inv.proposal_sources.values()))

    def updated(investigations: list[Investigation]):
        return max((inv.latest for inv in investigations), default=site.updated)

    kommuner = list(site.kommuner.kommuner)
    pages = [Page(f"{MUNICIPALITIES}/index.md", "kommuner.md.j2", "Kommuner", (kommuner_yml,), {"kommuner": kommuner}, owner)]
    for k in kommuner:
        concerned = [inv for inv in index if k.id in inv.meta.kommuner]
        vantar = [(inv, b) for inv in index for b in inv.pending if b.kommun == k.id]
        beslutat = [(inv, b) for inv in index for b in inv.decided if b.kommun == k.id]
        pages.append(Page(f"{MUNICIPALITIES}/{k.id}.md", "kommun.md.j2", k.kommunnamn, (kommuner_yml, *sources(concerned)), {
            "site": site, "kommun": k, "utredningar": newest(concerned), "antal": len(concerned), "senast": updated(concerned),
            "vantar": [(inv, b) for inv in newest([inv for inv, _ in vantar]) for b in inv.pending if b.kommun == k.id],
            "antal_vantar": len(vantar),
            "beslutat": sorted(beslutat, key=lambda pair: pair[1].datum, reverse=True)[:NEWEST], "antal_beslutat": len(beslutat),
            "alla": f"../{ALL_INVESTIGATIONS}.md?kommun={k.id}",
        }, owner))
    organisationer = list(site.organisationer.values())
    pages.append(Page(f"{ORGANISATIONS}/index.md", "organisationer.md.j2", "Organisationer", (organisationer_yml,),
                      {"organisationer": organisationer}, owner))
    for org in organisationer:
        concerned = [inv for inv in index if org.id in inv.meta.organisationer]
        # The facts in organisationer.yml hold at the date of the sources that give them.
        dates = [inv.meta.kalla.datum for inv in concerned]
        pages.append(Page(f"{ORGANISATIONS}/{org.id}.md", "organisation-alla.md.j2", f"{org.namn} ({org.forkortning})",
                          (organisationer_yml, *sources(concerned)), {
                              "site": site, "org": org, "utredningar": newest(concerned), "antal": len(concerned),
                              "korta": {inv.meta.id: kort(inv) for inv in newest(concerned)},
                              "alla": f"../{ALL_INVESTIGATIONS}.md?organisation={org.id}",
                              "nar": swedish.manad(max(dates)) if dates else None,
                          }, owner))
    return pages


def plan(site: Site) -> list[Page]:
    """Every page of the site, in navigation order."""
    start_sources = [site.sources["webbplats.yml"], site.sources["kommuner.yml"]]
    for inv in site.investigations:
        start_sources += [inv.sources["utredning.yml"], inv.sources["process.yml"]]
        start_sources += [inv.proposal_sources[p.organisation] for p in inv.proposals]
    owner = site.webbplats.informationsagare
    index = ordered(site.investigations)
    shown = index[:START_CARDS]
    korta = {inv.meta.id: kort(inv) for inv in shown}
    pages = [
        Page("index.md", "start.md.j2", "Start", tuple(start_sources),
             {"site": site, "visas": shown, "antal": len(index), "korta": korta}, owner,
             # No table of contents: one entry per card would double the page.
             meta={"hide": ["toc"]}, source=" ".join(dict.fromkeys(source_line(inv) for inv in shown))),
        # organisationer.yml too: the rows and the filter print abbreviations from it.
        Page(f"{ALL_INVESTIGATIONS}.md", "alla-utredningar.md.j2", "Alla utredningar", (*start_sources, site.sources["organisationer.yml"]),
             {"grupper": _groups(site, index), "antal": len(index), "as_of": swedish.datum(site.updated), "kommuner": list(site.kommuner.kommuner),
              "organisationer": list(site.organisationer.values())}, owner),
    ]
    for inv in site.investigations:
        pages += _investigation_pages(site, inv)
    pages += _across(site, index, owner)
    pages.append(Page(f"{CHANGES}.md", "senaste-andringar.md.j2", "Senaste ändringar", tuple(start_sources),
                      {"andringar": changes(site)}, owner))
    glossary = site.ordlista
    # One flat list: abbreviations and words together, in Swedish order.
    entries = [(f.forkortning, f.betydelse + (f". {f.forklaring}" if f.forklaring else "")) for f in glossary.forkortningar]
    entries += [(t.term, t.forklaring) for t in glossary.termer]
    pages.append(Page(f"{GLOSSARY}.md", "ordlista.md.j2", "Ordlista", (site.sources["ordlista.yml"],), {
        "poster": sorted(entries, key=lambda e: swedish.sv_key(e[0])),
    }, owner))
    statement = site.tillganglighet
    pages.append(Page(f"{ACCESSIBILITY}.md", "tillganglighet.md.j2", "Tillgänglighetsredogörelse", (site.sources["tillganglighet.yml"],),
                      {"site": site}, statement.organisation, text_date=statement.uppdaterad))
    # The portal's lists gather what the investigations' own pages say, like
    # the printable summary: left out of search, so a word leads to the page
    # that says it, not to every list that repeats it.
    return [replace(p, meta={**p.meta, "search": {"exclude": True}}) if _gathers(p) else p for p in pages]


def _gathers(page: Page) -> bool:
    return page.path.split("/")[0].removesuffix(".md") in GATHERING
