"""The build, top to bottom: content → pages → docs → site.

Each step lives in the folder of its stage; this module only puts them in
order, so the whole pipeline reads in one place.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from .content.site import Site
from .content.validate import validate
from .pages.render import render
from .publish import engine
from .publish.docs import write_docs
from .publish.inline_scripts import move_inline_scripts
from .publish.postbuild import fix_pages
from .publish.precompress import precompress
from .publish.search import augment_index, proper_names


def prepare(content: Path, root: Path) -> tuple[Site, dict[str, str]]:
    """The validated site and every generated file; ContentErrors if invalid.

    Validation makes hundreds of thousands of small objects that all live
    until the build ends. Python's cycle collector would scan them over and
    over as they pile up (measured: 60 % of validation time at 500
    investigations, and growing faster than the content); none of them form
    cycles worth collecting, so it pauses for these few seconds.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        site = validate(content, root)  # content/: read, check against the model, resolve ids
        return site, render(site)  # pages/: plan the pages and render their Markdown
    finally:
        if was_enabled:
            gc.enable()


def build(config: Path, content: Path, docs: Path, site_dir: Path, *, staging: Path | None = None, prefetched=None) -> bool:
    """Build content/ into docs/ and site/; False if the engine failed.

    staging and prefetched come from the command line's early start of the
    engine (publish/prefetch.py); without them the engine runs in this process.
    A failure leaves docs/ and site/ as they were.
    """
    root = config.parent
    site, files = prepare(content, root)
    with engine.build_lock(root):  # one build at a time per project
        staging = staging or engine.staging_dir(root)
        try:
            stage = engine.stage_docs(docs, staging)  # docs/ as it is now, to render into
            write_docs(stage, files, display=docs.name)  # the new Markdown, beside the old
            epoch = engine.source_date_epoch(site.updated)  # same content, same bytes
            # Markdown → HTML in staging/site, by the early-started engine if there is one.
            name = site.webbplats.namn  # the site's name is content, set in webbplats.yml
            built = prefetched.build(epoch, name) if prefetched is not None else engine.build_in_process(config, staging, epoch, name)
            if not built:
                return False
            fix_pages(staging / "site")  # our fixes to the theme's HTML
            augment_index(staging / "site", proper_names(site))  # Swedish search
            # What the intranet's web server needs (deploy/nginx/): no inline
            # scripts, for its Content-Security-Policy, and a .gz beside each
            # text file, for gzip_static. Here, so site/ never exists without them.
            move_inline_scripts(staging / "site")
            precompress(staging / "site", previous=site_dir if site_dir.exists() else None)
            write_docs(docs, files, display=docs.name)  # everything worked: now docs/ ...
            engine.swap_site(site_dir, staging)  # ... and site/
            return True
        finally:
            shutil.rmtree(staging, ignore_errors=True)
