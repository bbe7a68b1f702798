"""Read one YAML file into plain data, remembering where every value stood.

PyYAML's safe_load keeps the last of two duplicate keys and forgets line
numbers; we build the data from the node tree ourselves so that every later
error can point at a line and column, and duplicates are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError
from .messages import msg

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

# Aliases can multiply a small file into billions of values; cap what we build.
MAX_NODES = 100_000

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """The data of one file, and the (line, column) of each value and key."""

    file: str
    data: object
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of loc, or of its nearest ancestor that exists."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            sub = tuple(loc[:end])
            if sub in table:
                return table[sub]
            if sub in self.values:
                return self.values[sub]
        return (1, 1)

    def error(self, loc: Loc, message: str, *, key: bool = False) -> ContentError:
        line, column = self.where(loc, key=key)
        return ContentError(self.file, line, column, message)


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, doc: Document, loader: yaml.SafeLoader):
        self.doc = doc
        self.loader = loader
        self.errors: list[ContentError] = []
        self.count = 0

    def fail(self, mark: yaml.Mark, message: str) -> None:
        self.errors.append(ContentError(self.doc.file, *_pos(mark), message))

    def build(self, node: yaml.Node, loc: Loc) -> object:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        self.doc.values[loc] = _pos(node.start_mark)
        if node.tag not in _SAFE_TAGS:
            self.fail(node.start_mark, msg("yaml_unsafe_tag", tag=node.tag))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
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
            key = self.loader.construct_object(key_node)
            if not isinstance(key, str):
                # `no:` or `2015:` as a key is almost always a mistake for text.
                key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.fail(key_node.start_mark, msg("yaml_duplicate_key", key=key, first=first_line[key]))
                continue
            first_line[key] = line
            self.doc.keys[(*loc, key)] = _pos(key_node.start_mark)
            result[key] = self.build(value_node, (*loc, key))
        return result


class _TooBig(Exception):
    pass


def load(path: Path, display: str) -> tuple[Document | None, list[ContentError]]:
    """Parse one file. Returns the document, or None and the errors."""
    doc = Document(display, None)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [ContentError(display, 1, 1, msg("file_not_utf8", byte=hex(raw[exc.start]), pos=exc.start))]
    if not text.strip():
        return None, [ContentError(display, 1, 1, msg("file_empty"))]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [ContentError(display, 1, 1, msg("file_empty"))]
        builder = _Builder(doc, loader)
        doc.data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        return None, [ContentError(display, line, column, msg("yaml_syntax", problem=exc.problem or exc.context))]
    except _TooBig:
        return None, [ContentError(display, 1, 1, msg("yaml_too_many_nodes", limit=MAX_NODES))]
    finally:
        loader.dispose()
    if builder.errors:
        return None, builder.errors
    return doc, []
