"""Write concept positions into a map's YAML text, changing only the `position` keys: every comment, every
other key and all formatting stay byte for byte; an edit that would read back as a different map is refused."""

from __future__ import annotations

import dataclasses
import difflib
import math
from collections.abc import Mapping
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from graph.load import parse_map
from graph.model import Map
from graph.problems import MapError, Problem, quoted
from graph.read.yamlread import is_null

try:  # the same composer the reader uses, so marks count characters the same way
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Point = tuple[int, int]
LIMIT = 1e6  # the format's range for a position's numbers
BOM = b"\xef\xbb\xbf"
Edit = tuple[int, int, str]  # replace text[start:end] with the string


def rounded(x: float, y: float) -> Point:
    """A position as the whole numbers written to the file; refuses what the format would refuse."""
    if not (math.isfinite(x) and math.isfinite(y) and max(abs(x), abs(y)) <= LIMIT):
        raise ValueError(f"a position must hold finite numbers between -{LIMIT:g} and {LIMIT:g}")
    return math.floor(x + 0.5), math.floor(y + 0.5)  # as the page's Math.round: 2.5 -> 3, -0.5 -> 0


def _concepts_node(root: Node) -> MappingNode:
    node = next(v for k, v in root.value if k.value == "concepts")
    assert isinstance(node, MappingNode)  # a valid map
    return node


def _leaf_end(key: Node, value: Node) -> int:
    """Where the text of an entry ends: the end of its innermost last scalar or flow collection (PyYAML's marks
    for the end of a block collection can sit anywhere in the following indentation)."""
    while isinstance(value, MappingNode | SequenceNode) and not value.flow_style and value.value:
        if isinstance(value, MappingNode):
            key, value = value.value[-1]
        else:
            value = value.value[-1]
    return max(key.end_mark.index, value.end_mark.index)


def _next_line(text: str, index: int) -> int:
    """The start of the line after the one `index` is on, or `index` itself when it starts a line (after any
    indentation a block scalar's end mark has taken in); len(text) when there is no next line."""
    start = index
    while start > 0 and text[start - 1] == " ":
        start -= 1
    if start == 0 or text[start - 1] in "\r\n":
        return start
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _insert(text: str, mapping: MappingNode, point: Point, newline: str) -> Edit:
    """An edit adding `position: [x, y]` to a concept's mapping: in a block mapping on its own line after the
    label (or the last key), in a flow mapping as its last entry."""
    value = f"position: [{point[0]}, {point[1]}]"
    if mapping.flow_style:
        if not mapping.value:
            at = mapping.end_mark.index - 1  # just before the closing brace
            return at, at, value
        at = _leaf_end(*mapping.value[-1])
        return at, at, ", " + value
    entry = next((e for e in mapping.value if e[0].value == "label"), mapping.value[-1])
    indent = " " * mapping.value[0][0].start_mark.column
    at = _next_line(text, _leaf_end(*entry))
    if at == len(text) and not text.endswith("\n"):  # the file ends without a newline: so does the new one
        return at, at, f"{newline}{indent}{value}"
    return at, at, f"{indent}{value}{newline}"


def _replace(text: str, key: Node, node: Node, point: Point) -> list[Edit]:
    """Edits giving an existing `position` key the new numbers, in whatever style it was written."""
    if isinstance(node, SequenceNode) and len(node.value) == 2:
        return [(n.start_mark.index, n.end_mark.index, str(v)) for n, v in zip(node.value, point, strict=True)]
    flow = f"[{point[0]}, {point[1]}]"
    if is_null(node) and node.end_mark.index > node.start_mark.index:  # `position: ~` or `position: null`
        return [(node.start_mark.index, node.end_mark.index, flow)]
    colon = text.index(":", key.end_mark.index)  # `position:` with no value
    return [(colon + 1, colon + 1, " " + flow)]


def edits(text: str, root: Node, positions: Mapping[str, Point]) -> list[Edit]:
    """Every text edit that writes `positions` (concept id -> point) into the map composed from `text`."""
    newline = "\r\n" if "\r\n" in text else "\n"
    out: list[Edit] = []
    for key, mapping in _concepts_node(root).value:
        point = positions.get(key.value)
        if point is None:
            continue
        assert isinstance(mapping, MappingNode)  # a valid map
        found = next(((k, v) for k, v in mapping.value if k.value == "position"), None)
        out += _replace(text, *found, point) if found else [_insert(text, mapping, point, newline)]
    return out


