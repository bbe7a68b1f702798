"""The project's CI/CD variables reach the test job too (GitLab passes
every project variable to every job). A SITE_URL set for the deploy, as
guider/it.md tells IT to do, must not make the tests' own builds link to
the intranet's host. And the suite also runs inside a pipeline of our own
(make bench's time to publish a code change), whose repository is not
quite the project's."""

from __future__ import annotations

import os
import subprocess
import sys

from samverkan.paths import ROOT


def test_the_tests_pass_with_the_projects_site_url_set():
    test = "tests/test_site.py::test_no_page_references_an_outside_host"
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:9/"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_loops_snapshot_is_made_where_the_test_contact_is_in_place_already(tmp_path, monkeypatch):
    """make bench runs the whole suite inside the loop (harness/loop.py),
    whose repository has the test contact already: the end-to-end test's own
    snapshot of it must still be made, with the contact once."""
    from harness import loop
    from harness.project import TEST_CONTACT, without_contact

    origin = tmp_path / "origin"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(origin)], check=True)
    statement = without_contact(origin / "content") / "tillganglighet.yml"
    statement.write_text(statement.read_text("utf-8") + TEST_CONTACT, "utf-8")
    loop.git(origin, "commit", "-q", "-am", "The loop's own test contact")
    monkeypatch.setattr(loop, "ROOT", origin)
    work = loop.snapshot(tmp_path / "work")
    assert (work / "content" / "tillganglighet.yml").read_text("utf-8").count(TEST_CONTACT) == 1
