"""The editor's underlining and `make check` tell an editor the same thing.

yaml-language-server (the engine of Red Hat's YAML extension for VS Code,
pinned in package-lock.json) is driven as a real client over stdio, with the
settings in .vscode/settings.json, over the valid content and over every
mistake in tests/invalid/. For each, both must accept, or both must reject
within one line of each other in the same file. The only exceptions are the
rules that span files or depend on where a file lies, which no JSON Schema of
a single file can express; they are named in CROSS_FILE, and `make check`
explains them (README, "Regler som gäller flera filer").
"""

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import need
from harness.yamlls import SERVER, YamlLanguageServer
from samverkan.content.validate import validate
from samverkan.errors import ContentErrors
from samverkan.paths import ROOT
from test_invalid_content import CASES, apply

pytestmark = pytest.mark.slow

# Cases whose rule spans files or depends on a file's place: make check alone.
CROSS_FILE = {
    "17-dubbelt-id": "ett id får bara finnas en gång i hela content/",
    "18-okand-fil": "vilka filnamn som får finnas",
    "19-fil-saknas": "vilka filer en utredning måste ha",
    "20-id-inte-mappens-namn": "utredningens id ska vara mappens namn",
    "21-forslag-for-okand-organisation": "förslagsfilens namn ska följa organisationen",
    "33-utkast-anvands-av-publicerad": "en publicerad sida får inte hänvisa till ett utkast",
    "38-ingen-publicerad-utredning": "minst en utredning ska vara publicerad",
}
# Rules about the file as a whole rather than its data: the extension does not
# validate a file with no data, and reads a file of any size.
WHOLE_FILE = {
    "12-tom-fil": "en tom fil",
    "15-for-stor-fil": "en fil över 1 MiB",
}


# Known disagreements, each asserted to still disagree so that the entry goes
# when it is fixed: make check still reads YAML 1.1, where `yes` is true.
KNOWN_GAPS = {"04-yes-dar-text-vantas": "make check läser `yes` som true (YAML 1.1), redaktörens verktyg som text (YAML 1.2)"}


def _workspace(where: Path) -> Path:
    for folder in ("content", "schemas", ".vscode"):
        shutil.copytree(ROOT / folder, where / folder)
    return where


def _check(content: Path) -> set[tuple[str, int]]:
    try:
        validate(content, content.parent)
    except ContentErrors as exc:
        return {(e.file, e.line) for e in exc.errors}
    return set()


def _underlined(server: YamlLanguageServer, workspace: Path, only_changed: bool = True) -> set[tuple[str, int]]:
    """What the editor underlines in content/. Files that equal the real
    content are left out once the real content is known to be clean: the
    schemas are fixed, so the answer for them cannot change."""
    found = set()
    for path in sorted((workspace / "content").rglob("*.yml")):
        original = ROOT / path.relative_to(workspace)
        if not path.is_file() or (only_changed and original.is_file() and original.read_bytes() == path.read_bytes()):
            continue
        for problem in server.problems(path):
            found.add((path.relative_to(workspace).as_posix(), problem["range"]["start"]["line"] + 1))
    return found


def _agree(check: set, editor: set) -> bool:
    if not check or not editor:
        return not check and not editor
    return all(any(f == file and abs(n - line) <= 1 for f, n in editor) for file, line in check)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need(SERVER.exists(), "yaml-language-server saknas: installera npm (sudo apt-get install npm) och kör make test.")
    workspace = _workspace(tmp_path_factory.mktemp("editor"))
    with YamlLanguageServer(workspace) as running:
        running.home = workspace
        yield running


@pytest.fixture
def fresh_content(server):
    """The server's workspace with the real content again."""
    content = server.home / "content"
    shutil.rmtree(content)
    shutil.copytree(ROOT / "content", content)
    return content


def test_the_valid_content_is_underlined_nowhere(server, fresh_content):
    assert _check(fresh_content) == set()
    assert _underlined(server, server.home, only_changed=False) == set()


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_the_editor_and_make_check_agree(server, fresh_content, case):
    apply(yaml.safe_load((case / "andringar.yml").read_text("utf-8")), fresh_content)
    check, editor = _check(fresh_content), _underlined(server, server.home)
    if case.name in CROSS_FILE or case.name in WHOLE_FILE:
        assert check, "make check must explain the rule the editor cannot"
        return
    if case.name in KNOWN_GAPS:
        assert not _agree(check, editor), f"{case.name} agrees now: remove it from KNOWN_GAPS"
        return
    assert _agree(check, editor), f"make check: {sorted(check)}; the editor: {sorted(editor)}"


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines()) if text in line)


def test_completion_at_a_reference_offers_the_ids_that_exist(server, fresh_content):
    path = fresh_content / "organisationer.yml"
    path.write_text(path.read_text("utf-8").replace("      kommun: nora\n", "      kommun: \n", 1), "utf-8")
    line = _line_of(path, "      kommun: ")
    offered = server.completions(path, line, len("      kommun: "))
    assert {"hallefors", "ljusnarsberg", "lindesberg", "nora"} <= set(offered), offered


def test_hovers_and_messages_are_swedish(server, fresh_content):
    path = fresh_content / "organisationer.yml"
    hover = server.hover(path, _line_of(path, "forkortning: BKT"), 6)
    assert "Förkortningen, t.ex. BKT." in hover and "Source" not in hover, hover
    original = path.read_text("utf-8")
    path.write_text(original.replace("forkortning: BKT", "forkortnig: BKT"), "utf-8")
    messages = [p["message"] for p in server.problems(path)]
    path.write_text(original.replace("varde: 170", "varde: sjuttio"), "utf-8")
    messages += [p["message"] for p in server.problems(path)]
    assert any("Tillåtna fält:" in m and "forkortning" in m for m in messages), messages
    assert "väntade ett heltal som är minst 0, skrivet med siffror utan citattecken" in messages, messages
    english = [m for m in messages if any(word in m for word in ("Property", "Missing", "Incorrect", "expected", "allowed"))]
    assert english == []
