"""The investigation's state in the reader's words, from its process data.

Every page that speaks of the state prints this one object (the macro
`status` in _macros.md.j2), so no page can say something another denies.
The sentences only restate process.yml: which councils have decided, what
is next, which replies have come in, and the date of the newest of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.site import Investigation, Site
from . import swedish


@dataclass(frozen=True)
class Lage:
    heading: str
    sentences: tuple[str, ...]
    # The next steps, among sentences: a page whose timeline shows them leaves them out of its box.
    next_steps: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def without_next_steps(self) -> str:
        return " ".join(s for s in self.sentences if s not in self.next_steps)


def lage(site: Site, inv: Investigation) -> Lage:
    beslut = inv.process.beslut
    decided, pending = inv.decided, inv.pending
    next_steps: tuple[str, ...] = ()
    total = len(beslut.kommuner)
    said = [f"Utredningen är {swedish.label(inv.meta.status).lower()}."]
    if not decided:
        said.append("Förslagen är inte beslutade.")
        if beslut.galler:
            said.append(f"Beslut väntas om {beslut.galler}.")
        proper = swedish.proper_names(site, inv)
        next_steps = tuple(h.beskrivning or f"Nästa steg: {swedish.lower_first(h.titel, proper)}." for h in inv.next_steps)
        said += next_steps
    else:
        names = [f"{site.kommun(b.kommun).namn} ({swedish.datum(b.datum)})" for b in decided]
        if pending:
            said.append(f"{beslut.organ} har beslutat i {swedish.tal(len(decided), 'en')} av {swedish.av(total, 'kommun')}: {swedish.lista(names)}.")
            said.append(f"Beslut väntas i {swedish.lista(site.kommun(b.kommun).namn for b in pending)}.")
        else:
            said.append(f"{beslut.organ} har beslutat i alla {swedish.tal(total)} kommunerna: {swedish.lista(names)}.")
    if pending:
        # The content may be years old when it is read: say where it ends.
        said.append(no_news(inv))
    if inv.responses:
        said.append(f"Remissvar har kommit in från {swedish.lista(r.parti for r in inv.responses)}.")
    return Lage(f"Läget den {swedish.datum(inv.latest)}", tuple(said), next_steps)


def no_news(inv: Investigation) -> str:
    """Where the information ends, for a reader who may come years later."""
    return f"Vi har inga uppgifter om beslut efter {swedish.datum(inv.latest)}."


def is_open(inv: Investigation) -> bool:
    """Still something to follow: the work goes on, or a council has yet to decide."""
    return inv.meta.status == "pagaende" or bool(inv.pending)


def kort(inv: Investigation) -> str:
    """The state in a few words, for lists of many investigations; the same
    process data as lage(), so a list never says what the page denies."""
    total, decided = len(inv.process.beslut.kommuner), len(inv.decided)
    if not decided:
        rest = "beslut väntas"
    elif decided < total:
        rest = f"beslutad i {swedish.tal(decided, 'en')} av {swedish.av(total, 'kommun')}"
    else:
        rest = "beslutad i alla kommuner"
    return f"{swedish.label(inv.meta.status)}, {rest}"


def ordered(investigations: list[Investigation]) -> list[Investigation]:
    """Open investigations first, then the most recently changed, then by title."""
    return sorted(investigations, key=lambda i: (not is_open(i), -i.latest.toordinal(), _title_key(i.meta.titel)))


def _title_key(title: str) -> tuple:
    """Swedish order, with numbers by value: "del 2" before "del 10"."""
    return tuple((0, int(part), ()) if part.isdigit() else (1, 0, swedish.sv_key(part)) for part in re.split(r"(\d+)", title) if part)
