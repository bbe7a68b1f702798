"""Zensical, the Material team's successor to MkDocs, on our docs/: a
report of what differs from our build (pages, menu, search, axe), printed in
the test output. It fails only when a page is missing; the rest is what we
would have to redo before moving (README: Motorer och stöd).

Zensical runs in a venv of its own (.venv-zensical), installed from
tests/zensical/requirements.lock with hashes: it is another generator with
its own dependency ranges, and must not change the MkDocs environment the
site is built with. Where it cannot be installed (no package index, no wheel
for the platform) the test is skipped with one line saying so, also in CI.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import html_pages
from harness.project import build_project, make_project, synthesize
from samverkan.paths import ROOT

LOCK = ROOT / "tests" / "zensical" / "requirements.lock"
VENV = ROOT / ".venv-zensical"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def zensical() -> Path:
    """The zensical command, installed once per lock file."""
    stamp = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    ready = VENV / ".ready"
    if not (ready.exists() and ready.read_text() == stamp):
        shutil.rmtree(VENV, ignore_errors=True)
        steps = [[sys.executable, "-m", "venv", str(VENV)],
                 [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                  "--require-hashes", "--no-deps", "-r", str(LOCK)]]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                shutil.rmtree(VENV, ignore_errors=True)
                reason = (done.stderr.strip().splitlines() or ["okänt fel"])[-1]
                pytest.skip(f"Zensical kunde inte installeras ({reason}), så jämförelsen med Zensical hoppas över.")
        ready.write_text(stamp)
    return VENV / "bin" / "zensical"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in html_pages(site)}


def _menu(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]


def _axe(site: Path, pages: list[str], browser) -> dict[str, list[str]]:
    from harness.servers import served

    found = {}
    source = AXE.read_text("utf-8")
    with served(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name in pages:
            page.goto(base + name.removesuffix("index.html"))
            page.add_script_tag(content=source)
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            found[name] = sorted(v["id"] for v in result["violations"])
        page.close()
    return found


def test_zensical_builds_every_page_and_reports_what_differs(zensical, tmp_path, browser, capsys):
    # Two investigations, so that the menu inside one shows what differs.
    synthesize(tmp_path / "content", 2)
    project = make_project(tmp_path / "projekt", tmp_path / "content")
    ours = build_project(project).rename(project / "site-mkdocs")
    started = subprocess.run([str(zensical), "build", "-f", str(project / "mkdocs.yml")], cwd=project, capture_output=True, text=True, timeout=600)
    theirs = project / "site"
    report = [f"Zensical 0.0.73 mot vårt bygge (MkDocs + Pagefind), två utredningar, {len(_pages(ours))} sidor:"]
    report.append(f"- bygget: slutkod {started.returncode}; {' '.join(started.stdout.split()[-6:])}")
    assert started.returncode == 0, started.stdout + started.stderr

    missing, extra = sorted(_pages(ours) - _pages(theirs)), sorted(_pages(theirs) - _pages(ours))
    report.append(f"- sidor: {len(missing)} saknas{f' {missing}' if missing else ''}, {len(extra)} extra{f' {extra}' if extra else ''}")

    common = sorted(_pages(ours) & _pages(theirs))
    menus = [name for name in common if _menu(ours / name) != _menu(theirs / name)]
    sizes = ", ".join(f"{name}: {len(_menu(ours / name))} mot {len(_menu(theirs / name))} länkar" for name in menus[:3])
    report.append(f"- meny: olika på {len(menus)} av {len(common)} sidor{f' ({sizes} …)' if menus else ''}")

    dialog = sum("sib-sok" in (theirs / name).read_text("utf-8") for name in common)
    index = "pagefind/ finns" if (theirs / "pagefind").exists() else "inget pagefind/ (vårt steg efter bygget körs inte)"
    own = "; temats egen search.json" if (theirs / "search.json").exists() else ""
    report.append(f"- sökning: vår sökdialog på {dialog} av {len(common)} sidor; {index}{own}")

    if AXE.exists():
        found = _axe(theirs, common, browser)
        bad = {name: ids for name, ids in found.items() if ids}
        rules = sorted({rule for ids in bad.values() for rule in ids})
        report.append(f"- axe (1280 px): fel på {len(bad)} av {len(common)} sidor{f' {rules}' if rules else ''}")
    else:
        report.append("- axe: axe-core saknas (npm ci), inte kontrollerat")

    with capsys.disabled():
        print("\n" + "\n".join(report))
    # Only a missing page fails: the rest is the list of work before a move.
    assert missing == []
