"""`make serve`: a change in content/ reaches the open browser by itself, and
a mistake shows in the browser, in Swedish, until it is fixed."""

import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from harness.project import edit, make_project, preview
from harness.servers import free_port, stop, wait_for_http
from samverkan.paths import ROOT
from samverkan.preview.session import TEMP_PREFIX

pytestmark = pytest.mark.slow


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


def test_a_save_shows_in_the_browser_and_a_mistake_shows_there_until_fixed(browser, serving):
    project, url, log = serving
    page = browser.new_page()
    page.goto(url + "samverkan-i-bergslagen/bkt/")
    assert "cirka 170" in page.locator("article").inner_text()

    organisations = project / "content" / "organisationer.yml"
    edit(organisations, "varde: 170", "varde: 171")
    page.wait_for_function("document.querySelector('article').innerText.includes('cirka 171')", timeout=60_000)

    edit(organisations, "varde: 171", 'varde: "172"')
    error = page.locator("#forhandsvisning-fel")
    error.wait_for(state="visible", timeout=30_000)
    assert page.locator("#forhandsvisning-fel-rubrik").inner_text() == "Innehållet har fel"
    assert ("content/organisationer.yml:13:14: `organisationer[0].anstallda.varde`: väntade ett heltal men fick text (”172”)"
            in error.inner_text())
    output = _wait_for_log(log, "Webbläsaren visar felen")
    assert "content/organisationer.yml:13:14:" in output and "Traceback" not in output

    edit(organisations, 'varde: "172"', "varde: 173")
    page.wait_for_function("document.querySelector('article') && document.querySelector('article').innerText.includes('cirka 173')", timeout=60_000)
    assert page.locator("#forhandsvisning-fel").count() == 0
    # The engine's English log lines stay out of the editor's terminal.
    log.seek(0)
    terminal = log.read()
    assert "WARNING" not in terminal and "INFO" not in terminal and "dirty" not in terminal
    # When the search catches up, it says so.
    assert "Sökningen i förhandsvisningen görs om efter varje sparning" in terminal
    page.close()


def test_the_preview_client_is_never_part_of_the_published_site(serving, built_site):
    _project, url, _log = serving
    import urllib.request

    with urllib.request.urlopen(url) as response:
        assert "__forhandsvisning/klient.js" in response.read().decode("utf-8")
    assert not any("__forhandsvisning" in p.read_text("utf-8") for p in built_site.rglob("*.html"))


