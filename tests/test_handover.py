"""The engine hands each page over as it writes it (publish/prefetch.py),
and the pass over pages (publish/htmlpass.py) takes it on the other core
while the engine makes the rest: the site is the same, byte for byte, as
when the pass runs after the engine."""

from __future__ import annotations

import filecmp
import json
import shutil

from harness.project import make_project
from samverkan.cli import main
from samverkan.publish import prefetch


def _build(project, prefetched: bool) -> None:
    command = ["build", "--content", str(project / "content"), "--docs", str(project / "docs"),
               "--site", str(project / "site"), "--config", str(project / "mkdocs.yml")]
    assert main(command, prefetch=prefetched) == 0


def test_every_page_is_handed_over_written_while_the_engine_runs(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    handed: list[tuple] = []
    build = prefetch.Engine.build

    def recording(self, epoch, site_name=None, on_page=None):
        def seen(page):
            handed.append((page.relative_to(self._site), page.is_file()))
            on_page(page)

        return build(self, epoch, site_name, on_page=seen)

    monkeypatch.setattr(prefetch.Engine, "build", recording)
    _build(project, prefetched=True)
    site = project / "site"
    # Not pages: 404.html, the theme's own, which MkDocs makes apart from
    # them, and the browser editor's page, copied in after the engine.
    pages = {p.relative_to(site) for p in site.rglob("*.html")} - {site.relative_to(site) / "404.html", site.relative_to(site) / "redaktor" / "index.html"}
    assert handed, "no page was handed over: the pass waited for the whole engine"
    assert all(written for _, written in handed), "a page was handed over before it was written"
    assert sorted(page for page, _ in handed) == sorted(pages)


def test_handed_over_or_not_the_site_is_the_same(tmp_path):
    first, second = make_project(tmp_path / "a"), make_project(tmp_path / "b")
    _build(first, prefetched=True)
    _build(second, prefetched=False)
    a, b = first / "site", second / "site"
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    differing = [n for n in names if n.name != "version.json" and not filecmp.cmp(a / n, b / n, shallow=False)]
    assert differing == []
    # version.json differs only in the time of the build.
    left, right = (json.loads((s / "version.json").read_text("utf-8")) for s in (a, b))
    left.pop("built"), right.pop("built")
    assert left == right
    shutil.rmtree(tmp_path)


def test_the_validated_site_is_out_of_the_collectors_scans_while_the_pages_are_passed(tmp_path, monkeypatch):
    """pipeline.prepare(freeze=True): frozen while the engine runs and the pages are
    passed, and unfrozen after the build, so that later garbage is collected."""
    import gc

    from samverkan.publish.afterbuild import Built

    project = make_project(tmp_path)
    frozen: list[int] = []
    page_made = Built.page_made

    def counting(self, page):
        frozen.append(gc.get_freeze_count())
        page_made(self, page)

    monkeypatch.setattr(Built, "page_made", counting)
    _build(project, prefetched=True)
    assert frozen and min(frozen) > 0, "the validated site was scanned by the collector during the build"
    assert gc.get_freeze_count() == 0
