"""Our post-build fixes still find the theme's markup they fix.

Each fix in publish/postbuild.py rewrites markup that no template override
reaches. If a theme update changes that markup, a fix would silently stop
applying; these tests build with the engine alone (no fixes) and fail then.
"""

import re

import pytest

from harness.project import make_project
from samverkan.pipeline import prepare
from samverkan.publish import engine, postbuild, search
from samverkan.publish.docs import write_docs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def raw_site(tmp_path_factory):
    """The site as the engine alone builds it, before our post-build step."""
    project = make_project(tmp_path_factory.mktemp("raw"))
    site, files = prepare(project / "content", project)
    staging = engine.staging_dir(project)
    write_docs(engine.stage_docs(project / "docs", staging), files)
    assert engine.build_in_process(project / "mkdocs.yml", staging, engine.source_date_epoch(site.updated))
    return staging / "site"


def _pages(site):
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_the_checkbox_autocomplete_fix_still_finds_the_themes_toggles(raw_site):
    for name, html in _pages(raw_site).items():
        assert postbuild.CHECKBOX_AUTOCOMPLETE.search(html), name
        assert not postbuild.CHECKBOX_AUTOCOMPLETE.search(postbuild.fix_theme_markup(html)), name


def test_the_search_dialog_gets_its_name(raw_site):
    html = (raw_site / "index.html").read_text("utf-8")
    assert postbuild.SEARCH_DIALOG_TAG in html
    assert 'role="dialog" aria-label="Sök på webbplatsen">' in postbuild.fix_theme_markup(html)


def test_a_section_index_page_loses_its_dangling_toc_label(raw_site):
    # The investigation's start page is a section index: no __toc toggle, yet a label for it.
    html = (raw_site / "samverkan-i-bergslagen" / "index.html").read_text("utf-8")
    assert postbuild.TOC_LABEL in html and 'id="__toc"' not in html
    assert 'for="__toc"' not in postbuild.fix_theme_markup(html)


def test_the_first_abbreviation_of_each_kind_becomes_focusable_outside_links(raw_site):
    html = (raw_site / "samverkan-i-bergslagen" / "bkt" / "index.html").read_text("utf-8")
    assert '<abbr title="Bergslagens Kommunalteknik">' in html
    fixed = postbuild.focusable_abbreviations(html)
    focusable = re.findall(r'<abbr title="([^"]*)" tabindex="0">', fixed)
    assert focusable and len(focusable) == len(set(focusable))
    assert "Bergslagens Kommunalteknik" in focusable


def test_every_page_starts_the_swedish_search_worker(raw_site):
    for name, html in _pages(raw_site).items():
        if '"search": "' in html:
            assert "sv-search.js?worker=" in search.use_swedish_worker(html), name
