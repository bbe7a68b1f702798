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

from pathlib import Path

import yaml

from . import cms, schema


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
    gitlab = project / "redaktor" / "gitlab.yml"
    if editor and gitlab.is_file():
        settings = yaml.safe_load(gitlab.read_text("utf-8"))
        changed += [f"redaktor/{name}" for name in cms.write(project / "redaktor", content, ids, settings)]
    return changed
