"""The intranet's web server, as configured in deploy/nginx/samverkan.conf:
Debian's nginx serving the built site on 127.0.0.1, read by Chromium.

Every page loads under the strict Content-Security-Policy with no violation
and no axe finding, search works (its Web Worker is a script too), answers
are compressed, and cache and security headers are what the file says.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import urllib.error
import urllib.request
from unittest import mock

import pytest
import yaml

from conftest import html_pages
from harness.nginx import NGINX, intranet
from harness.project import copy_content
from harness.servers import free_port
from samverkan.paths import ROOT
from samverkan.publish import csp
from test_browser import AXE_TAGS, _all_requests_local, _open_search

INSTALL_HINT = "nginx saknas, så testerna av intranätets webbserver hoppas över. Installera: sudo apt-get install nginx"

# Collects the page's CSP violations from its first script on.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(scope="module")
def nginx_site(built_site):
    if not NGINX.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{NGINX} is missing in CI; .ci/install-system-packages must install nginx")
        pytest.skip(INSTALL_HINT)
    with intranet(built_site, free_port()) as url:
        yield url


def _get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _page_urls(site) -> list[str]:
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in html_pages(site)]


def test_every_page_is_sent_compressed_with_the_security_headers(built_site, nginx_site):
    for path in _page_urls(built_site):
        status, headers, body = _get(nginx_site + path)
        assert status == 200, path
        assert headers["Content-Encoding"] == "gzip", path
        assert gzip.decompress(body) == (built_site / path / "index.html").read_bytes(), path
        csp = headers["Content-Security-Policy"]
        # Scripts only from the site's own files; WebAssembly (the search's
        # Pagefind) may compile, but no inline script and no eval of text.
        scripts = next(d for d in csp.split(";") if d.strip().startswith("script-src")).split()
        assert scripts == ["script-src", "'self'", "'wasm-unsafe-eval'"], scripts
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-cache", path


def test_fingerprinted_assets_are_cached_for_a_year_and_others_are_not(built_site, nginx_site):
    fingerprinted = [p for p in (built_site / "assets").rglob("*.min.*") if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", p.name)]
    assert any(p.name.startswith("bundle.") for p in fingerprinted)
    assert any(p.name.startswith("inline.") for p in fingerprinted)
    for asset in fingerprinted:
        _, headers, _ = _get(nginx_site + asset.relative_to(built_site).as_posix())
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", asset
    for plain in ("stylesheets/samverkan.css", "pagefind/pagefind-entry.json", "pagefind/pagefind.js", "assets/javascripts/sok.js"):
        status, headers, _ = _get(nginx_site + plain)
        assert status == 200 and headers["Cache-Control"] == "no-cache", plain


def test_a_client_without_gzip_gets_the_plain_file(built_site, nginx_site):
    status, headers, body = _get(nginx_site + "ordlista/", gzip_ok=False)
    assert status == 200 and "Content-Encoding" not in headers
    assert body == (built_site / "ordlista" / "index.html").read_bytes()


def test_a_missing_address_gets_the_swedish_404_page_with_status_404(nginx_site):
    status, headers, body = _get(nginx_site + "samverkan-i-bergslagen/finns-inte/", gzip_ok=False)
    assert status == 404
    assert "<h1>Sidan finns inte</h1>" in body.decode("utf-8")
    assert "script-src 'self'" in headers["Content-Security-Policy"]


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def _axe(page, axe_source) -> list[str]:
    # Under script-src 'self' the page may not add axe as a <script>; run
    # through the DevTools protocol, axe's source is outside the page's CSP,
    # and the page itself keeps its real policy.
    page.evaluate(axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']}: {v['nodes'][0]['target']} – {v['nodes'][0]['failureSummary']}" for v in result["violations"]]


def test_every_page_runs_under_the_policy_with_no_violation_and_no_axe_finding(built_site, nginx_site, csp_page, axe_source):
    for path in [*_page_urls(built_site), "finns-inte/"]:
        csp_page.goto(nginx_site + path, wait_until="networkidle")
        # The theme's scripts ran: they mark the document as JavaScript-enabled.
        assert csp_page.evaluate("document.documentElement.classList.contains('js') || !!window.__md_scope"), path
        assert csp_page.evaluate("window.__csp") == [], path
        assert _axe(csp_page, axe_source) == [], path
    assert _all_requests_local(csp_page) == []


def test_search_works_under_the_policy(nginx_site, csp_page, axe_source):
    csp_page.goto(nginx_site)
    _open_search(csp_page, "nämnder")
    results = csp_page.locator("#sib-sok .sib-sok__traff").all_inner_texts()
    assert any("nämnd" in text.lower() for text in results)
    assert csp_page.evaluate("window.__csp") == []
    assert _axe(csp_page, axe_source) == []


def test_the_violation_listener_sees_an_inline_script_being_blocked(nginx_site, csp_page):
    # The control for the tests above: an inline script is refused and reported.
    csp_page.goto(nginx_site)
    csp_page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }")
    csp_page.wait_for_function("window.__csp.length > 0")
    assert csp_page.evaluate("window.__csp")[0].startswith("script-src")
    assert csp_page.evaluate("window.__ran") is None


# ------------------------------------------------------------------ the browser editor under its own policy


def test_the_editors_policy_is_written_from_its_gitlab_setting():
    # One setting: redaktor/gitlab.yml's address is in the policy nginx sends.
    gitlab = yaml.safe_load(csp.GITLAB_SETTINGS.read_text("utf-8"))
    policy = csp.conf_policy(csp.CONF.read_text("utf-8"))
    assert policy == csp.editor_policy(gitlab), "deploy/nginx/samverkan.conf: redaktörens policy är inaktuell: kör make cms"
    connect = next(d for d in policy.split("; ") if d.startswith("connect-src ")).split()
    assert connect == ["connect-src", "'self'", csp.origin(gitlab["api_root"])]
    # A GitLab elsewhere changes it, there and in connect-src only through that setting.
    moved = {**gitlab, "base_url": "https://git.example:8443", "api_root": "https://git.example:8443/api/v4"}
    assert "connect-src 'self' https://git.example:8443;" in csp.editor_policy(moved)
    with pytest.raises(ValueError, match="ingen webbadress"):
        csp.editor_policy({**gitlab, "api_root": "gitlab.example/api/v4"})


def test_the_editor_starts_under_its_own_policy_and_readers_keep_the_strict_one(built_site, nginx_site, csp_page):
    assert (built_site / "redaktor" / "decap-cms.js").exists(), "the built site has no editor (npm ci)"
    status, headers, _ = _get(nginx_site + "redaktor/", gzip_ok=False)
    assert status == 200
    assert headers["Content-Security-Policy"] == csp.editor_policy()
    # Its own add_header would drop the server's; they are repeated there.
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-cache"
    errors = []
    csp_page.on("console", lambda message: message.type == "error" and "Content Security Policy" in message.text and errors.append(message.text))
    csp_page.goto(nginx_site + "redaktor/", wait_until="networkidle")
    login = csp_page.get_by_role("button", name="Logga in med GitLab")
    login.wait_for(timeout=20_000)
    assert login.is_visible()
    assert csp_page.evaluate("window.__csp") == [] and errors == []
    assert "Error loading the CMS configuration" not in csp_page.inner_text("body")
    # The reader's pages next to it: no eval, no inline style.
    _, reader, _ = _get(nginx_site + "ordlista/")
    assert "'unsafe-eval'" not in reader["Content-Security-Policy"]
    assert "'unsafe-inline'" not in reader["Content-Security-Policy"]


# ------------------------------------------------------------------ version.json and the previews' server


def test_version_json_is_served_and_never_cached(built_site, nginx_site):
    status, headers, body = _get(nginx_site + "version.json", gzip_ok=False)
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert headers["Cache-Control"] == "no-store"
    version = json.loads(body)
    assert version == json.loads((built_site / "version.json").read_text("utf-8"))
    assert set(version) == {"commit", "built", "content_date"}
    # Pages around it keep theirs.
    assert _get(nginx_site)[1]["Cache-Control"] == "no-cache"


@pytest.fixture(scope="module")
def preview_server(built_site, nginx_site, tmp_path_factory):
    """The previews' server block of samverkan.conf, with one preview (the built site) at ny-sida/current/."""
    previews = tmp_path_factory.mktemp("granskning")
    (previews / "ny-sida").mkdir()
    (previews / "ny-sida" / "current").symlink_to(built_site)
    port = free_port()
    with intranet(built_site, free_port(), previews, port):
        yield f"http://127.0.0.1:{port}/"


