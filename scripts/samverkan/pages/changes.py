"""What changed, and when: every dated fact in content, newest first.

The "Senaste ändringar" page and the Atom feed (feed.xml) are both made from
this one list, so they cannot disagree. Only dates that content gives are
used (never the clock), so the same content makes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..addresses import CHANGES, FEED, url
from ..content.site import Investigation, Site
from ..words.editors import GENERATED_NOTICE

# How many changes the page and the feed show: both stay the same size
# however long the site's history grows.
LIMIT = 50
# Fixed, so an entry's id is the same in every build (Atom: ids never change).
_NAMESPACE = uuid.UUID("7f1d6a2e-5b0c-4f8e-9a51-3c2b8d4e6f10")


@dataclass(frozen=True)
class Change:
    day: dt.date
    title: str
    inv: Investigation
    page: str  # the page that shows it, relative to the site's root, as in docs/
    key: str  # what the change is, unique and stable: the entry's id

    @property
    def atom_id(self) -> str:
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, self.key)}"


def changes(site: Site) -> list[Change]:
    """Every dated change in content, newest first, at most LIMIT."""
    found: list[Change] = []
    for inv in site.investigations:
        base, titel = inv.meta.id, inv.meta.titel
        found.append(Change(inv.meta.uppdaterad, f"{titel}: informationen uppdaterad", inv, f"{base}/index.md", f"{base}/uppdaterad/{inv.meta.uppdaterad}"))
        for h in inv.process.tidslinje:
            if h.datum and h.status == "genomford":
                found.append(Change(h.datum, f"{titel}: {h.titel}", inv, f"{base}/process.md", f"{base}/handelse/{h.id}"))
        for b in inv.decided:
            kommun = site.kommun(b.kommun)
            found.append(Change(b.datum, f"{titel}: {kommun.kommunnamn} har beslutat", inv, f"{base}/process.md", f"{base}/beslut/{b.kommun}"))
        for r in inv.responses:
            found.append(Change(r.datum, f"{titel}: remissvar från {r.parti}", inv, f"{base}/process.md", f"{base}/remissvar/{r.parti}"))
    found.sort(key=lambda c: (-c.day.toordinal(), c.key))
    return found[:LIMIT]


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(site: Site, found: list[Change]) -> str:
    """The Atom feed (RFC 4287). Links are relative to feed.xml, which stands
    at the site's root, so the feed works at any address."""
    name = site.webbplats.namn
    updated = found[0].day if found else site.updated
    notice = GENERATED_NOTICE.format(sources="content/").replace("--", "–")  # "--" may not stand in an XML comment
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f"<!-- {escape(notice)} -->",
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <id>urn:uuid:{uuid.uuid5(_NAMESPACE, 'feed')}</id>",
        f"  <title>{escape(name)}: senaste ändringar</title>",
        f"  <subtitle>{escape(site.webbplats.beskrivning)}</subtitle>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(site.webbplats.informationsagare)}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href="{FEED}"/>',
        f'  <link rel="alternate" type="text/html" href="{url(CHANGES + ".md")}"/>',
    ]
    for c in found:
        lines += [
            "  <entry>",
            f"    <id>{c.atom_id}</id>",
            f"    <title>{escape(c.title)}</title>",
            f"    <updated>{_stamp(c.day)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url(c.page))}/>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
