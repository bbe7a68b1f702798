"""MkDocs' private API, in one place: all that the preview's page-by-page
engine (warm.py) uses of MkDocs beyond its public build().

MkDocs has no public way to rebuild one page, so warm.py runs the build's
own steps for one page (`_populate_page`, `_build_page`), renders the
sitemap again when the build date moves (`_build_theme_template`), adds a
plugin object to a loaded configuration, and changes the engine's page and
menu objects between builds. ProperDocs, the second engine, is a fork with
the same modules. These names may change in any release of either, so
check() looks for every one of them with the parameters we pass, and
tests/test_preview_speed.py runs it under both engines: an update that
removes one fails that test by name, instead of the preview falling back to
whole builds without a word.
"""

from __future__ import annotations

import inspect

# Each private function of mkdocs.commands.build we call, with the
# parameters we pass it, in order.
NEEDED: dict[str, tuple[str, ...]] = {
    "_populate_page": ("page", "config", "files"),
    "_build_page": ("page", "config", "doc_files", "nav", "env"),
    "_build_theme_template": ("template_name", "env", "files", "config", "nav"),
}


class Missing(RuntimeError):
    """The engine lacks a private function (or parameter) the preview needs."""


def check() -> None:
    """Raise Missing, naming each one, unless the engine has every private
    function in NEEDED with those parameters first."""
    from mkdocs.commands import build

    missing = []
    for name, params in NEEDED.items():
        function = getattr(build, name, None)
        if not callable(function):
            missing.append(f"mkdocs.commands.build.{name}")
        elif tuple(inspect.signature(function).parameters)[: len(params)] != params:
            missing.append(f"mkdocs.commands.build.{name}({', '.join(params)})")
    if missing:
        raise Missing(", ".join(missing))


def populate_page(page, config, files) -> None:
    """Read the page's Markdown and make its HTML body, as a build does."""
    from mkdocs.commands.build import _populate_page

    _populate_page(page, config, files)


def build_page(page, config, doc_files, nav, env) -> None:
    """Render the page into the theme and write it, as a build does."""
    from mkdocs.commands.build import _build_page

    _build_page(page, config, doc_files, nav, env)


def rewrite_sitemap(config, files, nav, env, date: str) -> None:
    """Every page's build date set to date, and sitemap.xml (and its .gz)
    written again, as a build on that date writes them."""
    from mkdocs.commands.build import _build_theme_template

    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = date
    _build_theme_template("sitemap.xml", env, files, config, nav)


def build_date() -> str:
    """The build date a build started now would give pages (SOURCE_DATE_EPOCH)."""
    from mkdocs.utils import get_build_date

    return get_build_date()


def add_plugin(config, name: str, plugin) -> None:
    """plugin's event methods run in config's builds, after the plugins
    mkdocs.yml names. A loaded configuration's plugin collection registers
    an object's on_* methods when it is set by name."""
    config.plugins[name] = plugin


def rename_section(section, title: str) -> None:
    """A menu section's title, changed in the engine's own menu object."""
    section.title = title
