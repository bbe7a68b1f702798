"""The pipeline, run: gitlab-ci-local 4.60.0 (package-lock.json) runs the
jobs of .gitlab-ci.yml with the shell executor in a clone of this working
tree, and its deploy job publishes to the throwaway SSH server
(conftest.ssh_server) through the CI/CD variables production uses; the
review jobs publish as a preview account made by `useradd -m` whose key is
forced to rrsync (harness/sshd.py), as guider/it.md sets it up.

The test job is left out of the nested run: it would run this test again,
inside itself, without end. The jobs it does run are check, build and
deploy and the manual rollback (a push to the default branch), and build,
review and stop-review (a merge request).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from harness import sshd
from harness.loop import link_venv, outside_ci
from harness.project import with_test_contact
from samverkan.paths import ROOT
from test_publishing_gate import CONTACT

GITLAB_CI_LOCAL = ROOT / "node_modules" / ".bin" / "gitlab-ci-local"
HINT = "gitlab-ci-local saknas, så pipelinetestet hoppas över. Installera npm (sudo apt-get install npm) och kör make test."
# GitLab's own rule for artifacts:expose_as (lib/gitlab/ci/config/entry/artifacts.rb,
# EXPOSE_AS_REGEX = /\A\w[-\w ]*\z/; Ruby's \w is ASCII). gitlab-ci-local's
# schema leaves patterns out, so it would not catch a wrong name.
EXPOSE_AS = re.compile(r"\w[-\w ]*", re.ASCII)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_exposed_artifact_has_a_name_gitlab_accepts():
    jobs = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    names = [job["artifacts"]["expose_as"] for job in jobs.values() if isinstance(job, dict) and "expose_as" in job.get("artifacts", {})]
    assert names
    for name in names:
        assert EXPOSE_AS.fullmatch(name), name


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A git clone of this working tree as it is now, on branch main (the
    default branch), with this test's virtual environment."""
    if not GITLAB_CI_LOCAL.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(HINT)
        pytest.skip(HINT)
    repo = tmp_path_factory.mktemp("pipeline") / "samverkan"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    subprocess.run(["git", "checkout", "-q", "-B", "main"], cwd=repo, check=True)
    # gitlab-ci-local names the project after its remote, as GitLab would.
    subprocess.run(["git", "remote", "set-url", "origin", "git@gitlab.intranat.example:kommunerna/samverkan.git"], cwd=repo, check=True)
    # The jobs' rules compare the branch with the default branch, which
    # gitlab-ci-local reads from origin/HEAD: main, whichever branch this
    # working tree is on (a clone would otherwise take the working tree's).
    subprocess.run(["git", "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"], cwd=repo, check=True)
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    # The shipped content has no accessibility contact, and the live site's
    # build refuses it (content/gate.py): this throwaway copy gets a test one.
    with_test_contact(repo / "content")
    link_venv(repo)
    return repo


def _run_jobs(repo: Path, home: Path, variables: dict[str, str], *jobs: str) -> subprocess.CompletedProcess:
    # Values in this file that start with / become File variables, as the
    # SSH keys are in GitLab: so only those go in the file.
    keys = {key: value for key, value in variables.items() if key.endswith("_SSH_KEY")}
    (repo / ".gitlab-ci-local-variables.yml").write_text(yaml.safe_dump(keys))
    others = [arg for key, value in variables.items() if key not in keys for arg in ("--variable", f"{key}={value}")]
    return subprocess.run(
        [str(GITLAB_CI_LOCAL), "--force-shell-executor", "--home", str(home), "--no-color", *others, *jobs],
        cwd=repo, capture_output=True, text=True, timeout=600,
        env={**outside_ci(), "CI": "true"},
    )


def test_check_build_and_deploy_run_green_and_publish_the_site(clone, ssh_server, tmp_path):
    target = tmp_path / "intranat" / "samverkan"
    variables = {**ssh_server, "DEPLOY_PATH": str(target), "SITE_URL": "https://intranat.example/samverkan/"}
    result = _run_jobs(clone, tmp_path / "home", variables, "check", "build", "deploy")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    for job in ("check", "build", "deploy"):
        assert re.search(rf"^\s*PASS\s+{job}\b", log, re.M), log[-4000:]
    assert "test" not in re.findall(r"^\s*PASS\s+(\S+)", log, re.M)
    # The code quality report for the merge request: no content errors.
    assert (clone / "gl-code-quality-report.json").read_text("utf-8").strip() == "[]"
    # What the deploy job published is what the build job built, with the address from SITE_URL.
    assert _tree(target / "current") == _tree(clone / "site")
    assert "<loc>https://intranat.example/samverkan/</loc>" in (target / "current" / "sitemap.xml").read_text("utf-8")
    # The job says what is served, and names its commit for the environment's address.
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True, check=True).stdout.strip()
    assert f'"commit": "{commit}"' in log
    served = next(clone.glob(".gitlab-ci-local/**/served.env")).read_text()
    assert f"SERVED_URL=https://intranat.example/samverkan/?version={commit[:8]}" in served

    # A second deploy, then the manual rollback job goes back to the first.
    first = (target / "current").resolve()
    assert _run_jobs(clone, tmp_path / "home", variables, "deploy").returncode == 0
    assert (target / "current").resolve() != first
    result = _run_jobs(clone, tmp_path / "home", variables, "--manual", "rollback", "rollback")
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert (target / "current").resolve() == first


