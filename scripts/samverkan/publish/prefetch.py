"""MkDocs in a second process, started before we validate and render.

Importing MkDocs, the theme and its plugins and reading mkdocs.yml take
about as long as validating and rendering a small site. Started first, in a
process of its own, the engine gets ready on the second core while this one
validates and renders, so `make build` costs little more than MkDocs alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path

_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """This process ends when its parent does, even by kill -9: it holds
    the caller's stdout, so `make build | tee` would otherwise wait for good.
    Ctrl-C reaches the whole process group; the parent answers it alone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: close() ends us instead
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _handing_over(connection):
    """A MkDocs plugin that writes each page as MkDocs would and then names
    it to the parent, whose pass over pages (publish/htmlpass.py) takes it
    on the other core while the engine makes the next. MkDocs skips writing
    a page whose output is empty, so the page is written once, here."""
    from mkdocs.plugins import BasePlugin, event_priority

    class HandOver(BasePlugin):
        @event_priority(-100)  # after every other plugin's changes
        def on_post_page(self, output: str, page, config) -> str:
            if output.strip():
                target = Path(page.file.abs_dest_path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))
                connection.send(("page", page.file.dest_uri))  # below the site folder
            return ""

    return HandOver()


def _serve(connection, config: str, docs: str, site: str, parent: int) -> None:
    _die_with(parent)
    from .engine import load_mkdocs_config, run_mkdocs

    try:
        loaded, problem = load_mkdocs_config(Path(config), Path(docs), Path(site)), None
        loaded.plugins["samverkan/overlamning"] = _handing_over(connection)
    except Exception as exc:
        loaded, problem = None, str(exc)
    job = connection.recv()
    if job is None:  # validation failed: nothing to build
        return
    epoch, site_name = job
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    connection.send(("done", run_mkdocs(loaded, site_name=site_name) if loaded is not None else (False, [problem])))


class Engine:
    """A MkDocs build of docs into site, prepared now and run on request."""

    def __init__(self, config: Path, docs: Path, site: Path):
        # fork: the child starts from this small process, before the heavy
        # imports of validation and rendering, and needs no re-import.
        self._site = site
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, str(config), str(docs), str(site), os.getpid()), daemon=True)
        self._process.start()

    def build(self, epoch: str, site_name: str | None = None, on_page: Callable[[Path], None] | None = None) -> tuple[bool, list[str]]:
        """Whether the build worked, and MkDocs' warnings (engine.run_mkdocs).
        on_page gets each page as soon as the engine has written it."""
        self._connection.send((epoch, site_name))
        failed: Exception | None = None
        try:
            while True:
                kind, value = self._connection.recv()
                if kind == "done":
                    break
                if on_page is not None and failed is None:
                    try:
                        on_page(self._site / value)
                    except Exception as exc:  # raised once the engine is done, so it is not left writing to no one
                        failed = exc
        except EOFError:  # the engine died; MkDocs has said why on stderr
            return False, []
        if failed is not None:
            raise failed
        return value

    def close(self) -> None:
        if self._process.is_alive():
            with contextlib.suppress(OSError):  # it may have died already
                self._connection.send(None)
            self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
