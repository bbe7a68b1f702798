"""The documents tell the truth, and keep telling it.

README.md and the guides in guider/ name versions, commands, links and an
example error. Each is checked here against its source (the lock files, the
real tool, the files in the repository), so that a change that makes a
sentence untrue fails a test instead of waiting for a reader to find it.
The exit the developers' guide promises (ProperDocs without the mkdocs
package) is tried for real.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import need
from harness.project import make_project
from harness.sites import tree
from samverkan.paths import ROOT

README = ROOT / "README.md"
GUIDES = sorted((ROOT / "guider").glob("*.md"))
DEVELOPERS = ROOT / "guider" / "utvecklare.md"
EDITORS = ROOT / "guider" / "redaktorer.md"
LOCKS = [ROOT / "requirements.lock", ROOT / "tests" / "zensical" / "requirements.lock"]


# --- Sections, tables and headings as a reader of the rendered file sees them


def section(path: Path, heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    text = path.read_text("utf-8")
    match = re.search(rf"^(#+) {re.escape(heading)}\n", text, re.M)
    assert match, f"{path.name} has no heading {heading!r}"
    level = len(match.group(1))
    end = re.compile(rf"^#{{1,{level}}} ", re.M).search(text, match.end())
    return text[match.end(): end.start() if end else len(text)]


def table(text: str) -> list[dict[str, str]]:
    """The first Markdown table in text, one dict per row, keyed by the header."""
    lines = []
    for line in text.splitlines():
        if line.startswith("|"):
            lines.append(line)
        elif lines:
            break  # the first table ends at its first line that is not a row
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    header, rows = cells[0], cells[2:]
    return [dict(zip(header, row, strict=True)) for row in rows]


def slug(heading: str) -> str:
    """A heading's anchor as GitLab (and GitHub) make it: lower case, every
    character that is not a letter, digit, space, hyphen or underscore
    dropped (å, ä, ö are letters and stay), spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return re.sub(r"-{2,}", "-", text.replace(" ", "-"))


def anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text("utf-8"), flags=re.M | re.S)
    return {slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}


# --- Motorer och stöd: versions come from the lock files


def locked_versions() -> dict[str, set[str]]:
    """Every package name in the lock files, with the versions locked."""
    found: dict[str, set[str]] = {}
    for lock in LOCKS:
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^ ;\\\n]+)", lock.read_text("utf-8"), re.M):
            found.setdefault(name.lower(), set()).add(version)
    packages = json.loads((ROOT / "package-lock.json").read_text("utf-8"))["packages"]
    for where, entry in packages.items():
        if where.startswith("node_modules/") and "version" in entry:
            found.setdefault(where.removeprefix("node_modules/"), set()).add(entry["version"])
    return found


def foundations() -> list[dict[str, str]]:
    return table(section(DEVELOPERS, "Motorer och stöd"))


def test_every_foundation_has_a_row_with_version_support_end_and_exit():
    rows = foundations()
    named = " ".join(row["Grund"] + " " + row["Paket"] for row in rows)
    # "Tal i ord", not num2words: the row stays if a table of our own replaces the package.
    for foundation in ["MkDocs", "Material", "ProperDocs", "Zensical", "Pagefind", "Redaktören", "wordfreq", "Tal i ord"]:
        assert foundation in named, f"Motorer och stöd has no row for {foundation}"
    for row in rows:
        # Our own code has no package and no version: "–" there.
        columns = ["Paket", "Version"] if "`" in row["Paket"] else []
        for column in [*columns, "Stöd", "Slutdatum", "Utväg"]:
            assert row[column].strip("–- "), f"{row['Grund']}: the column {column} is empty"


def test_the_versions_in_motorer_och_stod_are_the_locked_ones():
    locked = locked_versions()
    for row in foundations():
        if "`" not in row["Paket"]:  # our own code, nothing to lock
            assert row["Version"] == "–", f"{row['Grund']}: a version without a package"
            continue
        package = re.fullmatch(r"`([^`]+)`", row["Paket"])
        assert package, f"{row['Grund']}: Paket should be one package name in backticks, not {row['Paket']!r}"
        name = package.group(1).lower()
        assert name in locked, f"{name} is in Motorer och stöd but in no lock file"
        assert row["Version"] in locked[name], f"{name}: the guide says {row['Version']}, the lock file has {sorted(locked[name])}"


