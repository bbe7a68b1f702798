"""Read one YAML file into plain data, remembering where every value stood.

PyYAML's safe_load keeps the last of two duplicate keys and forgets line
numbers; we build the data from the node tree ourselves so that every later
error can point at a line and column, and duplicates are reported. Only the
plain YAML types are accepted, so no tag can construct a Python object.

PyYAML reads YAML 1.1, where `0170` is the octal 120, `1:20` is 80 and `no`
is false; editors' tools (VS Code's YAML extension, GitLab's editor) read
YAML 1.2, where the first is 170 and the others are text. We resolve plain
scalars ourselves by the YAML 1.2 core schema, and every form the two
versions read differently is an error that says how to write the value, so
the published value is the one the editor saw.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ContentError, os_cause
from ..words import msg
from ..words.editors import YAML_PROBLEMS

# The C parser is much faster and gives the same nodes and marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The tag our loader gives plain (unquoted, untagged) scalars: we resolve them.
_PLAIN = "tag:samverkan,2026:plain"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """PyYAML's parser with YAML 1.1's implicit typing switched off."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)


# The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z|[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
# Not core YAML 1.2, but every YAML tool shows it as a date, and dates are dates here.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Forms that YAML 1.1 and 1.2 read differently, and the message for each.
_AMBIGUOUS = [
    (re.compile(r"(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)\Z"), "yaml11_bool"),
    (re.compile(r"[-+]?0[0-9]+\Z"), "yaml11_leading_zero"),
    (re.compile(r"[-+]?0[oObBxX][0-9a-fA-F_]*\Z"), "yaml11_base"),
    (re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?\Z"), "yaml11_sexagesimal"),
    (re.compile(r"[-+]?[0-9_]*[0-9]_[0-9_]*(\.[0-9_]*)?\Z|[-+]?[0-9]+_[0-9_]*\.?\Z"), "yaml11_underscore"),
    (re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}.*\Z|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z"), "yaml11_timestamp"),
    (re.compile(r"=\Z"), "yaml11_value_key"),
]


def resolve_plain(value: str) -> tuple[object, str | None]:
    """A plain scalar's value by YAML 1.2, or the message key of a YAML 1.1 trap."""
    if value in _NULL:
        return None, None
    if value in _BOOL:
        return _BOOL[value], None
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value), None
        except ValueError:
            return None, "yaml_bad_date"
    if _INT.match(value) and not _AMBIGUOUS[1][0].match(value):
        return int(value), None
    for pattern, key in _AMBIGUOUS:
        if pattern.match(value):
            return None, key
    if _FLOAT.match(value):
        lower = value.lower()
        return float(lower.replace(".", "") if lower.endswith(("inf", "nan")) else value), None
    return value, None


# Characters that must not stand in content: C0 controls but tab and newline
# (a carriage return only before a newline), DEL, C1 controls, and the bidi
# overrides and isolates that make text read differently from how it is
# stored ("Trojan Source"). They are invisible in an editor and on the page.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")

