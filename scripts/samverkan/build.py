"""Build the site: render into a staging copy of docs/, run MkDocs on it, and
only when everything succeeded update docs/ and swap the new site/ in.

A failed build leaves docs/ and site/ byte for byte as they were, and a lock
keeps two builds started at once from mixing their output. This module stays
light to import: the command line forks the MkDocs engine (engine.py) from
it before the heavy imports of validation and rendering.
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

# The site generator, chosen by SAMVERKAN_MOTOR (`make build ENGINE=…`).
# ProperDocs is a maintained fork of MkDocs 1.x with the same modules under
# another name; importing properdocs.replacement makes every `mkdocs.*`
# import, ours and the theme's and plugins', load ProperDocs instead. It
# must come before the first such import in the process.
ENGINES = {"mkdocs": None, "properdocs": "properdocs.replacement"}
DEFAULT_ENGINE = "mkdocs"


def select_engine() -> str:
    """Load the chosen generator in place of mkdocs; its name."""
    import importlib

    name = os.environ.get("SAMVERKAN_MOTOR") or DEFAULT_ENGINE
    if name not in ENGINES:
        from .messages import msg

        raise SystemExit(msg("unknown_engine", name=name, engines=", ".join(ENGINES)))
    if ENGINES[name]:
        importlib.import_module(ENGINES[name])
    return name


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
    return str(int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp()))


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
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
    select_engine()
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    return load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True)


def run_mkdocs(loaded) -> bool:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    try:
        build(loaded)
    except (MkDocsException, SystemExit):
        return False
    return True


def staging_dir(root: Path) -> Path:
    """A fresh folder beside site/, on the same disk, for one build."""
    return Path(tempfile.mkdtemp(prefix=".build-", dir=root))


def build_site(config: Path, docs: Path, site: Path, files: dict[str, str], day: dt.date,
               staging: Path | None = None, engine=None) -> bool:
    """Build files (from render) plus docs/'s own files into site/.

    staging and engine come from the command line's early start (engine.py);
    without them MkDocs runs here, in this process.
    """
    from .render import write_docs

    root = config.parent
    with build_lock(root):
        own_staging = staging is None
        staging = staging or staging_dir(root)
        try:
            stage_docs = staging / "docs"
            shutil.rmtree(stage_docs, ignore_errors=True)
            if docs.exists():
                # Hard links: instant, and safe because write_docs replaces a
                # changed file with a new one instead of writing into it.
                shutil.copytree(docs, stage_docs, symlinks=True, copy_function=os.link)
            write_docs(stage_docs, files, display=docs.name)
            epoch = source_date_epoch(day)
            if engine is not None:
                built = engine.build(epoch)
            else:
                with _environment("SOURCE_DATE_EPOCH", epoch):
                    built = run_mkdocs(load_mkdocs_config(config, stage_docs, staging / "site"))
            if not built:
                return False
            # The search index is ours, built from the finished pages.
            from .publish.search import index_site

            index_site(staging / "site", stage_docs)
            # Everything worked: now, and only now, touch docs/ and site/.
            write_docs(docs, files, display=docs.name)
            if site.exists():
                site.rename(staging / "old-site")
            (staging / "site").rename(site)
            return True
        finally:
            if own_staging:
                shutil.rmtree(staging, ignore_errors=True)
