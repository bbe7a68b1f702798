"""The JSON Schemas editors see are generated from the model and agree with it."""

import datetime as dt
import json

import jsonschema
import pytest

from samverkan.content.layout import kind_of
from samverkan.content.validate import validate
from samverkan.content.yamlread import load
from samverkan.editors.schema import generate, modeline
from samverkan.paths import ROOT

SCHEMAS = ROOT / "schemas"
CONTENT_FILES = sorted((ROOT / "content").rglob("*.yml"))
IDS = validate(ROOT / "content", ROOT).ids


def test_committed_schemas_are_what_the_model_generates():
    generated = generate(IDS)
    committed = {p.name: p.read_text("utf-8") for p in SCHEMAS.glob("*.schema.json")}
    assert committed == generated, "run `make check` and commit schemas/"


def test_a_new_investigation_needs_no_further_command(tmp_path, capsys, monkeypatch):
    # As from the browser editor: the files, and no make schemas or make cms.
    import shutil

    import yaml

    from harness.project import make_project
    from samverkan.cli import main
    from samverkan.editors import cms
    from samverkan.editors.scaffold import scaffold

    project = make_project(tmp_path)
    shutil.copytree(SCHEMAS, project / "schemas")
    scaffold(project / "content", "ny-utredning", "Ny utredning", dt.date(2026, 12, 6))
    assert main(["check", "--content", str(project / "content")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == ("Uppdaterade från content/: schemas/gemensam-bild.schema.json, schemas/process.schema.json, "
                                    "schemas/forslag.schema.json, redaktor/config.yml, redaktor/regler.json. "
                                    "De genereras; ta med dem i samma ändring.")
    ids = validate(project / "content", project).ids
    assert "ny-utredning" in ids["utredning"]
    for name, text in generate(ids).items():
        assert (project / "schemas" / name).read_text("utf-8") == text
    gitlab = yaml.safe_load((project / "redaktor" / "gitlab.yml").read_text("utf-8"))
    for name, text in cms.generate(project / "content", ids, gitlab).items():
        assert (project / "redaktor" / name).read_text("utf-8") == text
    assert "ny-utredning" in (project / "redaktor" / "config.yml").read_text("utf-8")
    # Current now: the next check has nothing to update, and does not make
    # the editor's configuration again (it costs time per investigation).
    def not_again(*args):
        raise AssertionError("made again although nothing changed")

    monkeypatch.setattr(cms, "generate", not_again)
    assert main(["check", "--content", str(project / "content")]) == 0
    assert "Uppdaterade" not in capsys.readouterr().out
    monkeypatch.undo()
    # A hand edit of a generated file is undone.
    config = project / "redaktor" / "config.yml"
    config.write_text(config.read_text("utf-8") + "# för hand\n", "utf-8")
    assert main(["check", "--content", str(project / "content")]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Uppdaterade från content/: redaktor/config.yml.")
    assert "# för hand" not in config.read_text("utf-8")


def _properties(schema):
    """Every (path, property schema) in a schema and its definitions."""
    for name, definition in [("", schema), *schema.get("$defs", {}).items()]:
        for key, prop in definition.get("properties", {}).items():
            yield f"{name}.{key}", prop


@pytest.mark.parametrize("name", sorted(generate(IDS)))
def test_every_field_has_a_swedish_title_and_description(name):
    schema = json.loads(generate(IDS)[name])
    assert schema["title"] and schema["description"]
    defs = schema.get("$defs", {})

    def described(prop):
        # pydantic leaves out a field's title where it equals its model's; the
        # editor then shows the referenced definition's title and description.
        target = defs.get(prop.get("$ref", "").rsplit("/", 1)[-1], {})
        return (prop.get("title") or target.get("title")) and (prop.get("description") or target.get("description"))

    missing = [path for path, prop in _properties(schema) if not described(prop)]
    assert not missing
    for definition in schema.get("$defs", {}).values():
        assert definition["title"] and definition["description"]
    # The catalogue's words, not the English class names.
    assert not schema["title"].endswith("Fil")


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_content_file_names_its_schema_on_the_first_line(path):
    assert path.read_text("utf-8").splitlines()[0] == modeline(path, SCHEMAS)
    assert (SCHEMAS / f"{kind_of(path)}.schema.json").exists()


def _as_json(value):
    # The YAML language server sees dates as strings in ISO form.
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else v))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_schema_accepts_the_real_content(path):
    doc, errors = load(path, path.name)
    assert not errors
    schema = json.loads((SCHEMAS / f"{kind_of(path)}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(_as_json(doc.data))


def test_the_schema_rejects_what_the_model_rejects():
    schema = json.loads((SCHEMAS / "kommuner.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"region": {"id": "knol", "namn": 10, "beskrivning": "b"}, "kommuner": [{"id": "Nora!", "namn": "Nora", "kommunnamn": "Nora kommun", "okand": 1}]}
    messages = sorted(e.validator for e in validator.iter_errors(bad))
    assert messages == ["additionalProperties", "pattern", "type"]
