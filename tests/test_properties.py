"""Property-based tests: whatever an editor types, the loader and validator
answer with the project's own content errors, never with anything else."""

import contextlib
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.content import model as m
from samverkan.content.layout import KINDS, kind_of
from samverkan.content.validate import _Run
from samverkan.content.yamlread import load
from samverkan.errors import ContentErrors
from samverkan.paths import ROOT

# Deterministic, so CI never fails on an example a developer cannot replay.
settings.register_profile("project", derandomize=True, deadline=None, max_examples=200,
                          suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.load_profile("project")

FILES = sorted((ROOT / "content").rglob("*.yml"))
YAML_NOISE = ":-#&*!|>'\"%@`{}[],?\t\n " + string.ascii_letters + "åäöÅÄÖ0123456789"


def _schema(path: Path):
    return KINDS[kind_of(path)]


def _check(path: Path, schema) -> None:
    """Read and validate one file; only ContentErrors may come out."""
    run = _Run(path.parent)
    run.read_file(path, schema)
    for error in run.errors:
        assert error.line >= 1 and error.column >= 1 and error.message
    if run.errors:
        raise ContentErrors(run.errors)


def _only_content_errors(path: Path, schema) -> None:
    with contextlib.suppress(ContentErrors):
        _check(path, schema)


@given(st.binary(max_size=2000))
def test_any_bytes_give_a_content_error_or_data(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "webbplats.yml"
    path.write_bytes(data)
    _only_content_errors(path, m.Webbplats)


@given(st.sampled_from(FILES), st.data())
def test_mutated_real_files_give_only_content_errors(tmp_path_factory, source, data):
    text = source.read_text("utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "duplicate-line"]))
        if action == "insert":
            text = text[:at] + data.draw(st.text(alphabet=YAML_NOISE, min_size=1, max_size=5)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 20)):]
        else:
            lines = text.splitlines(keepends=True)
            i = data.draw(st.integers(0, max(len(lines) - 1, 0)))
            text = "".join(lines[: i + 1] + lines[i:])
    path = tmp_path_factory.mktemp("mutated") / source.name
    path.write_text(text, "utf-8")
    _only_content_errors(path, _schema(source))


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.dates())
trees = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)


@given(st.sampled_from(FILES), trees)
def test_any_yaml_data_gives_only_content_errors(tmp_path_factory, source, tree):
    path = tmp_path_factory.mktemp("tree") / source.name
    path.write_text(yaml.safe_dump({"namn": tree, "x": [tree]}, allow_unicode=True), "utf-8")
    _only_content_errors(path, _schema(source))


@given(st.sampled_from(FILES))
def test_valid_files_round_trip(tmp_path_factory, source):
    doc, errors = load(source, source.name)
    assert not errors
    schema = _schema(source)
    original = schema.model_validate(doc.data)
    path = tmp_path_factory.mktemp("roundtrip") / source.name
    path.write_text(yaml.safe_dump(doc.data, allow_unicode=True, sort_keys=False), "utf-8")
    again, errors = load(path, path.name)
    assert not errors and again.data == doc.data
    assert schema.model_validate(again.data) == original


@pytest.mark.slow
@given(st.integers(0, 5000), st.sampled_from(["[", "{a: ", "- "]))
def test_any_nesting_depth_gives_only_content_errors(tmp_path_factory, depth, opener):
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    body = "\n".join("  " * i + "- " for i in range(depth)) + "x" if opener == "- " else opener * depth + "x" + closer * depth
    path = tmp_path_factory.mktemp("deep") / "dokument.yml"
    path.write_text(f"dokument: {body}\n", "utf-8")
    _only_content_errors(path, m.DokumentFil)
