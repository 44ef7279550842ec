"""Turn a checked YAML node tree into the model, reporting shape and type problems with positions."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graph import model as m
from graph.problems import Hints, Problem, one_of, quoted
from graph.read.ids import id_problem
from graph.read.readhints import unknown_key_message
from graph.read.shortform import parse_short_form
from graph.read.yamlread import is_absent, where

_KIND_NAMES = {
    m.TEXT: "text", m.URL: "a link", m.INT: "a whole number", m.BOOL: "true or false",
    m.POINT: "a list of two numbers [x, y]", m.EFFECT: "an effect", m.REF: "an id",
    m.REFS: "a list of ids", m.ID: "an id", "record": "a mapping", "idmap": "a mapping of ids to entries",
    "list": "a list", m.DIRECTION: "a direction", m.TEXTS: "a list of texts",
    m.REF_LISTS: "a list of lists of ids, like [[a, b], [c, d]]",
}
_INT = "tag:yaml.org,2002:int"
_NUMBER = {_INT, "tag:yaml.org,2002:float"}
_BOOL = "tag:yaml.org,2002:bool"


_REF = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:->[A-Za-z_][A-Za-z0-9_-]*)?")


def _words(text: str) -> list[str]:
    """The ids in a text that was meant as a list, `pancreas, liver` or `pancreas liver`; [] if it does not look
    like one."""
    words = [w for w in re.split(r"[\s,]+", text) if w]
    return words if all(_REF.fullmatch(w) for w in words) else []


def _decimal(text: str) -> float:
    """A YAML number as written in decimal; NaN for the other spellings YAML 1.1 allows (0x10, 0b101, 1:30, .nan)."""
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return math.nan



@cache
def _fields(name: str) -> dict[str, dataclasses.Field[Any]]:
    """The fields of the record class `name` that the format has, by the key they are written under."""
    return {f.metadata.get("key") or f.name: f for f in dataclasses.fields(m.RECORDS[name]) if f.metadata}


class Reader:
    """Collects problems while reading one file's nodes into model records."""

    def __init__(self, file: str, damaged: frozenset[int] = frozenset()) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.hint = Hints()
        self.damaged = damaged  # lines a syntax error left out: a record spanning one may miss keys
        self.unread: set[str] = set()  # ids and relation keys that were written but could not be read

    def problem(self, node: Node, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, *where(node), code, message))

    def wrong_type(self, node: Node, kind: str, key: str) -> None:
        got = "a mapping" if isinstance(node, MappingNode) else "a list" if isinstance(node, SequenceNode) \
            else quoted(str(node.value))
        self.problem(node, "type", f"{key!r} must be {_KIND_NAMES[kind]}, not {got}")

    def text(self, node: Node, key: str, kind: str = m.TEXT, required: bool = False) -> str | None:
        """Any scalar is text, whatever YAML 1.1 would resolve it to: `no` stays "no"."""
        if not isinstance(node, ScalarNode) or is_absent(node):
            self.wrong_type(node, kind, key)
            return None
        value = str(node.value).strip()
        if not value:
            fix = f"it is required and needs {_KIND_NAMES[kind]}" if required else \
                "write some text or leave the key out"
            self.problem(node, "empty-text", f"{key!r} is empty; {fix}")
            return None
        return value

    def value(self, node: Node, meta: Mapping[str, Any], key: str) -> Any:
        kind = meta["kind"]
        if kind in (m.TEXT, m.URL, m.REF):
            return self.text(node, key, kind, meta["required"])
        if kind == m.ID:
            return self.ident(node, key)
        if kind == m.EFFECT:
            return self.choice(node, key, kind, m.EFFECTS)
        if kind == m.DIRECTION:
            return self.choice(node, key, kind, m.DIRECTIONS)
        if kind == m.REF_LISTS:
            return self.ref_lists(node, key)
        if kind == m.INT:
            if isinstance(node, ScalarNode) and node.tag == _INT:
                return int(node.value.replace("_", ""), 0)
        elif kind == m.BOOL:
            if isinstance(node, ScalarNode) and node.tag == _BOOL and node.value.lower() in ("true", "false"):
                return node.value.lower() == "true"
        elif kind == m.POINT:
            return self.point(node, key)
        elif kind == m.REFS and isinstance(node, ScalarNode) and len(ids := _words(str(node.value))) > 1:
            self.problem(node, "type", f"{key!r} must be a list of ids, not the text {quoted(str(node.value))}; "
                         f"a list is needed: [{', '.join(ids)}]")
            return tuple(ids)  # checked as the list it was meant to be
        elif kind in (m.REFS, m.TEXTS):
            items = [node] if isinstance(node, ScalarNode) else node.value if isinstance(node, SequenceNode) else None
            if items is not None:
                item_kind = m.REF if kind == m.REFS else m.TEXT
                return tuple(v for v in (self.text(i, key, item_kind) for i in items) if v is not None)
        elif kind == "record":
            return self.record(node, meta["record"], key)
        elif kind == "idmap":
            return self.idmap(node, meta["record"], key)
        elif kind == "list":
            return self.items(node, meta["record"], key)
        self.wrong_type(node, kind, key)
        return None

    def ident(self, node: Node, key: str) -> str | None:
        value = self.text(node, key, m.ID)
        if value is not None and (why := id_problem(value)):
            self.problem(node, "bad-id", why)
            return None
        return value

    def choice(self, node: Node, key: str, kind: str, choices: tuple[str, ...]) -> str | None:
        """One of a fixed set of words (an effect, a direction); the problem's code is the kind."""
        value = self.text(node, key, kind)
        if value is not None and value not in choices:
            self.problem(node, kind, f"unknown {kind} {quoted(value)}{self.hint(value, choices)}; "
                         f"{one_of(choices)}")
            return None
        return value

    def ref_lists(self, node: Node, key: str) -> tuple[tuple[str, ...], ...] | None:
        """A list of lists of ids; any bad entry drops the whole key, so that checks see item positions as written."""
        if not isinstance(node, SequenceNode):
            self.wrong_type(node, m.REF_LISTS, key)
            return None
        out, ok = [], True
        for item in node.value:
            if not isinstance(item, SequenceNode):
                got = "a mapping" if isinstance(item, MappingNode) else quoted(str(item.value))
                self.problem(item, "type", f"each entry of {key!r} must be a list of concept ids, not {got}; "
                             f"write [[a, b]] for one list of two")
                ok = False
                continue
            ids = [self.text(i, key, m.REF) for i in item.value]
            ok = ok and None not in ids
            out.append(tuple(i for i in ids if i is not None))
        return tuple(out) if ok else None

    def point(self, node: Node, key: str) -> tuple[float, float] | None:
        if (isinstance(node, SequenceNode) and len(node.value) == 2
                and all(isinstance(v, ScalarNode) and v.tag in _NUMBER for v in node.value)):
            x, y = (_decimal(v.value) for v in node.value)
            if math.isfinite(x) and math.isfinite(y) and max(abs(x), abs(y)) <= 1e6:
                return (x, y)
            self.problem(node, "position", f"{key!r} must hold plain decimal numbers between -1e6 and 1e6, "
                         "like [120, -40.5]")
            return None
        self.wrong_type(node, m.POINT, key)
        return None

    def record(self, node: Node, name: str, key: str, extra: dict[str, Any] | None = None) -> Any:
        """A mapping read into the record class `name`; None when a required key is missing or bad."""
        if not isinstance(node, MappingNode):
            self.wrong_type(node, "record", key)
            return None
        cls = m.RECORDS[name]
        fields = _fields(name)
        values: dict[str, Any] = dict(extra or {})
        locs: dict[str, m.Loc] = {}
        failed = False
        entries = list(node.value)
        for n, (k, v) in enumerate(entries):
            f = fields.get(k.value)
            if f is None:
                self.unknown_key(node, entries, n, name, fields)
                continue
            locs[f.name] = where(v)
            if isinstance(v, SequenceNode):  # list items get their own positions: 'sources.0', ...
                locs.update({f"{f.name}.{i}": where(item) for i, item in enumerate(v.value)})
                locs.update({f"{f.name}.{i}.{j}": where(sub) for i, item in enumerate(v.value)
                             if isinstance(item, SequenceNode) for j, sub in enumerate(item.value)})
            if is_absent(v):  # `key:` with no value is the same as no key
                if f.metadata["required"]:
                    failed = True
                    self.problem(v, "missing", f"{k.value!r} is required and needs {_KIND_NAMES[f.metadata['kind']]}")
                continue
            result = self.value(v, f.metadata, k.value)
            if result is not None:
                values[f.name] = result
            elif f.metadata["required"]:
                failed = True
        for k, f in fields.items():
            if f.metadata["required"] and f.name not in locs:
                failed = True
                if not self.damaged.intersection(range(node.start_mark.line + 1, node.end_mark.line + 2)):
                    self.problem(node, "missing", f"{name} is missing the required key {k!r}")
        if failed:
            self.dropped(name, values)
            return None
        if cls is m.Concept and "label" not in values:
            values["label"] = m.humanise(values["id"])
        return cls(**values, loc=where(node), locs=locs)

    def unknown_key(self, node: MappingNode, entries: list[tuple[Node, Node]], n: int, name: str,
                    fields: dict[str, Any]) -> None:
        """An unknown key, said in the words that point at the likely fix (graph/read/readhints.py)."""
        k = entries[n][0]
        if name == "step":  # what the step reveals is not known for sure
            self.unread.add(m.UNREAD_STEP)
        message = unknown_key_message(node, entries, n, name, fields, self.hint, self.unread)
        if message is not None:
            self.problem(k, "unknown-key", message)

    def dropped(self, name: str, values: dict[str, Any]) -> None:
        """Remember what a record that could not be read was, so that references to it are not reported again."""
        if name == "relation" and (values.get("id") or ("source" in values and "target" in values)):
            self.unread.add(values.get("id") or f"{values['source']}->{values['target']}")
        elif name == "step":
            self.unread.add(m.UNREAD_STEP)

    def idmap(self, node: Node, name: str, key: str) -> dict[str, Any] | None:
        if not isinstance(node, MappingNode):
            self.wrong_type(node, "idmap", key)
            return None
        out: dict[str, Any] = {}
        keys = _fields(name).keys()
        before: Node | None = None
        for k, v in node.value:
            if why := id_problem(k.value):
                self.problem(k, "bad-id", why)
                self.unread.add(k.value)
                continue
            if k.value in out:
                continue  # already reported as a duplicate key
            if k.value in keys and before is not None and not isinstance(v, MappingNode):
                self.problem(k, "indent", f"{k.value!r} is read as the id of a {name}, since it is indented like "
                             f"{before.value!r} on line {where(before)[0]}; if it belongs to {before.value!r}, indent "
                             f"it like the keys inside {before.value!r}")
                before = k
                continue
            before = k
            rec = self.record(v, name, k.value, {"id": k.value})
            if rec is None:
                self.unread.add(k.value)
            else:
                out[k.value] = rec
        return out

    def items(self, node: Node, name: str, key: str) -> tuple[Any, ...] | None:
        if not isinstance(node, SequenceNode):
            self.wrong_type(node, "list", key)
            return None
        out = []
        for item in node.value:
            rec = self.short_relation(item) if name == "relation" and isinstance(item, ScalarNode) else \
                self.record(item, name, key)
            if rec is not None:
                out.append(rec)
        return tuple(out)

    def short_relation(self, node: ScalarNode) -> m.Relation | None:
        """`"from -> phrase -> to"`, optionally ending in `(effect)`."""
        parts = parse_short_form(node.value)
        if parts is not None and parts[3] is not None and parts[3] not in m.EFFECTS:
            self.unread.add(f"{parts[0]}->{parts[2]}")
        if parts is None:
            self.problem(node, "short-form", f"cannot read {quoted(node.value)} as a relation; write "
                         "'from -> linking phrase -> to', optionally ending in '(effect)', or use a mapping")
            return None
        source, phrase, target, written = parts
        effect = written or "produces"
        if effect not in m.EFFECTS:
            self.problem(node, "effect", f"unknown effect {quoted(effect)}{self.hint(effect, m.EFFECTS)}; "
                         f"{one_of(m.EFFECTS)}")
            return None
        loc = where(node)
        return m.Relation(source=source, target=target, phrase=phrase, effect=effect,
                          loc=loc, locs={"source": loc, "target": loc, "phrase": loc})


