"""Validation: every problem at once, each as `file:line:column: message` in Swedish."""

import subprocess
import sys

from harness.project import edit
from samverkan.cli import main
from samverkan.content.validate import validate
from samverkan.paths import ROOT


def _edit(content, name, old, new):
    edit(content / name, old, new)


def test_real_content_is_valid():
    site = validate(ROOT / "content", ROOT)
    assert [i.meta.id for i in site.investigations] == ["samverkan-i-bergslagen"]
    assert len(site.files) == 13  # 12 YAML files and the stored source text


def test_more_than_one_investigation_is_supported(tmp_path):
    from harness.project import synthesize
    from samverkan.pages.render import render

    synthesize(tmp_path / "content", 2)
    files = render(validate(tmp_path / "content", tmp_path))
    assert {"utredning-001/bkt.md", "utredning-002/bkt.md"} <= set(files)
    assert "### [Samverkan i Bergslagen, del 2](utredning-002/index.md)" in files["index.md"]
    assert "Samverkan i Bergslagen, del 1:" in files[".nav.yml"]


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


# ------------------------------------------------------------------ dates (issue 21, item 4)

UTREDNING = "utredningar/samverkan-i-bergslagen/utredning.yml"


def _check(content, capsys) -> tuple[int, str]:
    code = main(["check", "--content", str(content)])
    return code, capsys.readouterr().err


def test_a_date_in_quotes_is_the_same_date(content_copy, capsys):
    # VS Code's YAML extension reads a date as text, quoted or not, and accepts both.
    _edit(content_copy, UTREDNING, "uppdaterad: 2015-04-07", 'uppdaterad: "2015-04-07"')
    _edit(content_copy, UTREDNING, "  datum: 2015-04-07", "  datum: '2015-04-07'")
    assert _check(content_copy, capsys)[0] == 0
    site = validate(content_copy, content_copy.parent)
    assert site.investigations[0].meta.uppdaterad.isoformat() == "2015-04-07"


def test_a_date_in_quotes_must_exist_too(content_copy, capsys):
    _edit(content_copy, UTREDNING, "uppdaterad: 2015-04-07", 'uppdaterad: "2015-02-30"')
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"content/{UTREDNING}:20:13: `uppdaterad`: ”2015-02-30” är inget giltigt datum\n" in err


def test_other_text_in_a_date_field_is_not_a_date(content_copy, capsys):
    _edit(content_copy, UTREDNING, "uppdaterad: 2015-04-07", 'uppdaterad: "7 april 2015"')
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"content/{UTREDNING}:20:13: `uppdaterad`: väntade ett datum (ÅÅÅÅ-MM-DD) men fick text (”7 april 2015”)\n" in err


def test_a_date_like_text_in_a_text_field_stays_text(content_copy, capsys):
    # Quoted, it is the text the editor wrote; unquoted, some YAML tools read a date.
    _edit(content_copy, UTREDNING, "titel: Samverkan i Bergslagen", 'titel: "2015-04-07"')
    assert _check(content_copy, capsys)[0] == 0
    assert validate(content_copy, content_copy.parent).investigations[0].meta.titel == "2015-04-07"
    _edit(content_copy, UTREDNING, 'titel: "2015-04-07"', "titel: 2015-04-07")
    code, err = _check(content_copy, capsys)
    assert code == 1
    assert f"content/{UTREDNING}:4:8: `titel`: väntade text men fick ett datum (”2015-04-07”); skriv värdet inom citattecken om det ska vara text\n" in err


# ------------------------------------------------------------------ placeholders (issue 21, item 5)


def test_an_investigation_with_a_placeholder_left_is_not_published(content_copy, capsys):
    import datetime as dt

    from samverkan.editors.scaffold import scaffold

    folder = scaffold(content_copy, "ny-utredning", "Ny utredning", dt.date(2026, 12, 6))
    # A draft may hold placeholders: that is what it is for.
    assert _check(content_copy, capsys)[0] == 0
    _edit(folder.parent, "ny-utredning/utredning.yml", "publicera: false\n", "")
    for name in ("styrgrupp.yml", "gemensam-bild.yml", "process.yml"):
        text = (folder / name).read_text("utf-8")
        (folder / name).write_text(text.replace('"SKRIV: ', '"'), "utf-8")
    code, err = _check(content_copy, capsys)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == ("content/utredningar/ny-utredning/utredning.yml:5:14: `projektnamn` har kvar platshållaren ”SKRIV:”: "
                        "skriv den riktiga texten, eller låt utredningen vara ett utkast (publicera: false) tills den är skriven")
    assert "content/utredningar/ny-utredning/utredning.yml:16:5: `bakgrund[0]` har kvar platshållaren ”SKRIV:”" in err
    assert "content/utredningar/ny-utredning/utredning.yml:21:10: `kalla.titel` har kvar platshållaren ”SKRIV:”" in err
    assert lines[-1] == "10 fel i innehållet. Ingenting har skrivits."
    assert all("/ny-utredning/utredning.yml:" in line for line in lines[:-1])
