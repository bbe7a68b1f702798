"""The build, top to bottom: content → pages → docs → site.

Each step lives in the folder of its stage; this module only puts them in
order, so the whole pipeline reads in one place.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

from .content.gate import editor_notes, unpublishable
from .content.site import Site
from .content.validate import validate
from .editors.generated import refresh
from .errors import ContentErrors, EngineFailed
from .pages.history import text_dates
from .pages.render import render
from .publish import engine
from .publish.afterbuild import Built, after_build
from .publish.decompound import load_in_background
from .publish.docs import write_docs
from .publish.explain import explain
from .publish.search import proper_names
from .words import msg


def prepare(content: Path, root: Path, cache: dict | None = None, drafts: bool = False, publishing: bool = False,
            freeze: bool = False) -> tuple[Site, dict[str, str]]:
    """The validated site and every generated file; ContentErrors if invalid.

    cache: a dict the caller keeps between calls (the live preview), so that
    files and pages that did not change are neither parsed nor rendered again.
    drafts: drafts are shown, marked as such (the preview's UTKAST=1).
    publishing: for the live site, which refuses content that may not be
    published (content/gate.py, ContentErrors); any other build shows the
    reasons to editors as a banner on every page.

    Validation makes hundreds of thousands of small objects that all live
    until the build ends. Python's cycle collector would scan them over and
    over as they pile up (measured: 60 % of validation time at 500
    investigations, and growing faster than the content); none of them form
    cycles worth collecting, so it pauses for these few seconds.

    freeze: what exists then is frozen out of the collector's later scans
    (gc.freeze), before it runs again; for a build, which calls
    gc.unfreeze() when it ends (see _frozen_until_done).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        parsed, bodies = (cache.setdefault("parsed", {}), cache.setdefault("bodies", {})) if cache is not None else (None, None)
        site = validate(content, root, parsed=parsed, drafts=drafts)  # content/: read, check against the model, resolve ids
        if publishing and (problems := unpublishable(site, root)):
            raise ContentErrors(problems)  # nothing written: the live site stays as it is
        notes = [] if publishing else editor_notes(site, root)
        # pages/: plan the pages and render their Markdown, each dated by its own text's history
        files = render(site, bodies=bodies, history=text_dates(root, site.files), notes=notes)
        if freeze:
            gc.freeze()
        return site, files
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _frozen_until_done() -> Iterator[None]:
    """The heap prepare(freeze=True) froze stays frozen until the block
    ends. The validated site lives until the build ends and holds no
    garbage, yet each full collection while the engine runs and the pages
    are passed would walk all of it again (measured at 500 investigations:
    the engine's part of the build took about a tenth longer, and the first
    collection after validating took 0.2 s). Unfrozen afterwards, so that a
    process that builds again (a test) can still collect what it left."""
    try:
        yield
    finally:
        gc.unfreeze()


def build(config: Path, content: Path, docs: Path, site_dir: Path, *, staging: Path | None = None, prefetched=None, publishing: bool = False) -> bool:
    """Build content/ into docs/ and site/; False if the engine failed.

    staging and prefetched come from the command line's early start of the
    engine (publish/prefetch.py); without them the engine runs in this process.
    A failure leaves docs/ and site/ as they were; EngineFailed says why.
    """
    root = config.parent
    site, files = prepare(content, root, publishing=publishing, freeze=True)
    with _frozen_until_done(), engine.build_lock(root):  # one build at a time per project
        if refreshed := refresh(content, site.ids):  # schemas/ and redaktor/ follow content/, before the editor is copied
            print(msg("generated_refreshed", files=", ".join(refreshed)))
        if engine.recover(root):  # a build stopped mid-commit is completed first
            print(msg("recovered"), file=sys.stderr)
        staging = staging or engine.staging_dir(root)
        try:
            stage = engine.stage_docs(docs, staging)  # docs/ as it is now, to render into
            write_docs(stage, files, display=docs.name)  # the new Markdown, beside the old
            epoch = engine.source_date_epoch(site.updated)  # same content, same bytes
            load_in_background()  # the search's word list, read while the engine works
            # Markdown → HTML in staging/site, by the early-started engine if
            # there is one; with MkDocs' warnings, to explain a refusal.
            name = site.webbplats.namn  # the site's name is content, set in webbplats.yml
            made = Built(staging / "site", root, proper_names(site), previous=site_dir if site_dir.exists() else None, updated=site.updated)
            # The early-started engine hands each page over as it is written,
            # and the pass over pages takes it meanwhile on the other core.
            ok, warnings = (prefetched.build(epoch, name, on_page=made.page_made) if prefetched is not None
                            else engine.build_in_process(config, staging, epoch, name))
            if not ok:
                raise EngineFailed(explain(warnings, files, docs.name))
            # Our steps after the engine, over every page (publish/afterbuild.py):
            # before the swap, so site/ never exists without them.
            after_build(made)
            engine.commit(root, docs, site_dir, staging)  # everything worked: docs/ and site/ together
            return True
        finally:
            engine.discard(root, staging)
