"""Render validated content into Markdown pages for MkDocs.

One Jinja2 environment, one template per kind of page. Rendering is pure:
`render(site)` returns every generated file as text; `write_docs` then puts
them in docs/, touching only files whose text changed, so a watching MkDocs
server does not rebuild forever.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import textfmt
from .errors import ContentError, ContentErrors
from .messages import ASPECTS, LABELS, msg
from .validate import Investigation, Site

TEMPLATES = Path(__file__).with_name("templates")
# The C emitter writes the same YAML many times faster than the Python one.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MANIFEST = ".generated.json"
NOTICE = "GENERERAD FIL – redigera inte för hand. Ändra i {sources} och kör make build."


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,  # a missing field fails the build, never prints blank
        trim_blocks=True,
        lstrip_blocks=True,  # indented template tags must not make Markdown code blocks
        keep_trailing_newline=True,
        # Templates are looked up hundreds of times a build; checking their
        # files each time costs more than rendering. The live preview clears
        # this cache when a template changes (serve.py).
        auto_reload=False,
        autoescape=True,  # so macro output is Markup and is not escaped twice
        finalize=textfmt.finalize,
    )
    env.filters.update(
        datum=textfmt.datum,
        url=textfmt.url,
        tal=textfmt.tal,
        antal=textfmt.antal,
        lista=textfmt.lista,
        label=textfmt.label,
        aspect=textfmt.aspect,
        lower_first=textfmt.lower_first,
    )
    return env


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    sources: tuple[str, ...]
    context: dict
    owner: str
    updated: object  # datetime.date
    # More front matter for MkDocs and the theme (e.g. leaving a page out of search).
    meta: dict = field(default_factory=dict)
    # Pages whose bodies this page gathers ("Hela utredningen").
    parts: tuple[Page, ...] = ()


def _today(site: Site, org) -> dict[str, str]:
    """How an organisation is organised today, per aspect of the Idag/Förslag table."""
    styrning = LABELS[org.styrning.organ] + (f": {org.styrning.namn}" if org.styrning.namn else "")
    known = {
        "organisationsform": LABELS[org.form],
        "politisk_styrning": styrning,
        "vardkommun": site.kommun(org.vardkommun).namn if org.vardkommun else None,
        "arbetsgivare": site.kommun(org.arbetsgivare).kommunnamn if org.arbetsgivare else None,
    }
    return {a: known.get(a) or LABELS["okand"] for a in ASPECTS}


def _rows(proposal) -> list[tuple[str, list]]:
    points = [*proposal.politisk_organisation, *proposal.forvaltningsorganisation]
    return [(a, [p for p in points if p.aspekt == a]) for a in ASPECTS if any(p.aspekt == a for p in points)]


def _decision_rows(site: Site, inv: Investigation) -> list[list[str]]:
    return [
        [site.kommun(b.kommun).kommunnamn, LABELS[b.status], textfmt.datum(b.datum) if b.datum else "–", b.utfall or "–"]
        for b in inv.process.beslut.kommuner
    ]


def _response_rows(inv: Investigation) -> list[list[str]]:
    return [
        [r.parti, LABELS[r.status], textfmt.datum(r.datum) if r.datum else "–", r.sammanfattning or "–"]
        for r in inv.process.remiss.svar
    ]


def _investigation_pages(site: Site, inv: Investigation) -> list[Page]:
    base = inv.meta.id
    src = inv.sources
    common = (src["utredning.yml"], src["process.yml"])
    owner, updated = inv.meta.informationsagare, inv.meta.uppdaterad

    def page(name, template, title, extra, meta=None, parts=(), **context):
        return Page(f"{base}/{name}", template, title, (*common, *extra), {"site": site, "inv": inv, **context}, owner, updated, meta or {}, parts)

    pages = [
        page("index.md", "utredning.md.j2", "Om utredningen", (site.sources["kommuner.yml"], site.sources["organisationer.yml"])),
    ]
    for proposal in inv.proposals:
        org = site.organisation(proposal.organisation)
        pages.append(
            page(
                f"{org.id}.md",
                "organisation.md.j2",
                f"{org.namn} ({org.forkortning})",
                (src[f"forslag:{org.id}"], site.sources["organisationer.yml"], site.sources["dokument.yml"]),
                org=org,
                proposal=proposal,
                today=_today(site, org),
                rows=_rows(proposal),
                mote=inv.handelse(proposal.lagt_vid),
            )
        )
    pages += [
        page("styrgrupp.md", "styrgrupp.md.j2", "Styrgrupp och arbetssätt", (src["styrgrupp.yml"],)),
        page("gemensam-bild.md", "gemensam-bild.md.j2", "Gemensam bild", (src["gemensam-bild.yml"],)),
        page("process.md", "process.md.j2", "Process och nästa steg", (site.sources["dokument.yml"],),
             beslutsrader=_decision_rows(site, inv), remissrader=_response_rows(inv)),
    ]
    everything = tuple(dict.fromkeys(source for p in pages for source in p.sources))
    # The whole investigation on one page, for print and the remiss; left out
    # of search so that a word is not found twice.
    pages.append(page("hela-utredningen.md", "hela-utredningen.md.j2", "Hela utredningen", everything,
                      meta={"search": {"exclude": True}}, parts=tuple(pages)))
    return pages


def plan(site: Site) -> list[Page]:
    """Every page of the site, in navigation order."""
    start_sources = [site.sources["webbplats.yml"], site.sources["kommuner.yml"]]
    for inv in site.investigations:
        start_sources += [inv.sources["utredning.yml"], inv.sources["process.yml"]]
        start_sources += [inv.sources[f"forslag:{p.organisation}"] for p in inv.proposals]
    owner = site.webbplats.informationsagare
    pages = [Page("index.md", "start.md.j2", "Start", tuple(start_sources), {"site": site}, owner, site.updated)]
    for inv in site.investigations:
        pages += _investigation_pages(site, inv)
    glossary = site.ordlista
    pages.append(Page("ordlista.md", "ordlista.md.j2", "Ordlista", (site.sources["ordlista.yml"],), {
        "forkortningar": sorted(glossary.forkortningar, key=lambda f: textfmt.sv_key(f.forkortning)),
        "termer": sorted(glossary.termer, key=lambda t: textfmt.sv_key(t.term)),
    }, owner, site.updated))
    statement = site.tillganglighet
    pages.append(Page("tillganglighet.md", "tillganglighet.md.j2", "Tillgänglighetsredogörelse", (site.sources["tillganglighet.yml"],),
                      {"site": site}, statement.organisation, statement.uppdaterad))
    return pages


def _front_matter(page: Page) -> str:
    meta = {
        "title": page.title,
        "sidinfo": {
            "informationsagare": page.owner,
            "uppdaterad": page.updated.isoformat(),
            "uppdaterad_text": textfmt.datum(page.updated),
        },
        **page.meta,
    }
    notice = NOTICE.format(sources=", ".join(dict.fromkeys(page.sources)))
    body = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    # MkDocs needs `---` on the first line; the notice is the first thing after it.
    return f"---\n# {notice}\n{body}---\n\n"


def _nav(site: Site, pages: list[Page]) -> str:
    titles = {inv.meta.id: inv.meta.titel for inv in site.investigations}
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


def _demote(markdown: str) -> str:
    """Headings one level down, for a page gathered into another. Lines from
    content never start with # (it is escaped), so only template headings move."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def render(site: Site) -> dict[str, str]:
    """Every generated file under docs/, as {relative path: text}."""
    env = environment()
    macros = env.get_template("_macros.md.j2").module
    pages = plan(site)
    bodies: dict[str, str] = {}
    for page in pages:  # a gathering page comes after the pages it gathers
        context = page.context
        if page.parts:
            # Their bodies again, without the status box each repeats, one
            # heading level down: rendered once, reused.
            status = str(macros.status(context["inv"]))
            parts = [Markup(_demote(bodies[part.path].replace(status, "", 1))) for part in page.parts]
            context = {**context, "delar": parts}
        bodies[page.path] = env.get_template(page.template).render(context)
    abbreviations = _abbreviations(site)
    out = {p.path: _front_matter(p) + bodies[p.path] + abbreviations for p in pages}
    out[".nav.yml"] = _nav(site, pages)
    out[".namn.json"] = json.dumps(_names(site), ensure_ascii=False, indent=1) + "\n"
    return out


