"""The editor's underlining and `make check` tell an editor the same thing.

yaml-language-server (the engine of Red Hat's YAML extension for VS Code,
pinned in package-lock.json) is driven as a real client over stdio, with the
settings in .vscode/settings.json, over the valid content and over every
mistake in tests/invalid/ and tests/hostile/. For each, both must accept, or
both must reject within one line of each other in the same file. The only
exceptions are the rules no JSON Schema of a single file's data can express;
they are named in GAPS with the reason, and `make check` explains them.
"""

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import need
from harness.project import copy_content
from harness.yamlls import SERVER, YamlLanguageServer
from samverkan.content.validate import validate
from samverkan.errors import ContentErrors
from samverkan.paths import ROOT
from test_hostile import CHECK_CASES as HOSTILE
from test_hostile import apply
from test_invalid_content import CASES as INVALID

pytestmark = pytest.mark.slow

# Every single mistake in tests/invalid/ and tests/hostile/ is underlined by
# the editor where make check reports it, except these: each is a rule no
# JSON Schema of one file's data can state, for the reason given. make check
# explains each of them, and each is asserted to still disagree, so that an
# entry goes when it is fixed. `python -m pytest tests/test_editor_agreement.py`
# counts them; the README's "Hjälp medan du skriver" lists them for editors.
GAPS = {
    # Rules across files: a schema sees one file.
    "17-dubbelt-id": "ett id får bara finnas en gång i hela content/",
    "18-okand-fil": "vilka filnamn som får finnas",
    "19-fil-saknas": "vilka filer en utredning måste ha",
    "20-id-inte-mappens-namn": "utredningens id ska vara mappens namn",
    "21-forslag-for-okand-organisation": "förslagsfilens namn ska följa organisationen",
    "33-utkast-anvands-av-publicerad": "en publicerad sida får inte hänvisa till ett utkast",
    "38-ingen-publicerad-utredning": "minst en utredning ska vara publicerad",
    "26-relativ-lank-till-fil-som-saknas": "en relativ länk ska gå till en fil som finns i docs/",
    "29-lank-till-genererad-sida": "en relativ länk får inte gå till en sida som skapas från content/",
    "91-kallcitat-finns-inte-i-kallan": "ett källcitat ska stå ordagrant i källans text i kallor/",
    "92-kallcitat-i-flera-stycken": "ett källcitat ska peka ut ett enda stycke i källans text i kallor/",
    "93-kallans-text-med-fel-andelse": "källans text ska finnas som .txt-fil i kallor/, och kallor/ får bara ha sådana",
    # The file itself, not its data: a schema sees the data of a file whose name the editor already matched.
    "12-tom-fil": "en tom fil har inga data att pröva",
    "15-for-stor-fil": "en fil över 1 MiB läses ändå",
    "52-symlankad-utredningsmapp": "en symbolisk länk i stället för en mapp",
    "53-namngiven-pipe": "en namngiven pipe i stället för en fil",
    "54-mapp-med-filnamn": "en mapp med en fils namn",
    "55-yaml-i-stallet-for-yml": "filändelsen .yaml i stället för .yml",
    "56-versal-YML": "filändelsen .YML i stället för .yml",
    "57-forslag-som-yaml": "filändelsen .yaml i stället för .yml",
    "59-okand-undermapp-i-utredning": "en mapp som inte hör hemma i en utredning",
    "83-fil-direkt-i-utredningar": "en fil direkt i utredningar/ i stället för i en utrednings mapp",
    # YAML 1.2, as the editor reads it, has turned the text into something else before a schema sees it.
    "32-inledande-nolla": "YAML 1.2 läser 0170 som talet 170, som schemat godtar",
    "34-oktalt-0o": "YAML 1.2 läser 0o252 som ett tal, som schemat godtar",
    "35-hexadecimalt": "YAML 1.2 läser 0xAA som ett tal, som schemat godtar",
    "48-explicit-int-tagg": "taggen !!int gör värdet till ett tal innan schemat ser det",
    "45-sammanslagning-med-merge-key": "editorn slår ihop <<-nyckeln innan schemat ser den",
    "41-datum-dar-text-vantas": "YAML 1.2 läser 2015-04-07 som text; schemat ser inte citattecken, och ett datum inom citattecken är en text som en redaktör kan mena",
    "66-ensam-vagnretur-i-texten": "YAML läser en ensam vagnretur som en radbrytning, så texten schemat ser har ingen",
}
# The other way round: what the editor underlines and make check accepts,
# because a schema cannot see quotes (TEXT_RULES in editors/schema.py).
FALSE_ALARMS = {
    'namn: "yes"': "yes inom citattecken är text; schemat ser inte citattecknen, och meddelandet säger att det är rätt",
    "namn: '1:30'": "1:30 inom citattecken är text; schemat ser inte citattecknen, och meddelandet säger att det är rätt",
}


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
    copy_content(content)
    return content


