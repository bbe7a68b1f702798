"""Content errors as a GitLab Code Quality report, so a merge request shows
each one beside the line it is about."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..errors import ContentError


def write_report(path: Path, errors: list[ContentError]) -> None:
    issues = [
        {
            "description": error.message,
            "check_name": "innehall",
            # Stable across runs, different for each problem: GitLab tracks issues by it.
            "fingerprint": hashlib.sha256(str(error).encode()).hexdigest(),
            "severity": "major",
            "location": {"path": error.file, "lines": {"begin": error.line}},
        }
        for error in errors
    ]
    path.write_text(json.dumps(issues, ensure_ascii=False, indent=1) + "\n", "utf-8")
