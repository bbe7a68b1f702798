"""Every page is valid HTML according to the Nu Html Checker (npm vnu-jar)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import need

pytestmark = pytest.mark.slow

VNU = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_nu_html_checker_finds_no_errors(built_site):
    java = shutil.which("java")
    need(bool(java) and VNU.exists(), "Java eller vnu-jar saknas: installera Java (sudo apt-get install default-jre-headless) och kör make test.")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu", str(built_site)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
