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
is data the theme reads, never run, and stays where it is. Applied to each
page's parsed tree in the one pass over it (publish/htmlpass.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FOLDER = "assets/javascripts"
# Only <script> elements without attributes run inline; the theme writes them so.
INLINE = "script:not([src]):not([type])"
# Every page loads the theme's bundle by a path relative to that page (or
# absolute, on the 404 page): the same prefix reaches our files.
BUNDLE = 'script[src*="assets/javascripts/bundle."]'


def script_name(body: str) -> str:
    return f"inline.{hashlib.sha256(body.encode('utf-8')).hexdigest()[:8]}.min.js"


def move_inline_scripts(tree, page: Path) -> dict[str, str]:
    """Every inline script of the page's tree loaded from a file instead;
    return the files' names and bodies."""
    inline = [s for s in tree.css(INLINE) if not s.attributes]
    if not inline:
        return {}
    bundle = tree.css_first(BUNDLE)
    if bundle is None:
        raise RuntimeError(f"{page}: inline scripts but no theme bundle to find the assets folder by")
    assets = bundle.attrs["src"].partition(f"{FOLDER}/bundle.")[0]
    scripts = {}
    for script in inline:
        body = script.text()
        name = script_name(body)
        scripts[name] = body
        for child in list(script.iter(include_text=True)):
            child.decompose()
        script.attrs["src"] = f"{assets}{FOLDER}/{name}"
    return scripts


def write_scripts(site: Path, scripts: dict[str, str]) -> set[Path]:
    """The script files, those that are not there yet; return those written."""
    written = set()
    for name, body in scripts.items():
        target = site / FOLDER / name
        if not target.exists():  # named by its content: one that exists is the same
            target.write_text(body, "utf-8")
            written.add(target)
    return written
