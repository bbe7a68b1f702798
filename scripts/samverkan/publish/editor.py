"""The browser editor at /redaktor/: Decap CMS from node_modules (pinned in
package-lock.json), our page around it and the generated configuration.

Copied into the built site at build time; the 6 MB script is never committed.
A build whose editor files are unchanged hard-links the previous site's
copies instead of copying them again. Nothing in the site links to it:
editors are given its address.
"""

from __future__ import annotations

import os
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


def _unchanged(source: Path, copy: Path) -> bool:
    """copy is still a copy of source: copy2 gives a copy the source's size
    and time, so a copy with both is the same file, told without reading 9 MB."""
    try:
        mine, theirs = source.stat(), copy.stat()
    except FileNotFoundError:
        return False
    return (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns)


def add_editor(site: Path, project: Path, previous: Path | None = None) -> set[Path]:
    """site/redaktor/ from project/redaktor/ and the npm package; return the
    files copied anew. Nothing (and one line saying so) when the package is
    not installed. Files unchanged since previous (the site being replaced)
    are hard-linked from it instead of copied."""
    files = bundle()
    if not files or not (project / FOLDER / "config.yml").exists():
        print(msg("cms_left_out"))
        return set()
    target = site / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written = set()
    # Decap's files and ours side by side; yaml's modules in their own tree.
    pairs = [(source, Path(source.name)) for source in [project / FOLDER / name for name in OURS] + files]
    pairs += [(source, Path("yaml") / source.relative_to(YAML_JS)) for source in sorted(YAML_JS.rglob("*.js"))]
    for source, relative in pairs:
        dest = target / relative
        old = previous / FOLDER / relative if previous is not None else None
        if _unchanged(source, dest):
            continue  # the preview's site, where it is already
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)
        if old is not None and _unchanged(source, old):
            os.link(old, dest)
        else:
            shutil.copy2(source, dest)
            written.add(dest)
    return written
