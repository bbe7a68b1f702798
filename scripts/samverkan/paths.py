"""Where the project's folders are, whatever the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
# The list of generated files in docs/, written by publish/docs.py and read by
# content/validate.py (a link may point only at a hand-written file there).
MANIFEST = ".generated.json"
