"""The preview's site against make build's, file by file, after a few saves.

Run in a process of its own per engine, as make build and make serve run
(the engine is chosen once per process, publish/engine.py select_engine):

    SAMVERKAN_MOTOR=properdocs python -m harness.preview_equality PROJECT

PROJECT is a folder made by harness.project.make_project. Prints JSON: the
engine, whether the preview has the engine's private functions, and per
save whether the preview rebuilt it whole and which files differ from a
fresh build of the same content (every file, the sitemap and .gz included).
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import json
import shutil
import sys
from pathlib import Path

from samverkan.pipeline import build
from samverkan.preview.session import Preview
from samverkan.publish.engine import select_engine
from samverkan.publish.version import NAME as VERSION

from .project import edit
from .sites import comparable

REAL = "samverkan-i-bergslagen"
# Each save: what it is, the file, the text replaced and its replacement.
SAVES = [
    ("a proposal's text", f"utredningar/{REAL}/forslag-bkt.yml", "sammanfattning: ", "sammanfattning: Ändrat. "),
    # A decision dated after every other date: the build date, and so the sitemap, moves.
    ("a decision with the newest date", f"utredningar/{REAL}/process.yml", "status: vantar",
     "status: beslutad\n      datum: 2015-06-01\n      utfall: Ett utfall i testet"),
]


def _same(left: Path, right: Path) -> bool:
    if left.name == VERSION:
        return comparable(left.name, left.read_bytes()) == comparable(right.name, right.read_bytes())
    return filecmp.cmp(left, right, shallow=False)


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ between two folders, or are in only one."""
    found = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        # dircmp compares by size and time first; the bytes decide here.
        found.extend(prefix + name for name in cmp.common_files
                     if not _same(Path(cmp.left, name), Path(cmp.right, name)))
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(one, other, ignore=[]), "")
    return sorted(found)


def compare(project: Path) -> dict:
    args = argparse.Namespace(content=project / "content", docs=project / "docs", config=project / "mkdocs.yml")
    preview = Preview(args)
    report = {"engine": select_engine(), "saves": []}
    try:
        assert preview.build(), preview.errors
        report["missing"] = preview.engine.missing
        for what, file, old, new in [("the first build", None, "", ""), *SAVES]:
            if file is not None:
                edit(project / "content" / file, old, new)
                assert preview.build(), preview.errors
            site = project / "site"
            shutil.rmtree(site, ignore_errors=True)
            assert build(args.config, args.content, args.docs, site)
            report["saves"].append({"what": what, "whole": preview.news[preview.version] is None,
                                    "differ": differences(preview.site, site)})
    finally:
        preview.close()
    return report


if __name__ == "__main__":
    # Standard output carries the report alone: what the builds print for
    # people (e.g. that the editor was left out without node_modules) goes to stderr.
    with contextlib.redirect_stdout(sys.stderr):
        report = compare(Path(sys.argv[1]))
    json.dump(report, sys.stdout)
