"""Search report (`make search-report`): the old search against the new one
on the query table (tests/search_queries.yml).

For each kind of query (exact, inflected, compound part) it counts the
queries whose page is among the first three results, and it measures a
reader's first search on the start page: the bytes fetched for search and
the time from opening search to the first result, in Chromium. It also
counts, for every compound on the site (harness/compounds.py), the pages
that say it which a query for its last part finds.

The new search (Pagefind and our dialog) is built and measured now. The old
one (the theme's lunr search, with and without our Swedish additions) no
longer exists in this code; its figures were measured the same way before
the change and are read from scripts/search_before.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from harness.compounds import cases, recall
from harness.project import build_project, make_project
from harness.searching import first_query, open_search, search
from harness.servers import CHROMIUM, CHROMIUM_ARGS, served
from samverkan.content.validate import validate
from samverkan.paths import ROOT
from samverkan.publish.search import proper_names

BEFORE = ROOT / "scripts" / "search_before.json"
KINDS = {"exakt": "exakt", "bojning": "böjning", "del": "del av sammansättning"}
FIRST_QUERY = "nämnd"


def measure(site: Path, queries: list[dict]) -> dict:
    found, total = Counter(), Counter()
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_search(page, base)
        for query in queries:
            total[query["slag"]] += 1
            found[query["slag"]] += query["sida"] in search(page, query["fraga"])[:3]
        compounds, _ = cases(site, proper_names(validate(ROOT / "content", ROOT)))
        parts_found, parts_wanted, misses = recall(page, base, compounds)
        page.close()
        first = first_query(browser, base, FIRST_QUERY)
        browser.close()
    return {"traffar": {kind: f"{found[kind]}/{total[kind]}" for kind in total}, "forsta_fragan": first,
            "sammansattningar": {"antal": len(compounds), "traffar": f"{parts_found}/{parts_wanted}",
                                 "missar": [f"{case.query} ({case.compound}): /{page}" for case, page in misses]}}


def table(before: dict, after: dict) -> str:
    old = before["sokningar"]
    rows = [("Temats sökning (lunr), före", old["temats sökning (lunr)"], None),
            ("Temats sökning + våra svenska tillägg, före", old["temats sökning med våra svenska tillägg"], "before"),
            ("Pagefind + våra sammansättningsdelar, nu", after, "after")]
    head = "| Sökning | " + " | ".join(f"Träffar bland tre första, {name}" for name in KINDS.values()) + " | Byte för första frågan | Tid till första träffen |"
    lines = [head, "|" + "---|" * (len(KINDS) + 3)]
    for name, data, kind in rows:
        hits = " | ".join(data["traffar"].get(k, "–") for k in KINDS)
        if kind == "before":
            first = data["forsta_fragan"]["riktig"]
            cost = f"{first['byte'] / 1e3:.0f} kB (vid sidladdning) | {first['s_fran_navigering']:.2f} s från navigering"
        elif kind == "after":
            first = data["forsta_fragan"]
            cost = (f"{first['forsta_fragan_byte'] / 1e3:.0f} kB (när sökningen öppnas) | {first['fran_fragan_s']:.2f} s från frågan, "
                    f"{first['forsta_traffen_s']:.2f} s från att sökningen öppnas")
        else:
            cost = "– | –"
        lines.append(f"| {name} | {hits} | {cost} |")
    return "\n".join(lines)


def main() -> int:
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text("utf-8"))
    before = json.loads(BEFORE.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        after = measure(build_project(make_project(Path(tmp) / "nu")), queries)
    print(json.dumps({"före": before["sokningar"], "nu": after}, ensure_ascii=False, indent=1))
    print()
    print(table(before, after))
    print(f"\nFöre: {before['om']}")
    parts, parts_before = after["sammansattningar"], before["sammansattningar"]
    print(f"\nSista delen av varje sammansättning ({parts['antal']} på webbplatsen) hittar sidorna som har ordet: "
          f"{parts['traffar']} nu, {parts_before['traffar']} före (commit {parts_before['commit']}). {parts_before['om']}")
    worse = [kind for kind in KINDS
             if int(after["traffar"][kind].split("/")[0]) < int(before["sokningar"]["temats sökning med våra svenska tillägg"]["traffar"][kind].split("/")[0])]
    if worse:
        print(f"Sämre än före: {', '.join(KINDS[k] for k in worse)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
