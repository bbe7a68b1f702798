"""The browser editor's configuration (Decap CMS), generated from the model
and from the files that exist in content/.

`make cms` writes redaktor/config.yml and redaktor/regler.json; a test fails
if the committed files differ from what the model and content generate, so
the forms never drift from make check and the editors' JSON Schemas. Like
editors/schema.py this walks each file model's JSON Schema: the same titles,
descriptions, required fields, enums, patterns and references.

- Root files are one "files" collection. Each investigation is its own files
  collection: its folder mixes kinds of file (a folder collection holds one
  kind), and its events are what its other files refer to, so a relation
  widget can offer exactly this investigation's events.
- Rules across fields (a decision that is made has a date and an outcome)
  cannot be said in Decap's configuration; regler.json holds them, with the
  model's Swedish messages, and redaktor/index.html checks them before saving.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ..content.layout import INVESTIGATION_FILES, INVESTIGATIONS_DIR, PROPOSAL_KIND, PROPOSAL_PREFIX, ROOT_FILES, kind_of
from ..content.model import REFERS_TO, ForslagFil
from ..words.editors import CMS_WORDS, FIELD_TITLES, MODELS
from ..words.readers import ASPECT_LABELS, LABELS
from .schema import ID_PATTERN, NOTICE

SITE = "webbplatsen"
# The CI job whose artefact is the built site, browsable from the merge request.
PREVIEW_JOB = "build"
# Our YAML format (redaktor/index.html): keeps the files' top comments and long lines.
FORMAT = "samverkan-yml"
# Dates as the model reads them: the widget writes a bare YYYY-MM-DD, which
# YAML reads as a date (the model does not accept a date in quotes).
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
# Fields written in sentences get a text area, the rest one line.
LONG_TEXT = {"beskrivning", "sammanfattning", "sammanhang", "text", "forklaring", "uppdrag", "slutsats", "inledning", "motiv_inledning",
             "fraga", "utfall", "orsak", "metod", "aterkoppling", "tillsyn", "betydelse"}
# The switch for drafts: Decap's own toggle, but showing "on" when the key
# is absent, as the model reads it (redaktor/index.html registers it).
PUBLISH_WIDGET = "publicera"
URL_PATTERN_PREFIX = r"^(?:(?:[Hh][Tt]"


def _words(key: str, **values: object) -> str:
    return CMS_WORDS[key].format(**values) if values else CMS_WORDS[key]


def _resolve(node: dict, defs: dict) -> dict:
    if "$ref" in node:
        return defs[node["$ref"].rsplit("/", 1)[1]]
    return node


def _relation(kind: str, investigation: str | None, ids: dict[str, list[str]]) -> dict:
    """A reference: picked from the list of what exists, by name."""
    if kind == "kommun":
        return {"widget": "relation", "collection": SITE, "file": "kommuner", "value_field": "kommuner.*.id",
                "search_fields": ["kommuner.*.namn", "kommuner.*.id"], "display_fields": ["kommuner.*.namn"]}
    if kind == "organisation":
        return {"widget": "relation", "collection": SITE, "file": "organisationer", "value_field": "organisationer.*.id",
                "search_fields": ["organisationer.*.namn", "organisationer.*.forkortning"], "display_fields": ["organisationer.*.namn"]}
    if kind == "dokument":
        return {"widget": "relation", "collection": SITE, "file": "dokument", "value_field": "dokument.*.id",
                "search_fields": ["dokument.*.titel", "dokument.*.id"], "display_fields": ["dokument.*.titel"]}
    if kind == "händelse" and investigation:
        return {"widget": "relation", "collection": _collection_name(investigation), "file": "process", "value_field": "tidslinje.*.id",
                "search_fields": ["tidslinje.*.titel", "tidslinje.*.id"], "display_fields": ["tidslinje.*.titel"]}
    # A single value, not a list item (the region): offered like the schemas do.
    return {"widget": "select", "options": ids.get(kind, [])}


def _options(values: list) -> list:
    labels = {**LABELS, **ASPECT_LABELS}
    return [{"label": labels.get(v) or v, "value": v} for v in values]


class _Walker:
    def __init__(self, defs: dict, ids: dict[str, list[str]], investigation: str | None):
        self.defs, self.ids, self.investigation = defs, ids, investigation

    def fields(self, node: dict) -> list[dict]:
        required = set(node.get("required", []))
        return [self.field(name, prop, name in required) for name, prop in node["properties"].items()]

    def field(self, name: str, prop: dict, required: bool) -> dict:
        prop = dict(prop)
        optional = [b for b in prop.pop("anyOf", []) if b.get("type") != "null"]
        if optional:
            prop.update(optional[0])
        # A nested model's title is its class's; the field's own is in the catalogue.
        out = {"name": name, "label": FIELD_TITLES.get(name) or prop.get("title", name), **self.widget(name, prop)}
        labels = out.pop("labels", {})
        # Without its own description a nested model has its class's (as in the schemas).
        if description := prop.get("description") or _resolve(prop, self.defs).get("description"):
            # The model names a choice by its value (for YAML); the form shows its label.
            for value, label in labels.items():
                description = re.sub(rf"\b{re.escape(value)}\b", label, description)
            out["hint"] = description
        if not required:
            out["required"] = False
        return out

    def widget(self, name: str, prop: dict) -> dict:
        node = _resolve(prop, self.defs)
        if REFERS_TO in node:
            return _relation(node[REFERS_TO], self.investigation, self.ids)
        if "enum" in node:
            return {"widget": "select", "options": _options(node["enum"]), "labels": {o["value"]: o["label"] for o in _options(node["enum"])}}
        kind = node.get("type")
        if kind == "boolean":
            if name == "publicera":
                return {"widget": PUBLISH_WIDGET, "hint_extra": _words("publish_hint")}
            return {"widget": "boolean", "default": node.get("default", False)}
        if kind == "integer":
            out = {"widget": "number", "value_type": "int"}
            if "minimum" in node:
                out["min"] = node["minimum"]
            if "maximum" in node:
                out["max"] = node["maximum"]
            return out
        if kind == "string" and node.get("format") == "date":
            return dict(DATE)
        if kind == "string":
            out = {"widget": "text" if name in LONG_TEXT else "string"}
            if pattern := node.get("pattern"):
                out["pattern"] = [pattern, self.pattern_message(pattern)]
            return out
        if kind == "object":
            return {"widget": "object", "collapsed": False, "fields": self.fields(node)}
        if kind == "array":
            return self.list(name, node)
        raise ValueError(f"no widget for {name}: {node}")

    def pattern_message(self, pattern: str) -> str:
        if pattern == ID_PATTERN:
            return _words("pattern_id")
        if pattern.startswith(URL_PATTERN_PREFIX):
            return _words("pattern_link")
        return _words("pattern_abbreviation")

    def list(self, name: str, node: dict) -> dict:
        items = _resolve(node["items"], self.defs)
        out: dict = {}
        if REFERS_TO in items:
            out = {**_relation(items[REFERS_TO], self.investigation, self.ids), "multiple": True}
        elif items.get("type") == "object":
            out = {"widget": "list", "fields": self.fields(items), "collapsed": True}
            if summary := _summary(items):
                out["summary"] = summary
        else:
            # A list of plain values: one field per item, labelled like the list.
            item = self.widget(name, items)
            item.pop("labels", None)
            out = {"widget": "list", "field": {"name": name, "label": FIELD_TITLES[name], **item}}
        if node.get("minItems"):
            out["min"] = node["minItems"]
        return out


def _summary(items: dict) -> str | None:
    """What a collapsed list item shows: its first text field, so the editor
    finds Nora among the municipalities without opening each one."""
    for name in ("namn", "titel", "kommun", "parti", "roll", "rubrik", "term", "forkortning", "brist", "aspekt", "text"):
        if name in items["properties"]:
            return "{{fields." + name + "}}"
    return None


def _rules(schema: dict, defs: dict, path: list[str], out: list[dict], seen: frozenset = frozenset()) -> None:
    """Every rule across fields, with the path (list items as *) where it applies."""
    node = _resolve(schema, defs)
    if id(node) in seen:
        return
    if "allOf" in node:
        out.append({"sokvag": path, "regler": node["allOf"]})
    for name, prop in node.get("properties", {}).items():
        for branch in [prop, *prop.get("anyOf", [])]:
            branch = _resolve(branch, defs)
            if branch.get("type") == "object":
                _rules(branch, defs, [*path, name], out, seen | {id(node)})
            elif branch.get("type") == "array":
                _rules(branch["items"], defs, [*path, name, "*"], out, seen | {id(node)})


def _file(path: str, stem: str, cls, ids, investigation: str | None, label: str | None = None) -> tuple[dict, list[dict]]:
    schema = cls.model_json_schema()
    walker = _Walker(schema.get("$defs", {}), ids, investigation)
    description = MODELS[cls.__name__][1]
    entry = {"name": stem, "label": label or _words(f"file_{stem}"), "file": path, "description": description, "fields": walker.fields(schema)}
    rules: list[dict] = []
    _rules(schema, schema.get("$defs", {}), [], rules)
    return entry, rules


def _collection_name(investigation: str) -> str:
    return f"utredning-{investigation}"


def _title(folder: Path) -> str:
    # Content is validated before this runs: utredning.yml has a title.
    return yaml.safe_load((folder / "utredning.yml").read_text("utf-8"))["titel"]


def generate(content: Path, ids: dict[str, list[str]], gitlab: dict[str, str]) -> dict[str, str]:
    """{file name: text} for redaktor/; content: a validated content/ folder."""
    rules: dict[str, list[dict]] = {}
    site_files = []
    for name, cls in ROOT_FILES.items():
        entry, file_rules = _file(f"content/{name}", Path(name).stem, cls, ids, None)
        site_files.append(entry)
        rules[entry["file"]] = file_rules
    collections = [{"name": SITE, "label": _words("site_collection"), "description": _words("site_description"),
                    "format": FORMAT, "files": site_files, "editor": {"preview": False}}]
    names = {o: o for o in ids.get("organisation", [])}
    for folder in sorted(p for p in (content / INVESTIGATIONS_DIR).iterdir() if p.is_dir()):
        files = []
        kinds = dict(INVESTIGATION_FILES)
        kinds.update({p.name: ForslagFil for p in sorted(folder.glob(f"{PROPOSAL_PREFIX}*.yml"))})
        for name, cls in kinds.items():
            label = None
            if kind_of(Path(name)) == PROPOSAL_KIND:
                label = _words("proposal_file", organisation=names.get(name[len(PROPOSAL_PREFIX):-4], name).upper())
            path = f"content/{INVESTIGATIONS_DIR}/{folder.name}/{name}"
            entry, file_rules = _file(path, Path(name).stem, cls, ids, folder.name, label)
            files.append(entry)
            rules[path] = file_rules
        collections.append({"name": _collection_name(folder.name), "label": _words("investigation_collection", title=_title(folder)),
                            "description": _words("investigation_description", id=folder.name), "format": FORMAT, "files": files,
                            "editor": {"preview": False}})
    config = {
        "locale": "sv",
        # The merge request's preview: the CI job that builds site/ (.gitlab-ci.yml)
        # reports a status by its name; Decap links to it as the preview.
        "backend": {"name": "gitlab", "auth_type": "pkce", **gitlab, "squash_merges": True, "preview_context": PREVIEW_JOB,
                    "commit_messages": {"create": CMS_WORDS["commit_create"], "update": CMS_WORDS["commit_update"],
                                        "delete": CMS_WORDS["commit_delete"], "uploadMedia": CMS_WORDS["commit_upload"],
                                        "deleteMedia": CMS_WORDS["commit_delete_media"],
                                        "openAuthoring": CMS_WORDS["commit_open_authoring"]}},
        # Every save is a merge request; publishing is merging it.
        "publish_mode": "editorial_workflow",
        # Content has no pictures yet; Decap needs a folder all the same.
        "media_folder": "docs/bilder",
        "public_folder": "/bilder",
        "show_preview_links": True,
        "collections": collections,
    }
    for collection in collections:
        for entry in collection["files"]:
            _hints(entry["fields"])
    header = f"# {NOTICE.replace('make schemas', 'make cms')}\n"
    return {
        "config.yml": header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120),
        "regler.json": json.dumps({"$comment": NOTICE.replace("make schemas", "make cms"), "filer": rules},
                                  ensure_ascii=False, indent=2) + "\n",
    }


def _hints(fields: list[dict]) -> None:
    """The draft switch says what off means, in the hint Decap shows."""
    for field in fields:
        if extra := field.pop("hint_extra", None):
            field["hint"] = extra
        for key in ("fields",):
            if key in field:
                _hints(field[key])
        if "field" in field and "fields" in field["field"]:
            _hints(field["field"]["fields"])


def write(folder: Path, content: Path, ids: dict[str, list[str]], gitlab: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate(content, ids, gitlab).items():
        target = folder / name
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(name)
    return changed
