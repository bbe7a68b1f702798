"""The one kind of error an editor ever sees: a place in a file and a Swedish message."""

from __future__ import annotations

import errno
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Characters a terminal would act on instead of showing: C0 and C1 controls
# (escape sequences can clear the screen or fake a green "giltigt"), and the
# bidi overrides and isolates that reorder what follows them.
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """text as it may be echoed to a terminal: every control character shown
    as its escape (\\x1b, \\u202e), so it is seen and never acted on."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return printable(f"{self.file}:{self.line}:{self.column}: {self.message}")


class ContentErrors(Exception):
    """Raised with every problem found, never only the first."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = sorted(set(errors))


class EngineFailed(Exception):
    """The engine refused valid content; lines says why, in Swedish."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


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


# Causes of operating-system errors as an editor or IT would say them.
_CAUSES = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOENT: "finns inte",
    errno.EISDIR: "är en mapp, inte en fil",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.EIO: "läsfel på disken",
    errno.ELOOP: "för många symboliska länkar",
    errno.ENAMETOOLONG: "namnet är för långt",
}


def os_cause(exc: OSError) -> str:
    """Why an operating-system call failed, in Swedish."""
    return _CAUSES.get(exc.errno, exc.strerror or type(exc).__name__)
