"""What the build prepares for the intranet's server: no script runs inline,
a .gz beside every text file, and the intranet's address where one is given."""

from __future__ import annotations

import gzip
import re
import shutil

from bs4 import BeautifulSoup

from harness.project import build_project, make_project
from samverkan.publish.precompress import MIN_SIZE, SUFFIXES, precompress


def test_no_page_has_an_inline_script_and_every_script_file_exists(built_site):
    pages = sorted(built_site.rglob("*.html"))
    moved = set()
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        scripts = soup.find_all("script")
        assert scripts, page
        for script in scripts:
            if script.get("type") == "application/json":
                continue  # the theme's configuration: data, never run
            assert script.get("src") and not script.string, (page, script)
            target = (page.parent / script["src"]).resolve() if not script["src"].startswith("/") else built_site / script["src"][1:]
            assert target.is_file(), (page, script["src"])
            if target.name.startswith("inline."):
                moved.add(target.name)
    # The theme's scope script differs by depth: one each for /, ., .., ../..
    assert len(moved) == 6, moved


def test_moved_scripts_keep_their_place_before_the_theme_bundle(built_site):
    html = (built_site / "samverkan-i-bergslagen" / "bkt" / "index.html").read_text("utf-8")
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert [s.rsplit("/", 1)[1].split(".")[0] for s in sources] == ["inline", "inline", "inline", "bundle"]
    # The first sets up the theme's storage scope, relative to this page's depth.
    assert 'new URL("../..",location)' in (built_site / "samverkan-i-bergslagen" / "bkt" / sources[0]).resolve().read_text("utf-8")


def test_every_text_file_has_a_gz_copy_with_the_same_bytes(built_site):
    texts = [p for p in built_site.rglob("*") if p.suffix in SUFFIXES and p.stat().st_size >= MIN_SIZE]
    assert len(texts) > 30
    for path in texts:
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes(), path


def test_without_site_url_the_sitemap_lists_no_address_and_pages_no_canonical_link(built_site):
    assert "<loc>" not in (built_site / "sitemap.xml").read_text("utf-8")
    assert 'rel="canonical"' not in (built_site / "index.html").read_text("utf-8")


def test_site_url_from_the_environment_reaches_sitemap_canonical_links_and_404(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://intranat.example/samverkan/")
    site = build_project(make_project(tmp_path))
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://intranat.example/samverkan/samverkan-i-bergslagen/bkt/</loc>" in sitemap
    assert '<link rel="canonical" href="https://intranat.example/samverkan/ordlista/">' in (site / "ordlista" / "index.html").read_text("utf-8")
    # The 404 page is shown at any address, so its links start from the site's path.
    assert '<a href="/samverkan/">Gå till startsidan</a>' in (site / "404.html").read_text("utf-8")


def test_an_unchanged_file_keeps_the_previous_sites_gz_and_a_changed_one_is_compressed_again(built_site, tmp_path):
    new = tmp_path / "site"
    shutil.copytree(built_site, new, ignore=shutil.ignore_patterns("*.gz"))
    page = new / "ordlista" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</article>", "<p>Ny mening.</p></article>", 1), "utf-8")
    assert precompress(new, previous=built_site) == 1
    assert gzip.decompress((new / "ordlista" / "index.html.gz").read_bytes()) == page.read_bytes()
    kept = new / "index.html.gz"
    assert kept.stat().st_ino == (built_site / "index.html.gz").stat().st_ino
