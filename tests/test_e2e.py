"""The whole publish loop, as a municipality runs it, every part real and on
127.0.0.1 (issue 20): an editor records a council decision in the browser
editor, the change is merged as GitLab merges, gitlab-ci-local runs the
pipeline on the merged commit, the deploy job publishes over SSH to an
account made by plain `useradd -m`, nginx serves it with the shipped
configuration, and a reader sees it; then the rollback job, and the reader
sees the earlier state again.

A bare git repository stands in for GitLab's repository, and Decap's local
back end (decap-server, in the editor's clone of it) for GitLab's API: the
IT set-up commit points redaktor/gitlab.yml at it and runs `make cms`, as
IT does for their GitLab, so the editor's Content-Security-Policy in
samverkan.conf is the one `make cms` writes. The one thing swapped is the
editor's config.yml back end (gitlab → proxy), in the browser's request,
because decap-server speaks the proxy back end's protocol, not GitLab's.

The decision is test data in throwaway clones, never the project's content:
the source article records no decision. Its date is today's, typed.

Each step is named; a failing one says which, and the durations are printed.
Run as root (it makes real accounts); in CI (CI=true) anything missing fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import need
from harness.loop import (
    GITLAB_CI_LOCAL,
    GITLAB_REMOTE,
    Steps,
    account,
    authorize,
    bare_remote,
    git,
    home,
    keypair,
    merge_as_gitlab,
    pages_stating,
    passed_jobs,
    planned_jobs,
    run_pipeline,
    runner_clone,
    snapshot,
    ssh_server,
)
from harness.project import INVESTIGATION
from harness.servers import free_port, stop, wait_for_http
from harness.sshd import SSHD
from samverkan.pages.swedish import datum
from samverkan.paths import ROOT

pytestmark = [pytest.mark.slow]

COLLECTION = f"utredning-{INVESTIGATION.name}"
PROCESS = f"content/utredningar/{INVESTIGATION.name}/process.yml"
MUNICIPALITY = ("nora", "Nora")  # id in content/kommuner.yml, and how pages name it
# What the pipeline runs for a change of content/ only (issue 20, item 9).
CONTENT_JOBS = {"check", "build", "smoke", "deploy"}
REQUEST_JOBS = {"check", "build", "smoke", "review"}
OUTCOME = "Kommunfullmäktige beslutade enligt utredningens förslag."
TOOLS_HINT = ("Helhetstestet behöver root (det skapar konton med useradd), sshd, nginx, rsync, Chromium, node och "
              "gitlab-ci-local: sudo apt-get install openssh-server nginx rsync chromium npm och make node_modules/.ready")


def _tools_present() -> bool:
    return (os.geteuid() == 0 and SSHD.exists() and Path("/usr/sbin/nginx").exists() and GITLAB_CI_LOCAL.exists()
            and all(shutil.which(tool) for tool in ("rsync", "ssh", "useradd", "node")) and Path("/usr/bin/chromium").exists())


# ------------------------------------------------------------------ the editor


@contextlib.contextmanager
def _decap_server(repo: Path, port: int) -> Iterator[str]:
    """decap-server writing branches of repo's git (the editorial workflow); yields its API address."""
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(repo), "MODE": "git",
           "LOG_LEVEL": "warn"}
    server = subprocess.Popen(["node", str(ROOT / "node_modules" / "decap-server" / "dist" / "index.js")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 30
        while True:
            request = urllib.request.Request(api, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("decap-server did not start") from None
                time.sleep(0.2)
        yield api
    finally:
        stop(server)


@contextlib.contextmanager
def _nginx(work: Path, site: Path, port: int, previews: Path, preview_port: int) -> Iterator[str]:
    """nginx with work's own samverkan.conf (its `make intranet`, run from
    that clone), the previews' server too; yields the site's address."""
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "-m", "harness.nginx",
                               "--site", str(site), "--port", str(port),
                               "--granskning", str(previews), "--granskning-port", str(preview_port)],
                              cwd=work, env={**os.environ, "PYTHONPATH": str(work / "scripts")},
                              stdout=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, server, seconds=20)
        yield url
    finally:
        stop(server)


def _record_decision(page, base: str, api: str, day: dt.date) -> None:
    """As an editor: log in, open the process form, open Nora's decision,
    choose "Beslutat", type the date and the outcome, save (editorial
    workflow: a branch, GitLab's merge request). Mouse and keyboard only."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    def config(route):
        # The published config.yml, with decap-server's protocol instead of GitLab's.
        settings = yaml.safe_load(route.fetch().text())
        settings["backend"] = {"name": "proxy", "proxy_url": api, "branch": "main"}
        route.fulfill(body=yaml.safe_dump(settings, allow_unicode=True), content_type="text/yaml")

    page.route("**/redaktor/config.yml", config)
    try:
        _fill_in(page, base, day)
    except Exception as exc:
        raise AssertionError(f"{exc}\nContent-Security-Policy violations: {violations}") from exc
    assert not violations, violations


def _fill_in(page, base: str, day: dt.date) -> None:
    """The editor's clicks and keys, from the login to the saved draft."""
    page.goto(base + "redaktor/")
    page.get_by_role("button", name="Logga in").click()
    page.get_by_text("Webbplatsen").first.wait_for()
    page.goto(f"{base}redaktor/#/collections/{COLLECTION}/entries/process")
    page.get_by_text("Tidslinje").first.wait_for()
    label = page.locator("[class*=NestedObjectLabel]", has_text=re.compile(f"^{MUNICIPALITY[1]}$"))
    page.locator("[class*=listControlItem]", has=label).locator("button").first.click()
    page.locator("input[id^='status-field-']:visible").last.click()
    page.get_by_role("option", name="Beslutat", exact=True).click()
    _type_date(page, page.locator("input[id^='datum-field-']:visible").last, day)
    page.locator("textarea[id^='utfall-field-']:visible").last.click()
    page.keyboard.type(OUTCOME)
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_role("button", name="Status: Utkast").wait_for(timeout=30_000)


def _type_date(page, field, day: dt.date) -> None:
    """Types the date as the form asks for it (år-månad-dag), digit by
    digit; the form says it back in Swedish words, which is checked."""
    field.click()
    page.keyboard.type(day.isoformat(), delay=30)
    page.get_by_text(datum(day), exact=True).wait_for()


def _branch_with_change(repo: Path, before: str, seconds: float = 30) -> str:
    """The editor's branch once decap-server has committed the change to it."""
    deadline = time.monotonic() + seconds
    branch = f"cms/{COLLECTION}/process"
    while time.monotonic() < deadline:
        if git(repo, "branch", "--list", branch) and git(repo, "show", f"{branch}:{PROCESS}") != before:
            return branch
        time.sleep(0.2)
    raise AssertionError(f"no commit on {branch} after saving")


def _shots() -> Path:
    folder = Path(os.environ.get("SHOTS_DIR", ROOT / ".pytest_cache" / "e2e"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ------------------------------------------------------------------ the reader


_READ = """name => {
  const h1 = document.querySelector('main h1');
  const own = !!h1 && h1.innerText.includes(name);
  return [...document.querySelectorAll('main tr, main li, main p, main dd')]
    .filter(e => !e.querySelector('tr, li, p, dd'))
    .map(e => e.innerText.replace(/\\s+/g, ' ').trim())
    .filter(t => own || t.includes(name));
}"""


def _read(context, url: str) -> tuple[list[str], str]:
    """What a reader sees at url: the parts that name the municipality, and the whole main text."""
    page = context.new_page()
    try:
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
        return page.evaluate(_READ, MUNICIPALITY[1]), page.inner_text("main")
    finally:
        page.close()


# ------------------------------------------------------------------ the scenario


def test_an_editors_decision_reaches_the_reader_and_a_rollback_takes_it_back(tmp_path, browser):
    need(_tools_present(), TOOLS_HINT)
    steps = Steps()
    today = dt.date.today()
    said = datum(today)
    ci_home = tmp_path / "gcl-home"
    stand_in = free_port()  # decap-server's port: the editor's "GitLab"
    nginx_port, preview_port = free_port(), free_port()
    try:
        with contextlib.ExitStack() as stack:
            deploy_user = stack.enter_context(account("sv-deploy"))
            preview_user = stack.enter_context(account("sv-preview"))

            with steps("GitLab's repository: this project at HEAD and IT's set-up commit, in a bare repository"):
                work = snapshot(tmp_path)
                gitlab = work / "redaktor" / "gitlab.yml"
                settings = yaml.safe_load(gitlab.read_text("utf-8"))
                settings.update(base_url=f"http://127.0.0.1:{stand_in}", api_root=f"http://127.0.0.1:{stand_in}/api/v4")
                gitlab.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
                cms = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "samverkan", "cms"], cwd=work,
                                     env={**os.environ, "PYTHONPATH": str(work / "scripts")}, capture_output=True, text=True)
                assert cms.returncode == 0, cms.stdout + cms.stderr
                git(work, "commit", "-q", "-am", "IT: the editor saves to this GitLab")
                remote = bare_remote(tmp_path, work)

            with steps("OpenSSH with the deploy and preview accounts (useradd -m, login shell /bin/sh)"):
                keys = tmp_path / "nycklar"
                keys.mkdir()
                deploy_key, deploy_public = keypair(keys, "deploy")
                preview_key, preview_public = keypair(keys, "preview")
                # As the IT guide sets them up: the deploy account logs in with its
                # key; the preview account's key may only run rsync in its folder.
                authorize(deploy_user, deploy_public)
                previews = home(preview_user) / "granskning"
                subprocess.run(["install", "-d", "-o", preview_user, "-g", preview_user, str(previews)], check=True)
                authorize(preview_user, f'command="/usr/bin/rrsync {previews}",restrict {preview_public}')
                for user in (deploy_user, preview_user):
                    shell = subprocess.run(["getent", "passwd", user], capture_output=True, text=True, check=True).stdout
                    assert shell.strip().endswith(":/bin/sh"), shell
                (tmp_path / "sshd").mkdir()
                variables = stack.enter_context(ssh_server(tmp_path / "sshd", [deploy_user, preview_user]))
                deploy_path = home(deploy_user) / "samverkan"
                variables.update(DEPLOY_USER=deploy_user, DEPLOY_SSH_KEY=str(deploy_key), DEPLOY_PATH=str(deploy_path),
                                 SITE_URL=f"http://127.0.0.1:{nginx_port}/",
                                 REVIEW_USER=preview_user, REVIEW_SSH_KEY=str(preview_key),
                                 REVIEW_URL=f"http://127.0.0.1:{preview_port}")
                # Every Developer sees the preview key: it must not open a shell.
                shutil.copy(preview_key, keys / "preview-privat")
                (keys / "preview-privat").chmod(0o600)
                refused = subprocess.run(["ssh", "-p", variables["DEPLOY_PORT"], "-i", str(keys / "preview-privat"),
                                          "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                                          f"{preview_user}@127.0.0.1", "id"], capture_output=True, text=True, timeout=30)
                # Let in (the key is right), and refused by rrsync, not by sshd.
                assert "uid=" not in refused.stdout and refused.returncode != 0 and "rrsync" in refused.stderr, refused

            with steps("gitlab-ci-local publishes main as it is (the state before the change): build, deploy"):
                runner = runner_clone(remote, tmp_path)
                log = run_pipeline(runner, ci_home, variables, "build", "deploy")
                assert {"build", "deploy"} <= set(passed_jobs(log)), log[-3000:]
                earlier_site = runner / "site"

            with steps("nginx with the project's samverkan.conf serves DEPLOY_PATH/current; the reader reads"):
                base = stack.enter_context(_nginx(work, deploy_path / "current", nginx_port, previews, preview_port))
                reader = browser.new_context(locale="sv-SE")
                stack.callback(reader.close)
                before = {address: _read(reader, base + address) for address in
                          pages_stating(earlier_site, MUNICIPALITY[1], lambda text: True)}
                assert before

            with steps("The editor records the decision in Chromium at /redaktor/ and saves it to a branch"):
                editor_repo = tmp_path / "redaktorns-klon"
                subprocess.run(["git", "clone", "-q", str(remote), str(editor_repo)], check=True)
                original = (editor_repo / PROCESS).read_text("utf-8")
                api = stack.enter_context(_decap_server(editor_repo, stand_in))
                editor = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
                stack.callback(editor.close)
                page = editor.new_page()
                try:
                    _record_decision(page, base, api, today)
                finally:
                    page.screenshot(path=str(_shots() / "redaktor-beslut-1280.png"), full_page=True)
                branch = _branch_with_change(editor_repo, original)
                saved = yaml.safe_load(git(editor_repo, "show", f"{branch}:{PROCESS}"))
                decision = next(k for k in saved["beslut"]["kommuner"] if k["kommun"] == MUNICIPALITY[0])
                assert decision == {"kommun": MUNICIPALITY[0], "status": "beslutad", "datum": today, "utfall": OUTCOME}, decision

            with steps("The branch is pushed (a merge request); its pipeline publishes a preview the reviewer reads"):
                git(editor_repo, "push", "-q", "origin", branch)
                runner = runner_clone(remote, tmp_path, before=git(remote, "rev-parse", "main"))
                git(runner, "checkout", "-q", "-B", branch, f"origin/{branch}")
                request = {**variables, "CI_PIPELINE_SOURCE": "merge_request_event"}
                planned = planned_jobs(runner, ci_home, request)
                assert {job for job, when in planned.items() if when != "manual"} == REQUEST_JOBS, planned
                log = run_pipeline(runner, ci_home, request)
                assert set(passed_jobs(log)) == REQUEST_JOBS, log[-3000:]
                slug = re.sub(r"[^a-z0-9]+", "-", branch.lower())[:63].strip("-")
                _, text = _read(reader, f"{variables['REVIEW_URL']}/{slug}/current/{INVESTIGATION.name}/process/")
                assert said in text and OUTCOME in text, text

            with steps("The merge request is merged as GitLab merges (a merge commit on main)"):
                previous, merged = merge_as_gitlab(remote, tmp_path, branch, "Beslut i Nora")
                assert git(remote, "rev-parse", "main") == merged

            with steps("gitlab-ci-local runs the merged commit's pipeline: check, build, smoke, deploy"):
                runner = runner_clone(remote, tmp_path, before=previous)
                planned = planned_jobs(runner, ci_home, variables)
                # A change of content/ only: the test suite is not among the jobs.
                assert {job for job, when in planned.items() if when != "manual"} == CONTENT_JOBS, planned
                log = run_pipeline(runner, ci_home, variables)
                assert set(passed_jobs(log)) == CONTENT_JOBS, log[-3000:]
                assert git(runner, "rev-parse", "HEAD") == merged

            with steps(f"The reader sees the decision of {said} on every page that shows {MUNICIPALITY[1]}'s state"):
                stating = pages_stating(runner / "site", MUNICIPALITY[1], lambda text: said in text)
                # Every page that showed the state before shows the decision now (more may, with its date).
                showed = pages_stating(earlier_site, MUNICIPALITY[1], lambda text: "Väntar på beslut" in text)
                assert showed and set(showed) <= set(stating), (showed, stating)
                for address in stating:
                    parts, text = _read(reader, base + address)
                    assert any(said in part for part in parts), (address, parts)
                    assert address not in showed or OUTCOME in text, address
                # For a person to look at: the municipality's own page as the reader gets it.
                look = reader.new_page()
                for width in (1280, 375):
                    look.set_viewport_size({"width": width, "height": 900})
                    look.goto(f"{base}kommuner/{MUNICIPALITY[0]}/")
                    look.screenshot(path=str(_shots() / f"lasaren-{MUNICIPALITY[0]}-{width}.png"), full_page=True)
                look.close()

            with steps("The manual rollback job; the reader sees the earlier state"):
                log = run_pipeline(runner, ci_home, variables, "--manual", "rollback", "rollback")
                assert "rollback" in passed_jobs(log), log[-3000:]
                for address in stating:
                    assert _read(reader, base + address) == before[address], address
    finally:
        print("\n" + steps.table())


# ------------------------------------------------------------------ which jobs a change runs (issue 20, item 9)


def _code_globs() -> list[str]:
    return yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))[".code"]


def test_every_folder_but_content_counts_as_code():
    """GitLab's globs cannot say "all but content/", so the code globs name
    every other top-level folder: a new folder must be added, or a change in
    it alone would skip the test suite."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    folders = {name.split("/")[0] for name in listed if "/" in name} - {"content"}
    globs = _code_globs()
    assert "*" in globs  # files at the top: Makefile, .gitlab-ci.yml, the lock files …
    assert {glob.removesuffix("/**/*") for glob in globs if glob != "*"} == folders


@pytest.fixture(scope="module")
def project_clone(tmp_path_factory) -> Path:
    need(GITLAB_CI_LOCAL.exists(), TOOLS_HINT)
    work = snapshot(tmp_path_factory.mktemp("regler"))
    git(work, "remote", "set-url", "origin", GITLAB_REMOTE)
    # gitlab-ci-local compares with the remote's default branch: main, as on GitLab.
    git(work, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    return work


@pytest.mark.parametrize(("changed", "source", "expected"), [
    # An editor's merge request, and its merge into main: no test suite.
    (PROCESS, "merge_request_event", REQUEST_JOBS),
    (PROCESS, "push", CONTENT_JOBS),
    # Code, in either: everything.
    ("scripts/samverkan/pages/swedish.py", "merge_request_event", {"check", "test", "build", "smoke", "review"}),
    ("Makefile", "push", CONTENT_JOBS | {"test"}),
])
def test_a_content_change_skips_the_test_suite_and_a_code_change_runs_it(project_clone, tmp_path, changed, source, expected):
    """The jobs gitlab-ci-local plans from .gitlab-ci.yml's rules for one
    commit on top of main, compared (as GitLab compares) with main before it."""
    work = project_clone
    before = git(work, "rev-parse", "HEAD")
    # A merge request's commit is on its own branch; a push here is the merge into main.
    git(work, "checkout", "-q", "-B", "andring" if source == "merge_request_event" else "main")
    try:
        with open(work / changed, "a", encoding="utf-8") as file:
            file.write("\n")
        git(work, "commit", "-q", "-am", f"Change {changed}")
        git(work, "update-ref", "refs/remotes/origin/main", before)
        variables = {"REVIEW_PATH": "/srv/granskning", "REVIEW_URL": "https://granskning.intranat.example"}
        if source == "merge_request_event":
            variables.update(CI_PIPELINE_SOURCE=source, CI_COMMIT_REF_SLUG="andring")
        planned = planned_jobs(work, tmp_path / "home", variables)
        assert {job for job, when in planned.items() if when != "manual"} == expected, planned
    finally:
        git(work, "checkout", "-q", "-B", "main", before)
