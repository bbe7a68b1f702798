"""`make serve UTKAST=1`: drafts show in the preview, each marked "[Utkast]",
and `make build` never has them."""

import argparse
import re

import pytest

from harness.project import build_project, copy_investigation, edit, make_project
from samverkan.content.references import prune
from samverkan.content.site import Site
from samverkan.content.validate import validate
from samverkan.preview.session import Preview

pytestmark = pytest.mark.slow

REAL = "samverkan-i-bergslagen"
DRAFT = "utkastet"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The real content, a draft investigation beside it, and a draft event in the real one."""
    project = make_project(tmp_path_factory.mktemp("utkast"))
    folder = copy_investigation(project / "content", DRAFT, "En utredning under arbete")
    edit(folder / "utredning.yml", "titel: En utredning under arbete", "titel: En utredning under arbete\npublicera: false")
    edit(project / "content" / "utredningar" / REAL / "process.yml", "tidslinje:\n",
         "tidslinje:\n  - id: ett-utkast\n    titel: En händelse under arbete\n    status: nasta\n    publicera: false\n")
    return project


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_preview_with_drafts_shows_them_marked(project):
    preview = Preview(argparse.Namespace(content=project / "content", docs=project / "docs", config=project / "mkdocs.yml", utkast=True))
    try:
        assert preview.build(), preview.errors
        start = (preview.site / "index.html").read_text("utf-8")
        assert "[Utkast] En utredning under arbete" in _text(start)
        own = (preview.site / DRAFT / "index.html").read_text("utf-8")
        assert "[Utkast] En utredning under arbete" in _text(own)  # its menu section, and its pages
        process = _text((preview.site / REAL / "process" / "index.html").read_text("utf-8"))
        assert "[Utkast] En händelse under arbete" in process
        # Published things are not marked.
        assert "[Utkast] Styrgruppens sista sammanträde" not in process and "Styrgruppens sista sammanträde" in process
    finally:
        preview.close()


def test_make_build_and_the_plain_preview_leave_drafts_out(project, tmp_path):
    site = build_project(project)
    assert not (site / DRAFT).exists()
    pages = [p.read_text("utf-8") for p in site.rglob("*.html")]
    assert not any("[Utkast]" in page or "En utredning under arbete" in page for page in pages)
    assert not any("En händelse under arbete" in page for page in pages)
    preview = Preview(argparse.Namespace(content=project / "content", docs=project / "docs", config=project / "mkdocs.yml"))
    try:
        assert preview.build(), preview.errors
        assert not (preview.site / DRAFT).exists()
    finally:
        preview.close()


def test_a_draft_with_no_text_to_mark_is_left_out_even_where_drafts_show(project):
    """A decision still waiting has no text of its own; unmarked, it could
    pass for a published one, so it stays out."""
    site: Site = validate(project / "content", project, drafts=True)
    process = next(inv for inv in site.investigations if inv.meta.id == REAL).process
    draft = process.beslut.kommuner[0].model_copy(update={"publicera": False})
    kept = prune(process.beslut.model_copy(update={"kommuner": [draft, *process.beslut.kommuner[1:]]}), marked=True)
    assert len(kept.kommuner) == len(process.beslut.kommuner) - 1
