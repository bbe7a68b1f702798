"""Running the engine (MkDocs): a staging folder, a lock, and the swap.

The build renders into a staging copy of docs/, runs MkDocs on it, and only
when everything succeeded updates docs/ and swaps the new site/ in. A failed
build leaves docs/ and site/ byte for byte as they were, and a lock keeps two
builds started at once from mixing their output. This module stays light to
import: the command line forks the engine (prefetch.py) from it before the
heavy imports of validation and rendering.

docs/ and site/ change together. A build that is killed (kill -9, power
loss) can stop anywhere, so the commit is journalled: before docs/ or site/
is touched, .build-journal names the staging folder that holds both new
trees; the next build, under the lock, first completes what the journal
names (commit() is idempotent) and only then starts its own. site/ itself is
swapped with one atomic exchange of the two folders (renameat2), so a web
server reading it sees the old site or the new one, never none. Staging
folders carry their build's process id, and any whose process is gone are
removed at the next start.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..addresses import for_templates

# Material prints a banner about its successor on every run; it is not news
# to editors and would hide their real messages.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

LOCK_NAME = ".build.lock"

# The site generator, chosen by SAMVERKAN_MOTOR (`make build ENGINE=…`).
# ProperDocs is a maintained fork of MkDocs 1.x with the same modules under
# another name; importing properdocs.replacement makes every `mkdocs.*`
# import, ours and the theme's and plugins', load ProperDocs instead. It
# must come before the first such import in the process.
ENGINES = {"mkdocs": None, "properdocs": "properdocs.replacement"}
DEFAULT_ENGINE = "mkdocs"


def select_engine() -> str:
    """Load the chosen generator in place of mkdocs; its name."""
    import importlib

    name = os.environ.get("SAMVERKAN_MOTOR") or DEFAULT_ENGINE
    if name not in ENGINES:
        from ..words import msg

        raise SystemExit(msg("unknown_engine", name=name, engines=", ".join(ENGINES)))
    if ENGINES[name]:
        importlib.import_module(ENGINES[name])
    return name
STAGING_PREFIX = ".build-"
TRASH_PREFIX = ".gammal"  # a finished build's staging folder, being removed (discard)
JOURNAL_NAME = ".build-journal"


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per project; a second one waits for the first,
    and says so, naming the process that holds the lock: a build stopped
    with Ctrl-Z holds it until it is continued or ended."""
    from ..words import msg

    # "a": opening must not erase the holder's process id before we hold the lock.
    with open(root / LOCK_NAME, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            print(msg("lock_wait", pid=holder) if holder.isdigit() else msg("lock_wait_unknown"), file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def source_date_epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH from the content's date, so the same content builds
    the same bytes (MkDocs puts it in the sitemap), never from the clock."""
    return str(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()))


@contextlib.contextmanager
def environment_variable(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def load_mkdocs_config(config: Path, docs: Path, site: Path):
    select_engine()
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    loaded = load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True)
    # The site's addresses, for the menu and the page head (overrides/), from
    # the one place that names them.
    loaded["extra"].update(for_templates())
    return loaded


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, kept to be told to the editor in Swedish
    (publish/explain.py) instead of printed in English, or not at all."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:
            self.messages.append(str(record.msg))


@contextlib.contextmanager
def warnings_collected() -> Iterator[list[str]]:
    """MkDocs' warnings while the block runs, as a list, and not printed."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield collect.messages
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate


def run_mkdocs(loaded, site_name: str | None = None) -> tuple[bool, list[str]]:
    """The engine's build of loaded: whether it worked, and what MkDocs
    warned about. site_name: the site's name from content/webbplats.yml, where
    editors set it, in place of mkdocs.yml's."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    if site_name is not None:
        # The theme prints it raw into <title> and the menu, and through `| e`
        # into attributes: escaped here, once, as Markup so `| e` leaves it be.
        from markupsafe import escape

        loaded["site_name"] = escape(site_name)
    with warnings_collected() as messages:
        try:
            build(loaded)
        except (MkDocsException, SystemExit) as exc:
            if str(exc) and not str(exc).startswith("Aborted with"):
                messages.append(str(exc))
            return False, messages
        except OSError as exc:
            from ..errors import os_cause

            messages.append(f"{exc.filename}: {os_cause(exc)}" if exc.filename else os_cause(exc))
            return False, messages
    return True, messages


def staging_dir(root: Path) -> Path:
    """A fresh folder beside site/, on the same disk, for one build, with an
    empty docs/ in it. The folders are made once and never removed while the
    build runs: the engine may be reading its configuration from them at the
    same moment (prefetch.py). Its name carries our process id, so that a
    later build can tell a killed build's folder from a running one's."""
    remove_stale_staging(root)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))
    (staging / "docs").mkdir()
    return staging


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_staging(root: Path) -> None:
    """Staging folders of builds whose process is gone (killed, or the
    machine stopped), except the one a journal still needs."""
    journal = _read_journal(root)
    for folder in root.glob(TRASH_PREFIX + "*"):  # a removal that was stopped, or is still going
        _remove_later(folder)
    for folder in root.glob(STAGING_PREFIX + "*"):
        parts = folder.name[len(STAGING_PREFIX):].split("-")
        if not folder.is_dir() or (journal and folder.name == journal.get("staging")):
            continue
        if not parts[0].isdigit() or not _alive(int(parts[0])):
            shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ the commit


def _read_journal(root: Path) -> dict | None:
    try:
        return json.loads((root / JOURNAL_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _write_journal(root: Path, entry: dict) -> None:
    tmp = root / (JOURNAL_NAME + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(entry, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, root / JOURNAL_NAME)


_libc = ctypes.CDLL(None, use_errno=True)
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the
    system or the file system cannot."""
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    err = ctypes.get_errno()
    raise OSError(err, os.strerror(err), str(b))


def _swap_in(site: Path, new_site: Path, new_inode: int) -> None:
    """new_site in place of site; the old site ends up at new_site's path."""
    if site.exists() and site.stat().st_ino == new_inode:
        return  # done before the previous build was stopped
    if site.exists() and not _exchange(new_site, site):
        site.rename(new_site.with_name("old-site"))
    if not site.exists():
        new_site.rename(site)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C and termination wait until the commit is done: docs/ and
    site/ are then both new. (kill -9 cannot wait; the journal covers it.)"""
    signals = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def commit(root: Path, docs: Path, site: Path, staging: Path) -> None:
    """staging's new docs/ and site/ in place of docs/ and site/, together."""
    with signals_deferred():
        _write_journal(root, {"staging": staging.name, "site_inode": (staging / "site").stat().st_ino, "docs": str(docs), "site": str(site)})
        _finish(root, docs, site, staging)


def _finish(root: Path, docs: Path, site: Path, staging: Path) -> None:
    from .docs import generated_files, write_docs

    entry = _read_journal(root) or {}
    _swap_in(site, staging / "site", entry["site_inode"])
    write_docs(docs, generated_files(staging / "docs"), display=docs.name)
    (root / JOURNAL_NAME).unlink()


def discard(root: Path, staging: Path) -> None:
    """Remove a build's staging folder unless a journal needs it (to complete
    a commit). After a commit it holds the replaced site, thousands of files
    nobody need wait for: renamed away, removed by a process of its own."""
    entry = _read_journal(root)
    if (entry and entry.get("staging") == staging.name) or not staging.exists():
        return
    try:
        staging.rename(trash := root / (TRASH_PREFIX + staging.name))
        _remove_later(trash)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_later(folder: Path) -> None:
    """sh returns at once, its rm goes on without us; two at one folder do no harm."""
    subprocess.run(["sh", "-c", 'rm -rf -- "$1" >/dev/null 2>&1 &', "sh", str(folder)], stdin=subprocess.DEVNULL, check=False)


def recover(root: Path) -> bool:
    """Complete the commit a stopped build left half done; True if there was one.
    Call with the build lock held."""
    entry = _read_journal(root)
    if entry is None:
        (root / JOURNAL_NAME).unlink(missing_ok=True)
        return False
    staging = root / entry["staging"]
    with signals_deferred():
        if (staging / "docs").is_dir():
            _finish(root, Path(entry["docs"]), Path(entry["site"]), staging)
        else:
            (root / JOURNAL_NAME).unlink()
    shutil.rmtree(staging, ignore_errors=True)
    return True


def stage_docs(docs: Path, staging: Path) -> Path:
    """docs/ as it is now, in the staging folder, to render into."""
    stage = staging / "docs"
    if docs.exists():
        # Hard links: instant, and safe because write_docs replaces a changed
        # file with a new one instead of writing into it. Into the folder that
        # already exists, never a new one (see staging_dir).
        shutil.copytree(docs, stage, symlinks=True, copy_function=os.link, dirs_exist_ok=True)
    return stage


def build_in_process(config: Path, staging: Path, epoch: str, site_name: str | None = None) -> tuple[bool, list[str]]:
    with environment_variable("SOURCE_DATE_EPOCH", epoch):
        return run_mkdocs(load_mkdocs_config(config, staging / "docs", staging / "site"), site_name=site_name)
