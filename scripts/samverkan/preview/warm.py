"""The preview's engine, kept warm between saves.

After one whole build, a save rebuilds only the pages it changed: those
whose Markdown changed, and those whose menu or footer shows a title that
changed. MkDocs has no such mode: its dirty build still reads every file and
builds the menu anew on each save, and leaves other pages' menus stale. This
keeps the engine's files, menu and theme from the last whole build and runs
the engine's own steps for one page on each page to rebuild, so a page comes
out as a whole build would make it (tests/test_preview_speed.py compares
them after a series of saves). Whatever it cannot rebuild page by page (a
page added or removed, a title in the portal's menu, mkdocs.yml, overrides/)
gets a whole build.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import yaml

from .. import addresses
from ..publish import engine
from . import internals


class _Keep:
    """What the engine made in its last whole build: a plugin of the preview's own."""

    files = nav = env = None

    def on_nav(self, nav, config, files):
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env, config, files):
        self.env = env
        return env


def _pages(item) -> list:
    """Every page in a menu item, in menu order."""
    if item.is_page:
        return [item]
    return [page for child in item.children or () for page in _pages(child)]


def _address(file) -> str:
    # The engine names the start page "./"; browsers (and the page script
    # that matches its own address) call it "/".
    return "/" + urllib.parse.unquote(file.url).removeprefix("./")


def _titles(item) -> tuple:
    return (item.title, *(_titles(child) for child in item.children or ()))


class WarmEngine:
    """One project's engine, built whole once and then page by page."""

    def __init__(self, config: Path, docs: Path, site: Path):
        self.config = engine.load_mkdocs_config(config, docs, site)
        # Without the engine's private functions every save is a whole
        # build; the preview says so (missing names them), it does not hide it.
        try:
            internals.check()
            self.missing = None
        except internals.Missing as exc:
            self.missing = str(exc)
        self.keep = _Keep()
        internals.add_plugin(self.config, "samverkan-forhandsvisning", self.keep)
        self.whole_needed = True
        self.menus: dict = {}
        self.site_name: str | None = None
        self.date: str | None = None
        self.epoch: str | None = None

    def build(self, changed: list[str], site_name: str, epoch: str) -> tuple[bool, list[str], dict[str, Path] | None, list[Path]]:
        """Rebuild for the docs/ files in changed, on the build date epoch
        (SOURCE_DATE_EPOCH): whether it worked, the engine's warnings (which
        fail it, as they fail make build), the pages rebuilt (their docs/
        paths and their HTML files; None after a whole build), and every
        file written."""
        self.epoch = epoch
        with engine.environment_variable("SOURCE_DATE_EPOCH", epoch):
            if not self.whole_needed and self.missing is None and site_name == self.site_name:
                try:
                    rebuilt = self._rebuild(changed)
                except Exception:  # the engine's own failure: a whole build says it the way make build does
                    rebuilt = None
                if rebuilt is not None:
                    pages, written, warnings = rebuilt
                    return not warnings, warnings, pages, written
            return (*self._whole(site_name), None, [])

    def address(self, src_uri: str) -> str:
        """The address of the page built from src_uri (a path in docs/), as the engine made it."""
        return _address(self.keep.files.get_file_from_path(src_uri))

    def source(self, address: str) -> str | None:
        """The docs/ path of the page at address; None if no page is there."""
        pages = self.keep.files.documentation_pages() if self.keep.files is not None else ()
        return next((file.src_uri for file in pages if _address(file) == address), None)

    def invalidate(self) -> None:
        """The next build is a whole one (overrides/ or mkdocs.yml changed)."""
        self.whole_needed = True

    def _whole(self, site_name: str) -> tuple[bool, list[str]]:
        built, warnings = engine.run_mkdocs(self.config, site_name=site_name)
        self.whole_needed = not built or self.keep.nav is None
        self.site_name = site_name
        self.date = internals.build_date()
        if built:
            self.menus = self._menus()
        return built, warnings

    def _menus(self) -> dict:
        """What each page's menu and footer show beside its own text: the
        portal's items (overrides/partials/nav.html shows them on every
        page, and 404.html shows only them), its own section's items, and
        its neighbours' titles."""
        nav = self.keep.nav
        portal = tuple(_titles(item) for item in nav.items if not item.is_section or addresses.section(_pages(item)[0].url) in addresses.SITE_SECTIONS)
        menus = {"": portal}
        for item in nav.items:
            own = _titles(item) if item.is_section else ()
            for page in _pages(item):
                menus[page.file.src_uri] = (own, getattr(page.previous_page, "title", None), getattr(page.next_page, "title", None))
        return menus

    def _rename_sections(self, menu_file: Path) -> bool:
        """The sections' names from the menu file (render.py writes it: an
        investigation's section is named by its title), into the menu the
        engine made; False unless the file holds the same pages, in the same
        sections and order (investigations move when their dates change).
        The engine's own way, building the menu anew, would give every page
        a new, empty page object and so mean a whole build."""
        entries = yaml.safe_load(menu_file.read_text("utf-8"))["nav"]
        named = [next(iter(entry.items())) for entry in entries if isinstance(entry, dict) and "glob" not in entry]
        sections = [item for item in self.keep.nav.items if item.is_section]
        if [paths for _, paths in named] != [[page.file.src_uri for page in _pages(section)] for section in sections]:
            return False
        for section, (name, _) in zip(sections, named, strict=True):
            internals.rename_section(section, name)
        return True

    def _rebuild(self, changed: list[str]) -> tuple[dict[str, Path], list[Path], list[str]] | None:
        """Rebuild page by page: the pages rebuilt, every file written and
        the engine's warnings, or None if only a whole build will do."""
        config, files = self.config, self.keep.files
        docs = Path(config.docs_dir)
        pages, copies = [], []
        for rel in changed:
            if rel.startswith("."):
                continue  # the manifest, .gitignore and the menu file are not published
            file = files.get_file_from_path(rel)
            if file is None or not (docs / rel).exists():
                return None  # a page added or removed: the menu and the file list change
            (copies if file.page is None else pages).append(file)
        written = []
        with engine.warnings_collected() as warnings:
            for file in copies:
                file.copy_file()  # not a page (the feed): copied as it is
                written.append(Path(file.abs_dest_path))
            for file in pages:
                internals.populate_page(file.page, config, files)
            if ".nav.yml" in changed and not self._rename_sections(docs / ".nav.yml"):
                return None  # pages moved in the menu: its order, and every page's neighbours
            menus = self._menus()
            if menus[""] != self.menus[""] or menus.keys() != self.menus.keys():
                return None  # the portal's menu is on every page
            again = {file.src_uri for file in pages} | {uri for uri, menu in menus.items() if menu != self.menus[uri]}
            doc_files = files.documentation_pages()
            rebuilt = {}
            for file in doc_files:
                if file.src_uri in again:
                    internals.build_page(file.page, config, doc_files, self.keep.nav, self.keep.env)
                    rebuilt[file.src_uri] = Path(file.abs_dest_path)
            if (date := internals.build_date()) != self.date:
                # The content's newest date moved: the sitemap's dates with it.
                internals.rewrite_sitemap(config, files, self.keep.nav, self.keep.env, date)
                written += [Path(config.site_dir, "sitemap.xml"), Path(config.site_dir, "sitemap.xml.gz")]
                self.date = date
            self.menus = menus
        return rebuilt, [*written, *rebuilt.values()], warnings
