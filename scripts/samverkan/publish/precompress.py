"""A .gz copy beside every text file of the site, for nginx's gzip_static.

The server then sends the smaller file without compressing on each request.
Level 6 (gzip's default): on this site level 9 saves 0.5 % more and takes
twice as long, level 1 is 23 % larger. Compressed files carry no name and
no time, so the same site gives the same bytes (the build is checked to be
byte-identical from run to run).

Compressing costs about a tenth of a fresh build (1 s at 100 investigations),
so a file that is byte for byte the same as in the site being replaced keeps
that site's .gz, hard-linked as docs/ is when staged. Threads did not help:
on a shared two-core machine they were slower than one.
"""

from __future__ import annotations

import filecmp
import gzip
import os
from pathlib import Path

# Formats that shrink; images and fonts are compressed already.
# Source maps are left out: only a developer's browser tools fetch them.
SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
# Below this a gzip header costs more than it saves.
MIN_SIZE = 256


def _gz(path: Path) -> Path:
    return path.with_name(path.name + ".gz")


def _compress(path: Path, data: bytes | None = None) -> None:
    _gz(path).write_bytes(gzip.compress(path.read_bytes() if data is None else data, compresslevel=6, mtime=0))


def compress_bytes(path: Path, data: bytes, old: Path | None) -> bool:
    """path.gz for a file just written with data (the one pass over pages),
    the previous site's (old) if that file held the same bytes; False if the
    file gets none (too small, or not text)."""
    if path.suffix not in SUFFIXES or len(data) < MIN_SIZE:
        return False
    if old is not None and _gz(old).is_file() and old.is_file() and old.read_bytes() == data:
        _gz(path).unlink(missing_ok=True)
        os.link(_gz(old), _gz(path))
    else:
        _compress(path, data)
    return True


def _same(path: Path, old: Path) -> bool:
    # A hard link to the previous site's file (publish/editor.py) is the same without reading it.
    return old.is_file() and (os.path.samefile(path, old) or filecmp.cmp(path, old, shallow=False))


def precompress(site: Path, previous: Path | None = None, only: list[Path] | None = None, done: set[Path] = frozenset()) -> int:
    """Write path.gz for each text file in site, or in only (the files the
    preview changed), but those in done (given theirs already), reusing
    previous's where the file is unchanged; return how many were compressed anew."""
    fresh = []
    for path in sorted(site.rglob("*")) if only is None else only:
        if path in done or path.suffix not in SUFFIXES or not path.is_file() or path.stat().st_size < MIN_SIZE:
            continue
        old = previous / path.relative_to(site) if previous is not None else None
        if old is not None and _gz(old).is_file() and _same(path, old):
            _gz(path).unlink(missing_ok=True)  # MkDocs writes sitemap.xml.gz itself
            os.link(_gz(old), _gz(path))
        else:
            fresh.append(path)
    for path in fresh:
        _compress(path)
    return len(fresh)
