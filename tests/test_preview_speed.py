"""The preview's fast path (preview/warm.py, the caches of pipeline.prepare):
after any series of saves, every page is what a fresh build of the same
content makes, and a save that changes text rebuilds only the pages that
show it. Counted in pages, never in seconds (timing belongs to make bench)."""

import argparse
from pathlib import Path

import pytest

from harness.preview_equality import differences
from harness.project import copy_investigation, edit, make_project
from samverkan.preview.session import Preview

pytestmark = pytest.mark.slow

REAL = "samverkan-i-bergslagen"


def _preview(project: Path) -> Preview:
    return Preview(argparse.Namespace(content=project / "content", docs=project / "docs", config=project / "mkdocs.yml"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("warm"))
    copy_investigation(project / "content", "andra-utredningen", "En andra utredning")
    return project


@pytest.fixture(scope="module")
def warm(project):
    preview = _preview(project)
    assert preview.build(), preview.errors
    yield preview
    preview.close()


def _fresh_equals(project: Path, warm: Preview) -> None:
    fresh = _preview(project)
    try:
        assert fresh.build(), fresh.errors
        assert differences(warm.site, fresh.site) == []
    finally:
        fresh.close()


# Each save, what it changes, and the pages a warm rebuild must limit itself
# to (None: the preview may rebuild everything, as for a title in the menu
# on every page).
SAVES = [
    ("a proposal's text", f"utredningar/{REAL}/forslag-bkt.yml", "sammanfattning: ", "sammanfattning: Ändrat. ",
     {f"/{REAL}/bkt/", f"/{REAL}/hela-utredningen/", "/kommuner/hallefors/", "/kommuner/ljusnarsberg/",
      "/kommuner/lindesberg/", "/kommuner/nora/", "/organisationer/bkt/"}),
    ("an investigation's title, its section in the menu", "utredningar/andra-utredningen/utredning.yml",
     "titel: En andra utredning", "titel: En annan utredning", None),
    ("a decision, the investigation's state", "utredningar/andra-utredningen/process.yml", "      status: vantar",
     "      status: beslutad\n      datum: 2015-06-01\n      utfall: Ett utfall i testet", None),
    ("an investigation's date, its place in the menu", "utredningar/andra-utredningen/utredning.yml",
     "uppdaterad: 2015-04-07", "uppdaterad: 2015-04-08", None),
    ("an organisation's name, on every investigation's menu", "organisationer.yml", "namn: Bergslagens Kommunalteknik",
     "namn: Bergslagens kommunalteknik", None),
    ("an investigation left as a draft: its pages go", "utredningar/andra-utredningen/utredning.yml",
     "titel: En annan utredning", "titel: En annan utredning\npublicera: false", None),
]


# The saves that change a title in the portal's menu, on every page, or the pages there are.
WHOLE = {"an investigation's date, its place in the menu", "an organisation's name, on every investigation's menu",
         "an investigation left as a draft: its pages go"}


@pytest.mark.parametrize("what, file, old, new, pages", SAVES, ids=[s[0] for s in SAVES])
def test_after_each_save_every_page_is_what_a_fresh_build_makes(project, warm, what, file, old, new, pages, capsys):
    before = warm.version
    edit(project / "content" / file, old, new)
    assert warm.build(), warm.errors
    # A whole rebuild (news: any page) is one the terminal tells of, and only then.
    whole = warm.news[warm.version] is None
    assert whole == ("Hela förhandsvisningen byggdes om" in capsys.readouterr().out)
    assert whole == (what in WHOLE)
    if pages is not None:
        # One version per part the save was built in: the investigation's own
        # pages, then the portal's lists; a save may touch only one of them.
        changed = set().union(*(warm.news[v] for v in range(before + 1, warm.version + 1)))
        assert changed and changed <= pages, f"{what}: rebuilt {sorted(changed - pages)} too"
    _fresh_equals(project, warm)


def test_a_text_save_rebuilds_its_pages_and_not_the_whole_site(project, warm):
    before = warm.version
    edit(project / "content" / "utredningar" / REAL / "gemensam-bild.yml", "inledning: Under", "inledning: Ny mening. Under")
    assert warm.build(), warm.errors
    news = [warm.news[v] for v in range(before + 1, warm.version + 1)]
    # The page itself and the printable summary that gathers it; nothing whole (None).
    assert news == [{f"/{REAL}/gemensam-bild/", f"/{REAL}/hela-utredningen/"}]
    _fresh_equals(project, warm)


def test_a_mistake_then_its_fix_leaves_the_pages_as_a_fresh_build_makes_them(project, warm):
    path = project / "content" / "organisationer.yml"
    edit(path, "varde: 170", 'varde: "170"')
    assert not warm.build()
    assert any("organisationer.yml" in line for line in warm.errors)
    edit(path, 'varde: "170"', "varde: 171")
    assert warm.build(), warm.errors
    _fresh_equals(project, warm)


def test_a_changed_title_rebuilds_every_page_whose_menu_shows_it(tmp_path):
    """No save in content/ changes one page's title alone today (a title
    comes from a template or a site-wide file), so the page's Markdown is
    changed here directly, as a changed template would."""
    preview = _preview(make_project(tmp_path))
    try:
        assert preview.build(), preview.errors
        page = preview.docs / REAL / "styrgrupp.md"
        edit(page, "title: Styrgrupp och arbetssätt", "title: Styrgruppens arbete")
        built, warnings, rebuilt, _ = preview.engine.build([f"{REAL}/styrgrupp.md"], preview.engine.site_name, preview.engine.epoch)
        assert built and not warnings
        section = {f"{REAL}/{p.name}" for p in (preview.docs / REAL).glob("*.md")}
        assert set(rebuilt) == section
        sibling = (preview.site / REAL / "process" / "index.html").read_text("utf-8")
        assert "Styrgruppens arbete" in sibling
    finally:
        preview.close()
