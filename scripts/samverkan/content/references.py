"""Ids and references between content files, and drafts.

The model marks which fields define an id (Defines) and which refer to one
(RefTo); this walks validated objects by those marks, so a new kind of
reference needs no code here.
"""

from __future__ import annotations

import functools
import types
import typing
from pathlib import PurePosixPath

from pydantic import BaseModel

from ..errors import ContentError
from ..words import msg
from . import model as m
from .fields import is_text
from .translate import dotted
from .yamlread import Document, Loc


def _marks(annotation: object) -> list[object]:
    """The Defines/RefTo markers on an annotation, looking through X | None."""
    found = [x for x in getattr(annotation, "__metadata__", ()) if isinstance(x, (m.Defines, m.RefTo))]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found += _marks(arg)
    return found


def _annotation(info) -> object:
    return typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def _item(annotation: object) -> object:
    """The type of a list's items, looking through Annotated."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return (typing.get_args(annotation) or (None,))[0]


@functools.cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, tuple, object], ...]:
    """Per field of a model: its name, its id markers and its list item type.
    Worked out once per class: typing introspection is slow, content is large."""
    return tuple((name, tuple(_marks(_annotation(info))), _item(_annotation(info))) for name, info in cls.model_fields.items())


def _walk(value: object, marks: tuple, item: object, loc: Loc, draft: bool):
    """Yield (marker, id, loc, draft) for every id and reference inside value."""
    if isinstance(value, str):
        for mark in marks:
            yield mark, value, loc, draft
    elif isinstance(value, BaseModel):
        draft = draft or (isinstance(value, m.Entity) and not value.publicera)
        for name, field_marks, field_item in _fields(type(value)):
            yield from _walk(getattr(value, name), field_marks, field_item, (*loc, name), draft)
    elif isinstance(value, list):
        item_marks = tuple(_marks(item))
        item_item = _item(item)
        for i, v in enumerate(value):
            yield from _walk(v, item_marks, item_item, (*loc, i), draft)


def prune(value, marked: bool = False):
    """The value without its drafts: entities with publicera: false are left
    out. marked (the preview's UTKAST=1): drafts stay, each marked as one."""
    if isinstance(value, BaseModel):
        updates = {name: new for name in type(value).model_fields if (new := prune(old := getattr(value, name), marked)) is not old}
        if marked and isinstance(value, m.Entity) and not value.publicera and (name := _shown_text(value)):
            updates[name] = msg("draft_mark", text=getattr(value, name))
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        kept = [prune(v, marked) for v in value if not (isinstance(v, m.Entity) and not v.publicera and not (marked and _shown_text(v)))]
        return value if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)) else kept
    return value


def _shown_text(entity: BaseModel) -> str | None:
    """The first text field an entity has a value in (its name or title, as
    the models list their fields), where a draft is marked; None if it has
    none, and the draft is left out even where drafts are shown."""
    for name in _text_fields(type(entity)):
        if getattr(entity, name) is not None:
            return name
    return None


@functools.cache
def _text_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name, info in cls.model_fields.items() if is_text(_annotation(info)))


def kinds_defined(schema: object) -> set[str]:
    """Every kind of id a schema can define, anywhere inside it."""
    kinds = {mk.kind for mk in _marks(schema) if isinstance(mk, m.Defines)}
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        for info in schema.model_fields.values():
            kinds |= kinds_defined(_annotation(info))
    else:
        for arg in typing.get_args(schema):
            kinds |= kinds_defined(arg)
    return kinds


def ids_in(obj: BaseModel) -> list[tuple[object, str, Loc, bool]]:
    """Every id and reference inside obj: (marker, id, loc, draft), where
    draft says whether it is inside an entity with publicera: false."""
    return list(_walk(obj, (), None, (), False))


def defined_ids(read: list[tuple[Document, BaseModel]], walked=lambda doc, obj: ids_in(obj)) -> dict[str, list[str]]:
    """Every id each kind has in content, drafts' too, in order: what the
    editor's YAML extension offers where a reference goes.

    A scoped kind (model.SCOPED_KINDS) offers the ids of every investigation
    together: one schema serves all process.yml files, and a JSON Schema
    cannot know which folder it checks. make check then says whether the id
    is in the editor's own investigation. walked: ids_in(obj) for a file,
    as the caller may keep it (validate.py)."""
    ids: dict[str, set[str]] = {}
    for doc, obj in read:
        for mark, value, _loc, _draft in walked(doc, obj):
            if isinstance(mark, m.Defines):
                ids.setdefault(mark.kind, set()).add(value)
    return {kind: sorted(values) for kind, values in sorted(ids.items())}


def _scope(kind: str, doc: Document) -> str:
    """Where an id of kind is unique: its investigation's folder for the
    scoped kinds, the whole content tree for the rest."""
    return str(PurePosixPath(doc.file).parent) if kind in m.SCOPED_KINDS else ""


def check_ids(read: list[tuple[Document, BaseModel]], draft_files: set[str], failed_kinds: set[str],
              walked=lambda doc, obj: ids_in(obj)) -> list[ContentError]:
    """Duplicate ids, unknown references and published references to drafts.

    draft_files: files that are drafts as a whole (an unpublished investigation's).
    failed_kinds: kinds of id a file that failed to validate might define.
    walked: as for defined_ids.
    """
    errors: list[ContentError] = []
    # Keyed by (kind, scope, id): see _scope.
    defined: dict[tuple[str, str, str], ContentError] = {}
    drafts: set[tuple[str, str, str]] = set()
    files_of_kind: dict[tuple[str, str], set[str]] = {}
    refs = []
    for doc, obj in read:
        whole_draft = doc.file in draft_files
        for mark, value, loc, draft in walked(doc, obj):
            draft = draft or whole_draft
            scope = _scope(mark.kind, doc)
            if isinstance(mark, m.Defines):
                place = doc.error(loc, "")
                files_of_kind.setdefault((mark.kind, scope), set()).add(doc.file)
                first = defined.setdefault((mark.kind, scope, value), place)
                if first is not place:
                    errors.append(doc.error(loc, msg("duplicate_id", id=value, first=f"{first.file}:{first.line}:{first.column}")))
                if draft:
                    drafts.add((mark.kind, scope, value))
            else:
                refs.append((doc, mark.kind, scope, value, loc, draft))
    for doc, kind, scope, value, loc, draft in refs:
        if (kind, scope, value) in drafts and not draft:
            # Published text must not show a draft's name or lead to its page.
            errors.append(doc.error(loc, msg("draft_ref", field=dotted(loc), kind=kind, id=value)))
        # A file that failed may define the id: one error there is enough.
        if (kind, scope, value) not in defined and kind not in failed_kinds:
            known = sorted(v for k, s, v in defined if k == kind and s == scope)
            where = ", ".join(sorted(files_of_kind.get((kind, scope), ())))
            hint = msg("ref_hint", where=where, known=", ".join(known)) if known else ""
            errors.append(doc.error(loc, msg("unknown_ref", field=dotted(loc), kind=kind, id=value, hint=hint)))
    return errors
