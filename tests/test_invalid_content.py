"""Every mistake in tests/invalid/ gives exactly the Swedish lines in its
`forvantat.txt`, and exit code 1.

Each case is a folder: `andringar.yml` lists changes to a copy of the real
content/, and `forvantat.txt` is what `make check` must print. To accept new
messages on purpose: `.venv/bin/python -m pytest tests/test_invalid_content.py
--update-golden`, then read the diff.
"""

from pathlib import Path

import pytest
import yaml

from harness.project import copy_content, edit
from samverkan.cli import main

CASES = sorted(p for p in Path(__file__).with_name("invalid").iterdir() if p.is_dir())


def apply(changes: list[dict], content: Path) -> None:
    for change in changes:
        path = content.parent / change["fil"]
        if "ersatt" in change:
            edit(path, change["ersatt"], change["med"])
        elif "innehall" in change:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(change["innehall"], "utf-8")
        elif "bytes_hex" in change:
            path.write_bytes(bytes.fromhex(change["bytes_hex"]))
        elif "fyll_till_byte" in change:
            text = path.read_text("utf-8")
            path.write_text(text + "#" * (change["fyll_till_byte"] - len(text.encode())), "utf-8")
        elif change.get("ta_bort"):
            path.unlink()
        else:
            raise AssertionError(f"unknown change {change}")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_invalid_content_gives_exact_messages(case, tmp_path, capsys, update_golden):
    content = tmp_path / "content"
    copy_content(content)
    apply(yaml.safe_load((case / "andringar.yml").read_text("utf-8")), content)
    assert main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err and out.out == ""
    expected = case / "forvantat.txt"
    if update_golden:
        expected.write_text(out.err, "utf-8")
    assert out.err == expected.read_text("utf-8")


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30
