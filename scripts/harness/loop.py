"""The publish loop as a municipality runs it, on this machine: a bare git
repository standing in for GitLab's, real accounts on a real OpenSSH server,
gitlab-ci-local running .gitlab-ci.yml, nginx with the shipped configuration.

Used by tests/test_e2e.py (the whole loop, editor to reader) and by
scripts/bench.py (the minutes from a merge to the reader seeing it). Every
server listens on 127.0.0.1 only; every account is made with plain
`useradd -m`, as IT makes it on Debian, and removed afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sysconfig
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from samverkan.paths import ROOT

from . import sshd
from .project import with_test_contact
from .servers import free_port, stop

GITLAB_CI_LOCAL = ROOT / "node_modules" / ".bin" / "gitlab-ci-local"
# The project's address as GitLab would give it; gitlab-ci-local names the
# project (CI_PROJECT_PATH …) after the clone's remote.
GITLAB_REMOTE = "git@gitlab.intranat.example:kommunerna/samverkan.git"
IDENTITY = ["-c", "user.name=Redaktör Test", "-c", "user.email=redaktor@127.0.0.1"]


# ------------------------------------------------------------------ steps


@dataclass
class Steps:
    """Named steps with their durations. A step that fails raises an
    AssertionError that names it, so a red run says where the loop broke."""

    times: list[tuple[str, float]] = field(default_factory=list)

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        except Exception as exc:
            self.times.append((name + " (FAILED)", time.monotonic() - started))
            raise AssertionError(f"step {len(self.times)} '{name}' failed: {exc}\n\n{self.table()}") from exc
        self.times.append((name, time.monotonic() - started))
        print(f"  {time.monotonic() - started:7.1f} s  {name}", flush=True)

    def table(self) -> str:
        lines = [f"{n:>2}. {seconds:7.1f} s  {name}" for n, (name, seconds) in enumerate(self.times, 1)]
        return "\n".join([*lines, f"    {sum(s for _, s in self.times):7.1f} s  in all"])


# ------------------------------------------------------------------ git


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *IDENTITY, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def snapshot(where: Path) -> Path:
    """A clone of this project at HEAD with the working tree's files on top
    (committed as one more commit if they differ), on branch main: what the
    tests are run on is what the loop runs."""
    work = where / "arbetskopia"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(work)], check=True)
    git(work, "checkout", "-q", "-B", "main")
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / name)
    git(work, "add", "-A")
    if git(work, "status", "--porcelain"):
        git(work, "commit", "-q", "-m", "The working tree, as the tests see it")
    # What only the municipality can give, so that main may be published at all.
    # In place of any contact already there (the municipality's, or this loop's own when it runs inside one).
    with_test_contact(work / "content")
    if git(work, "status", "--porcelain"):  # inside a loop, the same test contact is there already
        git(work, "commit", "-q", "-am", "The accessibility statement's contact (test data)")
    return work


def bare_remote(where: Path, work: Path) -> Path:
    """A bare repository holding work's main, standing in for GitLab's."""
    remote = where / "gitlab.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    git(work, "push", "-q", str(remote), "main:main")
    return remote


def merge_as_gitlab(remote: Path, where: Path, branch: str, title: str) -> tuple[str, str]:
    """Merges branch into main in remote as GitLab's merge button does (a
    merge commit, its message in GitLab's form); returns (before, after)."""
    work = where / "sammanslagning"
    if not work.exists():
        subprocess.run(["git", "clone", "-q", str(remote), str(work)], check=True)
    git(work, "fetch", "-q", "origin")
    git(work, "checkout", "-q", "-B", "main", "origin/main")
    before = git(work, "rev-parse", "HEAD")
    git(work, "merge", "-q", "--no-ff", f"origin/{branch}", "-m", f"Merge branch '{branch}' into 'main'\n\n{title}")
    git(work, "push", "-q", "origin", "main")
    return before, git(work, "rev-parse", "HEAD")


def runner_clone(remote: Path, where: Path, before: str | None = None) -> Path:
    """The runner's checkout of main in remote. rules:changes is evaluated
    by gitlab-ci-local against origin/main; GitLab compares a push with the
    branch's previous tip, so origin/main is set to before (the tip before
    the merge). The environments the jobs' `make` would make again from the
    lock files are hard-linked from this project's, as they would come out."""
    repo = where / f"runner-{secrets.token_hex(3)}" / "samverkan"
    repo.parent.mkdir(parents=True)
    subprocess.run(["git", "clone", "-q", str(remote), str(repo)], check=True)
    if before:
        git(repo, "update-ref", "refs/remotes/origin/main", before)
    git(repo, "remote", "set-url", "origin", GITLAB_REMOTE)
    _link_environments(repo)
    return repo


