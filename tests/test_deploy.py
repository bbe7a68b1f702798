"""The deploy, run for real: deploy/publish.sh and deploy/rollback.sh over
SSH to a throwaway OpenSSH server on 127.0.0.1 (conftest.ssh_server), with
the CI/CD variables the deploy job gets in production."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from samverkan.paths import ROOT

PUBLISH = ROOT / "deploy" / "publish.sh"
ROLLBACK = ROOT / "deploy" / "rollback.sh"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(script: Path, env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["bash", str(script), *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _bytes_sent(output: str) -> int:
    return int(re.search(r"^Total bytes sent: ([\d,.]+)", output, re.M)[1].replace(",", "").replace(".", ""))


@pytest.fixture
def target(tmp_path, ssh_server) -> tuple[Path, dict]:
    """A fresh DEPLOY_PATH on the SSH server, and the variables that reach it."""
    path = tmp_path / "intranat" / "samverkan"
    return path, {**ssh_server, "DEPLOY_PATH": str(path)}


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def test_deploys_publish_exactly_the_site_and_a_second_sends_little_more_than_the_change(target, site_copy):
    path, env = target
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


def test_a_deploy_stopped_halfway_leaves_the_live_site_whole(target, site_copy, tmp_path):
    path, env = target
    _run(PUBLISH, env, str(site_copy))
    live = _tree(path / "current")
    # A large file, sent slowly, so the deploy is surely mid-transfer when stopped,
    # as when a runner is cancelled or the network drops.
    (site_copy / "stor.bin").write_bytes(os.urandom(3_000_000))
    slow = {**env, "DEPLOY_RSYNC_OPTIONS": "--bwlimit=1000"}
    deploy = subprocess.Popen(["bash", str(PUBLISH), str(site_copy)], env={**os.environ, **slow},
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


def test_the_newest_releases_are_kept_and_rollback_switches_back(target, tmp_path):
    path, env = target
    env = {**env, "DEPLOY_KEEP": "2"}
    versions = []
    for n in range(3):
        site = tmp_path / f"site{n}"
        site.mkdir()
        (site / "index.html").write_text(f"<p>Version {n}</p>\n", "utf-8")
        _run(PUBLISH, env, str(site))
        versions.append((path / "current").resolve().name)
    assert sorted(p.name for p in (path / "releases").iterdir()) == versions[1:]
    result = _run(ROLLBACK, env)
    assert "Återställd" in result.stdout
    assert (path / "current").resolve().name == versions[1]
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Version 1</p>\n"
    # Nothing older is left: rollback says so and changes nothing.
    again = _run(ROLLBACK, env, check=False)
    assert again.returncode == 1 and "ingen tidigare version" in again.stderr
    _run(ROLLBACK, env, versions[2])
    assert (path / "current" / "index.html").read_text("utf-8") == "<p>Version 2</p>\n"


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