def test_a_busy_port_moves_to_the_next_free_one_and_says_so(tmp_path):
    project = make_project(tmp_path)
    busy = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", busy))
        taken.listen()
        server = subprocess.Popen(
            [sys.executable, "-m", "samverkan", "serve", "--content", str(project / "content"), "--docs", str(project / "docs"),
             "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{busy}"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        try:
            first = server.stdout.readline()
            moved = int(first.split("använder port ")[-1].split(" ")[0])
            assert moved != busy
            assert first == f"Port {busy} används redan; förhandsvisningen använder port {moved} i stället.\n"
            wait_for_http(f"http://127.0.0.1:{moved}/", server)
        finally:
            stop(server)
        output = server.stdout.read()
        server.stdout.close()
    assert "Traceback" not in output


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_stopping_the_preview_leaves_no_temporary_folder(tmp_path, how):
    project = make_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "samverkan", "serve", "--content", str(project / "content"), "--docs", str(project / "docs"),
         "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    wait_for_http(f"http://127.0.0.1:{port}/", server)
    # Its own folder, told apart from other previews' by the process id in it.
    mine = [f for f in Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*") if (f / "pid").is_file() and (f / "pid").read_text() == str(server.pid)]
    assert len(mine) == 1, "the preview builds in a folder of its own"
    server.send_signal(how)
    output, _ = server.communicate(timeout=30)
    assert server.returncode == 0
    assert not mine[0].exists()
    assert output.rstrip().endswith("Förhandsvisningen är stoppad.") and "Traceback" not in output


def test_a_save_reloads_the_pages_it_changed_and_leaves_the_others_be(browser, serving):
    project, url, log = serving
    changed, other = browser.new_page(), browser.new_page()
    changed.goto(url + "samverkan-i-bergslagen/bkt/")
    other.goto(url + "samverkan-i-bergslagen/styrgrupp/")
    for page in (changed, other):
        page.wait_for_function("window.fetch && performance.getEntriesByType('resource').some(r => r.name.includes('status'))")
        page.evaluate("window.sammaSida = true")  # gone if the page reloads
    edit(project / "content" / "utredningar" / "samverkan-i-bergslagen" / "forslag-bkt.yml", "motiv_inledning: ", "motiv_inledning: Nytt i testet. ")
    changed.wait_for_function("document.querySelector('article') && document.querySelector('article').innerText.includes('Nytt i testet.')", timeout=60_000)
    assert changed.evaluate("window.sammaSida === undefined")
    _wait_for_log(log, "Förhandsvisningen är uppdaterad.")
    other.wait_for_timeout(1000)
    assert other.evaluate("window.sammaSida === true"), "a page the save did not change was reloaded"
    # Pages closed while they wait for news leave nothing in the editor's terminal.
    changed.close()
    other.close()
    edit(project / "content" / "utredningar" / "samverkan-i-bergslagen" / "forslag-bkt.yml", "Nytt i testet. ", "")
    output = _wait_for_log(log, "Förhandsvisningen är uppdaterad.\nInnehållet ändrades")
    time.sleep(1)
    log.seek(0)
    assert "Traceback" not in log.read() and "Exception" not in output


def test_a_save_reloads_an_open_start_page(browser, serving):
    # The engine names the start page "./"; the page itself is at "/", and a
    # tab there was never reloaded (issue 21, item 7).
    project, url, log = serving
    start = browser.new_page()
    start.goto(url)
    start.wait_for_function("performance.getEntriesByType('resource').some(r => r.name.includes('status'))")
    start.evaluate("window.sammaSida = true")
    edit(project / "content" / "utredningar" / "samverkan-i-bergslagen" / "utredning.yml", "sammanfattning: ", "sammanfattning: Nytt på startsidan. ")
    start.wait_for_function("document.querySelector('article') && document.querySelector('article').innerText.includes('Nytt på startsidan.')", timeout=60_000)
    assert start.evaluate("window.sammaSida === undefined")
    start.close()


def test_the_themes_hashed_files_are_kept_by_the_browser_and_ours_are_asked_for_again(serving):
    import re
    import urllib.request

    _, url, _ = serving
    page = urllib.request.urlopen(url).read().decode("utf-8")
    theme = re.search(r'href="([^"]*main\.[0-9a-f]{8}\.min\.css)"', page)[1]
    ours = re.search(r'href="([^"]*samverkan\.css)"', page)[1]
    assert "immutable" in urllib.request.urlopen(url + theme).headers["Cache-Control"]
    assert urllib.request.urlopen(url + ours).headers["Cache-Control"] == "no-cache"


def test_var_star_det_har_names_the_file_and_line_of_each_text(browser, serving):
    project, url, _ = serving
    source = project / "content" / "utredningar" / "samverkan-i-bergslagen" / "forslag-bkt.yml"
    lines = source.read_text("utf-8").splitlines()
    # The proposal's page shows its reasons' introduction; its summary is on the municipalities' pages.
    line, summary = next((n, text.partition(": ")[2]) for n, text in enumerate(lines, 1) if text.startswith("motiv_inledning: "))
    page = browser.new_page()
    page.goto(url + "samverkan-i-bergslagen/bkt/")
    page.get_by_role("button", name="Var står det här?").click()
    label = page.locator(".forhandsvisning-kallor", has_text=f"forslag-bkt.yml:{line}").first
    label.wait_for(timeout=10_000)
    # The label stands in the block that shows that very text.
    block = label.locator("xpath=..")
    assert summary in block.inner_text()
    assert label.inner_text() == f"content/utredningar/samverkan-i-bergslagen/forslag-bkt.yml:{line}"
    assert page.get_by_role("button", name="Var står det här?").get_attribute("aria-pressed") == "true"
    # It stays on across the reload after a save, and goes with a second press.
    page.reload()
    page.locator(".forhandsvisning-kallor").first.wait_for(timeout=10_000)
    page.get_by_role("button", name="Var står det här?").click()
    assert page.locator(".forhandsvisning-kallor").count() == 0


def test_a_stop_whose_keyboard_interrupt_was_lost_still_ends_the_server():
    """Ctrl+C raises KeyboardInterrupt wherever Python happens to be; library
    code that swallows it (a finalizer, a cancelled task) once left a preview
    serving on. The stop is also kept as a flag that the server checks."""
    import http.server

    from samverkan.preview import serve as serving_module

    server = serving_module._Server(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    serving_module._STOP.set()
    try:
        with server, pytest.raises(KeyboardInterrupt):
            server.serve_forever(poll_interval=0.01)
    finally:
        serving_module._STOP.clear()


def test_a_failed_answer_is_one_swedish_line_with_nothing_for_the_terminal_to_act_on(capsys):
    import http.server

    from samverkan.preview import serve as serving_module

    with serving_module._Server(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler) as server:
        try:
            raise ValueError("/sida\x1b]0;kapad\x07")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        try:
            raise BrokenPipeError(32, "Broken pipe")
        except BrokenPipeError:
            server.handle_error(None, ("127.0.0.1", 1))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Förhandsvisningen kunde inte svara webbläsaren (ValueError: /sida\\x1b]0;kapad\\x07)")
    assert "\x1b" not in err and "Traceback" not in err


def test_the_schemas_follow_a_new_investigation_while_the_preview_runs(tmp_path):
    # VS Code's schemas offer the ids that exist; a new investigation adds some.
    import datetime as dt
    import shutil

    from samverkan.content.validate import validate
    from samverkan.editors.scaffold import scaffold
    from samverkan.editors.schema import generate

    project = make_project(tmp_path)
    shutil.copytree(ROOT / "schemas", project / "schemas")
    with (tmp_path / "serve.log").open("w+") as log, preview(project, log):
        scaffold(project / "content", "ny-utredning", "Ny utredning", dt.date(2026, 12, 6))
        _wait_for_log(log, "Uppdaterade från content/: schemas/gemensam-bild.schema.json, schemas/process.schema.json, "
                           "schemas/forslag.schema.json. De genereras; ta med dem i samma ändring.", seconds=60)
    for name, text in generate(validate(project / "content", project).ids).items():
        assert (project / "schemas" / name).read_text("utf-8") == text
