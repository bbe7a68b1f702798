"""A copy of the project's build setup in another folder, around some content.

For building variants side by side (tests, the search report, benchmarks)
without touching the real docs/ and site/.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from samverkan.paths import MANIFEST, ROOT
from samverkan.pipeline import build

from .servers import free_port, stop, wait_for_http

INVESTIGATION = ROOT / "content" / "utredningar" / "samverkan-i-bergslagen"

# The source gives no accessibility contact, and the live site's build refuses
# content without one (content/gate.py): a test that publishes to "production"
# adds this marked test contact to its own throwaway copy, never to content/.
TEST_CONTACT = "kontakt:\n  text: Skicka e-post om tillgängligheten (testdata)\n  url: mailto:tillganglighet@test.invalid\n"


def edit(path: Path, old: str, new: str) -> None:
    """Change a content file as an editor would: the first old becomes new.
    Fails if old is not there, so a test never passes on an edit that missed."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def copy_investigation(content: Path, new_id: str, titel: str, original: Path = INVESTIGATION) -> Path:
    """The README's recipe for a new investigation, and nothing more: copy a
    folder, then change only the folder's name, `id` and `titel`."""
    folder = content / "utredningar" / new_id
    shutil.copytree(original, folder)
    meta = folder / "utredning.yml"
    text = meta.read_text("utf-8")
    text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
    text = re.sub(r"^titel: .*$", f"titel: {titel}", text, count=1, flags=re.M)
    meta.write_text(text, "utf-8")
    return folder


def without_contact(content: Path) -> Path:
    """content (a copy) without the accessibility statement's contact route.
    The shipped content has none because the source gives none, but the
    municipality will enter one (and a test loop's repository has test
    data there): the tests start from the same state either way, and those
    that need a contact add TEST_CONTACT."""
    statement = content / "tillganglighet.yml"
    if statement.exists():
        text = statement.read_text("utf-8")
        statement.write_text(re.sub(r"^kontakt:[ \t]*\n(?:[ \t]+\S.*\n)*", "", text, flags=re.MULTILINE), "utf-8")
    return content


def with_test_contact(content: Path) -> Path:
    """content (a copy) with TEST_CONTACT in place of any contact route, for
    a throwaway copy that the live site's build must accept."""
    statement = without_contact(content) / "tillganglighet.yml"
    statement.write_text(statement.read_text("utf-8") + TEST_CONTACT, "utf-8")
    return content


def copy_content(target: Path) -> Path:
    """A copy of content/ for a test or a benchmark to change and build: the
    shipped content, always without a contact route (without_contact)."""
    shutil.copytree(ROOT / "content", target)
    return without_contact(target)


def synthesize(content: Path, n: int) -> None:
    """content/ with n investigations instead of the real one: copies of it
    made by the README's recipe, so the schema and the Swedish text lengths
    are real and each keeps its own event ids."""
    copy_content(content)
    shutil.rmtree(content / "utredningar" / INVESTIGATION.name)
    for i in range(1, n + 1):
        copy_investigation(content, f"utredning-{i:03d}", f"Samverkan i Bergslagen, del {i}")


def _generated(folder: str, names: list[str]) -> set[str]:
    """shutil.copytree ignore: the generated files of docs/ stay behind."""
    manifest = ROOT / "docs" / MANIFEST
    generated = set(json.loads(manifest.read_text("utf-8"))) if manifest.exists() else set()
    base = Path(folder).relative_to(ROOT / "docs")
    return {n for n in names if (base / n).as_posix() in generated or n in (MANIFEST, ".gitignore")}


def make_project(where: Path, content: Path = ROOT / "content") -> Path:
    """mkdocs.yml, overrides/, the hand-written part of docs/ and a content/ in where."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", where / "overrides")
    shutil.copytree(ROOT / "redaktor", where / "redaktor")
    if (ROOT / "docs").exists():
        shutil.copytree(ROOT / "docs", where / "docs", ignore=_generated)
    if content == ROOT / "content":
        copy_content(where / "content")
    elif content != where / "content":
        shutil.copytree(content, where / "content")
    (where / "docs").mkdir(exist_ok=True)
    return where


@contextlib.contextmanager
def preview(project: Path, output=subprocess.DEVNULL) -> Iterator[str]:
    """`python -m samverkan serve` for a project made by make_project, on a
    free port of 127.0.0.1; yields its URL and stops it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "samverkan", "serve", "--content", str(project / "content"), "--docs", str(project / "docs"),
         "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", server)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(server)


def build_project(project: Path) -> Path:
    """Validate, render and build a project made by make_project; return its site/."""
    if not build(project / "mkdocs.yml", project / "content", project / "docs", project / "site"):
        raise RuntimeError("mkdocs build --strict failed")
    return project / "site"
