"""Readers in a real browser: accessibility (axe, WCAG 2.1 AA), keyboard,
reflow, print, and no request outside the intranet.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright; the site is
served on 127.0.0.1. Every axe rule of the WCAG tags runs; none is excluded.
"""

import re
from urllib.parse import urlsplit

import pytest

from conftest import html_pages

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"dator": 1280, "mobil": 375}


@pytest.fixture
def page_at(browser):
    """A new page at the given width; every request it makes is recorded."""
    opened = []

    def make(width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        opened.append(context)
        return page

    yield make
    for context in opened:
        context.close()


def _axe(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']}: {v['nodes'][0]['target']} – {v['nodes'][0]['failureSummary']}" for v in result["violations"]]


def _open_search(page, query: str | None = None) -> None:
    page.keyboard.press("/")
    page.wait_for_selector("#sib-sok-fraga:focus")
    if query is not None:
        page.keyboard.type(query)
        page.wait_for_selector("#sib-sok .sib-sok__traff")


def _all_requests_local(page) -> list[str]:
    return [url for url in page.requests if urlsplit(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:"))]


def _url(markdown_path: str) -> str:
    """Where MkDocs publishes a page: a/b.md -> a/b/, a/index.md -> a/."""
    stem = markdown_path.removesuffix(".md")
    return "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")


def pytest_generate_tests(metafunc):
    # One test per page of the real site, named by its address.
    if "path" in metafunc.fixturenames:
        from samverkan.content.validate import validate
        from samverkan.pages.plan import plan
        from samverkan.paths import ROOT

        paths = [_url(p.path) for p in plan(validate(ROOT / "content", ROOT))]
        metafunc.parametrize("path", paths, ids=[p or "start" for p in paths])


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_axe_violations_on_any_page(served_site, page_at, axe_source, path, width):
    page = page_at(width)
    page.goto(served_site + path)
    assert _axe(page, axe_source) == []
    assert _all_requests_local(page) == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_axe_violations_in_every_state_of_search(served_site, page_at, axe_source, width):
    page = page_at(width)
    page.goto(served_site)
    assert page.locator("[data-sib-sok-oppna]").is_visible()
    assert _axe(page, axe_source) == [], "closed"
    _open_search(page)
    dialog = page.locator("dialog#sib-sok")
    assert dialog.get_attribute("aria-label") == "Sök på webbplatsen"
    assert page.evaluate("document.getElementById('sib-sok').matches(':modal')")
    assert _axe(page, axe_source) == [], "open"
    page.keyboard.type("nämnd")
    page.wait_for_selector("#sib-sok .sib-sok__traff")
    status = page.locator("#sib-sok [role=status]")
    page.wait_for_function("/\\d+ sökresultat/.test(document.querySelector('#sib-sok [role=status]').textContent)")
    assert _axe(page, axe_source) == [], "results"
    page.locator("#sib-sok-fraga").fill("xyzzyqw")
    page.wait_for_function("document.querySelector('#sib-sok [role=status]').textContent === 'Inga sökresultat'")
    assert status.inner_text() == "Inga sökresultat"
    assert _axe(page, axe_source) == [], "no results"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert _all_requests_local(page) == []


def test_reflow_at_320_pixels_no_horizontal_scrolling(served_site, page_at, path):
    page = page_at(320)
    page.goto(served_site + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_skip_link_is_visible_on_focus_and_moves_to_the_content(served_site, page_at):
    page = page_at(1280)
    page.goto(served_site + "samverkan-i-bergslagen/bkt/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "md-skip" in skip.get_attribute("class").split()
    assert skip.is_visible() and skip.inner_text().strip() == "Gå till innehållet"
    box = skip.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    page.keyboard.press("Enter")
    # The document's own location, not Playwright's page.url: that one is fed
    # by a protocol event which, under load, can arrive after the key press
    # returns (seen: 1 run in 40 read the old address), while the fragment
    # navigation itself has already happened in the page.
    target = page.evaluate("location.hash").removeprefix("#")
    assert target and page.locator(f"[id='{target}']").inner_text().startswith("Bergslagens Kommunalteknik")


def test_every_navigation_item_is_reachable_by_keyboard_with_a_visible_focus(served_site, page_at):
    page = page_at(1280)
    page.goto(served_site + "samverkan-i-bergslagen/")
    wanted = {a.get_attribute("href") for a in page.locator("nav.md-nav--primary a.md-nav__link[href]").all() if a.is_visible()}
    reached = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {href: e.getAttribute('href'), nav: !!e.closest('nav.md-nav--primary'),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
        }""")
        if focused["nav"] and focused["href"]:
            assert focused["outline"], f"no visible focus on {focused['href']}"
            reached.add(focused["href"])
        if wanted <= reached:
            break
    assert wanted <= reached, wanted - reached


def test_search_is_operable_by_keyboard(served_site, page_at):
    page = page_at(1280)
    page.goto(served_site)
    _open_search(page, "Pershyttan")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('sib-sok__lank')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "sib-sok-fraga"
    # Back on the search button as Esc closes the dialog, in the same task,
    # not a task later (the dialog's close event): a key pressed at once goes there.
    assert page.evaluate("""() => {
        document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}))
        return document.activeElement.hasAttribute("data-sib-sok-oppna")
    }""")
    _open_search(page)
    page.keyboard.press("Escape")
    assert not page.locator("dialog#sib-sok").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-sib-sok-oppna')")
    page.keyboard.press("Enter")  # the focused button opens search again
    page.wait_for_selector("#sib-sok-fraga:focus")
    page.keyboard.type("Pershyttan")
    page.wait_for_selector("#sib-sok .sib-sok__traff")
    page.keyboard.press("Tab")  # past the close button, into the results
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('sib-sok__lank')")
    page.keyboard.press("Enter")
    # BKT's page in the investigation, or its page across investigations: both name its seat.
    page.wait_for_url(re.compile(r".+/(samverkan-i-bergslagen|organisationer)/.*"))
    assert "Pershyttan" in page.locator("article").inner_text()
    assert _all_requests_local(page) == []


def test_the_search_button_opens_search_by_mouse_and_touch(served_site, page_at):
    page = page_at(375)
    page.goto(served_site + "samverkan-i-bergslagen/bkt/")
    page.locator("[data-sib-sok-oppna]").click()
    page.wait_for_selector("#sib-sok-fraga:focus")
    page.locator("[data-sib-sok-stang]").click()
    assert not page.locator("dialog#sib-sok").is_visible()


def test_abbreviations_explain_themselves_on_keyboard_focus(served_site, page_at):
    page = page_at(1280)
    page.goto(served_site + "samverkan-i-bergslagen/bkt/")
    abbr = page.locator("article abbr[tabindex='0']").first
    abbr.focus()
    page.wait_for_function("document.activeElement.hasAttribute('aria-describedby')")
    tooltip = page.locator(f"#{abbr.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == "Bergslagens Kommunalteknik"


def test_every_abbreviation_on_every_page_has_an_explanation(built_site):
    from bs4 import BeautifulSoup

    for page in html_pages(built_site):
        article = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article")
        text = article.get_text(" ")
        for word in ("BKT", "BMB", "KNÖL"):
            if re.search(rf"\b{word}\b", text):
                assert article.find("abbr", string=word, attrs={"title": True}), (page, word)


def test_print_shows_the_text_without_the_screen_chrome(served_site, page_at):
    page = page_at(1280)
    page.goto(served_site)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.sib-sok', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    link = page.locator("article p a, article li a").first
    assert link.is_visible() and link.inner_text() == "Alla utredningar (1 st.)"
    page.goto(served_site + "samverkan-i-bergslagen/process/")
    assert page.evaluate("getComputedStyle(document.querySelector('article tr')).breakInside") == "avoid"
    assert "Nora kommun" in page.locator("article").inner_text()
    assert len(page.pdf()) > 1000


def test_pictures_keep_their_meaning_in_forced_colours_zoom_and_print(served_site, page_at):
    page = page_at(640)  # 1280 px at 200 % zoom
    page.goto(served_site + "samverkan-i-bergslagen/bkt/")
    # The proposal beside what was, row by row (a table, not a picture of boxes).
    comparison = page.locator("table.sib-korttabell").first
    assert "nio ledamöter och nio ersättare" in " ".join(comparison.inner_text().split())  # the source's words for BKT
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.goto(served_site + "samverkan-i-bergslagen/process/")
    page.emulate_media(forced_colors="active")
    markers = page.evaluate("""() => [...document.querySelectorAll('.sib-tidslinje__steg')].map(e => {
        const s = getComputedStyle(e, '::before'); return s.borderTopStyle + ' ' + s.backgroundColor; })""")
    assert len(set(markers)) == 2  # done and next look different without colour
