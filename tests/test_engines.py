"""The site does not depend on MkDocs itself: ProperDocs, a maintained fork of
MkDocs 1.x, builds the same docs/ into the same site/, byte for byte apart
from the generator tag. Each engine runs in its own process, as
`make build ENGINE=…` runs it (SAMVERKAN_MOTOR)."""

import gzip
import json
import os
import re
import subprocess
import sys

from harness.project import make_project
from harness.sites import tree
from samverkan.paths import ROOT
from samverkan.publish.version import NAME as VERSION

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(project, engine: str):
    site = project / f"site-{engine}"
    command = [sys.executable, "-m", "samverkan", "build", "--content", str(project / "content"), "--docs", str(project / "docs"),
               "--site", str(site), "--config", str(project / "mkdocs.yml")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SAMVERKAN_MOTOR": engine})
    assert done.returncode == 0, done.stderr
    return tree(site)


def _without_generator(name: str, data: bytes) -> bytes:
    """A file's content with the generator tag left out; a page's .gz copy
    (publish/precompress.py) holds the tag too, so it is compared unpacked.
    version.json's build time is the clock's (publish/version.py)."""
    if name == VERSION:
        return json.dumps({**json.loads(data), "built": None}).encode()
    return GENERATOR.sub(b"", gzip.decompress(data) if name.endswith(".gz") else data)


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path):
    project = make_project(tmp_path / "projekt")
    mkdocs = _build(project, "mkdocs")
    properdocs = _build(project, "properdocs")
    # Each really ran: the generator tag names it.
    assert b'content="mkdocs-1.' in mkdocs["index.html"]
    assert b"ProperDocs" in properdocs["index.html"]
    assert sorted(mkdocs) == sorted(properdocs)
    differ = [name for name in mkdocs if _without_generator(name, mkdocs[name]) != _without_generator(name, properdocs[name])]
    assert differ == []
    assert "pagefind/pagefind-entry.json" in mkdocs  # the search index is built with either


def test_an_unknown_engine_is_refused_in_swedish(tmp_path):
    project = make_project(tmp_path / "projekt")
    command = [sys.executable, "-m", "samverkan", "build", "--content", str(project / "content"), "--docs", str(project / "docs"),
               "--site", str(project / "site"), "--config", str(project / "mkdocs.yml")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SAMVERKAN_MOTOR": "hugo"})
    assert done.returncode != 0
    assert "Okänd motor ”hugo”: välj en av mkdocs, properdocs." in done.stderr
    assert not (project / "site").exists()