# --- The exit: ProperDocs builds the site with the mkdocs package absent

PROPERDOCS_VENV = ROOT / ".venv-properdocs"


def lock_without(lock: str, package: str) -> str:
    """A hashed lock file with one package's entry (its line, hashes and
    comments) left out."""
    entries = re.split(r"(?m)^(?=[A-Za-z0-9])", lock)
    kept = [entry for entry in entries if not re.match(rf"{re.escape(package)}==", entry, re.I)]
    assert len(kept) == len(entries) - 1, f"{package} is not in the lock file exactly once"
    return "".join(kept)


@pytest.fixture(scope="module")
def without_mkdocs() -> Path:
    """A venv made from requirements.lock minus mkdocs, as `make` makes
    .venv (hashes checked, no dependency resolution), once per lock file."""
    lock = lock_without((ROOT / "requirements.lock").read_text("utf-8"), "mkdocs")
    stamp = hashlib.sha256(lock.encode()).hexdigest()
    ready = PROPERDOCS_VENV / ".ready"
    python = PROPERDOCS_VENV / "bin" / "python"
    if not (ready.exists() and ready.read_text() == stamp):
        shutil.rmtree(PROPERDOCS_VENV, ignore_errors=True)
        PROPERDOCS_VENV.parent.mkdir(exist_ok=True)
        # pip in a step of its own: venv hides ensurepip's output when it fails.
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(PROPERDOCS_VENV)], check=True, timeout=300)
        pip = subprocess.run([str(python), "-m", "ensurepip", "--default-pip"], capture_output=True, text=True, timeout=300)
        assert pip.returncode == 0, f"ensurepip failed:\n{pip.stdout}{pip.stderr}"
        (PROPERDOCS_VENV / "requirements.lock").write_text(lock, "utf-8")
        done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes", "--no-deps",
                               "-r", str(PROPERDOCS_VENV / "requirements.lock")], capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            shutil.rmtree(PROPERDOCS_VENV, ignore_errors=True)
            reason = (done.stderr.strip().splitlines() or ["okänt fel"])[-1]
            need(False, f"Miljön utan mkdocs kunde inte installeras från requirements.lock ({reason}).")
        ready.write_text(stamp)
    return python


def _build_with(python: Path, project: Path, site: str) -> dict[str, bytes]:
    command = [str(python), "-m", "samverkan", "build", "--content", str(project / "content"), "--docs", str(project / "docs"),
               "--site", str(project / site), "--config", str(project / "mkdocs.yml")]
    # PYTHONPATH, not a .pth file: the venv stays a plain copy of the lock.
    env = {**os.environ, "SAMVERKAN_MOTOR": "properdocs", "PYTHONPATH": str(ROOT / "scripts")}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return tree(project / site)


@pytest.mark.slow
def test_properdocs_builds_the_same_site_when_mkdocs_is_not_installed(without_mkdocs, tmp_path):
    # The package is really gone: neither importable nor installed.
    probe = subprocess.run([str(without_mkdocs), "-c", "import importlib.util, importlib.metadata as m; "
                            "print(importlib.util.find_spec('mkdocs')); print([d.metadata['Name'] for d in m.distributions()])"],
                           capture_output=True, text=True, check=True)
    spec, installed = probe.stdout.splitlines()
    assert spec == "None"
    assert "'mkdocs'" not in installed and "'mkdocs-material'" in installed and "'properdocs'" in installed
    # What the guide says about pip: Material and awesome-nav still declare mkdocs.
    check = subprocess.run([str(without_mkdocs), "-m", "pip", "check", "--disable-pip-version-check"], capture_output=True, text=True)
    assert sorted(re.findall(r"^(\S+) \S+ requires mkdocs, which is not installed", check.stdout, re.M)) == ["mkdocs-awesome-nav", "mkdocs-material"]

    project = make_project(tmp_path / "projekt")
    alone = _build_with(without_mkdocs, project, "site-utan-mkdocs")
    beside = _build_with(Path(sys.executable), project, "site-med-mkdocs")
    assert b"ProperDocs" in alone["index.html"]
    assert "pagefind/pagefind-entry.json" in alone
    # Byte for byte the site ProperDocs builds where mkdocs is installed too
    # (version.json's build time apart, harness/sites.py).
    assert sorted(alone) == sorted(beside)
    assert [name for name in alone if alone[name] != beside[name]] == []


