"""Build the site: render into a staging copy of docs/, run MkDocs on it, and
only when everything succeeded update docs/ and swap the new site/ in.

A failed build leaves docs/ and site/ byte for byte as they were, and a lock
keeps two builds started at once from mixing their output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .render import write_docs

# Material prints a banner about its successor on every run; it is not news
# to editors and would hide their real messages.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

LOCK_NAME = ".build.lock"


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per project; a second one waits for the first."""
    with open(root / LOCK_NAME, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _source_date(day: dt.date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH from the content's date, so the same content builds
    the same bytes (MkDocs puts it in the sitemap), never from the clock."""
    epoch = int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp())
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _mkdocs(config: Path, docs: Path, site: Path) -> bool:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True))
    except (MkDocsException, SystemExit):
        return False
    return True


def build_site(config: Path, docs: Path, site: Path, files: dict[str, str], day: dt.date) -> bool:
    """Build files (from render) plus docs/'s own files into site/."""
    root = config.parent
    with build_lock(root):
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
        try:
            stage_docs = staging / "docs"
            if docs.exists():
                shutil.copytree(docs, stage_docs, symlinks=True)
            write_docs(stage_docs, files, display=docs.name)
            with _source_date(day):
                if not _mkdocs(config, stage_docs, staging / "site"):
                    return False
            # Everything worked: now, and only now, touch docs/ and site/.
            write_docs(docs, files, display=docs.name)
            if site.exists():
                site.rename(staging / "old-site")
            (staging / "site").rename(site)
            return True
        finally:
            shutil.rmtree(staging, ignore_errors=True)
