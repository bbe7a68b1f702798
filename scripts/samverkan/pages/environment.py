"""The one Jinja2 environment that turns the resolved site into Markdown."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import swedish
from .markdown import finalize, url

TEMPLATES = Path(__file__).with_name("templates")


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
        # this cache when a template changes (preview/serve.py).
        auto_reload=False,
        autoescape=True,  # so macro output is Markup and is not escaped twice
        finalize=finalize,
    )
    env.filters.update({name: getattr(swedish, name) for name in swedish.__all__})
    env.filters["url"] = url
    return env
