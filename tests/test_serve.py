"""`make serve`: a change in content/ reaches the open browser by itself."""

import time

import pytest

from harness.project import edit, make_project, preview


@pytest.fixture
def serving(tmp_path):
    project = make_project(tmp_path)
    with (tmp_path / "serve.log").open("w+") as log, preview(project, log) as url:
        yield project, url, log


def _wait_for_log(log, text, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log.seek(0)
        output = log.read()
        if text in output:
            return output
        time.sleep(0.1)
    raise TimeoutError(f"{text!r} not in the server's output")



def test_saved_yaml_shows_in_the_browser_and_errors_keep_the_last_good_page(browser, serving):
    project, url, log = serving
    page = browser.new_page()
    page.goto(url + "samverkan-i-bergslagen/bkt/")
    article = page.locator("article")
    assert "cirka 170" in article.inner_text()

    edit(project / "content" / "organisationer.yml", "varde: 170", "varde: 171")
    page.wait_for_function("document.querySelector('article').innerText.includes('cirka 171')", timeout=60_000)

    edit(project / "content" / "organisationer.yml", "varde: 171", 'varde: "172"')
    output = _wait_for_log(log, "Ingenting har skrivits.")
    assert "content/organisationer.yml:13:14: `organisationer[0].anstallda.varde`: väntade ett heltal men fick text (”172”)" in output
    assert "Traceback" not in output
    page.reload()
    assert "cirka 171" in page.locator("article").inner_text()
    page.close()
