"""How big each kind of page is, so sizes can be compared across site sizes.

Every investigation has the same pages, so its folder is replaced by
<utredning> and the largest of them counts: then a site with one
investigation and one with 500 have the same keys, and a page that grows
with the site shows as a ratio. "Alla utredningar" is the one page whose job
is the whole list; it is reported but not held to the limit.
"""

from __future__ import annotations

from pathlib import Path

from samverkan.addresses import ALL_INVESTIGATIONS

WHOLE_LIST = f"{ALL_INVESTIGATIONS}/index.html"
# A page may be at most this many times its size at one investigation (issue 23).
LIMIT = 3.0


def page_sizes(site: Path) -> dict[str, int]:
    """Bytes of each kind of HTML page in a built site."""
    investigations = {p.parent.parent.name for p in site.glob("*/process/index.html")}
    sizes: dict[str, int] = {}
    for page in site.rglob("*.html"):
        parts = page.relative_to(site).parts
        key = "/".join(("<utredning>", *parts[1:]) if parts[0] in investigations else parts)
        sizes[key] = max(sizes.get(key, 0), page.stat().st_size)
    return sizes


def largest(sizes: dict[str, int]) -> tuple[str, int]:
    """The largest page held to the limit: its key and bytes."""
    key = max((k for k in sizes if k != WHOLE_LIST), key=lambda k: (sizes[k], k))
    return key, sizes[key]


def growth(at_one: dict[str, int], at_n: dict[str, int]) -> dict[str, float]:
    """Each page's size at n against its size at one, largest first; a page
    that does not exist at one is measured against nothing and counts as
    infinitely grown."""
    ratios = {k: (size / at_one[k] if k in at_one else float("inf")) for k, size in at_n.items() if k != WHOLE_LIST}
    return dict(sorted(ratios.items(), key=lambda item: -item[1]))
