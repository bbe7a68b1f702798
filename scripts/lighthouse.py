"""Lighthouse scores for the start page and an organisation page (a benchmark,
not a test): `make lighthouse`. Serves site/ on 127.0.0.1 and runs the npm
lighthouse CLI against Debian's Chromium with no network."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["", "samverkan-i-bergslagen/bkt/"]
CATEGORIES = ["accessibility", "best-practices", "performance", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    site = ROOT / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    results = {}
    try:
        for page in PAGES:
            url = f"http://127.0.0.1:{server.server_port}/{page}"
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
    finally:
        server.shutdown()
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
