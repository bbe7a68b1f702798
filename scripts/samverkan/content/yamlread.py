"""Read one YAML file into plain data, remembering where every value stood.

PyYAML's safe_load keeps the last of two duplicate keys and forgets line
numbers; we build the data from the node tree ourselves so that every later
error can point at a line and column, and duplicates are reported. Only the
plain YAML types are accepted, so no tag can construct a Python object.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ContentError
from ..words import msg
from ..words.editors import YAML_PROBLEMS

# The C parser is much faster and gives the same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

_STR = "tag:yaml.org,2002:str"
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
        if node.tag not in _SAFE_TAGS:
            self.fail(node.start_mark, msg("yaml_unsafe_tag", tag=node.tag))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        self.doc.raw[loc] = node.value
        if node.tag == _STR:
            return node.value  # most values: no need for the constructor's dispatch
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            # 2015-02-30 matches the date pattern but is no date.
            if node.tag.endswith(":timestamp"):
                self.fail(node.start_mark, msg("yaml_bad_date", value=node.value))
            else:
                self.fail(node.start_mark, msg("yaml_bad_value", problem=exc))
            return None

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        result: dict = {}
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SAFE_TAGS:
                self.fail(key_node.start_mark, msg("yaml_key_not_text"))
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


def _syntax_message(problem: str) -> str:
    for fragment, key in YAML_PROBLEMS.items():
        if fragment in problem:
            return msg(key)
    return msg("yaml_syntax", problem=problem)


def load(path: Path, display: str) -> tuple[Document | None, list[ContentError]]:
    """Parse one file. Returns the document, or None and the errors."""
    def fail(key: str, line: int = 1, column: int = 1, **values):
        return None, [ContentError(display, line, column, msg(key, **values))]

    size = path.stat().st_size
    if size > MAX_BYTES:
        return fail("file_too_big", size=size, limit=MAX_BYTES)
    raw = path.read_bytes()
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
