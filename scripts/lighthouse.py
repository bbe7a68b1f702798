"""Lighthouse scores for the start page and an organisation page (a benchmark,
not a test): `make lighthouse`. Serves site/ on 127.0.0.1 and runs the npm
lighthouse CLI against Debian's Chromium with no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.servers import CHROMIUM, CHROMIUM_ARGS, served
from samverkan.paths import ROOT

PAGES = ["", "samverkan-i-bergslagen/bkt/"]
CATEGORIES = ["accessibility", "best-practices", "performance", "seo"]
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


def main() -> int:
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    results = {}
    with served(ROOT / "site") as base:
        for page in PAGES:
            url = base + page
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "report.json"
                subprocess.run(
                    [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json", f"--output-path={out}",
                     f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", "--preset=desktop"],
                    check=True, env=env,
                )
                report = json.loads(out.read_text("utf-8"))
            results[page or "start"] = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            failed = [a["id"] for a in report["audits"].values() if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
            results[page or "start"]["ej godkända granskningar"] = failed
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
