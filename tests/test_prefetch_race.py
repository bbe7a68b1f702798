"""The early-started engine and the build never trip over each other.

The command line forks MkDocs before validating (publish/prefetch.py), so the
engine loads its configuration, which checks that the staging docs/ exists,
while this process fills that very folder. The staging docs/ once was deleted
and copied anew at that moment, and the engine then died ("BrokenPipeError").
Here the interleaving is forced, every time: the engine loads its
configuration exactly while the folder is being filled.
"""

import multiprocessing
import shutil

import pytest

from harness.project import make_project
from samverkan.cli import main
from samverkan.publish import engine

pytestmark = pytest.mark.slow


def test_the_engine_loads_its_configuration_while_the_staging_folder_is_filled(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    context = multiprocessing.get_context("fork")
    filling, loaded = context.Event(), context.Event()
    copytree, load = shutil.copytree, engine.load_mkdocs_config

    def copy_when_the_engine_loads(*args, **kwargs):
        filling.set()  # the fill has begun ...
        assert loaded.wait(60), "the engine never loaded its configuration"  # ... and waits for the engine
        return copytree(*args, **kwargs)

    def load_during_the_fill(*args):  # runs in the forked engine
        assert filling.wait(60)
        try:
            return load(*args)
        finally:
            loaded.set()

    monkeypatch.setattr(shutil, "copytree", copy_when_the_engine_loads)
    monkeypatch.setattr(engine, "load_mkdocs_config", load_during_the_fill)
    command = ["build", "--content", str(project / "content"), "--docs", str(project / "docs"),
               "--site", str(project / "site"), "--config", str(project / "mkdocs.yml")]
    assert main(command, prefetch=True) == 0
    assert filling.is_set() and loaded.is_set()
    assert (project / "site" / "samverkan-i-bergslagen" / "bkt" / "index.html").exists()
    assert not list(project.glob(".build-*"))