def link_venv(repo: Path) -> None:
    """This project's .venv in repo, hard-linked: what the jobs' `make` would
    make again from requirements.lock (a minute of pip), pointing at repo's
    own scripts/."""
    shutil.copytree(ROOT / ".venv", repo / ".venv", symlinks=True, copy_function=os.link)
    purelib = Path(sysconfig.get_paths()["purelib"]).relative_to(Path(sysconfig.get_paths()["data"]))
    for linked, text in ((repo / ".venv" / purelib / "samverkan.pth", f"{repo / 'scripts'}\n"), (repo / ".venv" / ".ready", "")):
        linked.unlink()  # a hard link: writing into it would change the original
        linked.write_text(text)


def _link_environments(repo: Path) -> None:
    link_venv(repo)
    modules = (ROOT / "node_modules").resolve()
    if modules.is_dir():
        subprocess.run(["cp", "-al", str(modules), str(repo / "node_modules")], check=True)
        ready = repo / "node_modules" / ".ready"
        ready.unlink(missing_ok=True)
        ready.write_text("")


# ------------------------------------------------------------------ accounts and SSH


@contextlib.contextmanager
def account(prefix: str) -> Iterator[str]:
    """A real account made as the IT guide says, `useradd -m NAME`, with
    Debian's defaults (login shell /bin/sh, which is dash); removed with
    its home folder afterwards. The name is unique to this run."""
    name = f"{prefix}-{secrets.token_hex(3)}"
    subprocess.run(["useradd", "-m", name], check=True, capture_output=True)
    try:
        yield name
    finally:
        subprocess.run(["userdel", "-r", "-f", name], capture_output=True)


def home(user: str) -> Path:
    import pwd

    return Path(pwd.getpwnam(user).pw_dir)


def authorize(user: str, public_key: str) -> None:
    """The key IT puts in the account's ~/.ssh/authorized_keys, owned by it."""
    ssh = home(user) / ".ssh"
    subprocess.run(["install", "-d", "-m", "700", "-o", user, "-g", user, str(ssh)], check=True)
    (ssh / "authorized_keys").write_text(public_key, "utf-8")
    shutil.chown(ssh / "authorized_keys", user, user)
    (ssh / "authorized_keys").chmod(0o600)


def keypair(folder: Path, name: str) -> tuple[Path, str]:
    """A new ed25519 key: (private key file, public key line). The private
    file is readable by all, as GitLab writes a File variable."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name)], check=True)
    (folder / name).chmod(0o644)
    return folder / name, (folder / f"{name}.pub").read_text("utf-8")


# Debian's sshd_config, as far as it matters here: PAM on, keys from
# ~/.ssh/authorized_keys with the modes checked. Only the accounts of the run get in.
_SSHD_CONFIG = """\
ListenAddress 127.0.0.1
Port {port}
HostKey {folder}/host_key
PidFile {folder}/sshd.pid
AllowUsers {users}
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
LogLevel ERROR
"""


@contextlib.contextmanager
def ssh_server(folder: Path, users: list[str]) -> Iterator[dict[str, str]]:
    """OpenSSH on 127.0.0.1 letting users in; yields the connection's CI/CD variables."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", str(folder / "host_key")], check=True)
    port = free_port()
    (folder / "sshd_config").write_text(_SSHD_CONFIG.format(port=port, folder=folder, users=" ".join(users)), "utf-8")
    server, known_hosts = sshd.start(folder, port)
    try:
        yield {"DEPLOY_HOST": "127.0.0.1", "DEPLOY_PORT": str(port), "DEPLOY_KNOWN_HOSTS": known_hosts}
    finally:
        stop(server)


# ------------------------------------------------------------------ the pipeline


def outside_ci() -> dict[str, str]:
    """This process's environment without what a real pipeline around it
    puts there (its CI_… and deploy variables), which would otherwise decide
    the nested run's rules and targets."""
    ours = ("CI_", "GITLAB_", "DEPLOY_", "REVIEW_", "SITE_URL")
    return {key: value for key, value in os.environ.items() if not key.startswith(ours)}


def _arguments(repo: Path, home: Path, variables: dict[str, str]) -> list[str]:
    # Values in this file that start with / become File variables, as the
    # SSH keys are in GitLab: so only those go in the file.
    keys = {key: value for key, value in variables.items() if key.endswith("_SSH_KEY")}
    (repo / ".gitlab-ci-local-variables.yml").write_text(json.dumps(keys), "utf-8")
    others = [arg for key, value in variables.items() if key not in keys for arg in ("--variable", f"{key}={value}")]
    return [str(GITLAB_CI_LOCAL), "--force-shell-executor", "--home", str(home), "--no-color", *others]


def planned_jobs(repo: Path, home: Path, variables: dict[str, str]) -> dict[str, str]:
    """The jobs .gitlab-ci.yml's rules give this commit: name -> when
    (on_success, manual; jobs the rules leave out are not listed)."""
    result = subprocess.run([*_arguments(repo, home, variables), "--list-json"], cwd=repo, capture_output=True, text=True,
                            timeout=120, env={**outside_ci(), "CI": "true"})
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    # The list follows gitlab-ci-local's own lines (warnings, timings).
    listing = result.stdout[re.search(r"^\[", result.stdout, re.M).start():]
    return {job["name"]: job["when"] for job in json.loads(listing) if job["when"] != "never"}


