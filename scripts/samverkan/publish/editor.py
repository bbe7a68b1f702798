"""The browser editor at /redaktor/: Decap CMS from node_modules (pinned in
package-lock.json), our page around it and the generated configuration.

Copied into the built site at build time; the 6 MB script is never committed.
Nothing in the site links to it: editors are given its address.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..paths import ROOT
from ..words import msg

FOLDER = "redaktor"
DIST = ROOT / "node_modules" / "decap-cms" / "dist"
# The YAML reader and writer our page gives Decap (redaktor/redaktor.js):
# eemeli/yaml's browser build, ES modules in a tree of their own.
YAML_JS = ROOT / "node_modules" / "yaml" / "browser" / "dist"
# Our own files: the page, the generated configuration and rules.
OURS = ("index.html", "redaktor.js", "redaktor.css", "favicon.svg", "config.yml", "regler.json")


def bundle() -> list[Path]:
    """Decap's script, the chunks it loads on demand, its WebAssembly and
    yaml's modules; not the source maps (60 MB) or Decap's second build (cms.js)."""
    if not (DIST / "decap-cms.js").exists() or not (YAML_JS / "index.js").exists():
        return []
    return [DIST / "decap-cms.js", *sorted(DIST.glob("*.decap-cms.js")), *sorted(DIST.glob("*.wasm"))]


def add_editor(site: Path, project: Path) -> bool:
    """site/redaktor/ from project/redaktor/ and the npm package; False (and
    one line saying so) when the package is not installed."""
    files = bundle()
    if not files or not (project / FOLDER / "config.yml").exists():
        print(msg("cms_left_out"))
        return False
    target = site / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name in OURS:
        shutil.copyfile(project / FOLDER / name, target / name)
    for path in files:
        shutil.copyfile(path, target / path.name)
    shutil.copytree(YAML_JS, target / "yaml", dirs_exist_ok=True)
    return True
