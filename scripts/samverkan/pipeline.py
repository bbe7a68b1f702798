"""The build, top to bottom: content → pages → docs → site.

Each step lives in the folder of its stage; this module only puts them in
order, so the whole pipeline reads in one place.
"""

from __future__ import annotations

import gc
import re
import sys
from pathlib import Path

from .content.site import Site
from .content.validate import validate
from .errors import EngineFailed, printable
from .pages.render import render
from .publish import engine
from .publish.docs import write_docs
from .publish.editor import add_editor
from .publish.inline_scripts import move_inline_scripts
from .publish.postbuild import fix_pages
from .publish.precompress import precompress
from .publish.search import index_site, proper_names
from .words import msg
from .words.editors import GENERATED_NOTICE


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
    A failure leaves docs/ and site/ as they were; EngineFailed says why.
    """
    root = config.parent
    site, files = prepare(content, root)
    with engine.build_lock(root):  # one build at a time per project
        if engine.recover(root):  # a build stopped mid-commit is completed first
            print(msg("recovered"), file=sys.stderr)
        staging = staging or engine.staging_dir(root)
        try:
            stage = engine.stage_docs(docs, staging)  # docs/ as it is now, to render into
            write_docs(stage, files, display=docs.name)  # the new Markdown, beside the old
            epoch = engine.source_date_epoch(site.updated)  # same content, same bytes
            # Markdown → HTML in staging/site, by the early-started engine if
            # there is one; with MkDocs' warnings, to explain a refusal.
            name = site.webbplats.namn  # the site's name is content, set in webbplats.yml
            built, warnings = prefetched.build(epoch, name) if prefetched is not None else engine.build_in_process(config, staging, epoch, name)
            if not built:
                raise EngineFailed(explain(warnings, files, docs.name))
            fix_pages(staging / "site")  # our fixes to the theme's HTML
            index_site(staging / "site", proper_names(site))  # the Swedish search index (Pagefind)
            add_editor(staging / "site", root)  # the browser editor at /redaktor/, linked from nowhere
            # What the intranet's web server needs (deploy/nginx/): no inline
            # scripts, for its Content-Security-Policy, and a .gz beside each
            # text file, for gzip_static. Here, so site/ never exists without them.
            move_inline_scripts(staging / "site")
            precompress(staging / "site", previous=site_dir if site_dir.exists() else None)
            engine.commit(root, docs, site_dir, staging)  # everything worked: docs/ and site/ together
            return True
        finally:
            engine.discard(root, staging)


# MkDocs' warnings that editors meet, and what to tell them.
_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but the target '(?P<target>[^']*)' is not found")
_ANCHOR = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but (?:the doc '[^']*' does not contain an anchor|there is no such anchor)[^#]*'?#?(?P<anchor>[^'.]*)")
_OTHER_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:an unrecognized relative|an absolute) link '(?P<link>[^']*)'")
_PAGE = re.compile(r"Doc file '(?P<page>[^']+)'")
_SOURCES = re.compile(re.escape(GENERATED_NOTICE).replace(re.escape("{sources}"), "(?P<sources>.+?)"))


def explain(warnings: list[str], files: dict[str, str], docs: str) -> list[str]:
    """Why the engine refused the build, in Swedish: per page, which content
    files it comes from and what is wrong. What we cannot translate is
    shown as the engine wrote it, made printable, never left out."""
    lines = []
    for warning in warnings:
        page = _PAGE.search(warning)
        if m := _LINK.search(warning):
            problem = msg("engine_link_missing", link=m["link"], target=f"{docs}/{m['target']}")
        elif m := _ANCHOR.search(warning):
            problem = msg("engine_anchor_missing", link=m["link"], anchor=m["anchor"])
        elif m := _OTHER_LINK.search(warning):
            problem = msg("engine_link_other", link=m["link"])
        else:
            problem = msg("engine_other", detail=warning)
        if page:
            generated = _SOURCES.search(files.get(page["page"], ""))
            sources = generated["sources"] if generated else f"{docs}/{page['page']}, skriven för hand"
            lines.append(printable(msg("build_failed_page", page=f"{docs}/{page['page']}", sources=sources, problem=problem)))
        else:
            lines.append(printable(msg("build_failed_site", problem=problem)))
    return lines
