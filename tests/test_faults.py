"""Faults leave nothing behind: a killed build, a stopped one, Ctrl-C.

Invariants checked after every fault:
- site/ is always there and is a whole site: the old one or the new one;
- after the next build, docs/ and site/ are a matching pair (the value the
  content gives is on both), and no staging folder or journal is left;
- the engine's child process never outlives the build.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.project import make_project
from samverkan.cli import main
from samverkan.paths import ROOT
from samverkan.publish import engine

VALUE = re.compile(rb"cirka (\d+)")


def _cli(project, command="build"):
    return [command, "--content", str(project / "content"), "--docs", str(project / "docs"),
            "--site", str(project / "site"), "--config", str(project / "mkdocs.yml")]


def _start(project, command="build", **kwargs):
    return subprocess.Popen([sys.executable, "-m", "samverkan", *_cli(project, command)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def _set_value(project, value: int) -> None:
    path = project / "content" / "organisationer.yml"
    path.write_text(re.sub(r"varde: \d+", f"varde: {value}", path.read_text("utf-8"), count=1), "utf-8")


def _site_value(project) -> int:
    return int(VALUE.search((project / "site" / "samverkan-i-bergslagen" / "bkt" / "index.html").read_bytes())[1])


def _docs_value(project) -> int:
    return int(VALUE.search((project / "docs" / "samverkan-i-bergslagen" / "bkt.md").read_bytes())[1])


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _running_our_code(pid: int, seconds: float = 60) -> None:
    """Until the process has loaded PyYAML's C part, which only our code
    imports (under main()'s handlers). Before that, in the first tens of
    milliseconds, CPython itself is starting, and a Ctrl-C there is answered
    by CPython, not by anything a Python program can catch."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if "_yaml" in Path(f"/proc/{pid}/maps").read_text():
                return
        except OSError:
            return
        time.sleep(0.005)


def _gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            state = Path(f"/proc/{pid}/stat").read_text().split()[2]
            if state == "Z":  # a zombie has ended; only its parent has not asked yet
                return True
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def built(tmp_path):
    project = make_project(tmp_path / "p")
    assert main(_cli(project)) == 0
    return project


def test_a_killed_build_takes_its_engine_with_it_and_releases_stdout(built):
    _set_value(built, 171)
    build = _start(built)
    # Wait for the forked engine, then kill the build the hardest way.
    deadline = time.monotonic() + 10
    while not (children := _children(build.pid)) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert children, "the build forked no engine"
    build.kill()
    # Nobody holds the pipes any more: reading them ends (`make build | tee` returns).
    build.communicate(timeout=30)
    assert all(_gone(child) for child in children)


def test_builds_killed_at_random_points_leave_an_old_or_new_pair(built):
    rng = random.Random(10)
    old = _site_value(built)
    for round_ in range(8):
        new = 300 + round_
        _set_value(built, new)
        build = _start(built)
        time.sleep(rng.uniform(0.0, 2.5))
        build.kill()
        build.communicate(timeout=30)
        # A reader at this moment: site/ is there and whole, old or new.
        assert _site_value(built) in (old, new)
        if not (built / engine.JOURNAL_NAME).exists():
            # No commit half done: docs/ and site/ are the old pair or the new.
            assert (_docs_value(built), _site_value(built)) in ((old, old), (new, new))
        # The next build completes or redoes the work, and then the pair matches.
        assert main(_cli(built)) == 0
        assert _site_value(built) == _docs_value(built) == new
        assert not list(built.glob(".build-*")), "staging left behind"
        old = new


def _crash_in_commit(project, where: str) -> None:
    """A build that dies (as by kill -9) at one point inside the commit."""
    def child():
        real = {"write_docs": engine.__dict__.get("write_docs")}
        import samverkan.publish.docs as docs_module

        if where == "after-journal":
            engine._swap_in = lambda *a: os._exit(9)
        elif where == "after-swap":
            docs_module.write_docs = lambda *a, **k: os._exit(9)
        elif where == "between-renames":
            # Where renameat2 cannot exchange, the swap is two renames.
            engine._exchange = lambda a, b: False
            original = Path.rename

            def rename(self, target):
                result = original(self, target)
                if Path(target).name == "old-site":
                    os._exit(9)
                return result
            Path.rename = rename
        del real
        os._exit(main(_cli(project)))

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join()
    assert process.exitcode == 9


@pytest.mark.parametrize("where", ["after-journal", "after-swap", "between-renames"])
def test_a_build_killed_inside_the_commit_is_completed_by_the_next(built, where, capsys):
    _set_value(built, 222)
    _crash_in_commit(built, where)
    assert (built / engine.JOURNAL_NAME).exists()
    if where == "between-renames":
        assert not (built / "site").exists()  # the gap the journal closes
    _set_value(built, 223)
    assert main(_cli(built, "render")) == 0  # render, too, completes it first
    assert not (built / engine.JOURNAL_NAME).exists()
    assert _site_value(built) == 222
    assert main(_cli(built)) == 0
    assert _site_value(built) == _docs_value(built) == 223
    assert not list(built.glob(".build-*"))


def test_a_waiting_build_says_so_and_names_the_holder(built):
    with open(built / engine.LOCK_NAME, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write("4242\n")
        handle.flush()
        build = _start(built)
        line = build.stderr.readline().decode()  # (communicate() below closes the pipes)
        assert line == "Ett annat bygge pågår (process 4242); väntar tills det är klart …\n"
        assert build.poll() is None  # it waits
        fcntl.flock(handle, fcntl.LOCK_UN)
    out, err = build.communicate(timeout=120)
    assert build.returncode == 0, err.decode()


def test_staging_of_dead_builds_is_removed_and_of_live_ones_kept(built):
    dead = built / ".build-999999999-x"
    dead.mkdir()
    (dead / "site").mkdir()
    alive = built / f".build-{os.getpid()}-y"
    alive.mkdir()
    assert main(_cli(built)) == 0
    assert not dead.exists()
    assert alive.exists()


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("delay", [0.0, 0.4, 1.0])
def test_ctrl_c_prints_one_swedish_line_and_changes_nothing(built, delay):
    docs, site = _tree(built / "docs"), _tree(built / "site")
    _set_value(built, 404)
    build = _start(built)
    _running_our_code(build.pid)
    time.sleep(delay)
    build.send_signal(signal.SIGINT)
    out, err = build.communicate(timeout=120)
    if build.returncode == 0:
        # Ctrl-C came during the commit, which finishes first: the new pair.
        assert _site_value(built) == _docs_value(built) == 404
        return
    # 130, or ended by the SIGINT itself after our line: a shell reports both as 130.
    assert build.returncode in (130, -signal.SIGINT), err.decode()
    assert err.decode().strip() == "Avbrutet med Ctrl+C; docs/ och site/ är oförändrade."
    assert _tree(built / "docs") == docs and _tree(built / "site") == site
    assert not list(built.glob(".build-*"))


def test_ctrl_c_while_the_preview_starts_prints_one_swedish_line(tmp_path):
    project = make_project(tmp_path / "p")
    serve = subprocess.Popen([sys.executable, "-m", "samverkan", "serve", "--content", str(project / "content"),
                              "--docs", str(project / "docs"), "--config", str(project / "mkdocs.yml"),
                              "--dev-addr", "127.0.0.1:0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _running_our_code(serve.pid)
    serve.send_signal(signal.SIGINT)
    out, err = serve.communicate(timeout=60)
    said = (out + err).decode().strip()
    assert "Traceback" not in said
    # Still starting: our line and 130. Already serving: the preview's own line.
    code = 130 if serve.returncode == -signal.SIGINT else serve.returncode  # as a shell reports it
    assert (code, said) in ((130, "Avbrutet med Ctrl+C; docs/ och site/ är oförändrade."),
                            (0, "Förhandsvisningen är stoppad."), (130, "Förhandsvisningen är stoppad.")), (serve.returncode, said)


def test_a_full_disk_names_the_file_and_the_cause(built, monkeypatch, capsys):
    import errno

    import samverkan.publish.docs as docs_module

    docs, site = _tree(built / "docs"), _tree(built / "site")
    _set_value(built, 505)

    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(docs_module, "_stage", full)
    assert main(_cli(built)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Kunde inte läsa eller skriva ") and ": disken är full. docs/ och site/ är oförändrade.\n" in err
    assert "Traceback" not in err
    assert _tree(built / "docs") == docs and _tree(built / "site") == site


def test_an_unreadable_file_is_one_error_with_its_path_in_the_project(tmp_path, monkeypatch, capsys):
    # Tests may run as root, who can read anything: the refusal is simulated.
    import errno

    import samverkan.content.yamlread as yamlread

    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("kommuner.yml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(yamlread, "open", guarded, raising=False)
    project = make_project(tmp_path / "p")
    assert main(["check", "--content", str(project / "content")]) == 1
    assert capsys.readouterr().err == "content/kommuner.yml:1:1: filen går inte att läsa: behörighet saknas\n1 fel i innehållet. Ingenting har skrivits.\n"


def test_a_full_disk_inside_the_commit_is_completed_by_the_next_build(built, monkeypatch, capsys):
    import errno

    import samverkan.publish.docs as docs_module

    _set_value(built, 606)
    real = docs_module.write_docs

    def full(docs, files, display="docs"):
        if docs == built / "docs":  # the commit's write, not the staging one
            raise OSError(errno.ENOSPC, "No space left on device", str(docs / "samverkan-i-bergslagen" / "bkt.md"))
        return real(docs, files, display=display)

    monkeypatch.setattr(docs_module, "write_docs", full)
    assert main(_cli(built)) == 1
    assert capsys.readouterr().err == ("Kunde inte läsa eller skriva docs/samverkan-i-bergslagen/bkt.md: disken är full. "
                                       "Bytet till den nya versionen av docs/ och site/ slutförs av nästa bygge när felet är åtgärdat.\n")
    monkeypatch.setattr(docs_module, "write_docs", real)
    assert main(_cli(built)) == 0
    assert _site_value(built) == _docs_value(built) == 606
    assert not list(built.glob(".build-*")) and not (built / engine.JOURNAL_NAME).exists()


def test_the_replaced_site_is_removed_after_the_build_without_it_waiting(built):
    old = built / "site" / "index.html"
    inode = old.stat().st_ino
    build = _start(built)
    build.communicate()
    assert build.returncode == 0
    # The replaced site was renamed out of the way at once, then removed by a process of its own.
    assert (built / "site" / "index.html").stat().st_ino != inode
    assert not list(built.glob(".build-*"))
    deadline = time.monotonic() + 60
    while list(built.glob(engine.TRASH_PREFIX + "*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(built.glob(engine.TRASH_PREFIX + "*")), "the replaced site was never removed"
