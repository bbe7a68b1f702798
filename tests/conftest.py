"""Shared fixtures: the real pipeline, run into temporary folders."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from samverkan.paths import ROOT
from samverkan.project import build_project, make_project  # noqa: F401 - shared with the tests


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current templates (then review the diff)",
    )


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content/, built once for the whole session."""
    return build_project(make_project(tmp_path_factory.mktemp("project")))


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


# Elements that start a new line for the reader; inline ones (abbr, a, strong) do not.
_BLOCKS = ["p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd", "br",
           "figcaption", "section", "aside", "nav", "header", "footer", "label", "title", "ul", "ol", "table"]


def visible_text(page: Path) -> str:
    """What a reader sees of a page: no scripts, styles, or hidden elements."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    for tag in soup.select("[hidden], [aria-hidden=true]"):
        tag.decompose()
    for tag in soup(_BLOCKS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return " ".join(soup.get_text().split())


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of content/ for tests that change it."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


# ------------------------------------------------------------------ the browser

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "Chromium saknas, så webbläsartesterna hoppas över. Installera: sudo apt-get install chromium"
# No request may leave this machine: these keep Chromium from calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_report_header(config):
    if not CHROMIUM.exists():
        return INSTALL_HINT


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI; .ci/run must install it")
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


def stop(process: subprocess.Popen) -> None:
    """Stop a server and everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over HTTP on 127.0.0.1, as the intranet serves it."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

