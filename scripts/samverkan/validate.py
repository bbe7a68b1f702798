"""Validate content/: read every file, check it against the model, resolve ids.

Every problem in every file is collected before anything is reported, so an
editor sees all of them at once. Nothing here writes a file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import model as m
from .errors import ContentError, ContentErrors, display_path
from .messages import TYPE_NAMES, msg
from .textfmt import lista
from .yamlload import Document, Loc, load

ROOT_FILES: dict[str, type[BaseModel]] = {
    "webbplats.yml": m.Webbplats,
    "kommuner.yml": m.KommunerFil,
    "organisationer.yml": m.OrganisationerFil,
    "dokument.yml": m.DokumentFil,
    "ordlista.yml": m.OrdlistaFil,
    "tillganglighet.yml": m.TillganglighetFil,
}
INVESTIGATION_FILES: dict[str, type[BaseModel]] = {
    "utredning.yml": m.UtredningFil,
    "styrgrupp.yml": m.StyrgruppFil,
    "gemensam-bild.yml": m.GemensamBildFil,
    "process.yml": m.ProcessFil,
}
PROPOSAL_PREFIX = "forslag-"
INVESTIGATIONS_DIR = "utredningar"


@dataclass
class Investigation:
    meta: m.UtredningFil
    proposals: list[m.ForslagFil]
    styrgrupp: m.StyrgruppFil
    bild: m.GemensamBildFil
    process: m.ProcessFil
    # Which content file each part came from, for the generated files' headers.
    sources: dict[str, str]

    def handelse(self, id_: str) -> m.Handelse:
        return next(h for h in self.process.tidslinje if h.id == id_)


@dataclass
class Site:
    webbplats: m.Webbplats
    kommuner: m.KommunerFil
    organisationer: dict[str, m.Organisation]
    dokument: dict[str, m.Dokument]
    ordlista: m.OrdlistaFil
    tillganglighet: m.TillganglighetFil
    investigations: list[Investigation]
    sources: dict[str, str]
    files: list[str] = field(default_factory=list)

    @property
    def updated(self) -> dt.date:
        """When the newest published information was updated."""
        return max(inv.meta.uppdaterad for inv in self.investigations)

    def kommun(self, id_: str) -> m.Kommun:
        return next(k for k in self.kommuner.kommuner if k.id == id_)

    def organisation(self, id_: str) -> m.Organisation:
        return self.organisationer[id_]

    def orter(self, ids: list[str]) -> list[str]:
        """Municipalities' short names, for lists in running text."""
        return [self.kommun(i).namn for i in ids]

    def forkortningar(self, ids: list[str]) -> list[str]:
        return [self.organisation(i).forkortning for i in ids]


# ------------------------------------------------------------------ reading


def _describe(value: object, raw: str | None) -> str:
    name = TYPE_NAMES.get(type(value).__name__, type(value).__name__)
    if isinstance(value, (dict, list)):
        return name
    return f"{name} (”{raw if raw is not None else value}”)"


def _dotted(loc: Loc) -> str:
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


def _translate(doc: Document, schema: type[BaseModel], error: dict) -> ContentError:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    field_ = _dotted(loc)
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
    if kind == "string_pattern_mismatch":
        return doc.error(loc, msg(kind, field=field_, value=value))
    if kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
        # `yes`, `2010` or `2015-04-07` where text was meant: quoting fixes it.
        return doc.error(loc, msg("string_type", field=field_, found=found) + msg("quote_hint"))
    if kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        return doc.error(loc, msg(kind, field=field_, value=value, **ctx))
    try:
        return doc.error(loc, msg(kind, field=field_, found=found, **ctx))
    except KeyError:
        return doc.error(loc, msg("other", field=field_, detail=error["msg"]))


