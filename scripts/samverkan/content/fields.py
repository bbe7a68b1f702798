"""The building blocks of the content model (model.py, investigation_model.py):
the base classes, the kinds of text, number, id and link a field can hold,
and the markers that tie ids to references.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from ..words import msg
from ..words.editors import FIELD_TITLES, MODELS


@dataclass(frozen=True)
class Defines:
    """Marks a field whose value is the id of an entity of this kind."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        # The schemas refuse the ids the site's addresses already use (editors/schema.py).
        return {**handler(core_schema), DEFINES: self.kind}


@dataclass(frozen=True)
class RefTo:
    """Marks a field that refers, by id, to an entity of this kind."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        # The schemas offer the ids that exist in content/ for this kind (editors/schema.py).
        return {**handler(core_schema), REFERS_TO: self.kind}


# The JSON Schema keywords that mark a reference, an id's definition and a
# text field; editors/schema.py replaces them with what the editor checks.
REFERS_TO = "x-refers-to"
DEFINES = "x-defines"
TEXT = "x-text"


def _swedish_schema(schema: dict, cls: type) -> None:
    title, description = MODELS[cls.__name__]
    schema.update(title=title, description=description)
    # Rules across a model's fields, said the same way to the editor's YAML
    # extension as the model's validators say them to make check.
    rules = dict(getattr(cls, "schema_rules", {}))
    if together := [rule.schema() for rule in getattr(cls, "all_or_none", ())]:
        rules["allOf"] = [*rules.get("allOf", []), *together]
    schema.update(rules)


@dataclass(frozen=True)
class AllOrNone:
    """When switch is value, every one of fields is given; otherwise none is
    (a decision's date and outcome once it is made). One rule, checked by
    the model (make check) and given to the editor's schema."""

    switch: str
    value: str
    fields: tuple[str, ...]
    message: str  # a key in words/editors.py

    def schema(self) -> dict:
        message = msg(self.message)
        return {
            "if": {"properties": {self.switch: {"const": self.value}}, "required": [self.switch]},
            "then": {"required": list(self.fields), "errorMessage": message},
            "else": {"not": {"anyOf": [{"required": [f]} for f in self.fields]}, "errorMessage": message},
        }

    def check(self, obj: BaseModel) -> None:
        on = getattr(obj, self.switch) == self.value
        if any(on != (getattr(obj, name) is not None) for name in self.fields):
            raise ValueError(msg(self.message))


def _rules(*rules: dict) -> dict:
    """Rules as JSON Schema, each with its own message (allOf keeps each
    message to its rule, apart from the object's own messages)."""
    return {"allOf": list(rules)}


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        field_title_generator=lambda name, _info: FIELD_TITLES[name],
        json_schema_extra=_swedish_schema,
    )
    # Rules between this model's fields (AllOrNone), for make check and the schema alike.
    all_or_none: ClassVar[tuple[AllOrNone, ...]] = ()

    @model_validator(mode="after")
    def _fields_together(self):
        for rule in self.all_or_none:
            rule.check(self)
        return self


class Entity(Strict):
    """Something an editor may hold back as a draft."""

    publicera: bool = Field(True, description="false gör detta till ett utkast: det visas inte på webbplatsen, i menyn, i sökningen eller i webbplatskartan.")


# Limits that keep a build's cost in proportion to the content (README,
# "Gränser"). Python-Markdown's inline processing costs the length of a
# paragraph for every escaped character in it, so one 100 kB field of `*[x]`
# took 22 s; with fields capped, a file's cost grows linearly with its size.
MAX_TEXT = 5000  # characters in one text field: two pages of prose
MAX_ID = 60  # characters in an id: it becomes part of an address

_ID = StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=MAX_ID)


def _visible(text: str) -> str:
    """Whitespace alone, or invisible format characters (zero-width space,
    word joiner), would print as an empty heading or table cell."""
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in text):
        raise ValueError(msg("text_blank"))
    return text


@dataclass(frozen=True)
class _TextSchema:
    """Marks a text field in the JSON Schema: editors/schema.py gives it the
    rules make check applies to text that the editor's extension would not."""

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        return {**handler(core_schema), TEXT: True}


Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(_visible), _TextSchema()]


def is_text(annotation: object) -> bool:
    """Whether a field's annotation is Text, or Text | None."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(is_text(arg) for arg in typing.get_args(annotation))
    return any(getattr(x, "func", None) is _visible for x in getattr(annotation, "__metadata__", ()))


Year = Annotated[int, Field(ge=1900, le=2200)]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_in_quotes(value: object) -> object:
    """A date field's "2015-03-20" is the date 2015-03-20. Quoted or not, the
    editor's YAML extension reads a date as text and accepts it, and quoting
    is harmless: only a text field must tell a date from text (yamlread.py)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(msg("yaml_bad_date", value=value)) from None
    return value


Date = Annotated[dt.date, BeforeValidator(_date_in_quotes)]

KommunId = Annotated[str, _ID, RefTo("kommun")]
OrganisationId = Annotated[str, _ID, RefTo("organisation")]
DokumentId = Annotated[str, _ID, RefTo("dokument")]
HandelseId = Annotated[str, _ID, RefTo("händelse")]
RegionId = Annotated[str, _ID, RefTo("region")]

RegionDef = Annotated[str, _ID, Defines("region")]
KommunDef = Annotated[str, _ID, Defines("kommun")]
OrganisationDef = Annotated[str, _ID, Defines("organisation")]
DokumentDef = Annotated[str, _ID, Defines("dokument")]
UtredningDef = Annotated[str, _ID, Defines("utredning")]
HandelseDef = Annotated[str, _ID, Defines("händelse")]

# Kinds of id that belong to one investigation: its events are referred to
# only from its own files, so a copied investigation folder keeps its ids
# and still builds (README: a new investigation by copying a folder).
SCOPED_KINDS = frozenset({"händelse"})

# Parts of an organisation a proposal can concern. The pages no longer show
# them (the one comparison is the picture); kept so that content stays valid.
ASPECTS = ("organisationsform", "politisk_styrning", "vardkommun", "arbetsgivare", "ledning", "sammantraden", "delegation", "naringsliv")
Aspect = Literal[ASPECTS]


def _safe_url(url: str) -> str:
    """Only links a reader can follow safely: no javascript:, data: or the like."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("", "http", "https", "mailto") or any(c.isspace() for c in url) or url.startswith("//"):
        raise ValueError(msg("unsafe_link", url=url))
    return url


@dataclass(frozen=True)
class _SafeUrlSchema:
    """_safe_url's rule as a JSON Schema pattern (JavaScript syntax, which the
    editor's extension runs; pydantic's own regex engine has no lookahead)."""

    pattern = r"^(?:(?:[Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]):|(?![A-Za-z][A-Za-z0-9+.-]*:)(?!//))\S+$"

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        return {**handler(core_schema), "pattern": self.pattern}


Url = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_safe_url), _SafeUrlSchema()]


class Lank(Strict):
    text: Text = Field(description="Länktexten, som den ska läsas.")
    url: Url = Field(description="Adressen: https:, http:, mailto: eller en relativ länk.")
