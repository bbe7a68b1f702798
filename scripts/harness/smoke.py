"""make smoke: the built site/ as readers and editors meet it, in seconds.

nginx with the shipped deploy/nginx/samverkan.conf serves site/; Debian's
Chromium opens every reader page and the browser editor's login screen.
Each must answer 200, draw its heading, and break no rule of the
Content-Security-Policy the page got, with no script error and no request
that fails. This is what a merge request that changes only content/ runs
instead of the whole test suite (.gitlab-ci.yml, job smoke).

python -m harness.smoke [site]
"""

from __future__ import annotations

import sys
from pathlib import Path

from samverkan.paths import ROOT

from .nginx import intranet
from .servers import CHROMIUM, CHROMIUM_ARGS, free_port


def reader_pages(site: Path) -> list[str]:
    """Every reader page of site, as an address relative to its root."""
    pages = []
    for page in sorted(site.rglob("index.html")):
        relative = page.parent.relative_to(site).as_posix()
        if not relative.startswith("redaktor"):
            pages.append("" if relative == "." else relative + "/")
    return pages


def problems_on(page, url: str, ready: str) -> list[str]:
    """Opens url in page, waits for the selector ready; what went wrong."""
    found: list[str] = []
    # A failed load is reported with its address (response), not as the console's line without one.
    page.on("console", lambda m: found.append(f"console: {m.text}")
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("response", lambda r: found.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: found.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: found.append(f"request failed: {r.url}"))
    # The violation event carries what a console message may not: the directive.
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI))")
    if page.goto(url, wait_until="load") is None:
        found.append("no answer")
    try:
        page.wait_for_selector(ready, timeout=20_000)
    except Exception:
        found.append(f"{ready} was never shown")
    page.wait_for_timeout(200)
    return found


def smoke(site: Path, browser) -> dict[str, list[str]]:
    """{address: problems} for every page that has any; empty means all is well."""
    failures = {}
    with intranet(site, free_port()) as base:
        context = browser.new_context(locale="sv-SE")
        try:
            for address in reader_pages(site):
                page = context.new_page()
                if problems := problems_on(page, base + address, "main h1"):
                    failures[address or "/"] = problems
                page.close()
            if (site / "redaktor" / "index.html").exists():
                page = context.new_page()
                if problems := problems_on(page, base + "redaktor/", "button:has-text('Logga in')"):
                    failures["redaktor/"] = problems
                page.close()
        finally:
            context.close()
    return failures


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = Path(argv[0]) if argv else ROOT / "site"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            failures = smoke(site, browser)
        finally:
            browser.close()
    for address, problems in failures.items():
        for problem in problems:
            print(f"{address}: {problem}", file=sys.stderr)
    print(f"Röktest: {len(reader_pages(site))} sidor och redaktören, {len(failures)} med fel.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
