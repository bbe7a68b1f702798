"""Every page template, rendered from the real content, against reference Markdown.

A change to a template or to content/ shows up here as a diff. To accept it on
purpose: `.venv/bin/python -m pytest tests/test_golden.py --update-golden`,
then read the diff of tests/golden/ before committing.
"""

import shutil
import tempfile
from pathlib import Path

import pytest

from harness.project import without_contact
from samverkan.content.validate import validate
from samverkan.pages.environment import environment
from samverkan.pages.plan import plan
from samverkan.pages.render import render
from samverkan.paths import ROOT

GOLDEN = Path(__file__).with_name("golden")


def _content_without_contact() -> Path:
    """A copy of content/ without the accessibility statement's contact
    route: the references hold whether or not the municipality has entered
    one (harness/project.py, without_contact)."""
    project = Path(tempfile.mkdtemp(prefix="golden-"))
    shutil.copytree(ROOT / "content", project / "content")
    return without_contact(project / "content")


CONTENT = _content_without_contact()
SITE = validate(CONTENT, CONTENT.parent)
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
