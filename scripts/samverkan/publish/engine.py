"""Running the engine (MkDocs): a staging folder, a lock, and the swap.

The build renders into a staging copy of docs/, runs MkDocs on it, and only
when everything succeeded updates docs/ and swaps the new site/ in. A failed
build leaves docs/ and site/ byte for byte as they were, and a lock keeps two
builds started at once from mixing their output. This module stays light to
import: the command line forks the engine (prefetch.py) from it before the
heavy imports of validation and rendering.
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

# Material prints a banner about its successor on every run; it is not news
# to editors and would hide their real messages.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

LOCK_NAME = ".build.lock"
STAGING_PREFIX = ".build-"


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per project; a second one waits for the first."""
    with open(root / LOCK_NAME, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def source_date_epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH from the content's date, so the same content builds
    the same bytes (MkDocs puts it in the sitemap), never from the clock."""
    return str(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()))


@contextlib.contextmanager
def environment_variable(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def load_mkdocs_config(config: Path, docs: Path, site: Path):
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    return load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True)


def run_mkdocs(loaded, dirty: bool = False, site_name: str | None = None) -> bool:
    """The engine's build of loaded; dirty rebuilds only pages whose Markdown
    is newer than their HTML (the live preview). site_name: the site's name
    from content/webbplats.yml, where editors set it, in place of mkdocs.yml's."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    if site_name is not None:
        # The theme prints it raw into <title> and the menu, and through `| e`
        # into attributes: escaped here, once, as Markup so `| e` leaves it be.
        from markupsafe import escape

        loaded["site_name"] = escape(site_name)

    try:
        build(loaded, dirty=dirty)
    except (MkDocsException, SystemExit):
        return False
    return True


def staging_dir(root: Path) -> Path:
    """A fresh folder beside site/, on the same disk, for one build, with an
    empty docs/ in it. The folders are made once and never removed while the
    build runs: the engine may be reading its configuration from them at the
    same moment (prefetch.py)."""
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    (staging / "docs").mkdir()
    return staging


def stage_docs(docs: Path, staging: Path) -> Path:
    """docs/ as it is now, in the staging folder, to render into."""
    stage = staging / "docs"
    if docs.exists():
        # Hard links: instant, and safe because write_docs replaces a changed
        # file with a new one instead of writing into it. Into the folder that
        # already exists, never a new one (see staging_dir).
        shutil.copytree(docs, stage, symlinks=True, copy_function=os.link, dirs_exist_ok=True)
    return stage


def build_in_process(config: Path, staging: Path, epoch: str, site_name: str | None = None) -> bool:
    with environment_variable("SOURCE_DATE_EPOCH", epoch):
        return run_mkdocs(load_mkdocs_config(config, staging / "docs", staging / "site"), site_name=site_name)


def swap_site(site: Path, staging: Path) -> None:
    """The new site/ in place of the old one, which stays in staging to be removed."""
    if site.exists():
        site.rename(staging / "old-site")
    (staging / "site").rename(site)