def read_model(root: Node, file: str, name: str, damaged: frozenset[int] = frozenset()
               ) -> tuple[m.Map | None, list[Problem]]:
    """The map in a node tree, or None with every shape and type problem found; `damaged` are the lines a syntax
    error left out (graph/read/recover.py)."""
    reader = Reader(file, damaged)
    if not isinstance(root, MappingNode):
        reader.problem(root, "not-mapping", "a map file must be a mapping that starts with 'conceptmap: 1'")
        return None, reader.problems
    version = next((v for k, v in root.value if k.value == "conceptmap"), None)
    if version is not None and not (isinstance(version, ScalarNode) and version.value == str(m.FORMAT_VERSION)):
        reader.problem(version, "version", f"unsupported format version {quoted(str(version.value))}; "
                       f"this conceptmap reads version {m.FORMAT_VERSION}")
        return None, reader.problems
    result = reader.record(root, "map", "map", {"name": name, "file": file})
    if result is not None:
        keys = {f"{k.value}:key": where(k) for k, _ in root.value if isinstance(k, ScalarNode)}
        steps = next((v for k, v in root.value if k.value == "steps"), None)
        if steps is not None and damaged.intersection(range(steps.start_mark.line, steps.end_mark.line + 2)):
            reader.unread.add(m.UNREAD_STEP)  # a syntax error left part of the steps out
        result = dataclasses.replace(result, unread=frozenset(reader.unread), locs={**result.locs, **keys})
    return result, reader.problems