def test_without_an_accessibility_contact_the_live_build_refuses_and_nothing_is_published(clone, ssh_server, tmp_path):
    target = tmp_path / "intranat" / "samverkan"
    statement = clone / "content" / "tillganglighet.yml"
    with_contact = statement.read_text("utf-8")
    statement.write_text(with_contact.replace(CONTACT, ""), "utf-8")
    try:
        variables = {**ssh_server, "DEPLOY_PATH": str(target), "SITE_URL": "https://intranat.example/samverkan/"}
        result = _run_jobs(clone, tmp_path / "home", variables, "check", "build", "deploy")
    finally:
        statement.write_text(with_contact, "utf-8")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-6000:]
    assert re.search(r"^\s*PASS\s+check\b", log, re.M), log[-4000:]
    assert re.search(r"^\s*FAIL\s+build\b", log, re.M), log[-4000:]
    assert "tillgänglighetsredogörelsen har ingen kontaktväg (`kontakt`), och utan den publiceras inte webbplatsen" in log
    assert not re.search(r"^\s*PASS\s+deploy\b", log, re.M)
    assert not target.exists()


def test_a_merge_request_gets_a_preview_that_is_removed_when_stopped(clone, ssh_server, tmp_path_factory, tmp_path):
    # The preview account as the IT guide makes it: `useradd -m`, its key
    # forced to rrsync in the previews' folder. The project's own SITE_URL
    # and DEPLOY_* (the live site's) are set too, and must not be used.
    if not (sshd.available() and sshd.RRSYNC.exists()):
        if os.environ.get("CI") == "true":
            pytest.fail("root, sshd, rsync and rrsync are needed in CI")
        pytest.skip("Förhandsvisningens konto kräver root (useradd), sshd och rrsync.")
    with sshd.server_root() as base, sshd.ssh_server(tmp_path_factory.mktemp("sshd"), {"preview": f"{sshd.RRSYNC} {base / 'granskning'}"}) as server:
        previews = sshd.owned_folder(base / "granskning", server.accounts["preview"])
        account = server.variables("preview")
        variables = {**ssh_server, "DEPLOY_PATH": str(tmp_path / "live"), "SITE_URL": "https://intranat.example/samverkan/",
                     "DEPLOY_PORT": account["DEPLOY_PORT"], "DEPLOY_KNOWN_HOSTS": account["DEPLOY_KNOWN_HOSTS"],
                     # As GitLab runs a merge request's pipeline: CI_COMMIT_BRANCH is
                     # not set there (the clone's branch, main, would make this the
                     # live site's build, which refuses content without a contact).
                     "CI_PIPELINE_SOURCE": "merge_request_event", "CI_COMMIT_REF_SLUG": "ny-sida", "CI_COMMIT_BRANCH": "",
                     "REVIEW_URL": "https://granskning.intranat.example",
                     "REVIEW_USER": account["DEPLOY_USER"], "REVIEW_SSH_KEY": account["DEPLOY_SSH_KEY"]}
        # Content the live site may not publish yet (no accessibility
        # contact) is still previewed, with the editors' banner on every page.
        statement = clone / "content" / "tillganglighet.yml"
        with_contact = statement.read_text("utf-8")
        statement.write_text(with_contact.replace(CONTACT, ""), "utf-8")
        try:
            result = _run_jobs(clone, tmp_path / "home", variables, "build", "review")
        finally:
            statement.write_text(with_contact, "utf-8")
        log = result.stdout + result.stderr
        assert result.returncode == 0, log[-4000:]
        preview = previews / "ny-sida" / "current"
        assert _tree(preview) == _tree(clone / "site")
        assert "Till redaktörerna: kan inte publiceras förrän tillgänglighetsredogörelsen har en kontaktväg" in (preview / "tillganglighet" / "index.html").read_text("utf-8")
        assert not (tmp_path / "live").exists()
        # Built for its own address, whatever SITE_URL the project sets.
        assert 'href="/ny-sida/current/"' in (preview / "404.html").read_text("utf-8")
        assert "<loc>https://granskning.intranat.example/ny-sida/current/</loc>" in (preview / "sitemap.xml").read_text("utf-8")

        result = _run_jobs(clone, tmp_path / "home", variables, "--manual", "stop-review", "stop-review")
        log = result.stdout + result.stderr
        assert result.returncode == 0, log[-4000:]
        assert not (previews / "ny-sida").exists()
