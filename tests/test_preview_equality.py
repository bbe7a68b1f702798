"""The preview's site is the site make build makes: every file, the sitemap,
the search index and the .gz copies included, after saves the preview
rebuilds page by page. The after-build steps are declared once
(publish/afterbuild.py); this proves both callers run them alike.

Under both engines, each in a process of its own (the engine is chosen once
per process), and fast enough for make test-fast."""

import json
import os
import subprocess
import sys

import pytest

from harness.project import make_project
from samverkan.paths import ROOT
from samverkan.publish.engine import ENGINES


def _run(args, engine, **kwargs):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "SAMVERKAN_MOTOR": engine}, **kwargs)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_after_each_save_the_preview_holds_every_file_a_build_writes(tmp_path, engine):
    project = make_project(tmp_path / "projekt")
    done = _run(["-m", "harness.preview_equality", str(project)], engine)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["engine"] == engine and report["missing"] is None
    # The saves after the first build were page by page, not whole builds.
    assert [(s["what"], s["whole"]) for s in report["saves"]] == [
        ("the first build", True), ("a proposal's text", False), ("a decision with the newest date", False)]
    assert {s["what"]: s["differ"] for s in report["saves"]} == {s["what"]: [] for s in report["saves"]}


MISSING = """
import sys
from samverkan.publish.engine import select_engine
select_engine()
from samverkan.preview import internals
internals.check()
import mkdocs.commands.build as build
del build._build_page
try:
    internals.check()
except internals.Missing as exc:
    print(exc)
    sys.exit(3)
"""


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_engines_private_functions_are_there_and_a_missing_one_is_named(engine):
    done = _run(["-c", MISSING], engine)
    # The first check passed (the engine has them all); the second named the one removed.
    assert done.returncode == 3, done.stderr
    assert done.stdout.strip() == "mkdocs.commands.build._build_page"


def test_a_preview_without_them_says_so_and_still_builds(tmp_path, capsys, monkeypatch):
    import argparse

    from samverkan.preview import internals
    from samverkan.preview.session import Preview

    def missing():
        raise internals.Missing("mkdocs.commands.build._build_page")

    monkeypatch.setattr(internals, "check", missing)
    project = make_project(tmp_path / "projekt")
    preview = Preview(argparse.Namespace(content=project / "content", docs=project / "docs", config=project / "mkdocs.yml"))
    try:
        assert preview.build(), preview.errors
        assert "motorn saknar det den behöver för att bygga sida för sida (mkdocs.commands.build._build_page)" in capsys.readouterr().err
    finally:
        preview.close()
