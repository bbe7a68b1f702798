"""Shared fixtures: the real pipeline, run into temporary folders."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.project import build_project, copy_content, make_project
from harness.servers import CHROMIUM, CHROMIUM_ARGS, served
from samverkan.paths import ROOT

# The site's address on the intranet, a project variable in GitLab
# (guider/it.md), reaches the test job's environment too. Every site the
# tests build is a developer's build without it; the tests that need an
# address (the pipeline, the deploy) give their own.
os.environ.pop("SITE_URL", None)


def pytest_sessionstart(session):
    """schemas/ and redaktor/ follow content/, as make check makes them
    (editors/generated.py): an investigation started in the browser editor
    arrives without them, and no test should fail for that."""
    from samverkan.content.validate import validate
    from samverkan.editors.generated import refresh
    from samverkan.errors import ContentErrors

    with contextlib.suppress(ContentErrors):  # the tests of the content say what is wrong
        refresh(ROOT / "content", validate(ROOT / "content", ROOT).ids)


def pytest_collection_modifyitems(items):
    # Every test that drives Chromium is a browser test, wherever it stands.
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


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
    # The browser editor (/redaktor/) is Decap's page, not a reader's; its own tests look at it.
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "redaktor" not in p.relative_to(site).parts)


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
    return copy_content(target)


# ------------------------------------------------------------------ the browser

INSTALL_HINT = "Chromium saknas, så webbläsartesterna hoppas över. Installera: sudo apt-get install chromium"


def pytest_report_header(config):
    if not CHROMIUM.exists():
        return INSTALL_HINT


def need(available: bool, hint: str) -> None:
    """A tool a test needs: locally its absence skips the test with a Swedish
    line saying how to install it; in CI (CI=true) it fails the run, because
    .ci/run installs every tool and a skipped test there would hide a gap."""
    if not available:
        if os.environ.get("CI") == "true":
            pytest.fail(hint)
        pytest.skip(hint)


@pytest.fixture(scope="session")
def browser():
    need(CHROMIUM.exists(), INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    need(AXE.exists(), "axe-core saknas, så webbläsartesterna hoppas över. Installera npm (sudo apt-get install npm) och kör make test.")
    return AXE.read_text("utf-8")


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over HTTP on 127.0.0.1, as the intranet serves it."""
    with served(built_site) as url:
        yield url


# ------------------------------------------------------------------ the intranet's SSH server

SSHD = Path("/usr/sbin/sshd")
SSHD_HINT = "OpenSSH-servern saknas, så publiceringstesterna hoppas över. Installera: sudo apt-get install openssh-server rsync"

SSHD_CONFIG = """\
ListenAddress 127.0.0.1
Port {port}
HostKey {folder}/host_key
PidFile {folder}/sshd.pid
AuthorizedKeysFile {folder}/authorized_keys
AllowUsers {user}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
# The folder is pytest's, not a home directory sshd would check the modes of.
StrictModes no
UsePAM no
LogLevel ERROR
"""


@pytest.fixture(scope="session")
def ssh_server(tmp_path_factory):
    """A throwaway OpenSSH server on 127.0.0.1 that lets this user in with its
    own key; yields the deploy job's CI/CD variables for it (without DEPLOY_PATH)."""
    import getpass
    import subprocess

    from harness.servers import free_port, stop
    from harness.sshd import start

    if not (SSHD.exists() and shutil.which("rsync") and shutil.which("ssh")):
        if os.environ.get("CI") == "true":
            pytest.fail("sshd, ssh or rsync is missing in CI; .ci/install-system-packages must install them")
        pytest.skip(SSHD_HINT)
    folder = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", str(folder / key)], check=True)
    shutil.copy(folder / "user_key.pub", folder / "authorized_keys")
    # As GitLab writes a File variable: readable by all. The deploy must cope.
    (folder / "user_key").chmod(0o644)
    port, user = free_port(), getpass.getuser()
    (folder / "sshd_config").write_text(SSHD_CONFIG.format(port=port, folder=folder, user=user), "utf-8")
    server, known_hosts = start(folder, port)
    try:
        yield {
            "DEPLOY_HOST": "127.0.0.1",
            "DEPLOY_PORT": str(port),
            "DEPLOY_USER": user,
            "DEPLOY_SSH_KEY": str(folder / "user_key"),
            "DEPLOY_KNOWN_HOSTS": known_hosts,
        }
    finally:
        stop(server)
