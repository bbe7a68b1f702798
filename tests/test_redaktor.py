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
from playwright.sync_api import expect

from conftest import html_pages, need, visible_text
from harness.project import INVESTIGATION, build_project, make_project
from harness.servers import free_port, served, stop
from samverkan.content.validate import validate
from samverkan.editors.cms import generate
from samverkan.editors.forms import form_words
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
        # A files collection's forms, or the folder collection's one form.
        for entry in collection.get("files", [collection]):
            yield from _fields(entry["fields"])


def test_committed_configuration_is_what_the_model_generates():
    site = validate(ROOT / "content", ROOT)
    gitlab = yaml.safe_load((REDAKTOR / "gitlab.yml").read_text("utf-8"))
    for name, text in generate(ROOT / "content", site.ids, gitlab).items():
        assert (REDAKTOR / name).read_text("utf-8") == text, f"redaktor/{name} är inaktuell: kör make cms"


def test_every_content_file_has_a_form():
    forms = {entry["file"] for c in _config()["collections"] for entry in c.get("files", [])}
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
    assert dates and all(f["widget"] == "datum" for f in dates)
    drafts = [f for f in _all_fields() if f["name"] == "publicera"]
    # Every form's switch, but the new investigation's: a draft, not asked.
    assert [f for f in drafts if f["widget"] == "hidden"] == [{**drafts[-1], "default": False}]
    assert drafts and all(f["widget"] == "publicera" and f.get("required") is False for f in drafts[:-1])
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
    # Its own icon, so the browser's request for one is not a 404.
    assert (built_site / "redaktor" / "favicon.svg").exists()
    assert 'rel="icon" href="favicon.svg"' in (built_site / "redaktor" / "index.html").read_text("utf-8")
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


def _type(page, selector: str, text: str) -> None:
    """Click the (last matching) field and type, as a person does."""
    page.locator(selector).last.click()
    page.keyboard.type(text)


def _decide(page, outcome: str | None) -> None:
    """Nora's council decides, on 2 March 2026 (no date or outcome if None)."""
    _expand(page, "Nora")
    _choose(page, "status", "Beslutat")
    if outcome:
        # Typed digit by digit, as a person types it; the form says it back in words.
        page.locator("input[id^='datum-field-']:visible").click()
        page.keyboard.type("2026-03-02", delay=30)
        expect(page.get_by_text("2 mars 2026", exact=True)).to_be_visible()
        page.locator("textarea[id^='utfall-field-']:visible").click()
        page.keyboard.type(outcome)


def test_a_council_decision_recorded_in_the_forms(editor):
    before, after, text = _task(editor, "beslut", lambda page: _decide(page, "Kommunfullmäktige beslutade enligt utredningens förslag."))
    # Exactly Nora's lines changed; a date written bare, so YAML reads a date.
    assert after == before.replace(NORA_WAITING, NORA_WAITING.replace("vantar", "beslutad") + "      datum: 2026-03-02\n"
                                              "      utfall: Kommunfullmäktige beslutade enligt utredningens förslag.\n")
    assert yaml.safe_load(after)["beslut"]["kommuner"][3]["datum"].isoformat() == "2026-03-02"
    assert "Nora" in text and "2 mars 2026" in text and "enligt utredningens förslag" in text