_STR = "tag:yaml.org,2002:str"
# The tags an editor may write explicitly: `!!str 0170` is plain text.
_EXPLICIT_OK = {_STR, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
# A content file is a page or two of text; anything far larger is a mistake.
MAX_BYTES = 1024 * 1024
# Aliases can multiply a small file into billions of values ("billion
# laughs"); we cap both the aliases and the values built from them.
MAX_ALIASES = 100
MAX_NODES = 100_000
# Content is a few levels deep; a thousand nested brackets would exhaust
# Python's stack before anything useful could be said.
MAX_DEPTH = 40

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """The data of one file, with the position of each value and key."""

    file: str
    data: object
    # PyYAML marks, turned into (line, column) only when an error needs one.
    values: dict[Loc, yaml.Mark] = field(default_factory=dict)
    keys: dict[Loc, yaml.Mark] = field(default_factory=dict)
    # The text of each scalar as written, to quote back to the editor.
    raw: dict[Loc, str] = field(default_factory=dict)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of loc, or of its nearest ancestor that exists."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            sub = tuple(loc[:end])
            if sub in table:
                return _pos(table[sub])
            if sub in self.values:
                return _pos(self.values[sub])
        return (1, 1)

    def error(self, loc: Loc, message: str, *, key: bool = False) -> ContentError:
        return ContentError(self.file, *self.where(loc, key=key), message)

    def texts(self) -> list[tuple[str, int]]:
        """Every text in the file, with the line it starts on: where a text on
        a page comes from (the preview's "Var står det här?")."""
        found = []

        def walk(value: object, loc: Loc) -> None:
            if isinstance(value, str):
                found.append((value, self.where(loc)[0]))
            elif isinstance(value, dict):
                for key, item in value.items():
                    walk(item, (*loc, key))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    walk(item, (*loc, i))

        walk(self.data, ())
        return found


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _TooBig(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _Builder:
    def __init__(self, doc: Document, loader: yaml.SafeLoader):
        self.doc = doc
        self.loader = loader
        self.errors: list[ContentError] = []
        self.count = 0
        self.seen: set[int] = set()
        self.aliases = 0

    def fail(self, mark: yaml.Mark, message: str) -> None:
        self.errors.append(ContentError(self.doc.file, *_pos(mark), message))

    def build(self, node: yaml.Node, loc: Loc) -> object:
        self.count += 1
        if not isinstance(node, yaml.ScalarNode):
            # The composer gives an alias the very node of its anchor; a
            # repeated scalar is caught by the count of values instead.
            if id(node) in self.seen:
                self.aliases += 1
            self.seen.add(id(node))
        if self.count > MAX_NODES or self.aliases > MAX_ALIASES:
            raise _TooBig
        if len(loc) > MAX_DEPTH:
            raise _TooDeep(node.start_mark)
        self.doc.values[loc] = node.start_mark
        if node.tag == _PLAIN:
            self.doc.raw[loc] = node.value
            value, problem = resolve_plain(node.value)
            if problem:
                self.fail(node.start_mark, msg(problem, value=node.value))
            return value
        if node.tag not in _EXPLICIT_OK:
            self.fail(node.start_mark, msg("yaml_unsafe_tag", tag=node.tag))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        self.doc.raw[loc] = node.value
        if _FORBIDDEN.search(node.value):
            # Written as an escape ("\\e", "\\u202e") inside double quotes:
            # not in the file's bytes, but in the value all the same.
            self.fail(node.start_mark, _forbidden_message(_FORBIDDEN.search(node.value)[0]))
            return None
        return node.value  # quoted, or tagged !!str: text as written

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        result: dict = {}
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_PLAIN, _STR):
                self.fail(key_node.start_mark, msg("yaml_key_not_text"))
                continue
            if _FORBIDDEN.search(key_node.value):
                self.fail(key_node.start_mark, _forbidden_message(_FORBIDDEN.search(key_node.value)[0]))
                continue
            if key_node.tag == _PLAIN and key_node.value == "<<":
                # YAML 1.1's merge key; YAML 1.2 has none, so tools disagree on it.
                self.fail(key_node.start_mark, msg("yaml11_merge"))
                continue
            # Keys are names: `no:` or `2015:` stay the text they were written as.
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.fail(key_node.start_mark, msg("yaml_duplicate_key", key=key, first=first_line[key]))
                continue
            first_line[key] = line
            self.doc.keys[(*loc, key)] = key_node.start_mark
            result[key] = self.build(value_node, (*loc, key))
        return result


def _tabs(display: str, text: str) -> list[ContentError]:
    """Tabs in indentation: YAML forbids them, and editors cannot see them."""
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            errors.append(ContentError(display, number, indent.index("\t") + 1, msg("file_tabs")))
    return errors


def _control_characters(display: str, text: str) -> list[ContentError]:
    """Every forbidden character, at its line and column (one pass, linear)."""
    errors = []
    for match in _FORBIDDEN.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1 if len(errors) < 20 else 0
        if not line:
            break
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        errors.append(ContentError(display, line, column, _forbidden_message(match[0])))
    return errors


def _forbidden_message(char: str) -> str:
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "styrtecken")
    return msg("file_control_char", code=f"U+{ord(char):04X}", name=name)


_CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x0D: "CR", 0x7F: "DEL"}


def _syntax_message(problem: str) -> str:
    for fragment, key in YAML_PROBLEMS.items():
        if fragment in problem:
            return msg(key)
    return msg("yaml_syntax", problem=problem)


def read_bytes(path: Path) -> bytes:
    """A content file's bytes, at most one more than a file may have: that
    byte tells a too-big file without reading it all. OSError if unreadable."""
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def load(path: Path, display: str, raw: bytes | None = None) -> tuple[Document | None, list[ContentError]]:
    """Parse one file. Returns the document, or None and the errors.
    raw: the file's bytes as read_bytes gave them, if the caller has them."""
    def fail(key: str, line: int = 1, column: int = 1, **values):
        return None, [ContentError(display, line, column, msg(key, **values))]

    if raw is None:
        try:
            raw = read_bytes(path)
        except OSError as exc:
            return fail("file_unreadable", cause=os_cause(exc))
    if len(raw) > MAX_BYTES:
        return fail("file_too_big", size=path.stat().st_size, limit=MAX_BYTES)
    if raw.startswith(codecs.BOM_UTF8):
        return fail("file_bom")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail("file_not_utf8", line, column, byte=f"0x{raw[exc.start]:02x}")
    if tabs := _tabs(display, text):
        return None, tabs
    if controls := _control_characters(display, text):
        return None, controls
    doc = Document(display, None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return fail("file_empty")
        if not isinstance(node, yaml.MappingNode):
            return fail("file_not_mapping", *_pos(node.start_mark), found=msg("a_list") if isinstance(node, yaml.SequenceNode) else msg("a_value"))
        builder = _Builder(doc, loader)
        doc.data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        # Where the editor must act: an unclosed quote is noticed at the end
        # of the file, but the quote that needs closing is where it opened.
        unclosed = "end of stream" in str(exc.problem) and "quoted scalar" in str(exc.context)
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        return fail("yaml_syntax_at", *(_pos(mark) if mark else (1, 1)), problem=_syntax_message(str(exc.problem or exc.context)))
    except yaml.YAMLError as exc:
        return fail("yaml_syntax_at", problem=_syntax_message(str(exc)))
    except _TooBig:
        return fail("yaml_too_many_nodes", aliases=MAX_ALIASES, limit=MAX_NODES)
    except _TooDeep as exc:
        return fail("yaml_too_deep", *_pos(exc.mark), limit=MAX_DEPTH)
    finally:
        loader.dispose()
    if builder.errors:
        return None, builder.errors
    return doc, []
