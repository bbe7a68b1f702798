"""One preview session: a temporary folder with docs/ and site/, rebuilt on
request from content/ by pipeline.prepare and the warm engine, and the news
each rebuild has for the browsers that show its pages (preview/serve.py
serves them)."""

from __future__ import annotations

import collections
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..content.yamlread import load
from ..editors.generated import refresh
from ..errors import ContentErrors, printable_errors
from ..publish import engine
from ..publish.afterbuild import Built, after_build
from ..publish.docs import sources_of, write_docs
from ..publish.explain import explain
from ..publish.search import proper_names
from ..words import msg
from .warm import WarmEngine

TEMP_PREFIX = "samverkan-forhandsvisning-"
# How many versions back a browser can ask what changed; one further back reloads.
NEWS_KEPT = 100
# After a save, the page a browser shows is rebuilt first; the lists of every
# investigation wait until it has been loaded and then no file has been
# asked for this long, or at most the longer time.
RELOAD_QUIET_SECONDS = 0.15
RELOAD_WAIT_SECONDS = 1.5


class Preview:
    """One preview: a folder with docs/ and site/, rebuilt on request."""

    def __init__(self, args):
        self.args = args
        # Drafts shown, marked "[Utkast]" (make serve UTKAST=1); make build never shows them.
        self.drafts = getattr(args, "utkast", False)
        self.folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        (self.folder / "pid").write_text(str(os.getpid()))
        self.docs, self.site = self.folder / "docs", self.folder / "site"
        self.version = 0
        self.errors: list[str] = []
        # Per version, the addresses of the pages it changed (None: any).
        self.news: dict[int, set[str] | None] = {}
        # The pages browsers show and wait on, and when a browser last asked for a file.
        self.watched: collections.Counter[str] = collections.Counter()
        self.last_request = 0.0
        self.served: set[str] = set()
        self.lock = threading.Lock()
        self.changed = threading.Condition()
        self.engine: WarmEngine | None = None
        # Files parsed and pages rendered, kept between saves (pipeline.prepare).
        self.cache: dict = {}
        # What the preview wrote into its docs/, which nothing else writes.
        self.written: dict[str, str] = {}
        # Each page's entry for the search index, kept between saves (publish/afterbuild.py).
        self.search: dict = {}
        # The ids VS Code's schemas offer (editors/generated.py), kept up to date as content changes.
        self.schema_ids: dict | None = None

    def build(self) -> bool:
        """Validate, render and rebuild what changed. False if the content has errors."""
        from ..pipeline import prepare

        with self.lock:
            try:
                site, files = prepare(self.args.content, self.args.content.parent, self.cache, drafts=self.drafts)
            except ContentErrors as exc:
                self._publish(printable_errors(exc))
                return False
            if site.ids != self.schema_ids and (refreshed := refresh(self.args.content, site.ids, editor=False)):
                print(msg("generated_refreshed", files=", ".join(refreshed)), flush=True)
            self.schema_ids = site.ids
            if self.engine is None:
                if self.args.docs.exists():
                    engine.stage_docs(self.args.docs, self.folder)  # the hand-written files of docs/
                self.docs.mkdir(exist_ok=True)
                self.engine = WarmEngine(self.args.config, self.docs, self.site)
                if self.engine.missing:
                    print(msg("serve_warm_missing", names=self.engine.missing), file=sys.stderr, flush=True)
            changed = write_docs(self.docs, files, display=self.args.docs.name, written=self.written)
            # The investigation's own pages first, then the portal's lists of
            # every investigation, which take longer as the site grows: the
            # page the editor is looking at comes back before the lists do.
            parts = [changed]
            if not self.engine.whole_needed:
                ids = {inv.meta.id for inv in site.investigations}
                own = [rel for rel in changed if rel.partition("/")[0] in ids or rel.startswith(".")]
                if own and len(own) < len(changed):
                    parts = [own, [rel for rel in changed if rel not in own]]
            if not self._engine(site, files, parts[0]):
                return False
            if len(parts) > 1 and self.news[self.version] is not None:  # after a whole build, nothing is left
                self._let_browsers_reload()
                if not self._engine(site, files, parts[1]):
                    return False
            if self.news[self.version] is not None:
                # The steps that read every page (the search index), once
                # per save, after the browsers have their pages.
                self._after_build(site, [])
            return True

    def _after_build(self, site, changed: list[Path] | None, site_wide: bool = True) -> None:
        """The after-build steps of make build (publish/afterbuild.py) over
        the files changed. The site is built in place, so the editor's files
        are kept aside (hard links) for the next whole build to link again."""
        kept = self.folder / "kept"
        after_build(Built(self.site, self.args.config.parent, proper_names(site), changed, kept, site.updated, search=self.search), site_wide)
        editor = self.site / "redaktor"
        if editor.is_dir():
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(editor, kept / "redaktor", copy_function=os.link)

    def _let_browsers_reload(self) -> None:
        """Wait, a moment at most, while browsers load the pages just
        rebuilt, before the portal's lists are: the server answers them in
        the same process, and would answer slowly while the engine runs."""
        with self.changed:
            waiting = set(self.watched) & (self.news.get(self.version) or set())
        deadline = time.monotonic() + RELOAD_WAIT_SECONDS
        while waiting and time.monotonic() < deadline:
            if waiting <= self.served and time.monotonic() - self.last_request > RELOAD_QUIET_SECONDS:
                return
            time.sleep(0.02)

    def requested(self, path: str) -> None:
        """A browser asked for a file of the site."""
        self.last_request = time.monotonic()
        self.served.add(path)

    def _engine(self, site, files: dict[str, str], changed: list[str]) -> bool:
        """The engine's rebuild for the docs/ files in changed, then the news to browsers."""
        if not changed and not self.engine.whole_needed:
            self._publish([], [])
            return True
        built, warnings, rebuilt, written = self.engine.build(changed, site.webbplats.namn, engine.source_date_epoch(site.updated))
        if not built:
            self._publish([msg("serve_engine_failed"), *explain(warnings, files, self.args.docs.name)])
            return False
        # After a whole build every step; after a part, the steps for its
        # pages, and the site-wide ones once the save's parts are all built.
        self._after_build(site, None if rebuilt is None else written, site_wide=rebuilt is None)
        if rebuilt is None and self.version:
            print(msg("serve_whole"), flush=True)
        self._publish([], None if rebuilt is None else [self.engine.address(rel) for rel in rebuilt])
        return True

    def invalidate(self) -> None:
        """The engine's own input changed (overrides/, mkdocs.yml, templates):
        everything is made again at the next build."""
        with self.lock:
            self.cache.clear()
            if self.engine is not None:
                self.engine.invalidate()

    def _publish(self, errors: list[str], pages: list[str] | None = None) -> None:
        """A new state for browsers: the errors, and the addresses of the
        pages that changed; None: any page may have."""
        with self.changed:
            self.errors = errors
            self.version += 1
            self.news[self.version] = None if pages is None else set(pages)
            self.served.clear()
            self.news.pop(self.version - NEWS_KEPT, None)
            self.changed.notify_all()

    def status(self, seen: int, wait: float, page: str = "") -> dict:
        """The preview's state, once it differs from version seen or wait
        seconds have passed: the version, the errors, and the addresses of
        the pages that changed since seen (None: any page may have). page:
        the address the asking browser shows."""
        with self.changed:
            self.watched[page] += 1
            try:
                self.changed.wait_for(lambda: self.version != seen, timeout=wait)
            finally:
                self.watched[page] -= 1
                if not self.watched[page]:
                    del self.watched[page]
            news = [self.news.get(v) for v in range(seen + 1, self.version + 1)] if seen >= 0 else [None]
            pages = None if None in news else sorted(set().union(*news))
            return {"version": self.version, "fel": self.errors, "sidor": pages}

    def places(self, url: str) -> list[dict[str, str]]:
        """Where each text of the page at url comes from, for the preview's
        "Var står det här?": every text in the page's content files, with
        its file and line. The browser finds them in the page."""
        rel = self.engine.source(url) if self.engine is not None else None
        text = self.written.get(rel, "") if rel else ""
        found = []
        for source in sources_of(text) or []:
            doc, _ = load(self.args.content.parent / source, source)
            if doc is not None:
                found += [{"text": " ".join(value.split()), "plats": f"{source}:{line}"} for value, line in doc.texts()]
        return found

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def remove_stale_folders() -> None:
    """Folders of previews that were killed before they could tidy up."""
    for folder in Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*"):
        try:
            pid = int((folder / "pid").read_text())
            os.kill(pid, 0)
        except (OSError, ValueError):
            shutil.rmtree(folder, ignore_errors=True)


