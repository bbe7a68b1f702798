"""Search report: recall of the query table (tests/search_queries.yml) for
the theme's own search and for ours, per kind of query, and the size of the
search index. `make search-report`. Builds both variants into temporary
folders, serves each on 127.0.0.1 and searches as a reader in Chromium."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from harness.project import build_project, make_project
from harness.searching import open_search, search
from harness.servers import CHROMIUM, CHROMIUM_ARGS, served
from samverkan.paths import ROOT


def _build(folder: Path, plain: bool) -> Path:
    if plain:
        os.environ["SAMVERKAN_SOK"] = "standard"
    else:
        os.environ.pop("SAMVERKAN_SOK", None)
    return build_project(make_project(folder))


def _recall(site: Path, queries: list[dict]) -> dict[str, tuple[int, int]]:
    found, total = Counter(), Counter()
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_search(page, base)
        for query in queries:
            total[query["slag"]] += 1
            found[query["slag"]] += query["sida"] in search(page, query["fraga"])[:3]
        browser.close()
    return {kind: (found[kind], total[kind]) for kind in total}


def main() -> int:
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text("utf-8"))
    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, plain in (("temats sökning", True), ("vår sökning", False)):
            site = _build(Path(tmp) / name.replace(" ", "-"), plain)
            recall = _recall(site, queries)
            report[name] = {
                "index (byte)": (site / "search" / "search_index.json").stat().st_size,
                **{f"träffar bland tre första, {kind}": f"{f}/{t}" for kind, (f, t) in recall.items()},
            }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
