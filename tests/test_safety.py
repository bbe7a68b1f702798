"""Nothing lost, nothing half-written, nothing from a draft, the same bytes twice."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from harness.project import build_project, edit, make_project
from harness.searching import index_records
from harness.sites import tree
from samverkan.cli import main
from samverkan.paths import ROOT

DRAFT_TEXT = "Utkasttext som ingen får se 4711"


def _cli(project, command):
    return [command, "--content", str(project / "content"), "--docs", str(project / "docs"),
            "--site", str(project / "site"), "--config", str(project / "mkdocs.yml")]



@pytest.fixture
def built(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "om.md").write_text("# Om webbplatsen\n\nSkriven för hand.\n", "utf-8")
    assert main(_cli(project, "build")) == 0
    return project


def test_a_content_error_leaves_docs_and_site_byte_for_byte(built):
    docs, site = tree(built / "docs"), tree(built / "site")
    edit(built / "content" / "organisationer.yml", "varde: 170", 'varde: "170"')
    assert main(_cli(built, "build")) == 1
    assert main(_cli(built, "render")) == 1
    assert tree(built / "docs") == docs and tree(built / "site") == site


def test_a_failing_mkdocs_build_leaves_docs_and_site_byte_for_byte(built):
    docs, site = tree(built / "docs"), tree(built / "site")
    # Valid content, so rendering succeeds and would change docs/ ...
    edit(built / "content" / "organisationer.yml", "varde: 170", "varde: 171")
    # ... but a hand-written page with a broken link fails the strict build.
    (built / "docs" / "om.md").write_text("# Om\n\n[trasig](finns-inte.md)\n", "utf-8")
    docs["om.md"] = (built / "docs" / "om.md").read_bytes()
    assert main(_cli(built, "build")) == 1
    assert tree(built / "docs") == docs and tree(built / "site") == site
    assert not list(built.glob(".build-*"))


def test_hand_written_files_survive_builds(built):
    assert (built / "docs" / "om.md").read_text("utf-8") == "# Om webbplatsen\n\nSkriven för hand.\n"
    assert (built / "site" / "om" / "index.html").exists()
    assert "om.md" not in (built / "docs" / ".generated.json").read_text("utf-8")


@pytest.mark.slow
def test_two_builds_at_once_do_not_corrupt_each_other(built):
    reference = tree(built / "site")
    command = [sys.executable, "-m", "samverkan", *_cli(built, "build")]
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: subprocess.run(command, cwd=ROOT, capture_output=True, text=True), range(2)))
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert tree(built / "site") == reference
    assert not list(built.glob(".build-*"))


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    first = tree(build_project(make_project(tmp_path / "a")))
    second = tree(build_project(make_project(tmp_path / "b")))
    assert first == second


def test_source_date_comes_from_the_content_not_the_clock(built):
    import datetime as dt

    # The gzip header of the sitemap holds MkDocs's build time (bytes 4-7).
    stamp = int.from_bytes((built / "site" / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(stamp, dt.UTC).date() == dt.date(2015, 4, 7)


def test_a_draft_is_nowhere_on_the_site(tmp_path):
    project = make_project(tmp_path)
    content = project / "content"
    investigation = content / "utredningar" / "samverkan-i-bergslagen"
    # A draft motive, a draft paragraph on how the work was done, and a whole draft investigation.
    edit(investigation / "forslag-bkt.yml", "motiv:\n", f"motiv:\n  - publicera: false\n    text: {DRAFT_TEXT} (motiv)\n")
    edit(investigation / "styrgrupp.yml", "arbetssatt:\n", f"arbetssatt:\n  - publicera: false\n    rubrik: {DRAFT_TEXT} (rubrik)\n    text: {DRAFT_TEXT} (text)\n")
    draft_dir = content / "utredningar" / "utkast"
    import shutil

    # Event ids are the investigation's own: the copy keeps them.
    shutil.copytree(investigation, draft_dir)
    edit(draft_dir / "utredning.yml", "id: samverkan-i-bergslagen\n", "id: utkast\npublicera: false\n")
    edit(draft_dir / "utredning.yml", "titel: Samverkan i Bergslagen", f"titel: {DRAFT_TEXT} (utredning)")
    site = build_project(project)
    leaks = [name for name, data in tree(site).items() if b"4711" in data]
    assert not leaks
    # The search index is compressed: read it, too.
    assert not [r["url"] for r in index_records(site) if "4711" in r["content"] or "4711" in r["meta"]["title"]]
    # The draft really was there to leave out: publishing it shows it.
    edit(investigation / "forslag-bkt.yml", "  - publicera: false\n", "  - publicera: true\n")
    assert DRAFT_TEXT.encode() in (build_project(project) / "samverkan-i-bergslagen" / "bkt" / "index.html").read_bytes()


def test_links_in_content_are_real_links(tmp_path):
    project = make_project(tmp_path)
    edit(project / "content" / "dokument.yml", "    om: bmb\n", "    om: bmb\n    lank:\n      text: Läs utvärderingen\n      url: https://intranat.example/utvardering_(2010).pdf?a=1&b=2\n")
    site = build_project(project)
    html = (site / "samverkan-i-bergslagen" / "bmb" / "index.html").read_text("utf-8")
    assert '<a href="https://intranat.example/utvardering_%282010%29.pdf?a=1&amp;b=2">Läs utvärderingen</a>' in html
