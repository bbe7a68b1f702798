"""The theme's inline scripts, moved into files of their own.

Material writes a few small scripts straight into every page (reading the
reader's colour palette, setting up its storage scope, opening a tab named in
the address). The intranet's Content-Security-Policy allows scripts from the
site itself and nothing else (`script-src 'self'`, deploy/nginx/samverkan.conf),
which such inline scripts would break. Hashing them into the policy instead
would tie the server's configuration to one version of the theme and to the
depth of every page (one script's text names its way back to the site root);
files keep the policy one line that never changes.

Each distinct script body becomes assets/javascripts/inline.<hash>.min.js,
named by its content like the theme's own assets, and the page loads it with
a plain <script src>, in the same place: a script loaded that way runs at the
same point of the page as the inline one did. <script type="application/json">
is data the theme reads, never run, and stays where it is.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FOLDER = "assets/javascripts"
# Only untyped <script> elements run inline; the theme writes them exactly so.
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)
# Every page loads the theme's bundle by a path relative to that page (or
# absolute, on the 404 page): the same prefix reaches our files.
_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')


def script_name(body: str) -> str:
    return f"inline.{hashlib.sha256(body.encode('utf-8')).hexdigest()[:8]}.min.js"


def move_inline_scripts(site: Path, pages: list[Path] | None = None) -> set[Path]:
    """Rewrite every page of site, or only pages, so no script runs inline;
    return the script files written."""
    scripts: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")) if pages is None else pages:
        html = page.read_text("utf-8")
        if "<script>" not in html:
            continue
        bundle = _BUNDLE.search(html)
        if bundle is None:
            raise RuntimeError(f"{page}: inline scripts but no theme bundle to find the assets folder by")

        def to_file(match: re.Match, assets: str = bundle[1]) -> str:
            name = script_name(match[1])
            scripts[name] = match[1]
            return f'<script src="{assets}{FOLDER}/{name}"></script>'

        page.write_text(_INLINE.sub(to_file, html), "utf-8")
    written = set()
    for name, body in scripts.items():
        target = site / FOLDER / name
        if not target.exists():  # named by its content: one that exists is the same
            target.write_text(body, "utf-8")
            written.add(target)
    return written
