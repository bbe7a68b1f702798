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