def test_a_remiss_answer_added_in_the_forms(editor):
    def fill(page):
        page.get_by_role("button", name="Lägg till Svar").click()
        _type(page, "input[id^='parti-field-']:visible", "Centerpartiet")
        _choose(page, "status", "Svar inkommet")
        _type(page, "input[id^='datum-field-']:visible", "2026-02-10")
        _type(page, "textarea[id^='sammanfattning-field-']:visible", "Partiet stöder förslagen för BKT och BMB.")

    before, after, text = _task(editor, "remissvar", fill)
    assert after == before.replace("  svar: []\n", "  svar:\n    - parti: Centerpartiet\n      status: inkommet\n"
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
        page.get_by_role("button", name="Status: Utkast").click()
        page.get_by_text("Redo", exact=True).click()
        page.get_by_role("button", name="Status: Redo").wait_for()
        page.screenshot(path=str(_shots() / "arbetsflode-1280.png"))
        # Ready, and still nothing to publish with: that is GitLab's merge request.
        publish = page.get_by_role("button", name=re.compile("^Publicera"))
        expect(publish).to_have_count(0)
        page.goto(f"{url}redaktor/#/workflow")
        page.get_by_text("Redo").first.wait_for()
        page.wait_for_timeout(500)
        page.screenshot(path=str(_shots() / "arbetsflode-tavla-1280.png"))
        expect(publish).to_have_count(0)
        # The card dates the change in Swedish: today, day first.
        months = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december")
        today = dt.date.today()
        expect(page.get_by_text(f"{today.day} {months[today.month - 1]}", exact=True)).to_be_visible()
        # main is untouched; the change waits on its own branch for review.
        assert _git(project, "show", f"main:{PROCESS}") == before
        assert saved == before.replace(NORA_WAITING, NORA_WAITING.replace("vantar", "beslutad") +
                                                  "      datum: 2026-03-02\n      utfall: Beslutat.\n")
        _only_local(requests)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def test_a_decision_without_date_is_stopped_with_the_models_message_in_the_forms_words(editor):
    project, page, url, _ = editor
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    path = project / PROCESS
    before = path.read_text("utf-8")
    _open(page, url, COLLECTION, "process")
    _decide(page, None)
    _save(page)
    from samverkan.words import msg

    # make check's rule, with the form's labels for its keys and values.
    message = form_words(msg("decision_fields"))
    assert "`" not in message and "”Datum”" in message and "Status: Beslutat" in message
    toast = page.get_by_text(message, exact=False)
    toast.wait_for()
    toast.scroll_into_view_if_needed()
    page.screenshot(path=str(_shots() / "regel-1280.png"))
    time.sleep(1)
    assert path.read_text("utf-8") == before
    # Stopped and said in the form: no uncaught error in the page.
    assert errors == []


def test_no_axe_violations_in_the_editors_views_at_1280_and_375_px(editor):
    project, page, url, _ = editor
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    need(axe.exists(), NPM_HINT)
    found = {}
    views = {"samlingar": "#/collections/webbplatsen", "utredning": f"#/collections/{COLLECTION}",
             "process": f"#/collections/{COLLECTION}/entries/process", "nora": f"#/collections/{COLLECTION}/entries/process",
             "kommuner": "#/collections/webbplatsen/entries/kommuner", "forslag": f"#/collections/{COLLECTION}/entries/forslag-bmb",
             "ny-utredning": "#/collections/ny-utredning/new", "nya-utredningar": "#/collections/ny-utredning"}
    for name, hash_ in views.items():
        for width, height in ((1280, 900), (375, 800)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto("about:blank")
            page.goto(f"{url}redaktor/{hash_}")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            if name == "nora":  # the form of one decision, open
                _expand(page, "Nora")
            page.add_script_tag(path=str(axe))
            result = page.evaluate("async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))"
                                   ".violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160))}))")
            found[f"{name}-{width}"] = result
            page.screenshot(path=str(_shots() / f"{name}-{width}.png"), full_page=True)
    (_shots() / "axe.json").write_text(json.dumps(found, indent=2, ensure_ascii=False), "utf-8")
    assert found == dict.fromkeys(found, [])


def _shots() -> Path:
    folder = Path(os.environ.get("SHOTS_DIR", ROOT / ".pytest_cache" / "redaktor"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_every_content_file_is_in_the_form_the_editors_writer_emits(browser, served_site):
    """Saving a form unchanged must not change a byte: the editor's YAML
    writer (redaktor/redaktor.js) applies the form's data to the file's own
    document, so comments, key order, quoting and flow lists stay. A content
    file written by hand in another form (say [ a, b ] with spaces) fails
    here: write it as the editor would, or its first save reformats it."""
    need(bool(bundle()), NPM_HINT)
    page = browser.new_page()
    try:
        page.goto(served_site + "redaktor/")
        page.wait_for_function("() => window.CMS && CMS.getCustomFormatsFormatters()['samverkan-yml']")
        for path in sorted((ROOT / "content").rglob("*.yml")):
            text = path.read_text("utf-8")
            saved = page.evaluate("t => { const f = CMS.getCustomFormatsFormatters()['samverkan-yml']; return f.toFile(f.fromFile(t)); }", text)
            assert saved == text, f"{path.relative_to(ROOT)} är inte skriven som redaktören skriver den"
        # Text that YAML 1.1 (make check) would read as something else is
        # quoted; a date field's date is bare; an emptied field is left out.
        written = page.evaluate("() => CMS.getCustomFormatsFormatters()['samverkan-yml']"
                                ".toFile({a: 'no', b: 'Nej', c: '2015-04-07', d: '1:30', datum: '2026-03-02', e: ''})")
        assert written == 'a: "no"\nb: Nej\nc: "2015-04-07"\nd: "1:30"\ndatum: 2026-03-02\n'
        assert yaml.safe_load(written) == {"a": "no", "b": "Nej", "c": "2015-04-07", "d": "1:30", "datum": dt.date(2026, 3, 2)}
    finally:
        page.close()


# One ordinary edit per form: (collection, file, the list item to open or
# None, the field). Every content file has a form (test above), so every
# form is here.
INV = f"content/utredningar/{INVESTIGATION.name}/"
EDITS = {
    "content/webbplats.yml": ("webbplatsen", "webbplats", None, "beskrivning"),
    "content/kommuner.yml": ("webbplatsen", "kommuner", None, "beskrivning"),
    "content/organisationer.yml": ("webbplatsen", "organisationer", "Bergslagens Kommunalteknik", "verksamhet"),
    "content/dokument.yml": ("webbplatsen", "dokument", "Bergslagens miljö- och byggnämnd och dess förvaltning – en utvärdering och förslag till förändringar", "sammanfattning"),
    "content/ordlista.yml": ("webbplatsen", "ordlista", "BKT", "forklaring"),
    "content/tillganglighet.yml": ("webbplatsen", "tillganglighet", None, "metod"),
    INV + "utredning.yml": (COLLECTION, "utredning", None, "uppdrag"),
    INV + "process.yml": (COLLECTION, "process", "Styrgruppens sista sammanträde", "beskrivning"),
    INV + "styrgrupp.yml": (COLLECTION, "styrgrupp", None, "sammanfattning"),
    INV + "gemensam-bild.yml": (COLLECTION, "gemensam-bild", None, "inledning"),
    INV + "forslag-bkt.yml": (COLLECTION, "forslag-bkt", None, "sammanfattning"),
    INV + "forslag-bmb.yml": (COLLECTION, "forslag-bmb", None, "sammanfattning"),
}
ADDED = " Ändrat i redaktören."


def _changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))]


def test_every_form_saves_an_edit_typed_with_the_keyboard_and_changes_only_that_line(editor):
    project, page, url, requests = editor
    assert set(EDITS) == {p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.yml")}
    exact = {}
    for file, (collection, entry, item, field) in EDITS.items():
        path = project / file
        before = path.read_text("utf-8")
        # A fresh page per form: Decap, sent to another entry by the address
        # alone just after a save, draws that entry's form empty.
        page.goto("about:blank")
        page.goto(f"{url}redaktor/#/collections/{collection}/entries/{entry}")
        if item:
            page.locator("[class*=NestedObjectLabel]", has_text=item).first.wait_for()
            _expand(page, item)
        box = page.locator(f"textarea[id^='{field}-field-']:visible, input[id^='{field}-field-']:visible").first
        # The form is drawn before the file is read: wait for the text.
        expect(box).not_to_have_value("")
        box.click()
        page.keyboard.press("Control+End")
        # At a person's pace, not all at once: on a loaded CI machine Decap's
        # controlled field, drawn again from a state a few keys old, dropped
        # two keys ("redtören") when the keys came with no pause between.
        page.keyboard.type(ADDED, delay=30)
        _save(page)
        try:
            after = _wait_for_change(path, before, 10)
        except AssertionError:
            exact[file] = "sparades inte"
            page.screenshot(path=str(_shots() / f"osparad-{entry}-1280.png"))
            continue
        lines = _changed_lines(before, after)
        exact[file] = "exakt" if len(lines) == 2 and lines[1] == lines[0].replace("-", "+", 1) + ADDED else lines
    saved = sum(v != "sparades inte" for v in exact.values())
    print(f"\nformulär som sparar: {saved}/{len(EDITS)}, exakta ändringar: {sum(v == 'exakt' for v in exact.values())}/{saved}")
    assert exact == dict.fromkeys(EDITS, "exakt")
    validate(project / "content", project)
    _only_local(requests)


def test_a_date_like_text_in_a_text_field_is_written_quoted_and_passes_make_check(editor):
    """2015-04-07 typed as a text (a document's type, say) stays a text:
    written bare, YAML would read a date and make check would refuse it."""
    project, page, url, requests = editor
    path = project / "content" / "webbplats.yml"
    before = path.read_text("utf-8")
    page.goto(f"{url}redaktor/#/collections/webbplatsen/entries/webbplats")
    box = page.locator("input[id^='informationsagare-field-']:visible")
    expect(box).not_to_have_value("")
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("2015-04-07")
    _save(page)
    after = _wait_for_change(path, before)
    assert _changed_lines(before, after)[1] == '+informationsagare: "2015-04-07"'
    assert yaml.safe_load(after)["informationsagare"] == "2015-04-07"
    validate(project / "content", project)


def test_a_date_that_does_not_exist_is_stopped_in_the_form(editor):
    project, page, url, _ = editor
    path = project / PROCESS
    before = path.read_text("utf-8")
    _open(page, url, COLLECTION, "process")
    _expand(page, "Nora")
    _choose(page, "status", "Beslutat")
    page.locator("input[id^='datum-field-']:visible").click()
    page.keyboard.type("2026-02-30")
    page.locator("textarea[id^='utfall-field-']:visible").click()
    page.keyboard.type("Beslutat.")
    _save(page)
    expect(page.get_by_text("Skriv datumet som år-månad-dag").first).to_be_visible()
    time.sleep(1)
    assert path.read_text("utf-8") == before


def test_a_new_investigation_started_in_the_browser_is_a_draft_that_builds(editor):
    """Title typed, id left to be made from it, municipalities and an
    organisation picked from lists: the save writes every file make
    ny-utredning writes, as a draft, and the site builds."""
    project, page, url, requests = editor
    page.goto(f"{url}redaktor/#/collections/ny-utredning/new")
    title = page.locator("input[id^='titel-field-']")
    # The new form is drawn again while Decap reads the collections its pick
    # lists come from; what is typed before that is lost. Type once it stands.
    page.wait_for_load_state("networkidle")
    page.locator("input[id^='organisationer-field-']").wait_for()
    page.wait_for_timeout(1500)
    title.click()
    page.keyboard.type("Gemensam växel för Nora och Lindesberg")
    expect(title).to_have_value("Gemensam växel för Nora och Lindesberg")
    for name in ("Nora", "Lindesberg"):
        page.locator("input[id^='kommuner-field-']").click()
        page.get_by_role("option", name=name, exact=True).click()
    page.locator("input[id^='organisationer-field-']").click()
    page.get_by_role("option", name="Bergslagens miljö- och byggförvaltning", exact=True).click()
    page.keyboard.press("Escape")  # the list closed, as after a pick with the mouse elsewhere
    page.screenshot(path=str(_shots() / "ny-utredning-1280.png"), full_page=True)
    _save(page)
    page.get_by_text("Inlägg sparat").wait_for()
    folder = project / "content" / "utredningar" / "gemensam-vaxel-for-nora-och-lindesberg"
    deadline = time.monotonic() + 20
    while not (folder / "process.yml").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    page.screenshot(path=str(_shots() / "ny-utredning-sparad-1280.png"))
    assert sorted(p.name for p in folder.iterdir()) == ["gemensam-bild.yml", "process.yml", "styrgrupp.yml", "utredning.yml"]
    made = yaml.safe_load((folder / "utredning.yml").read_text("utf-8"))
    assert made["id"] == folder.name and made["titel"] == "Gemensam växel för Nora och Lindesberg"
    assert made["kommuner"] == ["nora", "lindesberg"] and made["organisationer"] == ["bmb"] and made["publicera"] is False
    assert [k["kommun"] for k in yaml.safe_load((folder / "process.yml").read_text("utf-8"))["beslut"]["kommuner"]] == ["nora", "lindesberg"]
    validate(project / "content", project)
    site = build_project(project)
    # A draft: built, and not on the site until it is published.
    assert (site / "index.html").exists() and not (site / folder.name).exists()
    _only_local(requests)


# English that Decap and its pick lists (react-select) would have a screen
# reader say: widget names, the live region's guidance, button names.
ENGLISH_SPOKEN = re.compile(r"Fältet (object|string|text|list|relation|select|number|boolean|hidden|datum|publicera)\b|results? available"
                            r"|Use Up and Down|press Enter|\bRemove\b|\boption\b|\bfocused\b|\bclose\b|\bselected\b|Select\.\.\.|No options")


def test_a_screen_reader_hears_swedish_in_the_forms_and_pick_lists(editor):
    project, page, url, _ = editor
    heard = []
    for view in (f"#/collections/{COLLECTION}/entries/process", "#/collections/ny-utredning/new"):
        page.goto("about:blank")
        page.goto(f"{url}redaktor/{view}")
        page.wait_for_load_state("networkidle")
        if "process" in view:
            _expand(page, "Nora")
            page.locator("input[id^='status-field-']:visible").last.click()
        else:
            page.locator("input[id^='kommuner-field-']").click()
            page.keyboard.press("ArrowDown")
        page.wait_for_timeout(300)
        # Names given for screen readers alone, and what live regions say
        # (the roles a snapshot shows are the reader's own words).
        heard += page.evaluate("() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
                               ".concat([...document.querySelectorAll('[aria-live]')].map(e => e.textContent))")
    said = "\n".join(heard)
    assert "träff" in said  # the pick list's live region did speak
    assert [m[0] for m in ENGLISH_SPOKEN.finditer(said)] == []
