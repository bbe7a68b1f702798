"""When the text of each content file last changed, for "Sidan uppdaterad".

A page's date is that of its own text, not of the facts it reports (those
carry their own dates where they stand, and the source its date in "Källa").
Each answer here is never earlier than the text it dates:
- a committed file: the day of the newest commit that touched it (in a
  shallow clone, at worst the day of the oldest commit fetched: later, not earlier);
- a file edited or added but not committed (the live preview): today;
- a file with no history at all (a copy outside git): the day it was last written.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:  # no git on this machine: every file falls back to its own date
        return None
    return done.stdout if done.returncode == 0 else None


def text_dates(root: Path, files: Iterable[str], today: dt.date | None = None) -> dict[str, dt.date]:
    """{path from root: the day its text last changed} for every file in files."""
    files = list(files)
    folders = sorted({f.partition("/")[0] for f in files})
    committed: dict[str, dt.date] = {}
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--relative", "--", *folders) if folders else None
    for entry in (log or "").split("\0")[1:]:
        day, *names = entry.strip().splitlines()
        for name in names:
            committed.setdefault(name, dt.date.fromisoformat(day))  # newest first: the first is the latest
    dirty = _git(root, "ls-files", "--modified", "--others", "--exclude-standard", "-z", "--", *folders) if folders else None
    edited = set((dirty or "").split("\0")) - {""}
    today = today or dt.date.today()
    dates = {}
    for name in files:
        if name in edited:
            dates[name] = today
        elif name in committed:
            dates[name] = committed[name]
        else:
            dates[name] = dt.date.fromtimestamp((root / name).stat().st_mtime)
    return dates
