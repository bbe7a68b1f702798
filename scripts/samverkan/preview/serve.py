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

import contextlib
import functools
import http.server
import json
import re
import signal
import sys
import threading
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

from ..errors import printable
from ..pages.environment import TEMPLATES, environment
from ..words import msg
from .session import Preview, remove_stale_folders

# Editors' programs save in several steps; wait for the last before rebuilding.
DEBOUNCE_SECONDS = 0.1
# Where the preview's own files are served; no page of the site lives there.
PREVIEW_PATH = "/__forhandsvisning/"
CLIENT = Path(__file__).with_name("preview_client.js")
# How many ports after the asked one the preview tries.
PORT_TRIES = 20
# What a save can be. Not a file opened or read: each build reads every
# content file, and the events of that alone (two per file) would keep the
# server busy while it builds.
CHANGES = [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
# The theme's bundled files, named by their content (main.57a0d79d.min.css).
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$")


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
        print(msg("serve_search"), flush=True)
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
