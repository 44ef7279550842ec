"""Read YAML text into a PyYAML node tree that keeps line and column, closing PyYAML's traps."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graph.problems import Problem, quoted
from graph.read.textcheck import control_problem

try:  # libyaml's C composer when present; the pure-Python one otherwise.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
STOP_AFTER = 1000  # problems: reading stops there, so that a hostile file cannot make a million of them

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# textcheck.CONTROL but carriage return, which YAML reads as a line break wherever it is written unescaped
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def where(node: Node) -> tuple[int, int]:
    """The 1-based (line, column) where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def is_null(node: Node) -> bool:
    """True for an empty value, `~` or `null`."""
    return isinstance(node, ScalarNode) and node.tag == _CORE + "null"


def is_absent(node: Node) -> bool:
    """True for an unquoted empty value, `~` or `null` (libyaml gives a plain empty value the style '', the
    Python parser None); a quoted "" is text, not absence."""
    return isinstance(node, ScalarNode) and is_null(node) and node.style in (None, "")


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def too_large(file: str, size: int) -> Problem:
    """The problem for a file over the size limit."""
    return Problem(file, 1, 1, "too-large", f"the file has {size} bytes; the limit is {MAX_BYTES} bytes")


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a leading BOM is dropped) and refuse control characters."""
    if len(data) > MAX_BYTES:
        return None, [too_large(file, len(data))]
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


def syntax_problem(err: yaml.YAMLError, file: str, text: str) -> Problem:
    """A YAML syntax error, in plain words and located where the mistake is (graph/read/yamlhints.py)."""
    from graph.read.yamlhints import diagnose

    found = diagnose(err, text.split("\n"))
    return Problem(file, found.line, found.col, "syntax", f"YAML syntax error: {found.message}")


class _Composer:
    """Build the node tree from parser events with an explicit stack: no recursion, so deep nesting cannot
    crash the C parser; aliases are refused before anything is expanded; nesting depth is bounded."""

    def __init__(self, text: str, file: str) -> None:
        self.loader: Any = _Loader(text)
        self.file = file
        self.problems: list[Problem] = []
        self.stack: list[list[Any]] = []  # [collection node, pending mapping key or None, is a sequence]
        self.root: Node | None = None
        # Only a double-quoted scalar reads escapes: any other's characters are the text's own (line breaks
        # read as line feeds, folded as spaces), so when the text holds no control character, neither do they.
        self.clean = _RAW_CONTROL.search(text) is None
        resolvers = self.loader.yaml_implicit_resolvers
        self.resolved = None if None in resolvers else frozenset(resolvers)  # first characters resolvers look at
        self.tags: dict[str, str] = {}  # plain scalar -> its resolved tag

    def problem(self, mark: Any, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, code, message))

    def tag_problem(self, node: Node) -> None:
        if node.tag == _CORE + "merge":
            self.problem(node.start_mark, "merge-key", "merge keys (<<) are not supported")
        else:
            self.problem(node.start_mark, "tag", f"the tag {quoted(node.tag)} is not supported; "
                         "remove it (plain YAML values only)")

    def attach(self, node: Node) -> None:
        if node.tag not in _PLAIN_TAGS:
            self.tag_problem(node)
        if not self.stack:
            self.root = node
            return
        top = self.stack[-1]
        if top[2]:
            top[0].value.append(node)
        elif top[1] is None:
            top[1] = node
        else:
            top[0].value.append((top[1], node))
            top[1] = None

    def resolve(self, ev: Any) -> str:
        """What the resolver makes of a scalar with no tag of its own: for a plain one that depends on its value
        only (there are no path resolvers), so it is asked once per value."""
        implicit, value = ev.implicit, ev.value
        if not implicit[0]:
            return _STR  # quoted: text
        tag = self.tags.get(value)
        if tag is None:
            known = self.resolved is None or value[:1] in self.resolved  # else no implicit resolver looks at it
            tag = self.tags[value] = str(self.loader.resolve(ScalarNode, value, implicit)) if known else _STR
        return tag

    def scalar(self, ev: Any) -> bool:
        value, style = ev.value, ev.style
        if (style == '"' or not self.clean) and (why := control_problem(value)):  # escapes such as "\e", "\0"
            self.problem(ev.start_mark, "control-char", why)
            if len(self.problems) >= STOP_AFTER:
                self.problem(ev.start_mark, "too-many-problems", f"reading stopped after {STOP_AFTER} problems; "
                             "fix these first")
                return False
        tag = ev.tag
        node = ScalarNode(self.resolve(ev) if tag is None or tag == "!" else tag, value, ev.start_mark, ev.end_mark,
                          style=style)
        stack = self.stack
        if node.tag is not _STR or not stack or stack[-1][2]:
            self.attach(node)
        elif stack[-1][1] is None:  # a key, or a value, in the mapping being read (attach, inline: most scalars)
            stack[-1][1] = node
        else:
            top = stack[-1]
            top[0].value.append((top[1], node))
            top[1] = None
        return True

    def start(self, ev: Any, kind: type[SequenceNode] | type[MappingNode]) -> bool:
        if len(self.stack) >= MAX_DEPTH:
            self.problem(ev.start_mark, "too-deep", f"nesting is too deep; the limit is {MAX_DEPTH}")
            return False
        tag = ev.tag if ev.tag not in (None, "!") else self.loader.resolve(kind, None, ev.implicit)
        node = kind(tag, [], ev.start_mark, ev.end_mark, flow_style=ev.flow_style)
        self.attach(node)
        self.stack.append([node, None, kind is SequenceNode])
        return True

    def end(self, ev: Any) -> bool:
        node = self.stack.pop()[0]
        node.end_mark = ev.end_mark  # where the collection ends (the start event only knows where it starts)
        if isinstance(node, MappingNode):
            self.problems += _duplicate_keys(node, self.file)
        return True

    def step(self, ev: Any) -> bool:
        """Take one event; False to stop (the document is complete, or cannot be read safely)."""
        kind = type(ev)  # the most common events first
        if kind is yaml.ScalarEvent:
            return self.scalar(ev)
        if kind is yaml.MappingStartEvent:
            return self.start(ev, MappingNode)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            return self.end(ev)
        if kind is yaml.SequenceStartEvent:
            return self.start(ev, SequenceNode)
        if kind is yaml.AliasEvent:
            self.problem(ev.start_mark, "alias", "anchors and aliases (&, *) are not supported; write the value out")
            return False
        return kind is not yaml.DocumentEndEvent

    def run(self) -> tuple[Node | None, list[Problem]]:
        load = self.loader
        load.get_event()  # stream start
        if load.check_event(yaml.StreamEndEvent):
            return None, [Problem(self.file, 1, 1, "empty", "the file is empty; a map starts with 'conceptmap: 1'")]
        get, step, scalar, scalar_event = load.get_event, self.step, self.scalar, yaml.ScalarEvent
        while True:
            ev = get()
            if not (scalar(ev) if type(ev) is scalar_event else step(ev)):  # most events: scalars, one call
                break
        if self.problems and any(p.code in ("alias", "too-deep", "too-many-problems") for p in self.problems):
            return None, self.problems
        if not load.check_event(yaml.StreamEndEvent):
            ev = load.peek_event()
            self.problem(ev.start_mark, "multi-document",
                         "the file holds more than one YAML document; keep one map per file")
        bad = [p for p in self.problems if p.code != "duplicate-key"]  # only these leave a tree safe to read
        return (None if bad else self.root), self.problems


def compose_once(text: str, file: str) -> tuple[Node | None, list[Problem], yaml.YAMLError | None]:
    """One composition: the tree (None if it cannot be read safely), its problems, and the syntax error that
    stopped it, if one did (the problems are then those found before it)."""
    composer = _Composer(text, file)
    try:
        return (*composer.run(), None)
    except yaml.YAMLError as err:
        return None, composer.problems, err
    finally:
        composer.loader.dispose()


def compose(text: str, file: str) -> tuple[Node | None, list[Problem]]:
    """Compose one YAML document into nodes (never Python objects), refusing what PyYAML would let through."""
    root, problems, err = compose_once(text, file)
    return (root, problems) if err is None else (None, [*problems, syntax_problem(err, file, text)])


def _duplicate_keys(node: MappingNode, file: str) -> list[Problem]:
    first: dict[str, Node] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, ScalarNode):
            problems.append(Problem(file, *where(key), "key-type", "keys must be plain text, not lists or mappings"))
            continue
        seen = first.setdefault(key.value, key)
        if seen is not key:
            problems.append(Problem(file, *where(key), "duplicate-key",
                                    f"duplicate key {quoted(key.value)}; it is already set on line {where(seen)[0]}"))
    return problems


def read_yaml(data: bytes, file: str) -> tuple[Node | None, list[Problem]]:
    """Bytes to a checked node tree, or None with the problems that stopped it."""
    text, problems = decode(data, file)
    if text is None:
        return None, problems
    return compose(text, file)
