"""The intranet's nginx configuration, run on this machine.

`make intranet` and the tests serve a site with deploy/nginx/samverkan.conf
itself: only its lines marked LOCAL (listen and root, for the site and for
the previews) are changed, and it
is wrapped in the few lines Debian's /etc/nginx/nginx.conf would give it. All
of nginx's own files (pid, logs, temporary folders) go into a throwaway
prefix folder, so nothing of the machine's nginx is touched or needed.

python -m harness.nginx [--site site] [--port 8080]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from samverkan.paths import ROOT
from samverkan.words import msg

from .processes import stop, wait_for_http
from .servers import free_port

CONF = ROOT / "deploy" / "nginx" / "samverkan.conf"
NGINX = Path("/usr/sbin/nginx")

_LOCAL = re.compile(r"^(\s*)\S.*#\s*LOCAL:\s*([\w-]+)\s*$", re.M)

# What Debian's nginx.conf provides around a site's file, with every path
# nginx writes to inside the prefix folder.
_MAIN = """\
{user}pid {prefix}/nginx.pid;
worker_processes 1;
events {{
    worker_connections 64;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/samverkan.conf;
}}
"""


def _quoted(path: Path) -> str:
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_config(site: Path, port: int, previews: Path, preview_port: int) -> str:
    """samverkan.conf with its LOCAL lines set to 127.0.0.1:port and site,
    and for the previews' server 127.0.0.1:preview_port and previews."""
    # Not resolved: like DEPLOY_PATH/current, root may be a link that a
    # deploy or rollback switches while nginx runs. Quoted: it may hold spaces.
    values = {"listen": f"listen 127.0.0.1:{port};", "root": f"root {_quoted(site.absolute())};",
              "preview-listen": f"listen 127.0.0.1:{preview_port};", "preview-root": f"root {_quoted(previews.absolute())};"}
    found = []

    def local(match: re.Match) -> str:
        found.append(match[2])
        return match[1] + values[match[2]]

    text = _LOCAL.sub(local, CONF.read_text("utf-8"))
    if sorted(found) != sorted(values):
        raise RuntimeError(f"{CONF}: expected one LOCAL line each for {sorted(values)}, found {found}")
    return text


def write_prefix(prefix: Path, site: Path, port: int, previews: Path | None = None, preview_port: int | None = None) -> Path:
    """nginx.conf and the site's file in prefix; returns nginx.conf. Without
    previews, their server serves an empty folder in prefix."""
    if previews is None:
        previews = prefix / "previews"
        previews.mkdir(exist_ok=True)
    if preview_port is None:
        preview_port = free_port()
    (prefix / "samverkan.conf").write_text(site_config(site, port, previews, preview_port), "utf-8")
    # Run as root, nginx's workers would become `nobody`, who may not read a
    # site in a private temporary folder; a local run needs no such switch.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = prefix / "nginx.conf"
    main.write_text(_MAIN.format(prefix=prefix, user=user), "utf-8")
    return main


def command(prefix: Path, site: Path, port: int, previews: Path | None = None, preview_port: int | None = None) -> list[str]:
    """nginx's command line for site on port, its files written into prefix."""
    main = write_prefix(prefix, site, port, previews, preview_port)
    return [str(NGINX), "-p", str(prefix), "-c", str(main), "-e", "stderr", "-g", "daemon off;"]


@contextlib.contextmanager
def intranet(site: Path, port: int, previews: Path | None = None, preview_port: int | None = None) -> Iterator[str]:
    """site served by the intranet's configuration on 127.0.0.1:port (and
    previews, if given, on preview_port); yields the site's URL."""
    with tempfile.TemporaryDirectory(prefix="samverkan-nginx-") as prefix:
        log = Path(prefix) / "stderr.log"
        with open(log, "wb") as stderr:
            server = subprocess.Popen(command(Path(prefix), site, port, previews, preview_port), stderr=stderr, start_new_session=True)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_for_http(url, server, seconds=20)
        except Exception as exc:
            stop(server)
            raise RuntimeError(log.read_text("utf-8", "replace")) from exc
        try:
            yield url
        finally:
            stop(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.nginx")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--port", type=int, default=8080)
    # The previews' server (REVIEW_URL), as tests/test_e2e.py runs it.
    parser.add_argument("--granskning", type=Path, help="the previews' folder (the preview account's rrsync folder)")
    parser.add_argument("--granskning-port", type=int)
    args = parser.parse_args(argv)
    if not NGINX.exists():
        print(msg("intranet_no_nginx"), file=sys.stderr)
        return 1
    if not args.site.is_dir():
        print(msg("intranet_no_site", site=args.site.name), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="samverkan-nginx-") as prefix:
        print(msg("intranet_running", site=args.site.name, url=f"http://127.0.0.1:{args.port}/"), flush=True)
        # In the foreground: Ctrl-C reaches nginx too, which stops at once.
        server = subprocess.Popen(command(Path(prefix), args.site, args.port, args.granskning, args.granskning_port))
        try:
            return server.wait()
        except KeyboardInterrupt:
            return server.wait()


if __name__ == "__main__":
    sys.exit(main())
