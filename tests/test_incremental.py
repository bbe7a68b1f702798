"""Incremental rendering: a build rewrites only what changed.

Counted in files written, never in seconds (timing belongs to make bench)."""

import subprocess
import sys

import pytest

from conftest import need
from harness.project import edit as change
from samverkan.content.validate import validate
from samverkan.pages.render import render
from samverkan.paths import ROOT
from samverkan.publish.docs import write_docs

INVESTIGATION = "utredningar/samverkan-i-bergslagen"


def _written_after(content, edit) -> set[str]:
    docs = content.parent / "docs"
    write_docs(docs, render(validate(content, content.parent)))
    change(content / edit[0], edit[1], edit[2])
    return set(write_docs(docs, render(validate(content, content.parent))))


def test_nothing_changed_writes_nothing(content_copy):
    docs = content_copy.parent / "docs"
    write_docs(docs, render(validate(content_copy, content_copy.parent)))
    assert write_docs(docs, render(validate(content_copy, content_copy.parent))) == []


@pytest.mark.parametrize(("edit", "pages"), [
    # BMB's staff shows on its own pages (in the investigation and across
    # investigations) and in the printable summary.
    (("organisationer.yml", "varde: 40", "varde: 41"),
     {f"{INVESTIGATION.split('/')[1]}/{p}" for p in ("bmb.md", "hela-utredningen.md")} | {"organisationer/bmb.md"}),
    # A motive of BKT shows only on BKT's page and in the printable summary.
    ((f"{INVESTIGATION}/forslag-bkt.yml", "Flera gånger tidigare", "Flera gånger förut"),
     {"samverkan-i-bergslagen/bkt.md", "samverkan-i-bergslagen/hela-utredningen.md"}),
    # A glossary entry shows only in the glossary.
    (("ordlista.yml", "Ordföranden i kommunstyrelsen,", "Ordföranden i kommunens styrelse,"), {"ordlista.md"}),
])
def test_one_change_rewrites_only_the_pages_that_show_it(content_copy, edit, pages):
    assert _written_after(content_copy, edit) == pages


@pytest.mark.slow
def test_make_bench_prints_the_table_and_writes_json(tmp_path):
    # Not the time to publish: its pipeline runs make test, and so this test, again.
    done = subprocess.run([sys.executable, "scripts/bench.py", "--storlekar", "1", "--korningar", "1", "--utan-publicering",
                           "--resultat", str(tmp_path / "b.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "| Innehåll | Sidor | Validera+rendera | Bygge | Golv (bara MkDocs) |" in done.stdout
    assert "| N=1 | 21 |" in done.stdout and "| riktig | 21 |" in done.stdout
    assert "| Innehåll | Startsidan | En utredningssida | Första besöket på startsidan, gzip | HTML-sidor | site/ |" in done.stdout
    assert "| Innehåll | Sidor | Start till första sidan | Spara ett förslags text → syns på sidan |" in done.stdout
    import json

    results = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert results["riktig"]["omrendering_skrivna_filer"] == 0
    # The live preview, measured in Chromium: a save shows, and is reported beside a whole build.
    assert results["riktig"]["forhandsvisning_s"] > 0 and results["riktig"]["forhandsvisning_mot_bygge"] > 0
    assert results["riktig"]["forhandsvisning_gemensam_fil_s"] > 0
    assert {"bygge_mot_golv", "andel_rendering", "sokindex_byte", "minne_MiB"} <= set(results["N=1"])
    # A reader's first search, measured in Chromium: nothing on page load.
    first = results["N=1"]["sok"]["startsidan"]
    assert first["vid_sidladdning"] == []
    assert 0 < first["forsta_fragan_byte"] < 300_000
    assert 0 < first["fran_fragan_s"] < first["forsta_traffen_s"]
    assert "| Innehåll | Sidor | Söker från |" in done.stdout
    assert "Från sammanslagning till läsaren: inte mätt (--utan-publicering)." in done.stdout
    # make build against what a user would run by hand, side by side.
    assert "| Innehåll | make build | mkdocs build + pagefind --site | Kvot | Mål |" in done.stdout
    assert set(results["kvoter"]) == {"riktig", "N=1"} and results["kvoter"]["N=1"]["kvot"] > 0
    reader = results["N=1"]
    # A first visit sends at least the start page itself, gzipped, and less than all of it raw.
    assert 0 < reader["forsta_besok_gzip_byte"] < reader["site_byte"] and reader["startsida_byte"] > 0


def test_an_unchanged_browser_editor_is_not_copied_again(tmp_path):
    """The editor's files (9 MB) are hard links to the previous site's when
    unchanged, and so are their .gz (decap-cms.js.gz among them); a changed
    one of ours is copied anew."""
    from harness.project import build_project, make_project
    from samverkan.publish.editor import bundle

    # Like every test that needs an npm package: skipped with a Swedish line
    # locally (make test-fast in a fresh clone has no node_modules), failed in CI.
    need(bool(bundle()), "decap-cms saknas, så testet av redaktörens filer hoppas över. Installera: make node_modules/.ready")
    project = make_project(tmp_path / "projekt")
    site = build_project(project)
    # Links to the first build's files: they keep its inodes from being reused.
    kept = tmp_path / "forra"
    kept.mkdir()
    # (yaml's modules in a folder of their own: every file, by its path there)
    for path in (site / "redaktor").rglob("*"):
        if path.is_file():
            (kept / path.relative_to(site / "redaktor")).parent.mkdir(parents=True, exist_ok=True)
            (kept / path.relative_to(site / "redaktor")).hardlink_to(path)
    # A hand-written file of ours (config.yml would be made again from content/ by the build).
    (project / "redaktor" / "redaktor.css").write_text((project / "redaktor" / "redaktor.css").read_text("utf-8") + "/* ändrad */\n", "utf-8")
    site = build_project(project)
    names = sorted(p.relative_to(site / "redaktor").as_posix() for p in (site / "redaktor").rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*") if p.is_file())
    assert [n for n in names if not (site / "redaktor" / n).samefile(kept / n)] == ["redaktor.css", "redaktor.css.gz"]
    assert (site / "redaktor" / "redaktor.css").read_text("utf-8").endswith("/* ändrad */\n")
    assert "decap-cms.js.gz" in names
