"""Rendering: text from YAML stays text, and docs/ is written with care."""

import json

import pytest
from bs4 import BeautifulSoup
from jinja2 import StrictUndefined, UndefinedError

from harness.project import build_project, make_project
from samverkan.content.validate import validate
from samverkan.errors import ContentErrors
from samverkan.pages.environment import environment
from samverkan.pages.render import render
from samverkan.publish.docs import MANIFEST, write_docs

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "img": '<img src=x onerror="alert(1)">',
    "jinja": "{{ 7*7 }} {% include 'x' %}",
    "pipe": "vänster | höger",
    "heading": "# inte en rubrik",
    "list": "1. inte en lista",
    "emphasis": "*inte kursiv* och _inte heller_ och `ingen kod`",
    "link": "[klicka](javascript:alert(1))",
}


def _set_motive(content, text):
    path = content / "utredningar" / "samverkan-i-bergslagen" / "forslag-bkt.yml"
    source = path.read_text("utf-8")
    first = "  - text: Ett kommunalförbund är en organisation"
    assert first in source
    path.write_text(source.replace(first, f"  - text: {json.dumps(text, ensure_ascii=False)}\n  - text: Ett kommunalförbund är en organisation", 1), "utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile"))
    # Every hostile text as a motive (a list item) and once in a table cell.
    for text in HOSTILE.values():
        _set_motive(project / "content", text)
    org_file = project / "content" / "organisationer.yml"
    org_file.write_text(org_file.read_text("utf-8").replace("verksamhet: Teknisk verksamhet", "verksamhet: 'a | b <b>fet</b> {{ x }}'"), "utf-8")
    # ... and in the proposal's comparison and the timeline, which are HTML with Markdown inside.
    proposal = project / "content" / "utredningar" / "samverkan-i-bergslagen" / "forslag-bkt.yml"
    proposal.write_text(proposal.read_text("utf-8").replace("text: Kommunalförbundet upphör.", f"text: {json.dumps(HOSTILE['img'])}"), "utf-8")
    process = project / "content" / "utredningar" / "samverkan-i-bergslagen" / "process.yml"
    process.write_text(process.read_text("utf-8").replace("titel: Remiss till samtliga partier", f"titel: {json.dumps(HOSTILE['script'])}"), "utf-8")
    site = build_project(project)
    pages = {name: BeautifulSoup((site / "samverkan-i-bergslagen" / name / "index.html").read_text("utf-8"), "html.parser") for name in ("bkt", "process")}
    return pages


@pytest.fixture(scope="module")
def hostile_page(hostile_site):
    return hostile_site["bkt"]


def test_yaml_text_stays_text_in_the_comparison_and_the_timeline(hostile_site):
    cells = hostile_site["bkt"].select("table.sib-korttabell td")
    assert [td for td in cells if td.get_text().startswith(HOSTILE["img"])]
    assert not hostile_site["bkt"].select("article img, article script")
    timeline = hostile_site["process"].select_one("ol.sib-tidslinje")
    assert HOSTILE["script"] in timeline.get_text()
    assert not timeline.select("script")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_yaml_text_appears_literally(hostile_page, name):
    motives = [" ".join(li.get_text().split()) for li in hostile_page.select("article ol > li")]
    assert " ".join(HOSTILE[name].split()) in motives


def test_yaml_text_never_becomes_html(hostile_page):
    article = hostile_page.select_one("article")
    assert not article.select("script, img, em, code, h1 ~ h1")
    assert not [a for a in article.select("a[href]") if "javascript" in a["href"]]


def test_yaml_text_cannot_break_a_table(hostile_page):
    facts = hostile_page.select("article table")[0]
    row = [" ".join(td.get_text().split()) for td in facts.select("tbody tr")[0].select("td")]
    assert row == ["Verksamhet", "a | b <b>fet</b> {{ x }}"]


def test_missing_value_fails_instead_of_printing_blank():
    env = environment()
    assert env.undefined is StrictUndefined
    with pytest.raises(UndefinedError):
        env.from_string("{{ finns_inte }}").render()


def test_dates_and_flags_must_be_formatted_explicitly():
    import datetime as dt

    with pytest.raises(TypeError):
        environment().from_string("{{ d }}").render(d=dt.date(2015, 3, 20))
    assert environment().from_string("{{ d|datum }}").render(d=dt.date(2015, 3, 20)) == "20 mars 2015"


def test_generated_files_are_written_only_when_they_change(tmp_path):
    from samverkan.paths import ROOT

    files = render(validate(ROOT / "content", ROOT))
    first = write_docs(tmp_path, files)
    assert set(files) <= set(first)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    assert write_docs(tmp_path, files) == []
    assert stamps == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}


def test_a_page_whose_source_is_gone_disappears(tmp_path):
    write_docs(tmp_path, {"a.md": "A\n", "sub/b.md": "B\n"})
    changed = write_docs(tmp_path, {"a.md": "A\n"})
    assert changed == ["sub/b.md"]
    assert not (tmp_path / "sub" / "b.md").exists()
    assert json.loads((tmp_path / MANIFEST).read_text())[-1] == "a.md"


def test_a_hand_written_file_is_never_overwritten(tmp_path):
    (tmp_path / "om.md").write_text("Skrivet för hand\n", "utf-8")
    with pytest.raises(ContentErrors) as caught:
        write_docs(tmp_path, {"om.md": "genererad\n"})
    assert str(caught.value.errors[0]) == "docs/om.md:1:1: filen är skriven för hand och skulle skrivas över av en genererad sida; byt namn på den ena"
    assert (tmp_path / "om.md").read_text("utf-8") == "Skrivet för hand\n"


def test_git_ignores_exactly_the_generated_files(tmp_path):
    write_docs(tmp_path, {"a.md": "A\n", ".nav.yml": "nav: []\n"})
    ignored = [line for line in (tmp_path / ".gitignore").read_text().splitlines() if not line.startswith("#")]
    assert ignored == ["/.generated.json", "/.gitignore", "/.nav.yml", "/a.md"]
