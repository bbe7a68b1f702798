"""The browser editor (/redaktor/): its configuration is generated from the
model, and an editor who has never seen YAML can record a council decision
and a remiss answer in Chromium, offline, with Decap's local back end."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import html_pages, need, visible_text
from harness.project import INVESTIGATION, build_project, make_project
from harness.servers import free_port, served, stop
from samverkan.content.validate import validate
from samverkan.editors.cms import generate
from samverkan.paths import ROOT
from samverkan.publish.editor import bundle
from samverkan.words.editors import FIELD_TITLES

REDAKTOR = ROOT / "redaktor"
NODE = shutil.which("node")
NPM_HINT = "decap-cms eller node saknas, så redaktörens tester hoppas över. Installera: make node_modules/.ready"
PROCESS = f"content/utredningar/{INVESTIGATION.name}/process.yml"
COLLECTION = f"utredning-{INVESTIGATION.name}"
NORA_WAITING = "    - kommun: nora\n      status: vantar\n"


def _config() -> dict:
    return yaml.safe_load((REDAKTOR / "config.yml").read_text("utf-8"))


def _fields(fields: list[dict]):
    for field in fields:
        yield field
        yield from _fields(field.get("fields", []))
        if "field" in field:
            # One item of a list of plain values: the list around it has the hint.
            yield {**field["field"], "hint": field.get("hint")}


def _all_fields():
    for collection in _config()["collections"]:
        for entry in collection["files"]:
            yield from _fields(entry["fields"])


def test_committed_configuration_is_what_the_model_generates():
    site = validate(ROOT / "content", ROOT)
    gitlab = yaml.safe_load((REDAKTOR / "gitlab.yml").read_text("utf-8"))
    for name, text in generate(ROOT / "content", site.ids, gitlab).items():
        assert (REDAKTOR / name).read_text("utf-8") == text, f"redaktor/{name} är inaktuell: kör make cms"


def test_every_content_file_has_a_form():
    forms = {entry["file"] for c in _config()["collections"] for entry in c["files"]}
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.yml")}
    assert forms == files


def test_every_field_is_labelled_and_explained_in_swedish():
    fields = list(_all_fields())
    assert len(fields) > 100
    for field in fields:
        # The catalogue's title, the model's description: the same words the YAML extension shows.
        assert field["label"] == FIELD_TITLES[field["name"]], field
        assert field.get("hint"), field


def test_references_dates_and_drafts_use_their_widgets():
    model = {f["name"]: f for f in _all_fields()}
    assert model["kommun"]["widget"] == "relation" and model["kommun"]["value_field"] == "kommuner.*.id"
    assert model["medlemmar"]["widget"] == "relation" and model["medlemmar"]["multiple"] is True
    assert model["lagt_vid"]["collection"] == COLLECTION and model["lagt_vid"]["value_field"] == "tidslinje.*.id"
    dates = [f for f in _all_fields() if f["name"] in ("datum", "uppdaterad")]
    assert dates and all(f["widget"] == "datetime" and f["format"] == "YYYY-MM-DD" and f["time_format"] is False for f in dates)
    drafts = [f for f in _all_fields() if f["name"] == "publicera"]
    assert drafts and all(f["widget"] == "publicera" and f.get("required") is False for f in drafts)
    # The production back end: GitLab with PKCE, every save a merge request.
    config = _config()
    assert config["locale"] == "sv" and config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "gitlab" and config["backend"]["auth_type"] == "pkce"
    # The preview link: a CI job of that name builds site/ and keeps it for the merge request.
    jobs = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    job = jobs[config["backend"]["preview_context"]]
    assert "site/" in job["artifacts"]["paths"] and any("build" in line for line in job["script"])


def test_the_build_serves_the_editor_and_no_page_links_to_it(built_site):
    need(bool(bundle()), NPM_HINT)
    assert (built_site / "redaktor" / "decap-cms.js").exists()
    assert (built_site / "redaktor" / "config.yml").read_text("utf-8") == (REDAKTOR / "config.yml").read_text("utf-8")
    for page in html_pages(built_site):
        assert "redaktor" not in page.read_text("utf-8"), page


# ------------------------------------------------------------------ in Chromium


@contextlib.contextmanager
def _decap_server(repo: Path, mode: str = "fs"):
    """Decap's local back end on a free port of 127.0.0.1, writing to repo:
    to its files (fs), or to branches of its git repository (git)."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(repo), "MODE": mode, "LOG_LEVEL": "warn"}
    server = subprocess.Popen([NODE, str(ROOT / "node_modules" / "decap-server" / "dist" / "index.js")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=2):
                    break
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        stop(server)


@contextlib.contextmanager
def _editor(tmp_path: Path, browser, *, workflow: bool):
    """A copy of the project, built, with /redaktor/ served and talking to
    decap-server in that copy; yields (project, page, base URL, requests).
    workflow: saves become branches of a git repository (merge requests on
    GitLab); otherwise they go straight to the files."""
    need(bool(bundle()) and NODE is not None, NPM_HINT)
    project = make_project(tmp_path / "projekt")
    site = build_project(project)
    if workflow:
        git = ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@127.0.0.1"]
        subprocess.run(["git", "init", "-q", "-b", "main", str(project)], check=True)
        (project / ".gitignore").write_text("site/\ndocs/\n", "utf-8")
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "start"], check=True)
    with _decap_server(project, "git" if workflow else "fs") as api:
        # The committed configuration with the local back end instead of GitLab.
        config = _config()
        config["backend"] = {"name": "proxy", "proxy_url": api, "branch": "main"}
        if not workflow:
            del config["publish_mode"]
        (site / "redaktor" / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        with served(site) as url:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url + "redaktor/")
            page.get_by_role("button", name="Logga in").click()
            page.get_by_text("Webbplatsen").first.wait_for()
            try:
                yield project, page, url, requests
            finally:
                context.close()


