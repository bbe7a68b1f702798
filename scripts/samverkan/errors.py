"""The one kind of error an editor ever sees: a place in a file and a Swedish message."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class ContentErrors(Exception):
    """Raised with every problem found, never only the first."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = sorted(set(errors))


def printable_errors(exc: ContentErrors) -> list[str]:
    """Every problem as one line, as the terminal and the preview show it."""
    return [str(error) for error in exc.errors]


def report(exc: ContentErrors) -> None:
    """Every problem on its own line, then the count, on standard error."""
    from .words import msg

    for line in printable_errors(exc):
        print(line, file=sys.stderr)
    print(msg("errors_found", count=len(exc.errors)), file=sys.stderr, flush=True)


def display_path(path: Path, root: Path) -> str:
    """The path as the editor knows it: relative to the project, with slashes."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
