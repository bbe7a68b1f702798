"""The browser editor's Content-Security-Policy, from where it saves.

Readers' pages keep the strict policy in deploy/nginx/samverkan.conf. The
editor at /redaktor/ (Decap CMS 3.x) needs three things more, and only these:

- script-src 'unsafe-eval': Decap's bundle compiles functions from text at
  start (its configuration's validator), and stops with "EvalError" without it;
- style-src 'unsafe-inline': its components write their styles into <style>
  elements at run time (emotion), which no hash or nonce can name in advance;
- the GitLab origin(s) of redaktor/gitlab.yml (base_url for the login's token,
  api_root for reading and saving) in connect-src, and in img-src for the
  pictures it shows from the repository (with blob: and data:, which is how
  it shows them once fetched).

The GitLab address is written once, in redaktor/gitlab.yml; `make cms` writes
the policy from it into the line of samverkan.conf marked GENERATED, and
tests/test_intranet.py checks that the two agree. An editor that needs more
(another CMS) changes EDITOR_DIRECTIVES here, and nowhere else.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..paths import ROOT

GITLAB_SETTINGS = ROOT / "redaktor" / "gitlab.yml"
CONF = ROOT / "deploy" / "nginx" / "samverkan.conf"

# {gitlab}: the origins the editor's back end talks to.
EDITOR_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-eval'"],
    "worker-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "{gitlab}"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", "{gitlab}"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

_LINE = re.compile(r'^(\s*)add_header Content-Security-Policy "([^"]*)" always;(\s*#\s*GENERATED: editor-csp\b.*)$', re.M)


def origin(url: str) -> str:
    """scheme://host[:port] of url, as a CSP source."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{GITLAB_SETTINGS.name}: {url!r} är ingen webbadress (https://…)")
    return f"{parts.scheme}://{parts.netloc}"


def gitlab_origins(gitlab: dict) -> list[str]:
    """The distinct origins of the editor's back end: its login and its API (or, in
    tests, the proxy_url of Decap's local back end)."""
    return sorted({origin(gitlab[key]) for key in ("base_url", "api_root", "proxy_url") if gitlab.get(key)})


def editor_policy(gitlab: dict | None = None) -> str:
    """The policy /redaktor/ is served with, for the back end in gitlab (redaktor/gitlab.yml)."""
    if gitlab is None:
        gitlab = yaml.safe_load(GITLAB_SETTINGS.read_text("utf-8"))
    origins = gitlab_origins(gitlab)
    parts = []
    for name, sources in EDITOR_DIRECTIVES.items():
        values = [value for source in sources for value in (origins if source == "{gitlab}" else [source])]
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)


def _line(conf: str) -> re.Match:
    found = list(_LINE.finditer(conf))
    if len(found) != 1:
        raise RuntimeError(f"{CONF}: expected one line marked GENERATED: editor-csp, found {len(found)}")
    return found[0]


def conf_policy(conf: str) -> str:
    """The editor's policy as samverkan.conf has it."""
    return _line(conf)[2]


def with_editor_policy(conf: str, policy: str) -> str:
    """conf with its GENERATED editor-csp line set to policy."""
    line = _line(conf)
    return f'{conf[:line.start()]}{line[1]}add_header Content-Security-Policy "{policy}" always;{line[3]}{conf[line.end():]}'


def write_conf(gitlab: dict, conf: Path = CONF) -> list[Path]:
    """Sets samverkan.conf's editor policy from gitlab; returns it if it changed."""
    old = conf.read_text("utf-8")
    new = with_editor_policy(old, editor_policy(gitlab))
    if new == old:
        return []
    conf.write_text(new, "utf-8")
    return [conf]