@dataclass
class _Run:
    """What one validation has found so far."""

    root: Path
    errors: list[ContentError] = field(default_factory=list)
    read: list[tuple[Document, BaseModel]] = field(default_factory=list)
    # Kinds of id that a file which failed might have defined.
    failed_kinds: set[str] = field(default_factory=set)
    # Files that are drafts as a whole (an unpublished investigation's).
    draft_files: set[str] = field(default_factory=set)

    def read_file(self, path: Path, schema: type[BaseModel]):
        display = display_path(path, self.root)
        doc, problems = load(path, display)
        if doc is not None:
            try:
                obj = schema.model_validate(doc.data)
                self.read.append((doc, obj))
                return doc, obj
            except ValidationError as exc:
                problems = [_translate(doc, schema, e) for e in exc.errors(include_url=False)]
        self.errors.extend(problems)
        self.failed_kinds |= _kinds_defined(schema)
        return None

    def fail(self, path: Path, message: str, suffix: str = "") -> None:
        self.errors.append(ContentError(display_path(path, self.root) + suffix, 1, 1, message))


# ------------------------------------------------------------------ ids and references


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


def prune(value):
    """The value without its drafts: entities with publicera: false are left out."""
    if isinstance(value, BaseModel):
        updates = {name: new for name in type(value).model_fields if (new := prune(old := getattr(value, name))) is not old}
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        kept = [prune(v) for v in value if not (isinstance(v, m.Entity) and not v.publicera)]
        return value if len(kept) == len(value) and all(a is b for a, b in zip(kept, value)) else kept
    return value


def _kinds_defined(schema: object) -> set[str]:
    """Every kind of id a schema can define, anywhere inside it."""
    kinds = {mk.kind for mk in _marks(schema) if isinstance(mk, m.Defines)}
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        for info in schema.model_fields.values():
            kinds |= _kinds_defined(_annotation(info))
    else:
        for arg in typing.get_args(schema):
            kinds |= _kinds_defined(arg)
    return kinds


def _check_ids(run: _Run) -> None:
    defined: dict[tuple[str, str], ContentError] = {}
    drafts: set[tuple[str, str]] = set()
    files_of_kind: dict[str, set[str]] = {}
    refs = []
    for doc, obj in run.read:
        for mark, value, loc, draft in _walk(obj, (), None, (), doc.file in run.draft_files):
            place = doc.error(loc, "")
            if isinstance(mark, m.Defines):
                files_of_kind.setdefault(mark.kind, set()).add(doc.file)
                first = defined.setdefault((mark.kind, value), place)
                if first is not place:
                    run.errors.append(doc.error(loc, msg("duplicate_id", id=value, first=f"{first.file}:{first.line}:{first.column}")))
                if draft:
                    drafts.add((mark.kind, value))
            else:
                refs.append((doc, mark.kind, value, loc, draft))
    for doc, kind, value, loc, draft in refs:
        if (kind, value) in drafts and not draft:
            # Published text must not show a draft's name or lead to its page.
            run.errors.append(doc.error(loc, msg("draft_ref", field=_dotted(loc), kind=kind, id=value)))
        # A file that failed may define the id: one error there is enough.
        if (kind, value) not in defined and kind not in run.failed_kinds:
            known = sorted(v for k, v in defined if k == kind)
            where = ", ".join(sorted(files_of_kind.get(kind, ())))
            hint = msg("ref_hint", where=where, known=", ".join(known)) if known else ""
            run.errors.append(doc.error(loc, msg("unknown_ref", field=_dotted(loc), kind=kind, id=value, hint=hint)))


# ------------------------------------------------------------------ the whole tree


