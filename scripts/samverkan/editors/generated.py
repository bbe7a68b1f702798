"""The files generated from content/ that the repository keeps: the editors'
JSON Schemas (schemas/, for VS Code) and the browser editor's configuration
(redaktor/config.yml and regler.json). Both offer the ids and files that
exist, so a new investigation changes them.

They are brought up to date by the commands that read content/ anyway
(make check, make build, make ny-utredning), the schemas also by the
preview (make serve), and at the start of the tests,
rather than only checked: an investigation started in the browser editor
arrives with no developer to run a command, and CI's check job must not fail
on something an editor cannot fix. The build refreshes them before it copies
the editor's configuration into site/, so a published editor always matches
the content it was built from. Where the repository's copies were out of
date, the command says which files it updated, to be committed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from ..content.layout import INVESTIGATIONS_DIR
from . import cms, schema

# The editor's configuration costs about 0.1 s per investigation to make
# (measured at 20 and 60), and a build or check would pay that every time.
# This file in redaktor/ (not committed) records what it was last made from
# and what it then was; while both still hold, it is not made again.
STAMP = ".generated"
# The code the configuration is made by: the model, its words and editors/.
_CODE = ("content", "editors", "words")
# What cms.write writes; a hand edit of either is undone at the next refresh.
_OUTPUTS = ("config.yml", "regler.json")


def _digest(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _editor_inputs(content: Path, ids: dict[str, list[str]], settings: bytes) -> str:
    """What cms.generate reads: the code, the ids, GitLab's settings and each
    investigation's files by name, with its utredning.yml (its title)."""
    package = Path(__file__).resolve().parents[1]
    parts = [p.read_bytes() for folder in _CODE for p in sorted((package / folder).glob("*.py"))]
    parts += [settings, json.dumps(ids, sort_keys=True).encode()]
    investigations = content / INVESTIGATIONS_DIR
    for folder in sorted(p for p in investigations.iterdir() if p.is_dir()) if investigations.is_dir() else []:
        parts.append("\n".join([folder.name, *sorted(f.name for f in folder.glob("*.yml"))]).encode())
        meta = folder / "utredning.yml"
        parts.append(meta.read_bytes() if meta.is_file() else b"")
    return _digest(*parts)


def _editor_outputs(folder: Path) -> str:
    return _digest(*((folder / name).read_bytes() if (folder / name).is_file() else b"" for name in _OUTPUTS))


def _refresh_editor(folder: Path, content: Path, ids: dict[str, list[str]]) -> list[str]:
    settings = (folder / "gitlab.yml").read_bytes()
    stamp = folder / STAMP
    inputs = _editor_inputs(content, ids, settings)
    if stamp.is_file() and stamp.read_text("utf-8").split() == [inputs, _editor_outputs(folder)]:
        return []
    changed = cms.write(folder, content, ids, yaml.safe_load(settings))
    stamp.write_text(f"{inputs} {_editor_outputs(folder)}\n", "utf-8")
    return changed


def refresh(content: Path, ids: dict[str, list[str]], *, editor: bool = True) -> list[str]:
    """Rewrite the generated files of the project content belongs to, where
    they differ from what content gives; the paths rewritten. A content
    folder outside a project (a test's copy) has none, and gets none.
    editor=False: the schemas only, which cost little however large the
    content (the preview, which does not serve the browser editor)."""
    project = content.parent
    changed = []
    if (project / "schemas").is_dir():
        changed += [f"schemas/{name}" for name in schema.write(project / "schemas", ids)]
    if editor and (project / "redaktor" / "gitlab.yml").is_file():
        changed += [f"redaktor/{name}" for name in _refresh_editor(project / "redaktor", content, ids)]
    return changed
