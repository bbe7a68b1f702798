"""What the browser editor's forms say beyond the model's own words: make
check's messages with the form's labels, hints without ids or file names,
and the names a collapsed list item shows instead of an id."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..words.editors import FIELD_TITLES
from ..words.readers import ASPECT_LABELS, LABELS


def summary_names(content: Path) -> dict[str, str]:
    """What a collapsed list item shows instead of an id (its summary is the
    id the YAML holds): the municipality's or organisation's name, the
    aspect's label. redaktor/redaktor.js puts them in place."""
    names = dict(ASPECT_LABELS)
    for file, key in (("kommuner.yml", "kommuner"), ("organisationer.yml", "organisationer")):
        for item in yaml.safe_load((content / file).read_text("utf-8"))[key]:
            names[item["id"]] = item["namn"]
    return names


def form_hint(description: str, widget: str) -> str:
    """The model's description as the form needs it: the form picks a name
    from a list where the YAML holds an id, and names no files."""
    description = description.replace(" i process.yml", " i tidslinjen")
    if widget in ("relation", "select"):
        description = re.sub(r"^Id för (\w)", lambda m: m[1].upper(), description)
    return description


def form_words(message: str) -> str:
    """make check's message in the form's words: a key (`datum`) becomes its
    label (”Datum”), a value (status: beslutad) the choice as the form shows it."""
    labels = {**LABELS, **ASPECT_LABELS}
    message = re.sub(r"`(\w+)`", lambda m: f"”{FIELD_TITLES.get(m[1], m[1])}”", message)
    message = re.sub(r"\b(\w+): (\w+)\b", lambda m: f"{FIELD_TITLES[m[1]]}: {labels[m[2]]}"
                     if m[1] in FIELD_TITLES and m[2] in labels else m[0], message)
    return message[:1].upper() + message[1:]


def in_form_words(node: object) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "errorMessage":
                node[key] = form_words(value)
            else:
                in_form_words(value)
    elif isinstance(node, list):
        for value in node:
            in_form_words(value)
