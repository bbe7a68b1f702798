"""Every page template, rendered from a frozen copy of the content, against reference Markdown.

The input is tests/golden_content/, not content/: an editor's change reaches
main without the test job (.gitlab-ci.yml runs it only when code changes), so
references taken from the live content would fail the next developer's
pipeline for a change that was not theirs. A change to a template shows up
here as a diff. To accept it on purpose:
`.venv/bin/python -m pytest tests/test_golden.py --update-golden`, then read
the diff of tests/golden/ and look at the pages before committing. A change to
the content's schema changes tests/golden_content/ with it.
"""

import shutil
import tempfile
from pathlib import Path

import pytest

from samverkan.content.validate import validate
from samverkan.pages.environment import environment
from samverkan.pages.plan import plan
from samverkan.pages.render import render

GOLDEN = Path(__file__).with_name("golden")
FROZEN = Path(__file__).with_name("golden_content")


def _frozen_content() -> Path:
    """A throwaway copy of the frozen content, in a folder without Git, so
    that no page takes a date from this repository's history."""
    project = Path(tempfile.mkdtemp(prefix="golden-"))
    shutil.copytree(FROZEN, project / "content")
    return project / "content"


CONTENT = _frozen_content()
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
