"""version.json: what a built site is, for the deploy jobs and monitoring.

    {"commit": "<the git commit built>", "built": "<UTC time of the build>",
     "content_date": "<the newest date in the published content>"}

The deploy and rollback jobs print the one they serve, publish.sh reads its
commit to refuse an older one, and monitoring asks the web server for it
(guider/it.md); nginx sends it uncached. One key a line, so the deploy
scripts can read it with sed on any server.

The commit is the pipeline's (CI_COMMIT_SHA) or the working tree's HEAD;
null outside git. The build time is the clock's (not SOURCE_DATE_EPOCH,
which the build sets to the content's date so pages stay byte-identical).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

NAME = "version.json"


def commit(root: Path) -> str | None:
    """The commit being built: the pipeline's, or root's git HEAD."""
    sha = os.environ.get("CI_COMMIT_SHA", "")
    if re.fullmatch(r"[0-9a-f]{40}", sha):
        return sha
    try:
        head = subprocess.run(["git", "rev-parse", "--verify", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    sha = head.stdout.strip()
    return sha if head.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", sha) else None


def write_version(site: Path, root: Path, content_date: dt.date) -> dict:
    """site/version.json for the project in root; returns what it says."""
    version = {"commit": commit(root), "built": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "content_date": content_date.isoformat()}
    (site / NAME).write_text(json.dumps(version, indent=2) + "\n", "utf-8")
    return version