@pytest.fixture
def editor(tmp_path, browser):
    with _editor(tmp_path, browser, workflow=False) as session:
        yield session


def _open(page, url: str, collection: str, file: str) -> None:
    page.goto(f"{url}redaktor/#/collections/{collection}/entries/{file}")
    page.get_by_text("Tidslinje").first.wait_for()


def _expand(page, summary: str) -> None:
    """Open the collapsed list item whose summary line is summary."""
    label = page.locator("[class*=NestedObjectLabel]", has_text=re.compile(f"^{re.escape(summary)}$"))
    page.locator("[class*=listControlItem]", has=label).locator("button").first.click()


def _choose(page, field: str, option: str) -> None:
    """Pick an option in a Decap select (react-select) by its Swedish label."""
    box = page.locator(f"input[id^='{field}-field-']:visible").last
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def _save(page) -> None:
    page.get_by_role("button", name="Publicera", exact=True).click()
    page.get_by_text("Publicera nu").click()


def _as_saved(before: str) -> str:
    """before as the editor writes it back unchanged: the comment lines at the
    top kept, comments further down dropped (a form has no place for them)."""
    lines = before.splitlines(keepends=True)
    top = 0
    while top < len(lines) and lines[top].startswith("#"):
        top += 1
    return "".join(lines[:top] + [line for line in lines[top:] if not line.lstrip().startswith("#")])


