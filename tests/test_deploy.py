"""The deploy, run for real: the scripts in deploy/ over SSH to a throwaway
OpenSSH server on 127.0.0.1 set up as guider/it.md tells IT to: Debian's
sshd defaults, a deploy account and a preview account made by plain
`useradd -m` (login shell /bin/sh, which is dash), the preview account's key
forced to rrsync. DEPLOY_PATH has a space, an apostrophe and an ä in it.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from harness import sshd
from harness.loop import outside_ci
from samverkan.paths import ROOT
from samverkan.publish.version import write_version

PUBLISH = ROOT / "deploy" / "publish.sh"
ROLLBACK = ROOT / "deploy" / "rollback.sh"
REVIEW = ROOT / "deploy" / "review.sh"
UNPUBLISH = ROOT / "deploy" / "unpublish.sh"
HINT = "Publiceringstesterna behöver root (useradd), sshd, rsync och rrsync. Installera: sudo apt-get install openssh-server rsync"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(script: Path, env: dict, *args: str, check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(["bash", str(script), *args], env={**outside_ci(), **env}, capture_output=True, text=True, timeout=120, cwd=cwd)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _bytes_sent(output: str) -> int:
    return int(re.search(r"^Total bytes sent: ([\d,.]+)", output, re.M)[1].replace(",", "").replace(".", ""))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not (sshd.available() and sshd.RRSYNC.exists()):
        if os.environ.get("CI") == "true":
            pytest.fail(HINT)
        pytest.skip(HINT)
    with sshd.server_root() as base, sshd.ssh_server(tmp_path_factory.mktemp("sshd"), {"deploy": None, "preview": f"{sshd.RRSYNC} {base / 'granskning'}"}) as server:
        server.base = sshd.owned_folder(base / "intranät o'hara", server.accounts["deploy"])
        server.previews = sshd.owned_folder(base / "granskning", server.accounts["preview"])
        yield server


@pytest.fixture
def target(server, request) -> tuple[Path, dict]:
    """A fresh DEPLOY_PATH on the server, and the variables that reach it."""
    path = server.base / re.sub(r"\W", "-", request.node.name)[:60]
    yield path, {**server.variables("deploy"), "DEPLOY_PATH": str(path)}
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def _site(folder: Path, text: str, commit: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<p>{text}</p>\n", "utf-8")
    if commit:
        (folder / "version.json").write_text(json.dumps({"commit": commit, "built": "2026-12-06T03:00:00Z", "content_date": "2015-04-07"}, indent=2) + "\n")
    return folder


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_the_accounts_are_debians_defaults(server):
    # What the issue found: bash-only quoting fails under dash.
    for account in server.accounts.values():
        assert pwd.getpwnam(account.user).pw_shell == "/bin/sh"
    assert os.path.realpath("/bin/sh").endswith("dash")


def test_deploys_publish_exactly_the_site_and_a_second_sends_little_more_than_the_change(target, site_copy):
    path, env = target
    assert " " in str(path) and "'" in str(path)
    first = _run(PUBLISH, env, str(site_copy))
    assert _tree(path / "current") == _tree(site_copy)
    first_release = (path / "current").resolve()
    first_sent = _bytes_sent(first.stdout)

    page = site_copy / "ordlista" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</article>", "<p>Ny mening.</p></article>", 1), "utf-8")
    second = _run(PUBLISH, env, str(site_copy))
    second_sent = _bytes_sent(second.stdout)
    assert _tree(path / "current") == _tree(site_copy)
    assert (path / "current").resolve() != first_release and first_release.is_dir()
    # Unchanged files are the previous release's, hard-linked, not copies.
    bundle = next((path / "current" / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert bundle.stat().st_ino == (first_release / bundle.relative_to(path / "current")).stat().st_ino
    print(f"\nrsync sent {first_sent} bytes on the first deploy, {second_sent} on the second "
          f"(changed page {page.stat().st_size} bytes)")
    assert first_sent > sum(len(b) for b in _tree(site_copy).values()) / 3  # compressed on the wire
    assert second_sent < page.stat().st_size + 20_000
    # The files belong to the deploy account, and nginx may read them.
    assert (path / "current" / "index.html").stat().st_uid == pwd.getpwnam(env["DEPLOY_USER"]).pw_uid
    assert (path / "current" / "index.html").stat().st_mode & 0o777 == 0o644


def test_a_deploy_stopped_halfway_leaves_the_live_site_whole(target, site_copy):
    path, env = target
    _run(PUBLISH, env, str(site_copy))
    live = _tree(path / "current")
    # A large file, sent slowly, so the deploy is surely mid-transfer when stopped,
    # as when a runner is cancelled or the network drops.
    (site_copy / "stor.bin").write_bytes(os.urandom(3_000_000))
    slow = {**outside_ci(), **env, "DEPLOY_RSYNC_OPTIONS": "--bwlimit=1000"}
    deploy = subprocess.Popen(["bash", str(PUBLISH), str(site_copy)], env=slow,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while not list((path / "releases").glob(".partial-*/**/*.bin*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert deploy.poll() is None, "the deploy ended before it could be stopped"
    os.killpg(deploy.pid, signal.SIGKILL)
    deploy.wait()
    assert list((path / "releases").glob(".partial-*"))
    assert _tree(path / "current") == live
    assert len(list((path / "releases").iterdir())) == 2  # the live one and the partial

    # The next deploy clears what was left and publishes whole.
    _run(PUBLISH, env, str(site_copy))
    assert not list((path / "releases").glob(".partial-*"))
    assert _tree(path / "current") == _tree(site_copy)


def test_the_newest_releases_are_kept_by_sequence_and_rollback_switches_back(target, tmp_path):
    path, env = target
    env = {**env, "DEPLOY_KEEP": "2"}
    versions = []
    for n in range(3):
        _run(PUBLISH, env, str(_site(tmp_path / f"site{n}", f"Version {n}")))
        versions.append((path / "current").resolve().name)
    assert versions == ["000001-local", "000002-local", "000003-local"]
    assert sorted(p.name for p in (path / "releases").iterdir()) == versions[1:]
    result = _run(ROLLBACK, env)
    assert "Återställd" in result.stdout
    assert (path / "current").resolve().name == versions[1]
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Version 1</p>\n"
    # Nothing older is left: rollback says so and changes nothing.
    again = _run(ROLLBACK, env, check=False)
    assert again.returncode == 1 and "ingen tidigare version" in again.stderr
    assert _run(ROLLBACK, env, "..", check=False).returncode == 1
    _run(ROLLBACK, env, versions[2])
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Version 2</p>\n"


def test_a_runner_clock_ten_minutes_slow_never_prunes_what_is_served(target, tmp_path):
    path, env = target
    env = {**env, "DEPLOY_KEEP": "1"}
    _run(PUBLISH, env, str(_site(tmp_path / "a", "Först")))
    # The runner's `date` says ten minutes earlier from now on.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "date").write_text('#!/bin/sh\nexec /bin/date --date="-10 min" "$@"\n')
    (fake / "date").chmod(0o755)
    _run(PUBLISH, {**env, "PATH": f"{fake}:{os.environ['PATH']}"}, str(_site(tmp_path / "b", "Sedan")))
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Sedan</p>\n"
    assert [p.name for p in (path / "releases").iterdir()] == [(path / "current").resolve().name]


@pytest.mark.parametrize("keep", ["0", "fem", "-1", "2.5", ""])
def test_a_keep_below_one_or_not_a_number_is_refused_before_anything_changes(target, tmp_path, keep):
    path, env = target
    _run(PUBLISH, env, str(_site(tmp_path / "a", "Live")))
    before = {p.relative_to(path).as_posix(): os.readlink(p) if p.is_symlink() else None for p in path.rglob("*")}
    result = _run(PUBLISH, {**env, "DEPLOY_KEEP": keep}, str(_site(tmp_path / "b", "Ny")), check=False)
    if keep == "":  # unset in GitLab: the default, 5
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 2
    assert f"DEPLOY_KEEP måste vara ett heltal, 1 eller större (hur många versioner som sparas), inte ”{keep}”" in result.stderr
    assert "Inget har ändrats" in result.stderr
    assert {p.relative_to(path).as_posix(): os.readlink(p) if p.is_symlink() else None for p in path.rglob("*")} == before
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Live</p>\n"


def test_an_older_commit_is_refused_and_rollback_is_the_way_back(target, tmp_path):
    path, env = target
    older, newer = _git("rev-parse", "HEAD~3"), _git("rev-parse", "HEAD")
    _run(PUBLISH, env, str(_site(tmp_path / "old", "Äldre", older)))
    _run(PUBLISH, env, str(_site(tmp_path / "new", "Nyare", newer)))
    # The older pipeline finishes late: refused, nothing changed.
    late = _run(PUBLISH, env, str(_site(tmp_path / "late", "Äldre igen", older)), check=False)
    assert late.returncode == 3, late.stdout + late.stderr
    assert f"den publicerade versionen ({newer[:8]}) ingår inte i historiken för {older[:8]}" in late.stderr
    assert "kör jobbet rollback" in late.stderr
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Nyare</p>\n"
    assert not list((path / "releases").glob(".partial-*"))
    # The same commit again (a retried job) is fine; rollback goes back.
    _run(PUBLISH, env, str(_site(tmp_path / "again", "Nyare", newer)))
    _run(ROLLBACK, env)
    _run(ROLLBACK, env)
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Äldre</p>\n"
    # From there, any descendant may be published again.
    _run(PUBLISH, env, str(_site(tmp_path / "forward", "Framåt", newer)))
    # A live commit this history does not know is not overwritten either.
    unknown = _run(PUBLISH, env, str(_site(tmp_path / "x", "X", "0" * 40)), check=False)
    assert unknown.returncode == 3
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Framåt</p>\n"


def test_a_shallow_clone_is_deepened_to_decide(target, tmp_path):
    # GitLab clones GIT_DEPTH commits deep: the live commit may be outside them.
    path, env = target
    older, newer = _git("rev-parse", "HEAD~5"), _git("rev-parse", "HEAD")
    clone = tmp_path / "clone"
    _git("clone", "-q", "--depth", "1", f"file://{ROOT}", str(clone), cwd=tmp_path)
    shutil.rmtree(clone / "deploy")
    shutil.copytree(ROOT / "deploy", clone / "deploy")  # this working tree's scripts
    assert _git("rev-parse", "--is-shallow-repository", cwd=clone) == "true"
    _run(clone / "deploy" / "publish.sh", env, str(_site(tmp_path / "old", "Äldre", older)))
    result = _run(clone / "deploy" / "publish.sh", env, str(_site(tmp_path / "new", "Nyare", newer)))
    assert "hämtar hela historiken" in result.stdout
    assert _git("rev-parse", "--is-shallow-repository", cwd=clone) == "false"
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Nyare</p>\n"


@pytest.mark.parametrize("form", ["crlf", "no final newline", "pasted as text"])
def test_a_key_with_windows_line_ends_or_no_final_newline_works(target, tmp_path, form):
    path, env = target
    key = Path(env["DEPLOY_SSH_KEY"]).read_text()
    if form == "crlf":
        (tmp_path / "key").write_bytes(key.replace("\n", "\r\n").encode())
        env = {**env, "DEPLOY_SSH_KEY": str(tmp_path / "key")}
    elif form == "no final newline":
        (tmp_path / "key").write_text(key.rstrip("\n"))
        env = {**env, "DEPLOY_SSH_KEY": str(tmp_path / "key")}
    else:  # a GitLab variable of type Variable holds the key itself
        env = {**env, "DEPLOY_SSH_KEY": key.rstrip("\n")}
    _run(PUBLISH, {**env, "DEPLOY_KNOWN_HOSTS": env["DEPLOY_KNOWN_HOSTS"] + "\r\n"}, str(_site(tmp_path / "s", "Nyckel")))
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Nyckel</p>\n"


def test_deploy_and_rollback_print_what_is_served_and_name_its_commit_for_the_environment(target, tmp_path):
    path, env = target
    older, newer = _git("rev-parse", "HEAD~1"), _git("rev-parse", "HEAD")
    dotenv = tmp_path / "deploy.env"
    env = {**env, "DEPLOY_DOTENV": str(dotenv), "SITE_URL": "https://samverkan.intranat.example/"}
    _run(PUBLISH, env, str(_site(tmp_path / "a", "A", older)))
    result = _run(PUBLISH, env, str(_site(tmp_path / "b", "B", newer)))
    assert "Det här visas nu (version.json):" in result.stdout and f'"commit": "{newer}"' in result.stdout
    assert dotenv.read_text() == f"SERVED_COMMIT={newer}\nSERVED_URL=https://samverkan.intranat.example/?version={newer[:8]}\n"
    result = _run(ROLLBACK, env)
    assert f'"commit": "{older}"' in result.stdout
    assert dotenv.read_text().startswith(f"SERVED_COMMIT={older}\n")


def test_the_build_writes_version_json(tmp_path, monkeypatch):
    import datetime as dt

    monkeypatch.setenv("CI_COMMIT_SHA", "a" * 40)
    written = write_version(tmp_path, ROOT, dt.date(2015, 4, 7))
    on_disk = json.loads((tmp_path / "version.json").read_text())
    assert on_disk == written and on_disk["commit"] == "a" * 40 and on_disk["content_date"] == "2015-04-07"
    built = dt.datetime.strptime(on_disk["built"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert abs((dt.datetime.now(dt.UTC) - built).total_seconds()) < 60
    monkeypatch.delenv("CI_COMMIT_SHA")
    assert write_version(tmp_path, ROOT, dt.date(2015, 4, 7))["commit"] == _git("rev-parse", "HEAD")
    assert write_version(tmp_path, tmp_path, dt.date(2015, 4, 7))["commit"] is None  # not in git


def test_the_preview_account_gets_no_shell_but_can_publish_and_remove_its_preview(server, tmp_path):
    env = server.variables("preview")
    key = tmp_path / "key"
    shutil.copy(env["DEPLOY_SSH_KEY"], key)
    key.chmod(0o600)
    (tmp_path / "known_hosts").write_text(env["DEPLOY_KNOWN_HOSTS"] + "\n")
    shell = subprocess.run(["ssh", "-p", env["DEPLOY_PORT"], "-i", str(key), "-o", "BatchMode=yes", "-o", f"UserKnownHostsFile={tmp_path / 'known_hosts'}",
                            f"{env['DEPLOY_USER']}@127.0.0.1", "id"], capture_output=True, text=True, timeout=30)
    assert shell.returncode != 0 and "uid=" not in shell.stdout, shell.stdout
    assert "rrsync" in shell.stderr

    _run(REVIEW, {**env, "DEPLOY_PATH": "annan-gren"}, str(_site(tmp_path / "other", "Annan")))
    _run(REVIEW, {**env, "DEPLOY_PATH": "ny-sida"}, str(_site(tmp_path / "a", "Först")))
    second = _run(REVIEW, {**env, "DEPLOY_PATH": "ny-sida"}, str(_site(tmp_path / "b", "Sedan")))
    assert "Förhandsvisning publicerad: ny-sida/current/" in second.stdout
    assert (server.previews / "ny-sida" / "current" / "index.html").read_text("utf-8") == "<p>Sedan</p>\n"
    # Only inside the previews' folder: no way up or out.
    for wrong in ("../intranät o'hara", "/etc", "Ny sida"):
        result = _run(REVIEW, {**env, "DEPLOY_PATH": wrong}, str(tmp_path / "a"), check=False)
        assert result.returncode == 2 and "ska vara ett mappnamn" in result.stderr

    _run(UNPUBLISH, {**env, "DEPLOY_PATH": "ny-sida"})
    assert not (server.previews / "ny-sida").exists()
    assert (server.previews / "annan-gren" / "current" / "index.html").read_text("utf-8") == "<p>Annan</p>\n"
    _run(UNPUBLISH, {**env, "DEPLOY_PATH": "ny-sida"})  # already gone: still fine
    _run(UNPUBLISH, {**env, "DEPLOY_PATH": "annan-gren"})
    assert list(server.previews.iterdir()) == []


def test_a_server_whose_host_key_is_not_the_known_one_is_refused(target, site_copy, tmp_path):
    path, env = target
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "other")], check=True)
    other = (tmp_path / "other.pub").read_text().split()
    wrong = {**env, "DEPLOY_KNOWN_HOSTS": f"[127.0.0.1]:{env['DEPLOY_PORT']} {other[0]} {other[1]}"}
    result = _run(PUBLISH, wrong, str(site_copy), check=False)
    assert result.returncode != 0 and "Host key verification failed" in result.stderr
    assert not path.exists()


def test_a_missing_variable_is_named(target, site_copy):
    _, env = target
    result = _run(PUBLISH, {**env, "DEPLOY_KNOWN_HOSTS": ""}, str(site_copy), check=False)
    assert result.returncode == 2 and "CI-variabeln DEPLOY_KNOWN_HOSTS saknas" in result.stderr
