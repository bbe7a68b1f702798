"""Validation: every problem at once, each as `file:line:column: message` in Swedish."""

import subprocess
import sys

import pytest

from samverkan.__main__ import main
from samverkan.errors import ContentErrors
from samverkan.paths import ROOT
from samverkan.validate import validate


def _errors(content) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        validate(content, content.parent)
    return [str(e) for e in caught.value.errors]


def _edit(content, name, old, new):
    path = content / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_real_content_is_valid():
    site = validate(ROOT / "content", ROOT)
    assert [i.meta.id for i in site.investigations] == ["samverkan-i-bergslagen"]
    assert len(site.files) == 10


def test_all_problems_are_reported_at_once_with_file_line_and_column(content_copy):
    _edit(content_copy, "organisationer.yml", "varde: 170", 'varde: "170"')
    _edit(content_copy, "kommuner.yml", "    namn: Nora\n", "    namn: Nora\n    namn: Noraa\n")
    _edit(content_copy, "utredningar/samverkan-i-bergslagen/utredning.yml", "uppdaterad: 2015-04-07", "uppdaterad: 2015-02-30")
    assert _errors(content_copy) == [
        "content/kommuner.yml:19:5: nyckeln `namn` finns två gånger (först på rad 18); ta bort den ena",
        "content/organisationer.yml:13:14: `organisationer[0].anstallda.varde`: väntade ett heltal men fick text (”170”)",
        "content/utredningar/samverkan-i-bergslagen/utredning.yml:20:13: ”2015-02-30” är inget giltigt datum",
    ]


def test_unknown_and_missing_fields(content_copy):
    _edit(content_copy, "webbplats.yml", "namn: Samverkan i Bergslagen", "nam: Samverkan i Bergslagen")
    assert _errors(content_copy) == [
        "content/webbplats.yml:3:1: fältet `nam` är okänt här",
        "content/webbplats.yml:3:1: fältet `namn` saknas",
    ]


def test_broken_reference_names_the_field_and_the_known_ids(content_copy):
    _edit(content_copy, "organisationer.yml", "      kommun: nora", "      kommun: noraa")
    assert _errors(content_copy) == [
        "content/organisationer.yml:18:15: `organisationer[0].sate.kommun`: det finns ingen kommun med id ”noraa”; finns: hallefors, lindesberg, ljusnarsberg, nora",
    ]


def test_duplicate_id_names_both_places(content_copy):
    _edit(content_copy, "kommuner.yml", "  - id: nora", "  - id: hallefors")
    assert "content/kommuner.yml:17:9: id ”hallefors” används redan (content/kommuner.yml:8:9)" in _errors(content_copy)


def test_unsafe_tag_is_refused(content_copy):
    _edit(content_copy, "webbplats.yml", "namn: Samverkan i Bergslagen", "namn: !!python/object/apply:os.system ['true']")
    assert _errors(content_copy) == [
        "content/webbplats.yml:3:7: taggen `tag:yaml.org,2002:python/object/apply:os.system` är inte tillåten; innehåll får bara vara text, tal, datum, listor och nycklar",
    ]


def test_yes_is_not_silently_text(content_copy):
    _edit(content_copy, "kommuner.yml", "    namn: Nora\n", "    namn: yes\n")
    assert _errors(content_copy) == [
        "content/kommuner.yml:18:11: `kommuner[3].namn`: väntade text men fick true/false (”True”)",
    ]


def test_a_proposal_point_must_say_something(content_copy):
    _edit(content_copy, "utredningar/samverkan-i-bergslagen/forslag-bkt.yml", "    text: En kommun blir värdkommun.\n", "")
    assert _errors(content_copy) == [
        "content/utredningar/samverkan-i-bergslagen/forslag-bkt.yml:9:5: `politisk_organisation[1]`: en förslagspunkt behöver `text`, `sammansattning` eller båda",
    ]


def test_more_than_one_investigation_is_supported(content_copy, tmp_path):
    import shutil

    from samverkan.render import render

    second = content_copy / "utredningar" / "en-annan-utredning"
    shutil.copytree(content_copy / "utredningar" / "samverkan-i-bergslagen", second)
    _edit(content_copy, "utredningar/en-annan-utredning/utredning.yml", "id: samverkan-i-bergslagen", "id: en-annan-utredning")
    _edit(content_copy, "utredningar/en-annan-utredning/utredning.yml", "titel: Samverkan i Bergslagen", "titel: En annan utredning")
    for name in ("process.yml",):
        path = second / name
        path.write_text(path.read_text("utf-8").replace("  - id: ", "  - id: andra-"), "utf-8")
    for name in ("gemensam-bild.yml", "forslag-bkt.yml", "forslag-bmb.yml"):
        path = second / name
        path.write_text(path.read_text("utf-8").replace("styrgruppens-sista-sammantrade", "andra-styrgruppens-sista-sammantrade"), "utf-8")
    site = validate(content_copy, content_copy.parent)
    files = render(site)
    assert "en-annan-utredning/bkt.md" in files and "samverkan-i-bergslagen/bkt.md" in files
    assert "## Utredningen En annan utredning" in files["index.md"]
    assert "En annan utredning:" in files[".nav.yml"]


def test_command_line_exit_codes(content_copy, capsys):
    assert main(["check", "--content", str(ROOT / "content")]) == 0
    _edit(content_copy, "organisationer.yml", "varde: 170", 'varde: "170"')
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert "organisationer.yml:13:14: `organisationer[0].anstallda.varde`" in err
    assert "Traceback" not in err
    assert err.rstrip().endswith("1 fel i innehållet. Ingenting har skrivits.")
    wrong = subprocess.run([sys.executable, "-m", "samverkan", "finns-inte"], capture_output=True, text=True, cwd=ROOT)
    assert wrong.returncode == 2


def test_failed_render_leaves_docs_untouched(content_copy, tmp_path):
    docs = tmp_path / "docs"
    assert main(["render", "--content", str(ROOT / "content"), "--docs", str(docs)]) == 0
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    _edit(content_copy, "organisationer.yml", "varde: 170", 'varde: "170"')
    assert main(["render", "--content", str(content_copy), "--docs", str(docs)]) == 1
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