def run_pipeline(repo: Path, home: Path, variables: dict[str, str], *jobs: str) -> str:
    """gitlab-ci-local in repo: the named jobs, or without names the whole
    pipeline as the rules give it. Returns the log; raises if a job failed."""
    result = subprocess.run([*_arguments(repo, home, variables), *jobs], cwd=repo, capture_output=True, text=True,
                            timeout=1200, env={**outside_ci(), "CI": "true"})
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise RuntimeError(f"gitlab-ci-local {' '.join(jobs)} exited {result.returncode}:\n{log[-6000:]}")
    return log


def passed_jobs(log: str) -> list[str]:
    return re.findall(r"^\s*PASS\s+(\S+)", log, re.M)


# ------------------------------------------------------------------ what readers see


def _blocks(soup: BeautifulSoup) -> Iterator[str]:
    """The text of each smallest part of a page that states one thing: a
    table row, a list item, a paragraph."""
    for tag in soup.select("main tr, main li, main p, main dd"):
        if not tag.find(["tr", "li", "p", "dd"]):
            yield " ".join(tag.get_text(" ").split())


def pages_stating(site: Path, name: str, says: Callable[[str], bool]) -> list[str]:
    """Addresses (relative, ending in /) of the reader pages of site where a
    part naming name, or any part of name's own page (its heading is name),
    says(text). From the built files, so a new page that shows it is found."""
    found = []
    for page in sorted(site.rglob("index.html")):
        relative = page.parent.relative_to(site).as_posix()
        if relative.startswith("redaktor"):
            continue
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        heading = soup.select_one("main h1")
        own = heading is not None and name in heading.get_text()
        if any((own or name in text) and says(text) for text in _blocks(soup)):
            found.append("" if relative == "." else relative + "/")
    return found


# ------------------------------------------------------------------ the loop, for measuring


@dataclass
class Loop:
    """A published intranet on this machine: GitLab's repository (remote),
    the deploy account on OpenSSH, nginx at base serving DEPLOY_PATH/current."""

    where: Path
    remote: Path
    variables: dict[str, str]
    base: str

    def merge(self, title: str, change: Callable[[Path], None]) -> tuple[str, str]:
        """A branch with change(working tree) committed, merged into main as
        GitLab merges; returns (main before, the merge commit)."""
        work = self.where / "andringar"
        if not work.exists():
            subprocess.run(["git", "clone", "-q", str(self.remote), str(work)], check=True)
        git(work, "fetch", "-q", "origin")
        branch = f"andring-{secrets.token_hex(3)}"
        git(work, "checkout", "-q", "-B", branch, "origin/main")
        change(work)
        git(work, "commit", "-q", "-am", title)
        git(work, "push", "-q", "origin", branch)
        return merge_as_gitlab(self.remote, self.where, branch, title)

    def pipeline(self, before: str, variables: dict[str, str] | None = None) -> tuple[Path, str]:
        """The merged commit's pipeline, every job its rules give it; returns
        (the runner's checkout, the log)."""
        runner = runner_clone(self.remote, self.where, before=before)
        return runner, run_pipeline(runner, self.where / "gcl-home", {**self.variables, **(variables or {})})


@contextlib.contextmanager
def published(where: Path) -> Iterator[Loop]:
    """This project (working tree) in a bare repository, a deploy account
    made by `useradd -m` behind OpenSSH, main published to it by the
    pipeline's build and deploy jobs, and nginx with the shipped
    samverkan.conf serving it. Needs root (useradd)."""
    from .nginx import intranet

    with contextlib.ExitStack() as stack:
        user = stack.enter_context(account("sv-bench"))
        remote = bare_remote(where, snapshot(where))
        keys = where / "nycklar"
        keys.mkdir()
        key, public = keypair(keys, "deploy")
        authorize(user, public)
        (where / "sshd").mkdir()
        variables = stack.enter_context(ssh_server(where / "sshd", [user]))
        port = free_port()
        deploy_path = home(user) / "samverkan"
        variables.update(DEPLOY_USER=user, DEPLOY_SSH_KEY=str(key), DEPLOY_PATH=str(deploy_path), SITE_URL=f"http://127.0.0.1:{port}/")
        runner = runner_clone(remote, where)
        run_pipeline(runner, where / "gcl-home", variables, "build", "deploy")
        base = stack.enter_context(intranet(deploy_path / "current", port))
        yield Loop(where, remote, variables, base)


def wait_until(seen: Callable[[], bool], seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while not seen():
        if time.monotonic() > deadline:
            raise TimeoutError("the reader never saw the change")
        time.sleep(0.2)
