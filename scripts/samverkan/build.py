"""Build the site with MkDocs into a temporary folder, then swap it in.

A failed build leaves the previous site/ exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def mkdocs(*args: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment for running MkDocs from our venv."""
    # Material prints a banner about its successor on every run; it is not
    # news to editors and would hide their real messages.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return [sys.executable, "-m", "mkdocs", *args], env


def mkdocs_build(root: Path, site: Path, config: Path) -> bool:
    """Run `mkdocs build --strict`; replace site/ only if it succeeded."""
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=site.parent))
    try:
        command, env = mkdocs("build", "--strict", "--quiet", "--config-file", str(config), "--site-dir", str(staging / "site"))
        done = subprocess.run(command, cwd=root, env=env, check=False)
        if done.returncode != 0:
            return False
        if site.exists():
            site.rename(staging / "old")
        (staging / "site").rename(site)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
