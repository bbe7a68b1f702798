"""`make serve`: a change in content/ reaches the open browser by itself."""

import subprocess
import sys
import time

import pytest

from samverkan.lokalt import free_port, stop, wait_for_http
from samverkan.project import make_project
from samverkan.paths import ROOT


@pytest.fixture
def preview(tmp_path):
    project = make_project(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "samverkan", "serve", "--content", str(project / "content"), "--docs", str(project / "docs"),
         "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process)
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        stop(process)
        log.close()


def _wait_for_log(log, text, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log.seek(0)
        output = log.read()
        if text in output:
            return output
        time.sleep(0.1)
    raise TimeoutError(f"{text!r} not in the server's output")


def _replace(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_saved_yaml_shows_in_the_browser_and_errors_keep_the_last_good_page(browser, preview):
    project, url, log = preview
    page = browser.new_page()
    page.goto(url + "samverkan-i-bergslagen/bkt/")
    article = page.locator("article")
    assert "cirka 170" in article.inner_text()

    _replace(project / "content" / "organisationer.yml", "varde: 170", "varde: 171")
    page.wait_for_function("document.querySelector('article').innerText.includes('cirka 171')", timeout=60_000)

    _replace(project / "content" / "organisationer.yml", "varde: 171", 'varde: "172"')
    output = _wait_for_log(log, "Ingenting har skrivits.")
    assert "content/organisationer.yml:13:14: `organisationer[0].anstallda.varde`: väntade ett heltal men fick text (”172”)" in output
    assert "Traceback" not in output
    page.reload()
    assert "cirka 171" in page.locator("article").inner_text()
    page.close()