def _wait_for_change(path: Path, before: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # decap-server empties the file and then writes it: read between the
        # two and the file is ''. Changed, then the same a moment later, is saved.
        if (text := path.read_text("utf-8")) != before and text:
            time.sleep(0.2)
            if path.read_text("utf-8") == text:
                return text
        time.sleep(0.1)
    raise AssertionError(f"{path.name} sparades inte")


def _only_local(requests: list[str]) -> None:
    outside = {r for r in requests if not r.startswith(("http://127.0.0.1:", "data:", "blob:"))}
    assert not outside


def _task(editor, name: str, fill) -> tuple[str, str, str]:
    """One editor's task on process.yml: open the form, fill(page), publish,
    rebuild. Returns the file before and after, and the process page's text.
    Only 127.0.0.1 may have been asked for anything on the way."""
    project, page, url, requests = editor
    started = time.monotonic()
    path = project / PROCESS
    before = path.read_text("utf-8")
    _open(page, url, COLLECTION, "process")
    fill(page)
    page.screenshot(path=str(_shots() / f"{name}-1280.png"))
    _save(page)
    after = _wait_for_change(path, before)
    in_browser = time.monotonic() - started
    site = build_project(project)
    _only_local(requests)
    print(f"\n{name}: {in_browser:.1f} s i webbläsaren, {time.monotonic() - started:.1f} s med bygget")
    return before, after, visible_text(site / INVESTIGATION.name / "process" / "index.html")


def _decide(page, outcome: str | None) -> None:
    """Nora's council decides, on 2 March 2026 (no date or outcome if None)."""
    _expand(page, "nora")
    _choose(page, "status", "Beslutat")
    if outcome:
        page.locator("input[id^='datum-field-']:visible").fill("2026-03-02")
        page.locator("textarea[id^='utfall-field-']:visible").fill(outcome)


def test_a_council_decision_recorded_in_the_forms(editor):
    before, after, text = _task(editor, "beslut", lambda page: _decide(page, "Kommunfullmäktige beslutade enligt utredningens förslag."))
    # Exactly Nora's lines changed; a date written bare, so YAML reads a date.
    assert after == _as_saved(before).replace(NORA_WAITING, NORA_WAITING.replace("vantar", "beslutad") + "      datum: 2026-03-02\n"
                                              "      utfall: Kommunfullmäktige beslutade enligt utredningens förslag.\n")
    assert yaml.safe_load(after)["beslut"]["kommuner"][3]["datum"].isoformat() == "2026-03-02"
    assert "Nora" in text and "2 mars 2026" in text and "enligt utredningens förslag" in text


def test_a_remiss_answer_added_in_the_forms(editor):
    def fill(page):
        page.get_by_role("button", name="Lägg till Svar").click()
        page.locator("input[id^='parti-field-']:visible").fill("Centerpartiet")
        _choose(page, "status", "Svar inkommet")
        page.locator("input[id^='datum-field-']:visible").last.fill("2026-02-10")
        page.locator("textarea[id^='sammanfattning-field-']:visible").fill("Partiet stöder förslagen för BKT och BMB.")

    before, after, text = _task(editor, "remissvar", fill)
    assert after == _as_saved(before).replace("  svar: []\n", "  svar:\n    - parti: Centerpartiet\n      status: inkommet\n"
                                              "      datum: 2026-02-10\n      sammanfattning: Partiet stöder förslagen för BKT och BMB.\n")
    assert "Centerpartiet" in text and "stöder förslagen" in text


def test_with_the_editorial_workflow_a_save_is_a_branch_not_a_change_of_main(tmp_path, browser):
    with _editor(tmp_path, browser, workflow=True) as (project, page, url, requests):
        path = project / PROCESS
        before = path.read_text("utf-8")
        _open(page, url, COLLECTION, "process")
        _decide(page, "Beslutat.")
        page.get_by_role("button", name="Spara", exact=True).click()
        branch = f"cms/{COLLECTION}/process"

        def on_branch() -> str:
            # decap-server makes the branch first and commits to it after.
            listed = branch in _git(project, "branch", "--list", branch)
            return _git(project, "show", f"{branch}:{PROCESS}") if listed else before

        deadline = time.monotonic() + 20
        while (saved := on_branch()) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        page.get_by_role("button", name="Status: Utkast").wait_for()
        page.screenshot(path=str(_shots() / "arbetsflode-1280.png"))
        # main is untouched; the change waits on its own branch for review.
        assert _git(project, "show", f"main:{PROCESS}") == before
        assert saved == _as_saved(before).replace(NORA_WAITING, NORA_WAITING.replace("vantar", "beslutad") +
                                                  "      datum: 2026-03-02\n      utfall: Beslutat.\n")
        _only_local(requests)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def test_a_decision_without_date_is_stopped_with_the_models_message(editor):
    project, page, url, _ = editor
    path = project / PROCESS
    before = path.read_text("utf-8")
    _open(page, url, COLLECTION, "process")
    _decide(page, None)
    _save(page)
    from samverkan.words import msg

    toast = page.get_by_text(msg("decision_fields"), exact=False)
    toast.wait_for()
    toast.scroll_into_view_if_needed()
    page.screenshot(path=str(_shots() / "regel-1280.png"))
    time.sleep(1)
    assert path.read_text("utf-8") == before


def test_no_axe_violations_in_the_editors_main_views(editor):
    project, page, url, _ = editor
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    need(axe.exists(), NPM_HINT)
    found = {}
    views = {"samlingar": "#/collections/webbplatsen", "utredning": f"#/collections/{COLLECTION}",
             "process": f"#/collections/{COLLECTION}/entries/process", "nora": f"#/collections/{COLLECTION}/entries/process",
             "kommuner": "#/collections/webbplatsen/entries/kommuner"}
    for name, hash_ in views.items():
        page.goto(f"{url}redaktor/{hash_}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        if name == "nora":  # the form of one decision, open
            _expand(page, "nora")
        page.add_script_tag(path=str(axe))
        result = page.evaluate("async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
                               ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160))}))")
        found[name] = result
        page.screenshot(path=str(_shots() / f"{name}-1280.png"))
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=str(_shots() / f"{name}-375.png"))
        page.set_viewport_size({"width": 1280, "height": 900})
    (_shots() / "axe.json").write_text(json.dumps(found, indent=2), "utf-8")
    assert found == {name: [] for name in views}


