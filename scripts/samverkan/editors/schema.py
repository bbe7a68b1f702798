"""JSON Schemas for editors' YAML language servers, generated from the model
and from the ids that exist in content/.

`make check` (editors/generated.py) keeps schemas/ up to date with content/, and
a test fails if the committed files differ from what the model and content
generate. Each rule of
the model that a schema can state is stated here, with a Swedish message the
editor's YAML extension shows instead of its English one (`errorMessage`).
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

from ..content import yamlread
from ..content.fields import DEFINES, TEXT, _SafeUrlSchema
from ..content.layout import KINDS, RESERVED_IDS, kind_of
from ..content.model import REFERS_TO
from ..words import lista
from ..words.editors import SCHEMA_MESSAGES

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
# Generated files say so inside themselves, where an editor opening one looks.
NOTICE = "GENERERAD FIL – redigera inte för hand. Skapas från innehållsmodellen (scripts/samverkan/content/model.py) och id:na i content/ med make schemas."
# A date that exists: JSON Schema's format "date" checks only the shape, and
# would let 2015-02-30 through. Leap days in leap years only.
DATE_PATTERN = (
    r"^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))"
    r"|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
)
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _say(key: str, **values: object) -> str:
    return SCHEMA_MESSAGES[key].format(**values)


def _not(pattern: str) -> str:
    """A JavaScript pattern that matches anything but the whole of pattern."""
    return f"^(?!(?:{pattern})$)"


def _ambiguous(key: str) -> str:
    """yamlread's pattern for a YAML 1.1 form, as JavaScript reads it."""
    return next(p.pattern for p, k in yamlread._AMBIGUOUS if k == key).removesuffix(r"\Z")


def _escaped(pattern: str) -> str:
    """pattern with every invisible character written as an escape: the
    schema file must not itself hold the characters it forbids."""
    return "".join(c if c.isprintable() and unicodedata.category(c) != "Cf" else f"\\u{ord(c):04x}" for c in pattern)


def _rule(pattern: str, message: str, **values: object) -> dict:
    return {"pattern": pattern, "patternErrorMessage": _say(message, **values)}


# Unicode's format characters (zero-width space, word joiner …), as ranges;
# written out because Python's re, which tests the schemas, has no \p{Cf}.
# The few outside the Basic Multilingual Plane are left to make check.
def _ranges(chars: list[str]) -> str:
    out, start = "", None
    for i, c in enumerate(chars):
        if start is None:
            start = c
        if i + 1 == len(chars) or ord(chars[i + 1]) != ord(c) + 1:
            out += start if start == c else f"{start}-{c}"
            start = None
    return out


_INVISIBLE = _ranges([chr(i) for i in range(0x10000) if unicodedata.category(chr(i)) == "Cf"])

# What make check refuses in a text field that the editor's extension, reading
# YAML 1.2, would take as text: the YAML 1.1 forms that a text field could
# plausibly be given by mistake, characters that hide or turn text, and text
# that is only blanks. Each is its own rule with its own message. The schema
# cannot see quotes, so a quoted "yes" is underlined too; the message says it
# is right, and make check accepts it. A date-like text is not flagged here:
# quoted, it is an ordinary text an editor may mean (make check says so if
# it is unquoted). The editor's extension uses JavaScript with the u flag.
TEXT_RULES = [
    _rule(_not(_ambiguous("yaml11_bool")), "yaml11_bool_text"),
    _rule(_not(_ambiguous("yaml11_sexagesimal")), "yaml11_sexagesimal_text"),
    _rule(_not(_ambiguous("yaml11_value_key")), "yaml11_value_key_text"),
    _rule(f"^(?:(?!{_escaped(yamlread._FORBIDDEN.pattern)})[\\s\\S])*$", "control_char"),
    _rule(f"[^\\s{_escaped(_INVISIBLE)}]", "blank_text"),
]
# A relative link is a file in docs/, counted from docs/ (validate.py).
RELATIVE_LINK = _rule(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|(?![/#?])(?!\.\.(?:[/#?]|$)))", "relative_link")


def _message(node: dict) -> str | None:
    """The Swedish message for a schema node, by what it accepts."""
    kind = node.get("type")
    if kind == "object" and "properties" in node:
        required = node.get("required", [])
        return _say("object", required=", ".join(required) or "inga", allowed=", ".join(node["properties"]))
    if kind == "string":
        if "enum" in node:
            return _say("choice", choices=lista([f"`{v}`" for v in node["enum"]], "eller"))
        if node.get("format") == "date":
            return _say("date")
        if node.get("pattern") == ID_PATTERN:
            return _say("id")
        if "pattern" in node:
            return _say("link")
        return _say("nonempty_text" if node.get("minLength") else "text")
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        if low is not None and high is not None:
            return _say("integer_range", minimum=low, maximum=high)
        return _say("integer_min", minimum=low) if low is not None else _say("integer")
    if kind == "boolean":
        return _say("boolean")
    if kind == "array":
        return _say("nonempty_list" if node.get("minItems") else "list")
    return None


def _for_editors(node: object, ids: dict[str, list[str]]) -> None:
    """Every node: references become the ids that exist, dates must exist,
    and each field gets its Swedish message."""
    if isinstance(node, list):
        for item in node:
            _for_editors(item, ids)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _for_editors(value, ids)
    if REFERS_TO in node:
        kind = node.pop(REFERS_TO)
        known = ids.get(kind, [])
        node.pop("pattern", None)
        node["enum"] = known
        node["errorMessage"] = _say("reference", kind=kind, known=", ".join(known)) if known else _say("no_reference", kind=kind)
        return
    if node.pop(TEXT, None):
        # Written out in each field, not referred to: the editor's hover
        # would show a referred definition's title instead of the field's.
        node["allOf"] = TEXT_RULES
    if (kind := node.pop(DEFINES, None)) in RESERVED_IDS:
        names = RESERVED_IDS[kind]
        node["allOf"] = [_rule(_not("|".join(names)), "reserved_id", names=", ".join(names))]
    if node.get("pattern") == _SafeUrlSchema.pattern:
        node["allOf"] = [RELATIVE_LINK]
    if node.get("format") == "date":
        node["pattern"] = DATE_PATTERN
    if "errorMessage" not in node and (message := _message(node)):
        node["errorMessage"] = message


def generate(ids: dict[str, list[str]]) -> dict[str, str]:
    """Every schema file, as {file name: JSON text}; ids: the ids of each kind that exist."""
    out = {}
    for stem, cls in KINDS.items():
        schema = {"$schema": SCHEMA_URI, "$comment": NOTICE, **cls.model_json_schema()}
        _for_editors(schema, ids)
        out[f"{stem}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def modeline(content_file: Path, schemas: Path) -> str:
    """The first line of a content file, pointing its editor at the schema."""
    target = os.path.relpath(schemas / f"{kind_of(content_file)}.schema.json", content_file.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"


def write(schemas: Path, ids: dict[str, list[str]]) -> list[str]:
    schemas.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate(ids).items():
        target = schemas / name
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(name)
    return changed
