"""Every page is valid HTML according to the Nu Html Checker (npm vnu-jar)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_nu_html_checker_finds_no_errors(built_site):
    java = shutil.which("java")
    if not java or not VNU.exists():
        hint = "Java eller vnu-jar saknas: installera Java (sudo apt-get install default-jre-headless) och kör make test."
        if os.environ.get("CI") == "true":
            pytest.fail(hint)
        pytest.skip(hint)
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu", str(built_site)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