def _names(site: Site) -> list[str]:
    """Proper names from the content, which the search must never split."""
    names = {k.namn for k in site.kommuner.kommuner}
    names |= {o.sate.namn for o in site.organisationer.values()}
    names |= {inv.meta.utredare.namn for inv in site.investigations}
    names |= {site.webbplats.namn} | {inv.meta.titel for inv in site.investigations}
    # Capitalised words only: "i" in "Samverkan i Bergslagen" is no name.
    return sorted({word for name in names for word in re.findall(r"[^\W\d_]+", name) if word[0].isupper()})


# ------------------------------------------------------------------ writing


def write_docs(docs: Path, files: dict[str, str], display: str = "docs") -> list[str]:
    """Bring docs/ in line with files; return the paths whose text changed.

    Every changed file is first written beside its target and only then moved
    into place, so a failure part-way leaves the old files. Generated files
    are listed in a manifest: a page whose source was removed disappears, and
    a hand-written file is never overwritten.
    """
    manifest_path = docs / MANIFEST
    previous = set(json.loads(manifest_path.read_text("utf-8"))) if manifest_path.exists() else set()
    clashes = [p for p in files if p not in previous and (docs / p).exists()]
    if clashes:
        raise ContentErrors([ContentError(f"{display}/{p}", 1, 1, msg("hand_written")) for p in clashes])
    # The manifest and .gitignore are generated too: git ignores what the manifest lists.
    ignored = sorted([*files, MANIFEST, ".gitignore"])
    everything = {
        **files,
        MANIFEST: json.dumps(sorted(files), indent=1, ensure_ascii=False) + "\n",
        ".gitignore": "# " + NOTICE.format(sources="content/") + "\n" + "".join(f"/{p}\n" for p in ignored),
    }
    changed = {rel: text for rel, text in everything.items() if not _same(docs / rel, text)}
    staged: list[tuple[str, Path]] = []
    try:
        for rel, text in sorted(changed.items()):
            staged.append((rel, _stage(docs / rel, text)))
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        raise
    for rel, tmp in staged:
        os.replace(tmp, docs / rel)
    stale = sorted(previous - set(files))
    for rel in stale:
        (docs / rel).unlink(missing_ok=True)
        for folder in (docs / rel).parents:
            if folder == docs or any(folder.iterdir()):
                break
            folder.rmdir()
    return sorted(set(files) & set(changed)) + stale


def _same(path: Path, text: str) -> bool:
    return path.exists() and path.read_text("utf-8") == text


def _stage(path: Path, text: str) -> Path:
    """Write text to a temporary file beside path, to be moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.chmod(tmp, 0o644)  # mkstemp makes files private; these are published
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return Path(tmp)
