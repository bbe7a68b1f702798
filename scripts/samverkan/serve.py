"""Live preview: re-render docs/ when content/ or a template changes, and let
`mkdocs serve` rebuild and reload the browser when docs/ changes.

Rendering stays outside MkDocs so that one save causes one MkDocs rebuild:
only files whose text changed are written. A content error is printed and
docs/ is left as it was, so the browser keeps the last good version.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import select_engine
from .errors import ContentErrors, report
from .messages import msg
from .render import TEMPLATES, environment

def mkdocs(*args: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment for running MkDocs (or the engine
    chosen with SAMVERKAN_MOTOR, build.ENGINES: each runs as `-m <name>`)."""
    engine = select_engine()
    # Material's banner about its successor would hide editors' real messages.
    return [sys.executable, "-m", engine, *args], {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# Editors' programs save in several steps; wait for the last before rendering.
DEBOUNCE_SECONDS = 0.2


class _Rerender(FileSystemEventHandler):
    def __init__(self, rerender: Callable[[], object]):
        self.rerender = rerender
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if str(event.src_path).startswith(str(TEMPLATES)):
            environment.cache_clear()  # templates are compiled once per environment
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.run)
            self.timer.daemon = True
            self.timer.start()

    def run(self) -> None:
        print(msg("serve_rerender"), flush=True)
        safe_render(self.rerender)


def safe_render(rerender: Callable[[], object]) -> bool:
    try:
        rerender()
        return True
    except ContentErrors as exc:
        report(exc)
        print(msg("serve_keep"), file=sys.stderr, flush=True)
        return False


def serve(args, rerender: Callable[[], object]) -> int:
    if not safe_render(rerender) and not (args.docs / "index.md").exists():
        return 1
    observer = Observer()
    handler = _Rerender(rerender)
    for folder in (args.content, TEMPLATES):
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    print(msg("serve_start", addr=args.dev_addr), flush=True)
    command, env = mkdocs("serve", "--config-file", str(args.config), "--dev-addr", args.dev_addr)
    server = subprocess.Popen(command, env=env)
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        server.wait()
        return 0
    finally:
        observer.stop()
        observer.join()
