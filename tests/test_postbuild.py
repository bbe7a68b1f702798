"""Our post-build fixes still find the theme's markup they fix.

Each fix in publish/postbuild.py rewrites markup that no template override
reaches. If a theme update changes that markup, a fix would silently stop
applying; these tests build with the engine alone (no fixes) and fail then.
"""

import pytest
from selectolax.lexbor import LexborHTMLParser

from harness.project import make_project
from samverkan.pipeline import prepare
from samverkan.publish import engine, inline_scripts, postbuild, search
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


def _tree(html):
    return LexborHTMLParser(html)


def test_the_checkbox_autocomplete_fix_still_finds_the_themes_toggles(raw_site):
    for name, html in _pages(raw_site).items():
        tree = _tree(html)
        assert tree.css(postbuild.CHECKBOXES), name
        postbuild.fix_theme_markup(tree)
        assert not tree.css(postbuild.CHECKBOXES), name
        assert 'type="checkbox"' in tree.html and "autocomplete" not in "".join(n.html for n in tree.css("input.md-toggle")), name


def test_a_section_index_page_loses_its_dangling_toc_label(raw_site):
    # The investigation's start page is a section index: no __toc toggle, yet a label for it.
    tree = _tree((raw_site / "samverkan-i-bergslagen" / "index.html").read_text("utf-8"))
    assert tree.css(postbuild.TOC_LABEL) and tree.css_first(postbuild.TOC) is None
    postbuild.fix_theme_markup(tree)
    assert 'for="__toc"' not in tree.html
    # A page with a table of contents keeps its label.
    tree = _tree((raw_site / "tillganglighet" / "index.html").read_text("utf-8"))
    assert tree.css_first(postbuild.TOC) is not None
    postbuild.fix_theme_markup(tree)
    assert tree.css(postbuild.TOC_LABEL)


def test_the_first_abbreviation_of_each_kind_becomes_focusable_outside_links(raw_site):
    tree = _tree((raw_site / "samverkan-i-bergslagen" / "bkt" / "index.html").read_text("utf-8"))
    assert '<abbr title="Bergslagens Kommunalteknik">' in tree.html
    postbuild.focusable_abbreviations(tree)
    focusable = [a.attrs["title"] for a in tree.css('abbr[tabindex="0"]')]
    assert focusable and len(focusable) == len(set(focusable))
    assert "Bergslagens Kommunalteknik" in focusable
    assert not [a for a in tree.css('a abbr[tabindex="0"]')]


def test_the_theme_still_writes_the_inline_scripts_the_move_finds(raw_site):
    for name, html in _pages(raw_site).items():
        tree = _tree(html)
        assert [s for s in tree.css(inline_scripts.INLINE) if not s.attributes], name
        assert tree.css_first(inline_scripts.BUNDLE) is not None, name
        scripts = inline_scripts.move_inline_scripts(tree, raw_site / name)
        assert scripts and not [s for s in tree.css(inline_scripts.INLINE) if not s.attributes], name
        assert all(f'{inline_scripts.FOLDER}/{n}"' in tree.html for n in scripts), name


def test_the_theme_still_marks_the_pages_own_text_for_the_index(raw_site):
    tree = _tree((raw_site / "ordlista" / "index.html").read_text("utf-8"))
    words = search.page_words(tree)
    assert words is not None and "ordlista" in words[7] and len(words[1]) > 100
    # The menu, the header and the page information are not the page's own text.
    assert "huvudmeny" not in words[1] and "sidinformation" not in " ".join(words[1])
