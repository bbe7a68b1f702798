"""Every page template, rendered from the real content, against reference Markdown.

A change to a template or to content/ shows up here as a diff. To accept it on
purpose: `.venv/bin/python -m pytest tests/test_golden.py --update-golden`,
then read the diff of tests/golden/ before committing.
"""

from pathlib import Path

import pytest

from samverkan.content.validate import validate
from samverkan.pages.environment import environment
from samverkan.pages.plan import plan
from samverkan.pages.render import render
from samverkan.paths import ROOT

GOLDEN = Path(__file__).with_name("golden")
SITE = validate(ROOT / "content", ROOT)
RENDERED = render(SITE)


@pytest.mark.parametrize("path", sorted(RENDERED))
def test_page_matches_golden(path, update_golden):
    golden = GOLDEN / path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(RENDERED[path], "utf-8")
    assert golden.exists(), f"no reference for {path}; run with --update-golden"
    assert RENDERED[path] == golden.read_text("utf-8")


def test_no_stale_golden_files():
    stale = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()} - set(RENDERED)
    assert not stale, f"golden files with no page any more: {sorted(stale)}"


def test_every_page_template_is_covered():
    templates = {t for t in environment().list_templates() if not t.startswith("_")}
    used = {page.template for page in plan(SITE)}
    assert templates == used
