"""The project's CI/CD variables reach the test job too (GitLab passes
every project variable to every job). A SITE_URL set for the deploy, as
guider/it.md tells IT to do, must not make the tests' own builds link to
the intranet's host. And the suite also runs inside a pipeline of our own
(make bench's time to publish a code change), whose repository is not
quite the project's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from samverkan.paths import ROOT


def test_the_tests_pass_with_the_projects_site_url_set():
    test = "tests/test_site.py::test_no_page_references_an_outside_host"
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:9/"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_loops_snapshot_is_made_inside_a_loop_as_outside_it(tmp_path, monkeypatch):
    """make bench runs the whole suite inside the loop (harness/loop.py).
    There, the repository has the test contact already, and gitlab-ci-local
    has left its files in the working tree: the end-to-end test's snapshot
    must still be made, with the contact once, and without those files (a
    tracked variables file, rewritten by the inner run, would count as a
    code change for rules:changes)."""
    from harness import loop
    from harness.project import TEST_CONTACT, with_test_contact

    origin = tmp_path / "origin"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(origin)], check=True)
    shutil.copy(ROOT / ".gitignore", origin / ".gitignore")  # this working tree's
    with_test_contact(origin / "content")
    loop.git(origin, "commit", "-q", "--allow-empty", "-am", "The loop's own test contact")
    (origin / ".gitlab-ci-local-variables.yml").write_text("{}", "utf-8")
    (origin / ".gitlab-ci-local").mkdir()
    (origin / ".gitlab-ci-local" / "state.yml").write_text("pipelineIid: 1\n", "utf-8")
    monkeypatch.setattr(loop, "ROOT", origin)
    work = loop.snapshot(tmp_path / "work")
    assert (work / "content" / "tillganglighet.yml").read_text("utf-8").count(TEST_CONTACT) == 1
    tracked = loop.git(work, "ls-files").splitlines()
    assert not [name for name in tracked if name.startswith(".gitlab-ci-local")]
