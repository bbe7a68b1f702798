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
    assert committed == generated, "run `.venv/bin/python -m samverkan schemas` and commit schemas/"


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
