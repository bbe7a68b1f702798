"""Live preview (`make serve`): the site as readers will see it, rebuilt on
every save, and the editor's mistakes shown in the browser.

Our own small server, not `mkdocs serve`, so that the preview tells the truth:
- a content error replaces the page with a Swedish error page that names
  file, line and column, and the page comes back once the file is fixed;
- a busy port moves to the next free one, and says so;
- the engine's English log lines stay out of the terminal;
- only pages whose Markdown changed are rebuilt (the engine's dirty build),
  so a save costs little even when the site is large;
- everything it builds lies in one temporary folder, removed when it stops.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from ..content.yamlread import load
from ..errors import ContentErrors, printable, printable_errors
from ..pages.environment import TEMPLATES, environment
from ..publish import engine
from ..publish.docs import sources_of, write_docs
from ..publish.explain import explain
from ..publish.postbuild import fix_pages
from ..publish.search import index_site, proper_names
from ..words import msg
from .warm import WarmEngine

# Editors' programs save in several steps; wait for the last before rebuilding.
DEBOUNCE_SECONDS = 0.1
# Where the preview's own files are served; no page of the site lives there.
PREVIEW_PATH = "/__forhandsvisning/"
CLIENT = Path(__file__).with_name("preview_client.js")
# How many ports after the asked one the preview tries.
PORT_TRIES = 20
TEMP_PREFIX = "samverkan-forhandsvisning-"
# How many versions back a browser can ask what changed; one further back reloads.
NEWS_KEPT = 100
# After a save, the page a browser shows is rebuilt first; the lists of every
# investigation wait until it has been loaded and then no file has been
# asked for this long, or at most the longer time.
RELOAD_QUIET_SECONDS = 0.15
RELOAD_WAIT_SECONDS = 1.5
# What a save can be. Not a file opened or read: each build reads every
# content file, and the events of that alone (two per file) would keep the
# server busy while it builds.
CHANGES = [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
# The theme's bundled files, named by their content (main.57a0d79d.min.css).
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$")


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

    def build(self) -> bool:
        """Validate, render and rebuild what changed. False if the content has errors."""
        from ..pipeline import prepare

        with self.lock:
            try:
                site, files = prepare(self.args.content, self.args.content.parent, self.cache, drafts=self.drafts)
            except ContentErrors as exc:
                self._publish(printable_errors(exc))
                return False
            if self.engine is None:
                if self.args.docs.exists():
                    engine.stage_docs(self.args.docs, self.folder)  # the hand-written files of docs/
                self.docs.mkdir(exist_ok=True)
                self.engine = WarmEngine(self.args.config, self.docs, self.site)
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
                return self._engine(site, files, parts[1])
            return True

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
        with engine.environment_variable("SOURCE_DATE_EPOCH", engine.source_date_epoch(site.updated)):
            built, warnings, rebuilt = self.engine.build(changed, site.webbplats.namn)
        if not built:
            self._publish([msg("serve_engine_failed"), *explain(warnings, files, self.args.docs.name)])
            return False
        fix_pages(self.site, None if rebuilt is None else list(rebuilt.values()))
        if rebuilt is None:
            # The search index at the start and after a whole build: Pagefind
            # reads every page, which a save should not wait for (the README
            # and the terminal say so).
            index_site(self.site, proper_names(site))
            if self.version:
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


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, *args) -> None:  # the editor's terminal is for the editor's messages
        pass

    def do_GET(self) -> None:
        address = urllib.parse.urlsplit(self.path)
        path = address.path
        if path == PREVIEW_PATH + "status":
            query = urllib.parse.parse_qs(address.query)
            seen = query.get("sedan", ["-1"])[0]
            page = query.get("sida", [""])[0]
            state = self.preview.status(int(seen) if seen.lstrip("-").isdigit() else -1, 20, page)
            self._send(json.dumps(state).encode(), "application/json")
            return
        if path == PREVIEW_PATH + "kallor":
            page = urllib.parse.parse_qs(address.query).get("sida", ["/"])[0]
            self._send(json.dumps(self.preview.places(page), ensure_ascii=False).encode("utf-8"), "application/json")
            return
        self.preview.requested(urllib.parse.unquote(path))
        if path == PREVIEW_PATH + "klient.js":
            self._send(CLIENT.read_bytes(), "text/javascript")
            return
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" or not target.exists():
            self._page(target)
            return
        # The theme's files carry their content's hash in their names: the
        # browser keeps them across the reloads after each save. Ours may
        # change while the preview runs, and are asked for again each time.
        self.caching = "max-age=86400, immutable" if HASHED.search(target.name) else "no-cache"
        super().do_GET()

    def end_headers(self) -> None:
        if caching := getattr(self, "caching", None):
            self.send_header("Cache-Control", caching)
        super().end_headers()

    def _page(self, target: Path) -> None:
        status = 200
        if not target.is_file():
            status, target = 404, self.preview.site / "404.html"
        html = target.read_text("utf-8") if target.is_file() else "<!doctype html><title>404</title>"
        script = f'<script src="{PREVIEW_PATH}klient.js" data-version="{self.preview.version}"></script>'
        self._send(html.replace("</body>", script + "</body>", 1).encode("utf-8"), "text/html; charset=utf-8", status)

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class _Rebuild(FileSystemEventHandler):
    def __init__(self, preview: Preview):
        self.preview = preview
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not str(event.src_path).startswith(str(self.preview.args.content)):
            environment.cache_clear()  # templates are compiled once per environment
            self.preview.invalidate()
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.run)
            self.timer.daemon = True
            self.timer.start()

    def run(self) -> None:
        print(msg("serve_rerender"), flush=True)
        if not self.preview.build():
            for line in self.preview.errors:
                print(line, file=sys.stderr)
            print(msg("serve_keep"), file=sys.stderr, flush=True)
        else:
            print(msg("serve_updated"), flush=True)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def service_actions(self) -> None:
        if _STOP.is_set():  # a stop whose KeyboardInterrupt was lost
            raise KeyboardInterrupt

    def handle_error(self, request, client_address) -> None:
        """One line, never a traceback, in the editor's terminal; and not
        even that for a browser that left a page while it waited for news."""
        error = sys.exc_info()[1]
        if not isinstance(error, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            print(printable(msg("serve_request_failed", cause=f"{type(error).__name__}: {error}")), file=sys.stderr, flush=True)


def _bind(host: str, port: int, handler) -> http.server.ThreadingHTTPServer:
    """A server on port, or the next free one after it."""
    for candidate in range(port, port + PORT_TRIES):
        with contextlib.suppress(OSError):
            return _Server((host, candidate), handler)
    raise OSError(msg("serve_no_port", first=port, last=port + PORT_TRIES - 1))


# Set by Ctrl+C or kill. The KeyboardInterrupt they raise can be lost where
# it lands in library code that swallows it (a finalizer, a cancelled task):
# a preview was seen serving on after a Ctrl+C during its first build. So the
# preview also checks this before it serves and while it serves.
_STOP = threading.Event()


def _interrupt(*_args) -> None:
    """Ctrl+C and SIGTERM (kill) end the preview the same way, so it tidies up."""
    _STOP.set()
    raise KeyboardInterrupt


def serve(args) -> int:
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    observer = preview = None
    try:
        remove_stale_folders()
        preview = Preview(args)
        if preview.drafts:
            print(msg("serve_drafts"), flush=True)
        if not preview.build():
            for line in preview.errors:
                print(line, file=sys.stderr)
            print(msg("serve_first_build_failed"), file=sys.stderr, flush=True)
        host, _, port = args.dev_addr.rpartition(":")
        handler = type("Handler", (_Handler,), {"preview": preview})
        server = _bind(host or "127.0.0.1", int(port), functools.partial(handler, directory=str(preview.site)))
        bound = server.server_address[1]
        if bound != int(port):
            print(msg("serve_port_moved", asked=port, port=bound), flush=True)
        observer = Observer()
        rebuild = _Rebuild(preview)
        for folder in (args.content, TEMPLATES, args.config.parent / "overrides"):
            if folder.exists():
                observer.schedule(rebuild, str(folder), recursive=True, event_filter=CHANGES)
        observer.start()
        print(msg("serve_start", addr=f"{host or '127.0.0.1'}:{bound}"), flush=True)
        print(msg("serve_search_stale"), flush=True)
        with server:
            if _STOP.is_set():
                raise KeyboardInterrupt
            server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        print(msg("serve_stopped"), flush=True)
    finally:
        if observer is not None:
            observer.stop()
            observer.join()
        if preview is not None:
            preview.close()
    return 0
