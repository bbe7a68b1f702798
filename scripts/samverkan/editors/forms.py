"""The form of each content file in the browser editor, from its JSON
Schema: one widget per field, with the schema's titles, hints and rules, and
make check's messages in the form's words. editors/cms.py puts the forms
together into the editor's configuration."""

from __future__ import annotations

import re

from ..content.model import REFERS_TO
from ..words.editors import CMS_WORDS, FIELD_TITLES
from ..words.readers import ASPECT_LABELS, LABELS
from .schema import ID_PATTERN

SITE = "webbplatsen"


def _collection_name(investigation: str) -> str:
    return f"utredning-{investigation}"



# Dates: our own widget (redaktor/redaktor.js), the browser's date field,
# which hands over a whole YYYY-MM-DD or nothing. Decap's datetime widget
# turns a year typed digit by digit into another year or none (decap-cms
# #7939). The writer writes the date bare, so YAML reads a date.
DATE = {"widget": "datum"}
# Fields written in sentences get a text area, the rest one line.
LONG_TEXT = {"beskrivning", "sammanfattning", "sammanhang", "text", "forklaring", "uppdrag", "slutsats", "inledning", "motiv_inledning",
             "fraga", "utfall", "orsak", "metod", "aterkoppling", "tillsyn", "betydelse"}
# The switch for drafts: Decap's own toggle, but showing "on" when the key
# is absent, as the model reads it (redaktor/index.html registers it).
PUBLISH_WIDGET = "publicera"
URL_PATTERN_PREFIX = r"^(?:(?:[Hh][Tt]"


def _form_hint(description: str, widget: str) -> str:
    """The model's description as the form needs it: the form picks a name
    from a list where the YAML holds an id, and names no files."""
    description = description.replace(" i process.yml", " i tidslinjen")
    if widget in ("relation", "select"):
        description = re.sub(r"^Id för (\w)", lambda m: m[1].upper(), description)
    return description


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
            out["hint"] = _form_hint(description, out["widget"])
        if not required:
            out["required"] = False
            # An optional group's fields are needed only once the group is
            # used; Decap would demand them of an empty group too (decap-cms
            # #2103) and no save would pass. regler.json asks for them instead.
            for sub in out.get("fields", []) if out["widget"] == "object" else []:
                sub["required"] = False
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
            if branch.get("type") == "object" and name not in node.get("required", []) and branch.get("required"):
                # The optional group's own required fields (see _Walker.field), by their labels.
                labels = [FIELD_TITLES.get(f) or f for f in branch["required"]]
                fields = " och ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
                message = _words("group_fields", group=FIELD_TITLES.get(name) or name, fields=fields.lower())
                out.append({"sokvag": [*path, name], "regler": [{"required": branch["required"], "errorMessage": message}]})
            if branch.get("type") == "object":
                _rules(branch, defs, [*path, name], out, seen | {id(node)})
            elif branch.get("type") == "array":
                _rules(branch["items"], defs, [*path, name, "*"], out, seen | {id(node)})


def form_words(message: str) -> str:
    """make check's message in the form's words: a key (`datum`) becomes its
    label (”Datum”), a value (status: beslutad) the choice as the form shows it."""
    labels = {**LABELS, **ASPECT_LABELS}
    message = re.sub(r"`(\w+)`", lambda m: f"”{FIELD_TITLES.get(m[1], m[1])}”", message)
    message = re.sub(r"\b(\w+): (\w+)\b", lambda m: f"{FIELD_TITLES[m[1]]}: {labels[m[2]]}"
                     if m[1] in FIELD_TITLES and m[2] in labels else m[0], message)
    return message[:1].upper() + message[1:]


def _in_form_words(node: object) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "errorMessage":
                node[key] = form_words(value)
            else:
                _in_form_words(value)
    elif isinstance(node, list):
        for value in node:
            _in_form_words(value)
