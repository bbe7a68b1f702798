"""A copy of the project's build setup in another folder, around some content.

For building variants side by side (tests, the search report, benchmarks)
without touching the real docs/ and site/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .build import build_site
from .paths import ROOT
from .pipeline import prepare
from .render import MANIFEST


def _generated(folder: str, names: list[str]) -> set[str]:
    """shutil.copytree ignore: the generated files of docs/ stay behind."""
    manifest = ROOT / "docs" / MANIFEST
    generated = set(json.loads(manifest.read_text("utf-8"))) if manifest.exists() else set()
    base = Path(folder).relative_to(ROOT / "docs")
    return {n for n in names if (base / n).as_posix() in generated or n in (MANIFEST, ".gitignore")}


def make_project(where: Path, content: Path = ROOT / "content") -> Path:
    """mkdocs.yml, overrides/, the hand-written part of docs/ and a content/ in where."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", where / "overrides")
    # mkdocs.yml names its hooks by a path under scripts/.
    (where / "scripts").symlink_to(ROOT / "scripts", target_is_directory=True)
    if (ROOT / "docs").exists():
        shutil.copytree(ROOT / "docs", where / "docs", ignore=_generated)
    if content != where / "content":
        shutil.copytree(content, where / "content")
    (where / "docs").mkdir(exist_ok=True)
    return where


def build_project(project: Path) -> Path:
    """Validate, render and build a project made by make_project; return its site/."""
    site, files = prepare(project / "content", project)
    if not build_site(project / "mkdocs.yml", project / "docs", project / "site", files, site.updated):
        raise RuntimeError("mkdocs build --strict failed")
    return project / "site"