def test_a_preview_is_served_with_its_own_swedish_404_page(built_site, preview_server):
    status, headers, _ = _get(preview_server + "ny-sida/current/", gzip_ok=False)
    assert status == 200
    assert "script-src 'self' 'wasm-unsafe-eval'" in headers["Content-Security-Policy"]
    assert headers["X-Robots-Tag"] == "noindex"
    status, headers, body = _get(preview_server + "ny-sida/current/finns-inte/", gzip_ok=False)
    assert status == 404
    assert body == (built_site / "404.html").read_bytes()
    assert "<h1>Sidan finns inte</h1>" in body.decode("utf-8")
    assert headers["X-Content-Type-Options"] == "nosniff"
    # Outside any preview: nothing.
    assert _get(preview_server + "annan/", gzip_ok=False)[0] == 404


def test_nginx_follows_current_when_a_deploy_switches_it(tmp_path):
    # As on the server: root is DEPLOY_PATH/current, a link the deploy and
    # rollback switch while nginx runs; the path may hold a space and an apostrophe.
    releases = tmp_path / "intranät o'hara" / "releases"
    for name in ("000001-a", "000002-b"):
        (releases / name).mkdir(parents=True)
        (releases / name / "index.html").write_text(f"<p>{name}</p>\n", "utf-8")
    current = releases.parent / "current"
    current.symlink_to("releases/000001-a")
    with intranet(current, free_port()) as url:
        assert _get(url, gzip_ok=False)[2] == b"<p>000001-a</p>\n"
        (releases.parent / ".current-new").symlink_to("releases/000002-b")
        (releases.parent / ".current-new").replace(current)
        assert _get(url, gzip_ok=False)[2] == b"<p>000002-b</p>\n"