def test_the_valid_content_is_underlined_nowhere(server, fresh_content):
    assert _check(fresh_content) == set()
    assert _underlined(server, server.home, only_changed=False) == set()


CASES = [*INVALID, *HOSTILE]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_the_editor_and_make_check_agree(server, fresh_content, case):
    apply(yaml.safe_load((case / "andringar.yml").read_text("utf-8")), fresh_content)
    check, editor = _check(fresh_content), _underlined(server, server.home)
    if case.name in GAPS:
        assert check, "make check must explain the rule the editor cannot"
        assert not _agree(check, editor), f"{case.name} agrees now: remove it from GAPS"
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


def test_every_gap_is_a_case():
    assert set(GAPS) <= {case.name for case in CASES}


@pytest.mark.parametrize(("written", "message"), [
    ("namn: yes", "yes, no, on och off läses som true/false av vissa YAML-verktyg och som text av andra; sätt texten inom citattecken"),
    ("namn: Off", "yes, no, on och off läses som true/false av vissa YAML-verktyg och som text av andra; sätt texten inom citattecken"),
    ("namn: 1:30", "ett klockslag som 1:30 läses som ett tal i sextiotal av vissa YAML-verktyg (1:30 blir 90) och som text av andra; sätt texten inom citattecken"),
])
def test_yaml_1_1_forms_in_a_text_field_are_underlined_in_swedish(server, fresh_content, written, message):
    path = fresh_content / "kommuner.yml"
    path.write_text(path.read_text("utf-8").replace("    namn: Nora\n", f"    {written}\n", 1), "utf-8")
    assert _check(fresh_content) == {("content/kommuner.yml", 18)}
    problems = server.problems(path)
    assert [p["range"]["start"]["line"] + 1 for p in problems] == [18]
    assert problems[0]["message"].startswith(message), problems


@pytest.mark.parametrize("written", FALSE_ALARMS)
def test_a_quoted_yaml_1_1_form_is_accepted_by_make_check_and_the_message_says_so(server, fresh_content, written):
    path = fresh_content / "kommuner.yml"
    path.write_text(path.read_text("utf-8").replace("    namn: Nora\n", f"    {written}\n", 1), "utf-8")
    assert _check(fresh_content) == set()
    messages = [p["message"] for p in server.problems(path)]
    assert len(messages) == 1 and "står den redan inom citattecken är den rätt" in messages[0], messages


def test_a_date_in_quotes_is_a_date_to_both(server, fresh_content):
    path = fresh_content / "utredningar" / "samverkan-i-bergslagen" / "utredning.yml"
    path.write_text(path.read_text("utf-8").replace("uppdaterad: 2015-04-07", 'uppdaterad: "2015-04-07"'), "utf-8")
    assert _check(fresh_content) == set()
    assert server.problems(path) == []
    path.write_text(path.read_text("utf-8").replace('uppdaterad: "2015-04-07"', 'uppdaterad: "2015-02-30"'), "utf-8")
    assert _check(fresh_content) == {("content/utredningar/samverkan-i-bergslagen/utredning.yml", 20)}
    assert [p["range"]["start"]["line"] + 1 for p in server.problems(path)] == [20]
