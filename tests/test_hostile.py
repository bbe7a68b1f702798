"""The hostile corpus: tests/hostile/<kategori>/<fall>/, one folder a case.

Each case changes a copy of the real content/ (`andringar.yml`, the same
changes as tests/invalid/ plus links, folders, pipes and renames) and says
exactly what must come of it:
- `forvantat.txt`: every line `make check` prints (exit 1 when it reports
  errors, 0 when the change is harmless, e.g. an editor's backup file);
- `visas.yml`: the content builds, and each text stands literally, as
  inert text, on the named page of site/. All build cases are applied to one
  copy and built once, so the corpus stays fast.
To accept new messages on purpose: `--update-golden`, then read the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import visible_text
from harness.project import build_project, copy_content, make_project
from samverkan.cli import main
from samverkan.paths import ROOT
from test_injection import active_markup
from test_invalid_content import apply as apply_edit

HERE = Path(__file__).with_name("hostile")
CASES = sorted(p for p in HERE.glob("*/*") if p.is_dir())
CHECK_CASES = [c for c in CASES if (c / "forvantat.txt").exists() or not (c / "visas.yml").exists()]
BUILD_CASES = [c for c in CASES if (c / "visas.yml").exists()]


def apply(changes: list[dict], content: Path) -> None:
    """tests/invalid/'s changes, and the ones only a hostile corpus needs."""
    for change in changes:
        path = content.parent / change["fil"]
        if "symlank_till" in change:
            target = change["symlank_till"]
            path.unlink(missing_ok=True)
            os.symlink(target if target.startswith("/") else content.parent / target, path)
        elif change.get("mapp"):
            path.unlink(missing_ok=True)
            path.mkdir(parents=True, exist_ok=True)
        elif change.get("fifo"):
            path.unlink(missing_ok=True)
            os.mkfifo(path)
        elif "byt_namn_till" in change:
            path.rename(content.parent / change["byt_namn_till"])
        elif "kopiera_till" in change:
            shutil.copy(path, content.parent / change["kopiera_till"])
        elif "upprepa" in change:
            # ersatt, with med repeated: long values without a long file in git.
            apply_edit([{"fil": change["fil"], "ersatt": change["ersatt"], "med": change["med"].replace("{upprepa}", change["upprepa"] * change["ganger"])}], content)
        else:
            apply_edit([change], content)


def _changes(case: Path) -> list[dict]:
    return yaml.safe_load((case / "andringar.yml").read_text("utf-8"))


@pytest.mark.parametrize("case", CHECK_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_check_says_exactly(case, tmp_path, capsys, update_golden):
    content = tmp_path / "content"
    copy_content(content)
    apply(_changes(case), content)
    code = main(["check", "--content", str(content)])
    out = capsys.readouterr()
    said = out.out + out.err
    assert "Traceback" not in said
    expected = case / "forvantat.txt"
    if update_golden:
        expected.write_text(said, "utf-8")
    assert said == expected.read_text("utf-8")
    assert code == (0 if "Innehållet är giltigt" in said else 1)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile-build"))
    for case in BUILD_CASES:
        apply(_changes(case), project / "content")
    return build_project(project)


@pytest.mark.parametrize("case", BUILD_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_builds_and_shows_the_text_inert(case, hostile_build):
    for expected in yaml.safe_load((case / "visas.yml").read_text("utf-8")):
        page = hostile_build / expected["sida"]
        html = page.read_text("utf-8")
        shown = visible_text(page) + " " + BeautifulSoup(html, "html.parser").title.get_text()
        assert expected["text"] in shown, f"{expected['sida']}: {expected['text']!r}"
        assert active_markup(html) == []


def test_the_corpus_covers_every_category():
    counts = {folder.name: sum(1 for c in CASES if c.parent == folder) for folder in sorted(HERE.iterdir()) if folder.is_dir()}
    assert len(CASES) >= 60, counts
    assert all(n >= 3 for n in counts.values()), counts


def test_every_address_the_site_uses_is_reserved_and_has_a_case(tmp_path):
    """The plan (pages/plan.py) makes the pages; layout.py reserves their
    names. They must agree, and the corpus must try each name on each kind
    of id that becomes an address (organisation, investigation)."""
    from samverkan.addresses import ENGINE_FOLDERS, INVESTIGATION_PAGES, SITE_PAGES, SITE_SECTIONS
    from samverkan.content.validate import validate
    from samverkan.pages.plan import plan

    site = validate(ROOT / "content", ROOT)
    investigations = {inv.meta.id for inv in site.investigations}
    for page in plan(site):
        folder, _, name = page.path.rpartition("/")
        stem = name.removesuffix(".md")
        if not folder:
            assert stem in SITE_PAGES, page.path
        elif folder in SITE_SECTIONS:
            continue  # a municipality's or an organisation's page, under the section's own address
        else:
            assert folder in investigations
            assert stem in INVESTIGATION_PAGES or stem in site.organisationer, page.path
    names = {c.name.split("-", 1)[1] for c in CASES if c.parent.name == "adresser"}
    assert {f"organisation-heter-{p}" for p in INVESTIGATION_PAGES} <= names
    assert {f"utredning-heter-{p}" for p in (*SITE_PAGES, *SITE_SECTIONS, *ENGINE_FOLDERS)} <= names
