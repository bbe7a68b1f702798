"""The intranet's web server, as configured in deploy/nginx/samverkan.conf:
Debian's nginx serving the built site on 127.0.0.1, read by Chromium.

Every page loads under the strict Content-Security-Policy with no violation
and no axe finding, search works (its Web Worker is a script too), answers
are compressed, and cache and security headers are what the file says.
"""

from __future__ import annotations

import gzip
import os
import re
import urllib.error
import urllib.request

import pytest

from conftest import html_pages
from harness.nginx import NGINX, intranet
from harness.servers import free_port
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
