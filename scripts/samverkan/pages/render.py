"""Render the page plan into Markdown files for the engine.

Rendering is pure: `render(site)` returns every generated file as text and
writes nothing; publish/docs.py puts the files in docs/.
"""

from __future__ import annotations

import datetime as dt
import html

import yaml
from markupsafe import Markup

from ..addresses import FEED
from ..content.site import Site
from ..content.sources import SOURCES_DIR, anchor
from ..words.editors import GENERATED_NOTICE as NOTICE
from . import swedish
from .changes import atom, changes
from .environment import environment
from .markdown import DEPTH
from .plan import Page, plan
from .split import map_in_two

# The C emitter writes the same YAML many times faster than the Python one.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Headings of a page as it stands alone, and one level down inside a page that gathers it.
_ALONE = {"hx": Markup(""), "gathered": False}
_GATHERED = {"hx": Markup("#"), "gathered": True}


def html_title(text: str) -> str:
    """A title for the engine and the theme, escaped as HTML text.

    MkDocs treats a page's title and a menu section's name as HTML: Material
    prints them raw into <title>, the menu, the header and the search index
    (its theme environment does not autoescape). So the title is escaped here,
    once, where it leaves our code. The one place that would undo it,
    base.html's `page.title | striptags`, is not reached: every page has a
    title in its front matter, which base.html prints as it is. Other values
    in the front matter (sidinfo) stay plain text, and overrides/ escapes them.
    """
    return html.escape(" ".join(text.split()), quote=True)


def front_matter(page: Page, written: dt.date | None = None, notes: tuple[str, ...] = ()) -> str:
    """written: when the page's own text last changed (pages/history.py);
    without it the page claims no date rather than a wrong one. notes: what
    editors must know before the site may be published (content/gate.py),
    shown as a banner on every page of a preview."""
    meta = {
        "title": html_title(page.title),
        "sidinfo": {
            "informationsagare": page.owner,
            **({"uppdaterad": written.isoformat(), "uppdaterad_text": swedish.datum(written)} if written else {}),
            **({"kalla": page.source} if page.source else {}),
            **({"kallsida": page.source_page} if page.source_page else {}),
            **({"kallstycken": [{"nummer": n, "ankare": anchor(n)} for n in page.passages]} if page.passages else {}),
        },
        **page.meta,
        **({"redaktorer": list(notes)} if notes else {}),
    }
    notice = NOTICE.format(sources=", ".join(dict.fromkeys(page.sources)))
    body = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    # MkDocs needs `---` on the first line; the notice is the first thing after it.
    return f"---\n# {notice}\n{body}---\n\n"


def _nav(site: Site, pages: list[Page]) -> str:
    """The menu, in plan order, for the awesome-nav plugin."""
    # A section is named by its index page (Kommuner, Organisationer), an
    # investigation's by its title rather than "Om utredningen".
    titles = {p.path.partition("/")[0]: html_title(p.title) for p in pages if p.path.endswith("/index.md")}
    titles |= {inv.meta.id: html_title(inv.meta.titel) for inv in site.investigations}
    nav: list = []
    sections: dict[str, list[str]] = {}
    for page in pages:
        folder, _, rest = page.path.partition("/")
        if not rest:
            nav.append(page.path)
            continue
        if folder not in sections:
            sections[folder] = []
            nav.append({titles[folder]: sections[folder]})
        sections[folder].append(page.path)
    # Hand-written pages at the top of docs/ follow, in awesome-nav's glob order.
    nav.append({"glob": "*.md", "ignore_no_matches": True})
    notice = NOTICE.format(sources="content/")
    return f"# {notice}\n" + yaml.dump({"nav": nav}, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def _abbreviations(site: Site) -> str:
    """Python-Markdown's abbr definitions: every abbreviation is explained
    (<abbr title>) wherever it stands on a page."""
    return "".join(f"\n*[{f.forkortning}]: {' '.join(f.betydelse.split())}" for f in site.ordlista.forkortningar) + "\n"


def _body(page: Page, how: dict, at: Page | None = None) -> str:
    """at: the page the text lands on, when page is gathered into another."""
    env = environment()
    context = {**page.context, **how}
    if page.parts:
        context["delar"] = [Markup(_body(part, _GATHERED, page)) for part in page.parts]
    token = DEPTH.set((at or page).path.count("/"))
    try:
        return env.get_template(page.template).render(context)
    finally:
        DEPTH.reset(token)


def _inputs(site: Site) -> dict[str, tuple]:
    """What each page's text can depend on, by the page's first folder: an
    investigation's pages on the files of its folder and the site-wide files;
    every other page on everything. Whole folders rather than a page's
    sources, so that nothing a template reads can be missed."""
    folders: dict[str, list] = {}
    site_wide = []
    top = set(site.sources.values())
    for name, digest in sorted(site.fingerprints.items()):
        # A stored source (kallor/) belongs to the investigation whose folder holds it.
        folder = name.rpartition("/")[0].removesuffix("/" + SOURCES_DIR)
        (site_wide if name in top else folders.setdefault(folder, [])).append((name, digest))
    inputs = {inv.meta.id: (*site_wide, *folders.get(inv.sources["utredning.yml"].rpartition("/")[0], ())) for inv in site.investigations}
    inputs[""] = tuple(sorted(site.fingerprints.items()))
    return inputs


def written(page: Page, history: dict[str, dt.date] | None) -> dt.date | None:
    """When the page's text last changed: the newest of its content files'
    (history), or, for a page whose content dates its own text (the
    accessibility statement), that date if it is newer."""
    if history is None:
        return None
    dates = [history[s] for s in page.sources if s in history] + ([page.text_date] if page.text_date else [])
    return max(dates, default=None)


def render(site: Site, bodies: dict | None = None, history: dict[str, dt.date] | None = None,
           notes: list[str] | tuple[str, ...] = ()) -> dict[str, str]:
    """Every generated file under docs/, as {relative path: text}.

    bodies: a dict kept between calls (the preview's). A page is rendered
    again only if a file it can depend on changed since (_inputs), or the
    date of its text did: all of a page comes from those.
    history: when each content file's text last changed (pages/history.py).
    notes: the editors' banner on every page (front_matter)."""
    pages = plan(site)
    abbreviations = _abbreviations(site)
    notes = tuple(notes)

    def text(p: Page) -> str:
        return front_matter(p, written(p, history), notes) + _body(p, _ALONE) + abbreviations

    if bodies is None:
        out = dict(zip((p.path for p in pages), map_in_two(text, pages), strict=True))
    else:
        inputs = _inputs(site)
        out = {}
        for p in pages:
            key = (p.template, notes, inputs.get(p.path.partition("/")[0], inputs[""]), written(p, history))
            known = bodies.get(p.path)
            if known is None or known[0] != key:
                known = bodies[p.path] = (key, text(p))
            out[p.path] = known[1]
    out[".nav.yml"] = _nav(site, pages)
    # Not Markdown: MkDocs copies it to site/ as it is.
    out[FEED] = atom(site, changes(site))
    return out
