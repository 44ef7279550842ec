"""Read YAML text into a PyYAML node tree that keeps line and column, closing PyYAML's traps."""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, quoted

try:  # libyaml's C composer when present; the pure-Python one otherwise.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def where(node: Node) -> tuple[int, int]:
    """The 1-based (line, column) where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def is_null(node: Node) -> bool:
    """True for an empty value, `~` or `null`."""
    return isinstance(node, ScalarNode) and node.tag == _CORE + "null"


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a leading BOM is dropped) and refuse control characters."""
    if len(data) > MAX_BYTES:
        msg = f"the file has {len(data)} bytes; the limit is {MAX_BYTES} bytes"
        return None, [Problem(file, 1, 1, "too-large", msg)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, col = _position(data[: err.start].decode("utf-8", "replace"), err.start)
        msg = f"byte 0x{data[err.start]:02x} is not valid UTF-8; save the file as UTF-8"
        return None, [Problem(file, line, col, "encoding", msg)]
    bad = [
        Problem(file, *_position(text, m.start()), "control-char",
                f"control character U+{ord(m.group()):04X} is not allowed; remove it")
        for m in _CONTROL.finditer(text)
    ]
    return (None, bad[:20]) if bad else (text, [])


def compose(text: str, file: str) -> tuple[Node | None, list[Problem]]:
    """Compose one YAML document without constructing Python objects."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (err.context, err.problem) if s)
        if "expected a single document" in what:
            return None, [Problem(file, line, col, "multi-document",
                                  "the file holds more than one YAML document; keep one map per file")]
        return None, [Problem(file, line, col, "syntax", f"YAML syntax error: {what}")]
    except yaml.YAMLError as err:
        return None, [Problem(file, 1, 1, "syntax", f"YAML syntax error: {err}")]
    except RecursionError:
        return None, [Problem(file, 1, 1, "too-deep", f"nesting is too deep; the limit is {MAX_DEPTH}")]
    if root is None:
        return None, [Problem(file, 1, 1, "empty", "the file is empty; a map starts with 'conceptmap: 1'")]
    problems = _check_tree(root, file)
    if any(p.code not in ("duplicate-key", "key-type") for p in problems):
        return None, problems  # reading on would expand aliases or trust unknown tags
    return root, problems


def _check_tree(root: Node, file: str) -> list[Problem]:
    """Refuse aliases, custom tags, merge keys, deep nesting and duplicate keys, at any depth."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            problems.append(Problem(file, *where(node), "alias", "anchors and aliases (&, *) are not supported; "
                                    "write the value out"))
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            problems.append(Problem(file, *where(node), "too-deep", f"nesting is too deep; the limit is {MAX_DEPTH}"))
            continue
        if node.tag == _CORE + "merge":
            problems.append(Problem(file, *where(node), "merge-key", "merge keys (<<) are not supported"))
        elif node.tag not in _PLAIN_TAGS:
            problems.append(Problem(file, *where(node), "tag", f"the tag {quoted(node.tag)} is not supported; "
                                    "remove it (plain YAML values only)"))
        if isinstance(node, MappingNode):
            problems += _duplicate_keys(node, file)
            stack += [(n, depth + 1) for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, SequenceNode):
            stack += [(n, depth + 1) for n in reversed(node.value)]
    return problems


def _duplicate_keys(node: MappingNode, file: str) -> list[Problem]:
    first: dict[str, tuple[int, int]] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, ScalarNode):
            problems.append(Problem(file, *where(key), "key-type", "keys must be plain text, not lists or mappings"))
            continue
        if key.value in first:
            line, _col = first[key.value]
            problems.append(Problem(file, *where(key), "duplicate-key",
                                    f"duplicate key {quoted(key.value)}; it is already set on line {line}"))
        else:
            first[key.value] = where(key)
    return problems


def read_yaml(data: bytes, file: str) -> tuple[Node | None, list[Problem]]:
    """Bytes to a checked node tree, or None with the problems that stopped it."""
    text, problems = decode(data, file)
    if text is None:
        return None, problems
    return compose(text, file)
