"""JSON Schemas for editors' YAML language servers, generated from the model.

`python -m samverkan schemas` writes schemas/; a test fails if the committed
files differ from what the model generates, so they never drift apart.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel

from .validate import INVESTIGATION_FILES, PROPOSAL_PREFIX, ROOT_FILES
from . import model as m

# Schema file stem for each content file name; proposals share one schema.
KINDS: dict[str, type[BaseModel]] = {
    **{Path(name).stem: cls for name, cls in ROOT_FILES.items()},
    **{Path(name).stem: cls for name, cls in INVESTIGATION_FILES.items()},
    PROPOSAL_PREFIX.rstrip("-"): m.ForslagFil,
}
SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def generate() -> dict[str, str]:
    """Every schema file, as {file name: JSON text}."""
    out = {}
    for stem, cls in KINDS.items():
        schema = {"$schema": SCHEMA_URI, **cls.model_json_schema()}
        out[f"{stem}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def kind_of(path: Path) -> str:
    """Which schema a content file follows, by its name."""
    return PROPOSAL_PREFIX.rstrip("-") if path.name.startswith(PROPOSAL_PREFIX) else path.stem


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
