"""Pydantic's validation errors, told to an editor in Swedish at the right line."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing

from pydantic import BaseModel

from ..errors import ContentError
from ..words import lista, msg
from ..words.editors import TYPE_NAMES
from .yamlread import Document, Loc


def _describe(value: object, raw: str | None) -> str:
    name = TYPE_NAMES.get(type(value).__name__, type(value).__name__)
    if isinstance(value, (dict, list)):
        return name
    shown = raw if raw is not None else str(value)
    # A message quotes the value so the editor recognises it, not all of it.
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return f"{name} (”{shown}”)"


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(hela filen)"


def _unwrap(annotation: object) -> object:
    """The type inside Annotated[...] and X | None."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _model_at(schema: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping at loc, if there is one."""
    current: object = schema
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            current = (typing.get_args(current) or (None,))[0]
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def translate(doc: Document, schema: type[BaseModel], error: dict) -> ContentError:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    field_ = dotted(loc)
    value = error.get("input")
    found = _describe(value, doc.raw.get(loc))
    if kind == "missing":
        return doc.error(loc[:-1], msg("missing", field=field_))
    if kind == "extra_forbidden":
        owner = _model_at(schema, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields) if owner else [], n=1)
        hint = msg("did_you_mean", key=close[0]) if close else ""
        return doc.error(loc, msg("extra_forbidden", field=field_, hint=hint), key=True)
    if kind in ("literal_error", "enum"):
        owner = _model_at(schema, loc[:-1])
        allowed = typing.get_args(_unwrap(owner.model_fields[loc[-1]].annotation)) if owner else ()
        expected = lista([f"`{a}`" for a in allowed], "eller") if allowed else ctx.get("expected")
        return doc.error(loc, msg(kind, field=field_, expected=expected, found=found))
    if kind == "value_error":
        return doc.error(loc, msg("value_error", field=field_, reason=ctx.get("error")))
    if kind == "string_too_long":
        return doc.error(loc, msg(kind, field=field_, length=len(value), **ctx))
    if kind == "string_pattern_mismatch":
        return doc.error(loc, msg(kind, field=field_, value=value if len(value) <= 60 else value[:57] + "…"))
    if kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
        # `yes`, `2010` or `2015-04-07` where text was meant: quoting fixes it.
        return doc.error(loc, msg("string_type", field=field_, found=found) + msg("quote_hint"))
    if kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        return doc.error(loc, msg(kind, field=field_, value=value, **ctx))
    try:
        return doc.error(loc, msg(kind, field=field_, found=found, **ctx))
    except KeyError:
        return doc.error(loc, msg("other", field=field_, detail=error["msg"]))
