"""JSON Schemas for editors' YAML language servers, generated from the model.

`python -m samverkan schemas` writes schemas/; a test fails if the committed
files differ from what the model generates, so they never drift apart.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .layout import KINDS, kind_of

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
# Generated files say so inside themselves, where an editor opening one looks.
NOTICE = "GENERERAD FIL – redigera inte för hand. Skapas från innehållsmodellen (scripts/samverkan/content/model.py) med make schemas."


def generate() -> dict[str, str]:
    """Every schema file, as {file name: JSON text}."""
    out = {}
    for stem, cls in KINDS.items():
        schema = {"$schema": SCHEMA_URI, "$comment": NOTICE, **cls.model_json_schema()}
        out[f"{stem}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def modeline(content_file: Path, schemas: Path) -> str:
    """The first line of a content file, pointing its editor at the schema."""
    target = os.path.relpath(schemas / f"{kind_of(content_file)}.schema.json", content_file.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"


def write(schemas: Path) -> list[str]:
    schemas.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate().items():
        target = schemas / name
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(name)
    return changed
