"""JSON Canvas 1.0 (Obsidian's open format) in: text nodes are concepts, labelled edges relations, group nodes
groups, link and file nodes sources; positions kept."""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.check.validate import SAFE_SCHEMES, link_scheme
from graph.importers.common import MAX_BYTES, Ids, Imported, Proposition, one_line, paragraphs, relations, round_half_up
from graph.model import humanise
from graph.problems import MapError, Problem, quoted
from graph.read.yamlread import decode

MAX_POSITION = 1e6
Rect = tuple[float, float, float, float]  # left, top, width, height


_JSON_OBJECT: Any = getattr(json.decoder, "JSONObject")  # noqa: B009 - the stdlib's own object parser
_MAKE_SCANNER: Any = getattr(json.scanner, "py_make_scanner")  # noqa: B009 - the pure-Python one, which calls ours


class _Obj(dict[str, Any]):
    """A JSON object that knows where it starts in the text."""

    at = 0


class _Duplicate(Exception):
    def __init__(self, key: str, at: int) -> None:
        super().__init__(key)
        self.key, self.at = key, at


def _loads(text: str) -> Any:
    """`json.loads`, with every object an `_Obj` carrying its offset; a key twice in one object is refused."""
    decoder = json.JSONDecoder(parse_constant=lambda name: None)

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan_once: Callable[..., Any], hook: Any,
                     pairs_hook: Any, memo: Any = None) -> tuple[Any, int]:
        start = s_and_end[1] - 1

        def build(pairs: list[tuple[str, Any]]) -> _Obj:
            obj = _Obj()
            obj.at = start
            for k, v in pairs:
                if k in obj:
                    raise _Duplicate(k, start)
                obj[k] = v
            return obj

        result: tuple[Any, int] = _JSON_OBJECT(s_and_end, strict, scan_once, None, build, memo)
        return result

    setattr(decoder, "parse_object", parse_object)  # noqa: B010 - the pure-Python scanner reads these attributes
    setattr(decoder, "scan_once", _MAKE_SCANNER(decoder))  # noqa: B010
    return decoder.decode(text)


