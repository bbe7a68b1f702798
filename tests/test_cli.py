"""The command line answers in Swedish, with the documented exit codes."""

import json
import subprocess
import sys

from samverkan.cli import main
from samverkan.paths import ROOT


def _run(*args):
    return subprocess.run([sys.executable, "-m", "samverkan", *args], capture_output=True, text=True, cwd=ROOT)


def test_a_wrong_command_exits_2_in_swedish():
    done = _run("bygg")
    assert done.returncode == 2
    assert "fel: argumentet kommando: okänt kommando: 'bygg'" in done.stderr
    assert done.stderr.startswith("användning: ")


def test_an_unknown_option_exits_2_in_swedish():
    done = _run("check", "--snabbt")
    assert done.returncode == 2
    assert "fel: okända argument: --snabbt" in done.stderr


def test_valid_content_exits_0(content_copy):
    # A copy without the contact route (conftest), whether or not the municipality has entered one.
    done = _run("check", "--content", str(content_copy))
    assert done.returncode == 0
    assert done.stdout == "Innehållet är giltigt: 13 filer, 1 utredning(ar).\n"
    # Without a contact route: a warning, not an error, except for the live
    # site (tests/test_publishing_gate.py).
    assert done.stderr.startswith("Varning: tillganglighet.yml har ingen `kontakt`.")


def test_a_contact_route_silences_the_warning(content_copy, capsys):
    path = content_copy / "tillganglighet.yml"
    path.write_text(path.read_text("utf-8") + "kontakt:\n  text: Skicka e-post (testdata)\n  url: mailto:test@example.invalid\n", "utf-8")
    assert main(["check", "--content", str(content_copy)]) == 0
    assert capsys.readouterr().err == ""


def test_code_quality_report_lists_each_error_by_file_and_line(content_copy, tmp_path):
    (content_copy / "webbplats.yml").write_text("namn: [\n", "utf-8")
    report = tmp_path / "rapport.json"
    assert main(["check", "--content", str(content_copy), "--rapport", str(report)]) == 1
    issues = json.loads(report.read_text("utf-8"))
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in issues] == [("content/webbplats.yml", 2, "major")]
    assert issues[0]["description"].startswith("YAML-filen går inte att läsa")
    assert len(issues[0]["fingerprint"]) == 64
    assert main(["check", "--rapport", str(report)]) == 0
    assert json.loads(report.read_text("utf-8")) == []


def test_an_internal_error_is_one_swedish_line_not_a_traceback(monkeypatch, capsys):
    import samverkan.content.validate

    def broken(*_args):
        raise RuntimeError("disken är full")

    monkeypatch.setattr(samverkan.content.validate, "validate", broken)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err == "Ett internt fel i byggverktyget (inte i innehållet): RuntimeError: disken är full. Kontakta IT och bifoga den här raden.\n"