def _apply(text: str, changes: list[Edit]) -> str:
    for start, end, new in sorted(changes, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _expected(cmap: Map, positions: Mapping[str, Point]) -> Map:
    concepts = {cid: dataclasses.replace(c, position=(float(positions[cid][0]), float(positions[cid][1])))
                if cid in positions else c for cid, c in cmap.concepts.items()}
    return dataclasses.replace(cmap, concepts=concepts)


def set_positions(data: bytes, positions: Mapping[str, tuple[float, float]], file: str = "<map>",
                  name: str = "map") -> bytes:
    """The map file's bytes with the given concepts' positions (rounded to whole numbers) written in, and nothing
    else changed. Raises MapError for an invalid map, an unknown concept or an edit that would change more."""
    cmap = parse_map(data, file, name)
    unknown = sorted(set(positions) - set(cmap.concepts))
    if unknown:
        raise MapError([Problem(file, *cmap.locs.get("concepts", (1, 1)), "unknown-concept",
                                f"there is no concept {quoted(u)} in this map") for u in unknown])
    points = {cid: rounded(*p) for cid, p in positions.items()}
    points = {cid: p for cid, p in points.items() if cmap.concepts[cid].position != (float(p[0]), float(p[1]))}
    if not points:
        return data
    text = data[len(BOM):].decode("utf-8") if data.startswith(BOM) else data.decode("utf-8")
    root = yaml.compose(text, Loader=_Loader)  # a valid map: no aliases, bounded depth and size
    assert root is not None
    new = (BOM if data.startswith(BOM) else b"") + _apply(text, edits(text, root, points)).encode("utf-8")
    try:
        same = parse_map(new, file, name) == _expected(cmap, points)
    except MapError as err:  # the new positions themselves make the map invalid (a row off its line, say)
        if all(p.code != "position-edit" for p in err.problems) and any(
                p.code in ("layout-conflict", "position") for p in err.problems):
            raise MapError([p for p in err.problems if p.code in ("layout-conflict", "position")]) from None
        same = False
    if not same:
        first = cmap.concepts[min(points, key=lambda cid: cmap.concepts[cid].loc)]
        raise MapError([Problem(file, *first.loc, "position-edit",
                                "writing the positions here would change more of the map than its positions, "
                                "so nothing was written; add `position: [x, y]` to the concepts by hand")])
    return new



def read_pasted(data: bytes, file: str, cmap: Map) -> dict[str, tuple[float, float]]:
    """The positions in a pasted `concepts:` block (what the page's Copy positions gives, or another map file):
    concept id -> point, for concepts of `cmap`. Raises MapError with every located problem."""
    from graph.read.reader import Reader
    from graph.read.yamlread import read_yaml, where

    root, problems = read_yaml(data, file)
    reader = Reader(file)
    concepts = next((v for k, v in root.value if k.value == "concepts"), None) \
        if isinstance(root, MappingNode) else None
    if root is not None and not isinstance(concepts, MappingNode):
        at = where(concepts if concepts is not None else root)
        problems.append(Problem(file, *at, "positions", "expected a mapping 'concepts:' of concept ids, each with "
                                "'position: [x, y]', as the page's Copy positions gives"))
    out: dict[str, tuple[float, float]] = {}
    for key, value in concepts.value if isinstance(concepts, MappingNode) else ():
        if key.value not in cmap.concepts:
            reader.problem(key, "unknown-concept", f"there is no concept {quoted(key.value)} in {cmap.file}")
            continue
        node = next((v for k, v in value.value if k.value == "position"), None) \
            if isinstance(value, MappingNode) else value
        point = reader.point(node, "position") if node is not None else None
        if point is not None:
            out[key.value] = point
    problems += reader.problems
    if problems:
        raise MapError(problems)
    return out


def pin_map(path: Path, pasted: tuple[str, bytes] | None = None) -> tuple[bytes, bytes, int]:
    """A map file's bytes, the same with positions written in (today's layout, or those of `pasted`: its name and
    bytes) and how many concepts were given positions. Raises MapError for an invalid map or paste."""
    from graph.analysis.build import build_graph
    from graph.analysis.layout import compute_layout
    from graph.load import read_map_file

    data = read_map_file(path)
    cmap = parse_map(data, str(path), path.stem)
    if pasted is None:
        positions = {cid: (float(x), float(y)) for cid, (x, y) in compute_layout(build_graph(cmap)).positions.items()}
    else:
        positions = read_pasted(pasted[1], pasted[0], cmap)
    return data, set_positions(data, positions, str(path), path.stem), len(positions)


def diff(old: bytes, new: bytes, name: str) -> str:
    """A unified diff of a map file before and after its positions were written."""
    return "".join(difflib.unified_diff(old.decode("utf-8-sig").splitlines(keepends=True),
                                        new.decode("utf-8-sig").splitlines(keepends=True), name, f"{name} (pinned)"))