class _Reader:
    def __init__(self, file: str, text: str) -> None:
        self.file, self.text = file, text
        self.out = Imported(file, {"conceptmap": 1, "title": humanise(Path(file).stem)})
        self.problems: list[Problem] = []
        self.concepts: dict[str, str] = {}  # canvas node id -> concept id
        self.sources: dict[str, str] = {}  # canvas node id -> source id
        self.rects: dict[str, Rect] = {}

    def where(self, obj: Any) -> tuple[int, int]:
        at = obj.at if isinstance(obj, _Obj) else 0
        return self.text.count("\n", 0, at) + 1, at - (self.text.rfind("\n", 0, at) + 1) + 1

    def problem(self, obj: Any, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, *self.where(obj), code, message))

    def warn(self, obj: Any, code: str, message: str) -> None:
        self.out.warn(*self.where(obj), code, message)

    def rect(self, node: _Obj) -> Rect | None:
        values = [node.get(k) for k in ("x", "y", "width", "height")]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values):
            self.problem(node, "type", f"node {quoted(str(node.get('id')))} needs numbers 'x', 'y', 'width' and "
                         "'height'")
            return None
        x, y, w, h = (float(v) for v in values)  # type: ignore[arg-type]  # numbers, as checked above
        if max(abs(x), abs(y), abs(x + w), abs(y + h)) > MAX_POSITION:
            self.problem(node, "position", f"node {quoted(str(node.get('id')))} lies outside -1e6..1e6")
            return None
        return (x, y, w, h)

    def read(self, doc: Any) -> Imported:
        if not isinstance(doc, dict):
            self.problem(doc, "not-mapping", "a canvas is a JSON object with 'nodes' and 'edges' lists")
            raise MapError(self.problems)
        nodes, edges = (self.list_of(doc, key) for key in ("nodes", "edges"))
        texts: dict[str, dict[str, Any]] = {}
        groups: list[tuple[_Obj, Rect]] = []
        ids, source_ids, seen = Ids("concept"), Ids("source"), set[str]()
        for node in nodes:
            nid = node.get("id")
            if not isinstance(nid, str) or not nid or nid in seen:
                self.problem(node, "missing" if nid is None else "duplicate-id",
                             f"every node needs an 'id' of its own; got {quoted(str(nid))}")
                continue
            seen.add(nid)
            rect = self.rect(node)
            if rect is None:
                continue
            kind = node.get("type")
            if kind == "text":
                self.text_node(node, nid, rect, ids, texts)
            elif kind == "group":
                groups.append((node, rect))
            elif kind in ("link", "file"):
                self.source_node(node, nid, str(kind), source_ids)
            else:
                self.warn(node, "node-type", f"node type {quoted(str(kind))} is not text, file, link or group; "
                          "left out")
        found = [p for e in edges if (p := self.edge(e, texts, seen)) is not None]
        if not texts and not self.problems:
            self.problem(doc, "empty", "the canvas has no text nodes, so the map would have no concepts")
        if self.problems:
            raise MapError(self.problems)
        self.read_groups(groups, texts)
        self.out.data["concepts"] = texts
        if rels := relations(found, self.out, set(texts)):
            self.out.data["relations"] = rels
        return self.out

    def list_of(self, doc: dict[str, Any], key: str) -> list[_Obj]:
        items = doc.get(key, [])
        if not isinstance(items, list):
            self.problem(doc, "type", f"{key!r} must be a list")
            return []
        bad = [i for i in items if not isinstance(i, _Obj)]
        if bad:
            self.problem(doc, "type", f"every entry of {key!r} must be an object")
        return [i for i in items if isinstance(i, _Obj)]

    def text_node(self, node: _Obj, nid: str, rect: Rect, ids: Ids, texts: dict[str, dict[str, Any]]) -> None:
        """The first line (a Markdown heading's `#` dropped) is the label; the rest the definition."""
        body = str(node.get("text", "")).replace("\r\n", "\n").replace("\r", "\n").strip()
        first, _, rest = body.partition("\n")  # Markdown's line breaks only (U+2028 is a space in a label)
        label, rest = one_line(first.lstrip("#")), paragraphs(rest)
        if not label:
            self.problem(node, "empty-text", f"text node {quoted(nid)} is empty; a concept needs a label")
            return
        cid = ids.new(label)
        self.concepts[nid] = cid
        self.rects[cid] = rect
        entry: dict[str, Any] = {"label": label}
        if rest.strip():
            entry["definition"] = rest.strip()
        entry["position"] = [round_half_up(rect[0] + rect[2] / 2), round_half_up(rect[1] + rect[3] / 2)]
        texts[cid] = entry

    def source_node(self, node: _Obj, nid: str, kind: str, ids: Ids) -> None:
        target = str(node.get("url" if kind == "link" else "file", "")).strip()
        if not target:
            self.warn(node, "empty-text", f"{kind} node {quoted(nid)} has no {'url' if kind == 'link' else 'file'}")
            return
        sub = str(node.get("subpath", "")) if kind == "file" else ""
        entry = {"cite": target + sub}
        if link_scheme(target) in (None, *SAFE_SCHEMES):
            entry["url"] = target
        else:
            self.warn(node, "bad-url", f"the link {quoted(target)} is not http, https or relative; kept as text")
        self.sources[nid] = ids.new(Path(target).stem if kind == "file" else target.split("//")[-1])
        self.out.data.setdefault("sources", {})[self.sources[nid]] = entry

    def edge(self, e: _Obj, texts: dict[str, dict[str, Any]], nodes: set[str]) -> Proposition | None:
        """A labelled edge between text nodes; one between a text node and a link or file node cites it."""
        ends = [e.get("fromNode"), e.get("toNode")]
        for end, key in zip(ends, ("fromNode", "toNode"), strict=True):
            if not isinstance(end, str) or end not in nodes:
                self.problem(e, "missing-end", f"the edge's {key} {quoted(str(end))} is no node of this canvas")
                return None
        a, b = (str(x) for x in ends)
        if (a in self.sources) != (b in self.sources) and (a in self.concepts or b in self.concepts):
            concept, source = (self.concepts[a], self.sources[b]) if a in self.concepts else \
                (self.concepts[b], self.sources[a])
            cited = texts[concept].setdefault("sources", [])
            if source not in cited:
                cited.append(source)
            return None
        if a not in self.concepts or b not in self.concepts:
            self.warn(e, "edge", f"the edge {quoted(str(e.get('id')))} does not join two text nodes; left out")
            return None
        phrase = one_line(str(e.get("label") or ""))
        if not phrase:
            self.problem(e, "no-phrase", f"the edge {quoted(str(e.get('id')))} has no label; a concept map needs a "
                         "linking phrase on every relation: label the edge in the canvas")
            return None
        ends_drawn = (e.get("fromEnd", "none"), e.get("toEnd", "arrow"))
        line, col = self.where(e)
        if ends_drawn == ("arrow", "none"):
            return Proposition(self.concepts[b], phrase, self.concepts[a], line, col)
        extra = {"effect": "interdependent"} if ends_drawn == ("arrow", "arrow") else {}
        return Proposition(self.concepts[a], phrase, self.concepts[b], line, col, extra)

    def read_groups(self, groups: list[tuple[_Obj, Rect]], texts: dict[str, dict[str, Any]]) -> None:
        """A text node inside a group's rectangle belongs to it (to the smallest, when groups nest)."""
        ids, out = Ids("group"), dict[str, dict[str, str]]()
        members: dict[str, list[str]] = {}
        for node, rect in sorted(groups, key=lambda g: g[1][2] * g[1][3]):
            label = one_line(str(node.get("label") or "")) or f"Group {len(out) + 1}"
            gid = ids.new(label)
            inside = [c for c, r in self.rects.items() if c not in members and _contains(rect, r)]
            if not inside:
                self.warn(node, "empty-group", f"the group {quoted(label)} holds no text node; left out")
                continue
            out[gid] = {"label": label}
            members.update({c: [gid] for c in inside})
        for cid, (gid,) in members.items():
            texts[cid]["group"] = gid
        if out:
            self.out.data["groups"] = dict(sorted(out.items()))


def _contains(outer: Rect, inner: Rect) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def read_canvas(data: bytes, file: str) -> Imported:
    """The map in a `.canvas` file's bytes, or a MapError with every problem found, located in the file."""
    if len(data) > MAX_BYTES:
        raise MapError([Problem(file, 1, 1, "too-large", f"the file has {len(data)} bytes; the limit is "
                                f"{MAX_BYTES} bytes")])
    text, problems = decode(data, file)
    if text is None:
        raise MapError(problems)
    reader = _Reader(file, text)
    try:
        doc = _loads(text)
    except json.JSONDecodeError as err:
        raise MapError([Problem(file, err.lineno, err.colno, "syntax", f"JSON syntax error: {err.msg}")]) from None
    except _Duplicate as err:
        raise MapError([Problem(file, *reader.where(_at(err.at)), "duplicate-key",
                                f"the key {quoted(err.key)} appears twice in one object")]) from None
    except RecursionError:
        raise MapError([Problem(file, 1, 1, "too-deep", "the JSON nests too deeply")]) from None
    return reader.read(doc)


def _at(offset: int) -> _Obj:
    obj = _Obj()
    obj.at = offset
    return obj