# --- README and guides: short, and every link and path leads somewhere

DOCUMENTS = [README, *GUIDES]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
# A path in backticks: a file or a folder with at least one "/" (a bare
# file name such as `plan.py` stands under a folder the text has named).
PATH = re.compile(r"`((?:\.?[\w-]+/)+(?:[\w.-]+\.\w+)?)`")
# Where a path in the text may be counted from: the repository, our package
# (the documents say `publish/search.py` for scripts/samverkan/publish/search.py)
# and its stages (`templates/` in the row about pages/).
PATH_ROOTS = [ROOT, ROOT / "scripts" / "samverkan", ROOT / "scripts",
              *(stage for stage in (ROOT / "scripts" / "samverkan").iterdir() if stage.is_dir())]
# Made by a build or an install, not in a fresh clone.
GENERATED = ("site/", "docs/.nav.yml", ".venv", "node_modules/", "bench-results.json", "gl-code-quality-report.json", "junit.xml")


def prose(path: Path) -> str:
    """The text outside fenced code blocks."""
    return re.sub(r"^```.*?^```", "", path.read_text("utf-8"), flags=re.M | re.S)


def test_the_readme_is_at_most_250_lines():
    assert len(README.read_text("utf-8").splitlines()) <= 250


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(document):
    broken = []
    for target in LINK.findall(prose(document)):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:: outside the repository
        file, _, anchor = target.partition("#")
        where = (document.parent / file).resolve() if file else document
        if not where.exists():
            broken.append(f"{target}: no such file")
        elif anchor and where.suffix == ".md" and anchor not in anchors(where):
            broken.append(f"{target}: no heading with that anchor in {where.name}")
    assert broken == []


@pytest.mark.parametrize("document", [README, DEVELOPERS], ids=lambda p: p.name)
def test_every_path_the_text_names_exists(document):
    missing = []
    for path in PATH.findall(prose(document)):
        if path.startswith(GENERATED) or any(c in path for c in "<>…*"):
            continue
        if not any((base / path).exists() for base in PATH_ROOTS):
            missing.append(path)
    assert missing == []


# --- The example error in the editors' guide is the real tool's output


def _example_block(text: str, after: str) -> str:
    start = text.index(after)
    return re.search(r"```text\n(.*?)```", text[start:], re.S).group(1)


def test_the_editors_guides_example_error_is_what_make_check_prints(tmp_path):
    from harness.project import copy_content, edit

    content = tmp_path / "content"
    copy_content(content)
    # The two mistakes the guide describes, nothing else.
    guide = EDITORS.read_text("utf-8")
    assert 'Skriver du till exempel `varde: "170"`' in guide and "stavar fel på `forkortning` hos BKT" in guide
    edit(content / "organisationer.yml", "      varde: 170\n", '      varde: "170"\n')
    edit(content / "organisationer.yml", "    forkortning: BKT\n", "    forkortnig: BKT\n")
    done = subprocess.run(["make", "--no-print-directory", "check", f"RUN=.venv/bin/python -m samverkan --content {content}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    # What the tool printed: make's own lines (the command it runs, its
    # "Error 1", as make[1] when make test runs this) are make's, not ours.
    printed = [line for line in (done.stdout + done.stderr).splitlines()
               if not line.startswith(".venv/bin/python") and not re.match(r"make(\[\d+\])?: ", line)]
    assert _example_block(guide, "## När något är fel").splitlines() == printed
