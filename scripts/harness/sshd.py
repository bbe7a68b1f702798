"""The intranet's web server as IT sets it up (guider/it.md), for tests: an
OpenSSH server on 127.0.0.1 with Debian's defaults (PAM, strict modes, keys
in ~/.ssh/authorized_keys) and accounts made by plain `useradd -m`, whose
login shell is therefore Debian's /bin/sh (dash), not bash.

Making accounts needs root, as on the real server; the accounts get names of
their own and are removed (`userdel -r`) afterwards.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from harness.processes import stop

SSHD = Path("/usr/sbin/sshd")
RRSYNC = Path("/usr/bin/rrsync")

_CONFIG = """\
ListenAddress 127.0.0.1
Port {port}
HostKey {folder}/host_key
PidFile {folder}/sshd.pid
AllowUsers {users}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
LogLevel ERROR
"""


@dataclass
class Account:
    user: str
    home: Path
    key: Path  # private key, readable by all, as GitLab writes a File variable


@dataclass
class Server:
    host: str
    port: int
    known_hosts: str
    accounts: dict[str, Account]

    def variables(self, name: str) -> dict[str, str]:
        """The deploy job's CI/CD variables for account name (without DEPLOY_PATH)."""
        account = self.accounts[name]
        return {"DEPLOY_HOST": self.host, "DEPLOY_PORT": str(self.port), "DEPLOY_USER": account.user,
                "DEPLOY_SSH_KEY": str(account.key), "DEPLOY_KNOWN_HOSTS": self.known_hosts}


def available() -> bool:
    return os.geteuid() == 0 and SSHD.exists() and bool(shutil.which("useradd")) and bool(shutil.which("rsync"))


def _keygen(path: Path, comment: str) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)], check=True)


def _add_account(folder: Path, name: str, forced: str | None) -> Account:
    user = f"sv{name[:8]}{secrets.token_hex(3)}"
    # Exactly as the IT guide says: Debian's defaults, nothing else.
    subprocess.run(["useradd", "-m", user], check=True)
    entry = pwd.getpwnam(user)
    key = folder / f"{name}_key"
    _keygen(key, name)
    key.chmod(0o644)
    ssh = Path(entry.pw_dir) / ".ssh"
    ssh.mkdir(mode=0o700)
    options = f'command="{forced}",restrict ' if forced else ""
    (ssh / "authorized_keys").write_text(options + (folder / f"{name}_key.pub").read_text(), "utf-8")
    (ssh / "authorized_keys").chmod(0o600)
    for path in (ssh, ssh / "authorized_keys"):
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return Account(user, Path(entry.pw_dir), key)


def start(folder: Path, port: int) -> tuple[subprocess.Popen, str]:
    """sshd in the foreground with folder/sshd_config (its host key in
    folder/host_key), once it answers on port; and its known_hosts line.
    The caller stops it (harness.processes.stop)."""
    if os.geteuid() == 0:
        # Debian's service makes sshd's privilege-separation folder; it is empty and shared.
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    with open(folder / "sshd.log", "wb") as log:
        server = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(folder / "sshd_config")], stderr=log, start_new_session=True)
    deadline = time.monotonic() + 20
    while True:
        if server.poll() is not None or time.monotonic() > deadline:
            stop(server)
            raise RuntimeError("sshd did not start: " + (folder / "sshd.log").read_text())
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    host_key = (folder / "host_key.pub").read_text().split()
    return server, f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}"


@contextlib.contextmanager
def ssh_server(folder: Path, accounts: dict[str, str | None]) -> Iterator[Server]:
    """An SSH server with one new account per name in accounts, each with its
    own key; the value is that key's forced command (authorized_keys
    command="…",restrict), or None for a key that may log in."""
    made: list[Account] = []
    server = None
    try:
        for name, forced in accounts.items():
            made.append(_add_account(folder, name, forced))
        _keygen(folder / "host_key", "host")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        (folder / "sshd_config").write_text(
            _CONFIG.format(port=port, folder=folder, users=" ".join(a.user for a in made)), "utf-8")
        server, known_hosts = start(folder, port)
        yield Server("127.0.0.1", port, known_hosts, dict(zip(accounts, made, strict=True)))
    finally:
        if server is not None:
            stop(server)
        for account in made:
            subprocess.run(["userdel", "-r", account.user], capture_output=True)


@contextlib.contextmanager
def server_root() -> Iterator[Path]:
    """A folder that every account may enter, as /var/www is (pytest's own
    temporary folders are private to root); removed afterwards."""
    base = Path(tempfile.mkdtemp(prefix="samverkan-srv-", dir="/tmp"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def owned_folder(path: Path, account: Account) -> Path:
    """path made and given to account, as `install -d -o` in the IT guide does."""
    path.mkdir(mode=0o755, parents=True, exist_ok=True)
    shutil.chown(path, account.user, account.user)
    return path