def _shots() -> Path:
    folder = Path(os.environ.get("SHOTS_DIR", ROOT / ".pytest_cache" / "redaktor"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_editors_yaml_writes_every_file_back_as_it_was(browser, served_site):
    """Saving a form unchanged must not rewrite a file: the editor's YAML
    format (redaktor/index.html) keeps the top comments, the order, the long
    lines and the bare dates, and make check still reads the same data."""
    need(bool(bundle()), NPM_HINT)
    page = browser.new_page()
    try:
        page.goto(served_site + "redaktor/")
        page.wait_for_function("() => window.CMS && CMS.getCustomFormatsFormatters()['samverkan-yml']")
        for path in sorted((ROOT / "content").rglob("*.yml")):
            text = path.read_text("utf-8")
            saved = page.evaluate("t => { const f = CMS.getCustomFormatsFormatters()['samverkan-yml']; return f.toFile(f.fromFile(t)); }", text)
            assert yaml.safe_load(saved) == yaml.safe_load(text), path
            # Flow lists ([a, b]) become one item a line; nothing else changes.
            expected = re.sub(r"^( *)(\w+): \[(.*)\]$", lambda m: f"{m[1]}{m[2]}:" + "".join(
                f"\n{m[1]}  - {item}" for item in m[3].split(", ")) if m[3] else m[0], _as_saved(text), flags=re.M)
            assert saved == expected, path
        # Text that YAML 1.1 (make check) would read as true or false is quoted.
        written = page.evaluate("() => CMS.getCustomFormatsFormatters()['samverkan-yml'].toFile({a: 'no', b: 'Nej', c: '2026-03-02'})")
        assert yaml.safe_load(written) == {"a": "no", "b": "Nej", "c": dt.date(2026, 3, 2)}
    finally:
        page.close()