def _investigation(folder: Path, run: _Run) -> Investigation | None:
    parts: dict[str, tuple[Document, BaseModel]] = {}
    proposals: list[tuple[Document, m.ForslagFil]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.name in INVESTIGATION_FILES:
            if got := run.read_file(path, INVESTIGATION_FILES[path.name]):
                parts[path.name] = got
        elif path.name.startswith(PROPOSAL_PREFIX) and path.suffix == ".yml":
            if got := run.read_file(path, m.ForslagFil):
                proposals.append(got)
        else:
            allowed = ", ".join([*INVESTIGATION_FILES, f"{PROPOSAL_PREFIX}<organisation>.yml"])
            run.fail(path, msg("unknown_file", allowed=allowed))
    for name, schema in INVESTIGATION_FILES.items():
        if not (folder / name).exists():
            run.fail(folder, msg("missing_file", name=name), "/")
            run.failed_kinds |= _kinds_defined(schema)
    if len(parts) != len(INVESTIGATION_FILES):
        return None
    meta_doc, meta = parts["utredning.yml"]
    if not meta.publicera:
        run.draft_files |= {doc.file for doc, _ in [*parts.values(), *proposals]}
    if meta.id != folder.name:
        run.errors.append(meta_doc.error(("id",), msg("id_not_dir", id=meta.id, dir=folder.name)))
    order = {org: i for i, org in enumerate(meta.organisationer)}
    for doc, proposal in proposals:
        expected = f"{PROPOSAL_PREFIX}{proposal.organisation}.yml"
        if not doc.file.endswith("/" + expected):
            run.errors.append(doc.error(("organisation",), msg("proposal_file_name", id=proposal.organisation, expected=expected)))
        if proposal.organisation not in order:
            hint = msg("ref_hint", where=meta_doc.file, known=", ".join(order))
            run.errors.append(doc.error(("organisation",), msg("unknown_ref", field="organisation", kind="organisation i utredning.yml", id=proposal.organisation, hint=hint)))
    sources = {name: parts[name][0].file for name in parts}
    sources.update({f"forslag:{p.organisation}": d.file for d, p in proposals})
    published = [p for _, p in proposals if p.publicera]
    return Investigation(
        meta=meta,
        proposals=prune(sorted(published, key=lambda p: order.get(p.organisation, len(order)))),
        styrgrupp=prune(parts["styrgrupp.yml"][1]),
        bild=prune(parts["gemensam-bild.yml"][1]),
        process=prune(parts["process.yml"][1]),
        sources=sources,
    )


def validate(content: Path, root: Path) -> Site:
    """Validate the whole content tree; raise ContentErrors with every problem."""
    run = _Run(root)
    top: dict[str, tuple[Document, BaseModel]] = {}
    for path in sorted(content.iterdir()) if content.is_dir() else []:
        if path.name.startswith(".") or path.name == INVESTIGATIONS_DIR:
            continue
        if path.name in ROOT_FILES:
            if got := run.read_file(path, ROOT_FILES[path.name]):
                top[path.name] = got
        else:
            run.fail(path, msg("unknown_file", allowed=", ".join([*ROOT_FILES, INVESTIGATIONS_DIR + "/"])))
    for name in ROOT_FILES:
        if not (content / name).exists():
            run.fail(content, msg("missing_file", name=name), "/")
    folders = sorted(p for p in (content / INVESTIGATIONS_DIR).glob("*") if p.is_dir() and not p.name.startswith("."))
    if not folders:
        run.fail(content / INVESTIGATIONS_DIR, msg("no_content"), "/")
    investigations = [inv for folder in folders if (inv := _investigation(folder, run)) and inv.meta.publicera]
    _check_ids(run)
    if folders and not investigations and not run.errors:
        run.fail(content / INVESTIGATIONS_DIR, msg("none_published"), "/")
    if run.errors:
        raise ContentErrors(run.errors)
    return Site(
        webbplats=top["webbplats.yml"][1],
        kommuner=prune(top["kommuner.yml"][1]),
        organisationer={o.id: o for o in prune(top["organisationer.yml"][1]).organisationer},
        dokument={d.id: d for d in prune(top["dokument.yml"][1]).dokument},
        ordlista=prune(top["ordlista.yml"][1]),
        tillganglighet=prune(top["tillganglighet.yml"][1]),
        # Newest information first on the start page.
        investigations=sorted(investigations, key=lambda i: (i.meta.uppdaterad, i.meta.id), reverse=True),
        sources={name: doc.file for name, (doc, _) in top.items()},
        files=sorted(doc.file for doc, _ in run.read),
    )