def test_past_the_login_the_editor_runs_under_the_same_policy(built_site, tmp_path, csp_page):
    # GitLab itself is not here: Decap's local back end stands in for it, and
    # the policy is derived exactly as for GitLab, with its address instead.
    from test_redaktor import _decap_server

    site = tmp_path / "site"
    shutil.copytree(built_site, site, symlinks=True)
    project = tmp_path / "projekt"
    copy_content(project / "content")
    with _decap_server(project) as api:
        config = yaml.safe_load((ROOT / "redaktor" / "config.yml").read_text("utf-8"))
        config["backend"] = {"name": "proxy", "proxy_url": api, "branch": "main"}
        del config["publish_mode"]
        (site / "redaktor" / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        gitlab = {**yaml.safe_load(csp.GITLAB_SETTINGS.read_text("utf-8")), "proxy_url": api}
        conf = tmp_path / "samverkan.conf"
        conf.write_text(csp.with_editor_policy(csp.CONF.read_text("utf-8"), csp.editor_policy(gitlab)), "utf-8")
        with mock.patch("harness.nginx.CONF", conf), intranet(site, free_port()) as url:
            csp_page.goto(url + "redaktor/")
            csp_page.get_by_role("button", name="Logga in").click()
            csp_page.get_by_text("Webbplatsen").first.click()
            csp_page.locator("a[href*='/entries/webbplats']").first.click()
            field = csp_page.get_by_label("Namn", exact=False).first
            field.click()
            field.press("End")
            field.type(" – test")
            csp_page.wait_for_timeout(500)
            assert "– test" in field.input_value()
            assert csp_page.evaluate("window.__csp") == []
