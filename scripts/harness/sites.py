"""Built sites as tests compare them: every file's bytes, except the one
thing no two builds share, version.json's build time (publish/version.py),
which is blanked so that the rest of version.json still has to agree."""

from __future__ import annotations

import json
from pathlib import Path

from samverkan.publish.version import NAME as VERSION


def comparable(name: str, data: bytes) -> bytes:
    """A built file's bytes as two builds of the same content must share them."""
    if Path(name).name != VERSION:
        return data
    return json.dumps({**json.loads(data), "built": None}, sort_keys=True).encode()


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder by its relative path, comparable across builds."""
    return {p.relative_to(folder).as_posix(): comparable(p.name, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}
