"""The resolved site: validated content with drafts left out, as templates read it."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from . import model as m
from .sources import SourceText


@dataclass
class Investigation:
    meta: m.UtredningFil
    proposals: list[m.ForslagFil]
    styrgrupp: m.StyrgruppFil
    bild: m.GemensamBildFil
    process: m.ProcessFil
    # Which content file each part came from, for the generated files' headers:
    # by file name, and each organisation's proposals by organisation id.
    sources: dict[str, str]
    proposal_sources: dict[str, str]
    # The source's text, stored in the investigation's kallor/ (sources.py), if it is there.
    source: SourceText | None = None

    def passages(self, *files) -> list[int]:
        """The numbers of the source's passages that files name in
        `kallstallen` (validation has found each quote in exactly one)."""
        if self.source is None:
            return []
        return [self.source.find(quote)[0] for f in files for quote in f.kallstallen]

    def handelse(self, id_: str) -> m.Handelse:
        return next(h for h in self.process.tidslinje if h.id == id_)

    # The investigation's state is read from its process data and nowhere
    # else, so recording a decision or a reply changes every page at once
    # (the words for readers: pages/status.py).

    @property
    def decided(self) -> list[m.Beslut]:
        return [b for b in self.process.beslut.kommuner if b.status == "beslutad"]

    @property
    def pending(self) -> list[m.Beslut]:
        return [b for b in self.process.beslut.kommuner if b.status != "beslutad"]

    @property
    def responses(self) -> list[m.Remissvar]:
        return [r for r in self.process.remiss.svar if r.status == "inkommet"]

    @property
    def next_steps(self) -> list[m.Handelse]:
        return [h for h in self.process.tidslinje if h.status == "nasta"]

    @functools.cached_property
    def latest(self) -> dt.date:
        """The newest date the investigation's pages show: its source, or a
        later event, decision or reply recorded in process.yml."""
        process = self.process
        dates = [self.meta.uppdaterad, self.meta.kalla.datum]
        dates += [h.datum for h in process.tidslinje if h.datum and h.status == "genomford"]
        dates += [b.datum for b in process.beslut.kommuner if b.datum]
        dates += [r.datum for r in process.remiss.svar if r.datum]
        return max(dates)


@dataclass
class Site:
    webbplats: m.Webbplats
    kommuner: m.KommunerFil
    organisationer: dict[str, m.Organisation]
    dokument: dict[str, m.Dokument]
    ordlista: m.OrdlistaFil
    tillganglighet: m.TillganglighetFil
    investigations: list[Investigation]
    sources: dict[str, str]
    # Every id of each kind, drafts' too (for the editors' schemas).
    ids: dict[str, list[str]] = field(default_factory=dict)
    # A digest of the bytes of each content file read, by its path from the project.
    fingerprints: dict[str, bytes] = field(default_factory=dict)

    @property
    def files(self) -> list[str]:
        """Every content file read, by its path from the project."""
        return sorted(self.fingerprints)

    @property
    def updated(self) -> dt.date:
        """When the newest published information was updated."""
        return max(inv.latest for inv in self.investigations)

    def kommun(self, id_: str) -> m.Kommun:
        return next(k for k in self.kommuner.kommuner if k.id == id_)

    def organisation(self, id_: str) -> m.Organisation:
        return self.organisationer[id_]

    def orter(self, ids: list[str]) -> list[str]:
        """Municipalities' short names, for lists in running text."""
        return [self.kommun(i).namn for i in ids]

    def forkortningar(self, ids: list[str]) -> list[str]:
        return [self.organisation(i).forkortning for i in ids]

