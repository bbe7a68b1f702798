"""Write rendered files into docs/, touching only what changed.

Only files whose text changed are written, so a watching engine rebuilds only
those pages. Generated files are listed in a manifest: a page whose source was
removed disappears, and a hand-written file is never overwritten.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from ..errors import ContentError, ContentErrors
from ..paths import MANIFEST
from ..words import msg
from ..words.editors import GENERATED_NOTICE as NOTICE


def write_docs(docs: Path, files: dict[str, str], display: str = "docs", written: dict[str, str] | None = None) -> list[str]:
    """Bring docs/ in line with files; return the paths whose text changed.

    written: a dict kept between calls by the only writer of docs/ (the
    preview), of what it wrote, so that unchanged files are not read back.

    Every changed file is first written beside its target and only then moved
    into place, so a failure part-way leaves the old files. Generated files
    are listed in a manifest: a page whose source was removed disappears, and
    a hand-written file is never overwritten.
    """
    manifest_path = docs / MANIFEST
    previous = set(json.loads(manifest_path.read_text("utf-8"))) if manifest_path.exists() else set()
    clashes = [p for p in files if p not in previous and (docs / p).exists()]
    if clashes:
        raise ContentErrors([ContentError(f"{display}/{p}", 1, 1, msg("hand_written")) for p in clashes])
    # The manifest and .gitignore are generated too: git ignores what the manifest lists.
    ignored = sorted([*files, MANIFEST, ".gitignore"])
    everything = {
        **files,
        MANIFEST: json.dumps(sorted(files), indent=1, ensure_ascii=False) + "\n",
        ".gitignore": "# " + NOTICE.format(sources="content/") + "\n" + "".join(f"/{p}\n" for p in ignored),
    }
    if written is None:
        changed = {rel: text for rel, text in everything.items() if not _same(docs / rel, text)}
    else:
        changed = {rel: text for rel, text in everything.items() if written.get(rel) != text and not _same(docs / rel, text)}
    staged: list[tuple[str, Path]] = []
    try:
        for rel, text in sorted(changed.items()):
            staged.append((rel, _stage(docs / rel, text)))
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        raise
    for rel, tmp in staged:
        os.replace(tmp, docs / rel)
    if written is not None:
        written.clear()
        written.update(everything)
    stale = sorted(previous - set(files))
    for rel in stale:
        (docs / rel).unlink(missing_ok=True)
        for folder in (docs / rel).parents:
            if folder == docs or any(folder.iterdir()):
                break
            folder.rmdir()
    return sorted(set(files) & set(changed)) + stale


_SOURCES = re.compile(re.escape(NOTICE).replace(re.escape("{sources}"), "(?P<sources>.+?)"))


def sources_of(text: str) -> list[str] | None:
    """The content files a generated file says it comes from; None if it is hand-written."""
    found = _SOURCES.search(text)
    return found["sources"].split(", ") if found else None


def generated_files(docs: Path) -> dict[str, str]:
    """The generated files of a docs/ folder, as write_docs takes them."""
    manifest = docs / MANIFEST
    names = json.loads(manifest.read_text("utf-8")) if manifest.exists() else []
    return {rel: (docs / rel).read_text("utf-8") for rel in names}


def _same(path: Path, text: str) -> bool:
    return path.exists() and path.read_text("utf-8") == text


def _stage(path: Path, text: str) -> Path:
    """Write text to a temporary file beside path, to be moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.chmod(tmp, 0o644)  # mkstemp makes files private; these are published
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return Path(tmp)


def clean_docs(docs: Path) -> list[str]:
    """Remove every generated file from docs/ (make clean); hand-written ones stay."""
    manifest_path = docs / MANIFEST
    if not manifest_path.exists():
        return []
    generated = [*json.loads(manifest_path.read_text("utf-8")), MANIFEST, ".gitignore"]
    for rel in generated:
        (docs / rel).unlink(missing_ok=True)
        for folder in (docs / rel).parents:
            if folder == docs or not folder.exists() or any(folder.iterdir()):
                break
            folder.rmdir()
    return generated
