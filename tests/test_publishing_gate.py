"""The accessibility contact is a publishing gate (content/gate.py).

The law wants readers to have a way to report accessibility problems, and
only the municipality can name one. Without it the live site's build
(`make build PUBLICERING=ja`, run by the pipeline's build job on the
default branch, so its deploy never runs) refuses with a Swedish error at
the place to fix; `make check PUBLICERING=ja` says the same beforehand.
Every other build, the live preview and merge-request previews, shows
editors a banner on every page instead. The contact used here is test
data in a throwaway copy: the shipped content has none.
"""

from __future__ import annotations

import re
import urllib.request

import yaml
from bs4 import BeautifulSoup

from conftest import html_pages, visible_text
from harness.project import TEST_CONTACT, make_project, preview, without_contact
from samverkan.cli import main
from samverkan.pipeline import build, prepare

BANNER = "Till redaktörerna: kan inte publiceras förrän tillgänglighetsredogörelsen har en kontaktväg"
REFUSAL = "tillgänglighetsredogörelsen har ingen kontaktväg (`kontakt`), och utan den publiceras inte webbplatsen"
# The commented example in tillganglighet.yml, made real with a test address.
EXAMPLE = "# kontakt:\n#   text: Skicka e-post om tillgängligheten\n#   url: mailto:adress@exempel.se\n"
CONTACT = TEST_CONTACT


def _where_the_contact_belongs(content) -> str:
    lines = (content / "tillganglighet.yml").read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("aterkoppling:"))
    return f"content/tillganglighet.yml:{line}:1: "


def _with_contact(content):
    # In place of the commented example where it stands (the shipped file), else at the end.
    path = content / "tillganglighet.yml"
    text = path.read_text("utf-8")
    path.write_text(text.replace(EXAMPLE, CONTACT) if EXAMPLE in text else text + CONTACT, "utf-8")
    return content


def _banner(page) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [p.get_text(" ", strip=True) for p in soup.select(".md-banner .sib-till-redaktionen")]


def test_the_tests_start_without_a_contact_whatever_the_shipped_content_says(content_copy):
    # The source gives no contact route, so none is shipped; the municipality
    # will enter one, and the test loop's repository has test data there.
    # Every test starts from a copy without one, so each of these states passes.
    before = (content_copy / "tillganglighet.yml").read_text("utf-8")
    assert "kontakt" not in yaml.safe_load(before)
    _with_contact(content_copy)
    assert "kontakt" in yaml.safe_load((content_copy / "tillganglighet.yml").read_text("utf-8"))
    without_contact(content_copy)
    assert (content_copy / "tillganglighet.yml").read_text("utf-8") == before.replace(EXAMPLE, "")


def test_check_for_publishing_refuses_without_a_contact_and_says_where(content_copy, capsys):
    assert main(["check", "--content", str(content_copy)]) == 0
    assert "den skarpa webbplatsen publiceras inte förrän kontaktvägen finns" in capsys.readouterr().err
    assert main(["check", "--publicering", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert _where_the_contact_belongs(content_copy) + REFUSAL in err
    assert "1 fel i innehållet. Ingenting har skrivits." in err

    assert main(["check", "--publicering", "--content", str(_with_contact(content_copy))]) == 0
    out, err = capsys.readouterr()
    assert "Innehållet får publiceras." in out and REFUSAL not in err


def test_the_live_build_refuses_and_writes_nothing(content_copy, tmp_path, capsys):
    docs, site = tmp_path / "docs", tmp_path / "site"
    assert main(["build", "--publicering", "--content", str(content_copy), "--docs", str(docs), "--site", str(site)]) == 1
    assert REFUSAL in capsys.readouterr().err
    assert not docs.exists() and not site.exists()


def test_every_page_of_a_preview_carries_the_banner_and_the_live_build_none(content_copy):
    _, files = prepare(content_copy, content_copy.parent)
    pages = {path: text for path, text in files.items() if path.endswith(".md")}
    assert pages and all(BANNER in text.split("\n---\n")[0] for text in pages.values())
    _, files = prepare(_with_contact(content_copy), content_copy.parent, publishing=True)
    assert not [path for path, text in files.items() if "redaktorer" in text]
    # With a contact a preview has nothing to tell editors either.
    _, files = prepare(content_copy, content_copy.parent)
    assert not [path for path, text in files.items() if "redaktorer" in text]


def test_the_built_preview_shows_editors_the_banner_on_every_page(built_site):
    # built_site is the shipped content, built as any build but the live one.
    for page in html_pages(built_site):
        assert _banner(page) and _banner(page)[0].startswith(BANNER), page
        # Outside what search indexes: the banner is for editors, not an answer.
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert not [b for b in soup.select("[data-pagefind-body] .sib-till-redaktionen")], page


def test_with_a_contact_the_live_build_publishes_the_contact_and_no_banner(content_copy, tmp_path):
    project = make_project(tmp_path / "project", _with_contact(content_copy))
    assert build(project / "mkdocs.yml", project / "content", project / "docs", project / "site", publishing=True)
    site = project / "site"
    assert not [page for page in html_pages(site) if _banner(page)]
    statement = site / "tillganglighet" / "index.html"
    link = BeautifulSoup(statement.read_text("utf-8"), "html.parser").select_one("a[href='mailto:tillganglighet@test.invalid']")
    assert link is not None and "testdata" in link.get_text()
    assert "Någon kontaktväg finns ännu inte" not in visible_text(statement)


def test_the_live_preview_shows_the_banner(tmp_path):
    with preview(make_project(tmp_path / "project")) as url, urllib.request.urlopen(url + "tillganglighet/", timeout=60) as answer:
        html = answer.read().decode("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert re.sub(r"\s+", " ", soup.select_one(".md-banner .sib-till-redaktionen").get_text()).startswith(BANNER)
