"""The project's CI/CD variables reach the test job too (GitLab passes
every project variable to every job). A SITE_URL set for the deploy, as
guider/it.md tells IT to do, must not make the tests' own builds link to
the intranet's host."""

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
