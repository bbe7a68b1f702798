"""The steps after the engine, declared once, in order.

`make build` (pipeline.build) runs them over every page of a fresh site; the
preview (preview/session.py) over the pages its engine rebuilt after a save.
Both run this one list, so the preview's site is the site a build makes
(tests/test_preview_speed.py compares every file of the two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .editor import add_editor
from .htmlpass import PagePass
from .precompress import precompress
from .search import Weighted, index_site
from .version import NAME as VERSION
from .version import write_version


@dataclass
class Built:
    """A site the engine has just written, and what the steps need to know."""

    site: Path
    # The project, whose redaktor/ holds the browser editor's own files.
    project: Path
    # Proper names from the content, which the search never splits.
    names: Iterable[str] = ()
    # The files the engine wrote this time; None: all of them (a whole build).
    changed: list[Path] | None = None
    # The site being replaced, whose unchanged files need no work again.
    previous: Path | None = None
    # The newest date in the published content, for version.json; None: none written.
    updated: dt.date | None = None
    # Files the steps wrote beside the engine's (scripts, the index, the editor).
    written: set[Path] = field(default_factory=set)
    # Each page's entry for the search index (path below site: where its own
    # text ends, its words); the preview keeps it between saves.
    search: dict[str, tuple[int, Weighted]] = field(default_factory=dict)
    # Files given their .gz already.
    compressed: set[Path] = field(default_factory=set)

    # The one pass over the pages, made at its first page (see page_made).
    _passing: PagePass | None = field(default=None, init=False, repr=False)

    def page_made(self, page: Path) -> None:
        """The pass over page, now: the engine has just written it. A whole
        build hands pages over as they come (publish/prefetch.py); the first
        step then does only the rest."""
        if self._passing is None:
            if self.changed is None:
                self.search.clear()  # a whole site: every entry anew
            self._passing = PagePass(self.site, self.previous, self.search)
        if page not in self._passing.done:
            self._passing(page)

    def pages_done(self) -> None:
        """The pass is over: the script files its pages load, written."""
        if self._passing is not None:
            self.written |= self._passing.finish()
            self.compressed |= self._passing.compressed

    def pages(self) -> list[Path]:
        """The HTML pages to work on, in path order."""
        if self.changed is None:
            return sorted(self.site.rglob("*.html"))
        return sorted(p for p in self.changed if p.suffix == ".html")

    def files(self) -> list[Path] | None:
        """Every file changed by the engine or a step; None: possibly all."""
        return None if self.changed is None else sorted({*self.changed, *self.written})


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Built], None]
    # Works on the whole site whatever changed: the preview runs it once
    # after a save, not after each part it rebuilds.
    site_wide: bool = False


def _pages(built: Built) -> None:
    for page in built.pages():  # those the engine handed over are done already
        built.page_made(page)
    built.pages_done()


def _search(built: Built) -> None:
    # The whole site always: how a page's compounds are split depends on the
    # words of every page, so one changed page can change another's entry.
    built.written |= index_site(built.site, built.names, built.search)


def _editor(built: Built) -> None:
    built.written |= add_editor(built.site, built.project, built.previous)


def _version(built: Built) -> None:
    if built.updated is not None:
        write_version(built.site, built.project, built.updated)
        built.written.add(built.site / VERSION)


def _compress(built: Built) -> None:
    precompress(built.site, previous=built.previous, only=built.files(), done=built.compressed)


# In this order: the pass over the pages makes them as they are published,
# which the index reads; compressing the rest comes last, so it sees every
# file in its final form.
STEPS: tuple[Step, ...] = (
    Step("one pass over each page: fixes, inline scripts into files, search text, .gz", _pages),
    Step("search index (Pagefind)", _search, site_wide=True),
    Step("browser editor at /redaktor/", _editor),
    Step("version.json: commit, build time, content date (monitoring)", _version, site_wide=True),
    Step("a .gz beside each other text file (gzip_static)", _compress),
)


def after_build(built: Built, site_wide: bool = True) -> None:
    """Every step in order over built; without the site-wide ones if not site_wide."""
    for step in STEPS:
        if site_wide or not step.site_wide:
            step.run(built)
