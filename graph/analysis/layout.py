"""Deterministic layout of concept and phrase boxes: Graphviz for figure-sized maps (pins as constraints),
a force layout with a phrase-placement pass for large ones; pinned concepts keep their exact coordinates."""

from __future__ import annotations

import contextlib
import math
import sys
from dataclasses import replace
from typing import Any

import networkx as nx

from graph.analysis import graphviz, placement
from graph.analysis.align import Lines, X, Y
from graph.analysis.drawing import Box, Drawing, Phrase, concept_box, phrase_boxes, segments, uses_glyphs
from graph.model import Layout

Centre = tuple[float, float]
Levels = tuple[set[str], set[str]]  # the phrase boxes of the hierarchy's relations, and the concepts they join
SEED = 20120917  # fixed: the same map always gets the same layout
DOT_LIMIT = 300  # up to this many concepts Graphviz lays the map out; above, igraph and the placement pass
DOT_GAP = 24  # dot keeps its boxes apart already (phrases are nodes of their own): settling moves them only this
SCREEN = (1280, 620)  # the map area of a wide screen, for choosing between a drawing down and one across
ASPECT = 2.2  # width / height of a force layout: a wide screen under a title bar
FILL = 0.06  # share of a force layout's area covered by concept boxes: room for the phrases between them
EDGE = 160  # px: the space between two pieces of a force layout
DOT_ATTRS = {"rankdir": "TB", "nodesep": "0.35", "ranksep": "0.22", "splines": "false", "newrank": "true",
             "mclimit": "4"}  # mclimit: more crossing-reduction passes than dot's default, for straight lines
FAN_DROP, FAN_ROOM = 14, 44  # px: the height a fan of phrase lines needs per target, and what one rank gives
FAN_MAX = 8  # empty ranks at most: dot takes time that grows fast with them (a fan of 120: 29 s, capped 1.5 s)
RANK = 16  # px: dot's rank separation (ranksep)
FREE = {"constraint": "false"}  # an edge that does not set ranks
NEATO_ATTRS = {"mode": "sgd", "inputscale": "72", "notranslate": "true", "overlap": "false", "sep": "+8",
               "start": str(SEED), "maxiter": "400"}


def _graphviz(boxes: dict[str, Box], phrases: list[Phrase], pins: dict[str, Centre], spec: Layout,
              levels: Levels | None) -> tuple[dict[str, Centre], set[str], int | None]:
    """Centres from Graphviz: neato around the pins, else dot in the author's direction or the one that fits
    a wide screen better; the phrases left for the placement pass to put between their concepts; and the axis
    along which dot's layers lie (None for neato)."""
    sizes = {n: (float(b.width), float(b.height)) for n, b in boxes.items()}
    sizes.update({p.id: (float(p.width), float(p.height)) for p in phrases})
    if pins:
        return graphviz.run("neato", graphviz.source(sizes, segments(phrases), NEATO_ATTRS, pins)), set(), None
    edges, loose = _dot_edges(phrases, levels)
    dot_sizes = {n: s for n, s in sizes.items() if n not in loose}

    def dot(rankdir: str) -> dict[str, Centre]:
        same = spec.same_row if rankdir == "TB" else spec.same_column
        job = _fanned(edges, phrases) if rankdir == "TB" else edges
        return graphviz.run("dot", graphviz.source(dot_sizes, job, {**DOT_ATTRS, "rankdir": rankdir},
                                                   same_rank=same))

    if spec.direction is not None:
        return (dot("TB"), loose, X) if spec.direction == "down" else (dot("LR"), loose, Y)
    down = dot("TB")
    width, height = _extent(down, sizes)
    if width >= height:  # wide enough already
        return down, loose, X
    right = dot("LR")
    return (right, loose, Y) if _fit(right, sizes) > _fit(down, sizes) else (down, loose, X)


def _fanned(edges: list[graphviz.Edge], phrases: list[Phrase]) -> list[graphviz.Edge]:
    """Edges from a phrase to several targets in a row below it made longer (empty ranks between), so that its
    lines fan out steeply enough to pass beside the neighbouring targets instead of through them."""
    drop = {p.id: str(1 + min(FAN_MAX, math.ceil(max(0, FAN_DROP * (len(p.relations) - 1) - FAN_ROOM) / RANK)))
            for p in phrases if FAN_DROP * (len(p.relations) - 1) > FAN_ROOM}
    return [(e[0], e[1], {"minlen": drop[e[0]]}) if len(e) == 2 and e[0] in drop else e for e in edges]


def _dot_edges(phrases: list[Phrase], levels: Levels | None) -> tuple[list[graphviz.Edge], set[str]]:
    """The dot job's edges, and the phrases left out of it. Without a hierarchy every segment sets the ranks.
    With one, a segment sets them when its relation is in the hierarchy or leads to a concept no hierarchy
    relation holds (which so hangs below what points at it, instead of floating to the top); a phrase whose
    relations all lead into the hierarchy from outside it is left out, its relations joined by free edges."""
    if levels is None:
        return [*segments(phrases)], set()
    held, tree = levels

    def ranks(p: Phrase, target: str) -> bool:
        return p.id in held or target not in tree

    kept = [p for p in phrases if any(ranks(p, t) for _, t in p.relations)]
    loose = {p.id for p in phrases} - {p.id for p in kept}
    edges: list[graphviz.Edge] = [(p.source, p.id) for p in kept]
    edges += [(p.id, t) if ranks(p, t) else (p.id, t, FREE) for p in kept for _, t in p.relations]
    edges += [(p.source, t, FREE) for p in phrases if p.id in loose for _, t in p.relations]
    return edges, loose


def _frame(pos: dict[str, Centre], sizes: dict[str, tuple[float, float]]) -> tuple[float, float, float, float]:
    """The left, top, right and bottom of the boxes centred at `pos`."""
    xs = [pos[n][0] + s * sizes[n][0] / 2 for n in pos for s in (-1, 1)]
    ys = [pos[n][1] + s * sizes[n][1] / 2 for n in pos for s in (-1, 1)]
    return min(xs), min(ys), max(xs), max(ys)


def _extent(pos: dict[str, Centre], sizes: dict[str, tuple[float, float]]) -> tuple[float, float]:
    left, top, right, bottom = _frame(pos, sizes)
    return right - left, bottom - top


def _fit(pos: dict[str, Centre], sizes: dict[str, tuple[float, float]]) -> float:
    """The scale at which a drawing fits a wide screen: a map that reads down and is very tall reads better across."""
    w, h = _extent(pos, sizes)
    return min(SCREEN[0] / w, SCREEN[1] / h)


def _igraph() -> Any:
    """igraph, imported without its plotting back end: finding cairo (cairocffi parses C headers on import) costs
    a large map's build 0.2 s, and we never plot. Other importers of cairocffi (the PNG export) still get it.
    Nor with wcwidth (20 ms), which only its text tables' printing (texttable) would use, falling back to
    unicodedata without it."""
    if "igraph" not in sys.modules:
        hidden = {name: sys.modules.get(name) for name in ("cairo", "cairocffi", "wcwidth")}
        for name in hidden:  # None: "not installed", for the time of this import only
            sys.modules[name] = None  # type: ignore[assignment]
        try:
            import igraph  # noqa: F401
        finally:
            for name, module in hidden.items():
                if module is None:
                    del sys.modules[name]
                else:
                    sys.modules[name] = module
    return sys.modules["igraph"]


def _component(nodes: list[str], edges: list[tuple[int, int]], boxes: dict[str, Box]) -> list[tuple[float, float]]:
    """One connected piece by igraph's grid Fruchterman-Reingold (seeded), scaled so that its concept boxes cover
    FILL of its area: room for the phrases between them."""
    import random

    igraph = _igraph()
    if len(nodes) < 3:
        return [(i * (max(boxes[n].width for n in nodes) + EDGE), 0.0) for i in range(len(nodes))]
    graph = igraph.Graph.__new__(igraph.Graph)  # Graph.__init__ imports numpy (0.1 s) only to ask whether
    igraph.GraphBase.__init__(graph, len(nodes), edges, False)  # `edges` is an array; no attributes are set
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        coords = graph.layout_fruchterman_reingold(niter=300, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    spread = max(w * h, max(w, h) ** 2 / 4, 1e-9)  # a piece drawn nearly in one line counts as a quarter square
    scale = math.sqrt(sum(boxes[n].width * boxes[n].height for n in nodes) / FILL / spread)
    return [(x * scale, y * scale) for x, y in coords]


def _pack(pieces: list[dict[str, Centre]], boxes: dict[str, Box]) -> dict[str, Centre]:
    """Pieces side by side in rows, largest first, rows about as wide as a wide screen's shape asks."""
    sizes = {n: (float(b.width), float(b.height)) for n, b in boxes.items()}
    frames = [_frame(p, sizes) for p in pieces]
    area = sum((r - left + EDGE / 2) * (b - t + EDGE / 2) for left, t, r, b in frames)
    row_width = max(math.sqrt(area * ASPECT), max(r - left for left, _, r, _ in frames))
    out: dict[str, Centre] = {}
    x = y = row_height = 0.0
    for piece, (left, top, right, bottom) in zip(pieces, frames, strict=True):
        if x > 0 and x + right - left > row_width:
            x, y, row_height = 0.0, y + row_height + EDGE / 2, 0.0
        out.update({n: (px - left + x, py - top + y) for n, (px, py) in piece.items()})
        x += right - left + EDGE / 2
        row_height = max(row_height, bottom - top)
    return out


def _force(g: nx.MultiDiGraph, boxes: dict[str, Box], pins: dict[str, Centre]) -> dict[str, Centre]:
    """Concept centres for large maps: each connected piece by a force layout, the pieces packed in rows; pins
    kept."""
    parts = [sorted(c) for c in sorted(nx.weakly_connected_components(g), key=lambda c: (-len(c), min(c)))]
    part_of = {n: k for k, nodes in enumerate(parts) for n in nodes}
    index = {n: i for nodes in parts for i, n in enumerate(nodes)}
    links: list[set[tuple[int, int]]] = [set() for _ in parts]
    for u, v in g.edges():
        if u != v:
            links[part_of[u]].add((min(index[u], index[v]), max(index[u], index[v])))
    pieces = [dict(zip(nodes, _component(nodes, sorted(edges), boxes), strict=True))
              for nodes, edges in zip(parts, links, strict=True)]
    out = _pack(pieces, boxes)
    out.update(pins)
    return out


def _levels(g: nx.MultiDiGraph, phrases: list[Phrase], hierarchy: tuple[str, ...]) -> Levels | None:
    """With a hierarchy: the phrases in it, and the concepts its relations hold."""
    if not hierarchy:
        return None
    held = {p.id for p in phrases if g.edges[p.source, p.relations[0][1], p.relations[0][0]]["phrase"] in hierarchy}
    tree = {end for p in phrases if p.id in held for end in (p.source, *(t for _, t in p.relations))}
    return held, tree


def compute_layout(g: nx.MultiDiGraph) -> Drawing:
    """Every concept and phrase box, positioned; pinned `position` attributes are kept exactly, and the map's
    `layout` (direction, hierarchy, rows and columns) is honoured."""
    spec = g.graph.get("layout") or Layout()
    pins = {n: (float(p[0]), float(p[1])) for n, p in g.nodes(data="position") if p is not None}
    boxes = {n: concept_box(n, str(g.nodes[n]["label"])) for n in g}
    phrases = phrase_boxes(g)
    centres: dict[str, Centre] = {}
    loose: set[str] = set()
    along: int | None = None
    gap = DOT_GAP if not pins else placement.GAP
    if len(g) <= DOT_LIMIT and len(pins) < len(g):
        with contextlib.suppress(graphviz.GraphvizError):  # the force layout below stands in
            centres, loose, along = _graphviz(boxes, phrases, pins, spec, _levels(g, phrases, spec.hierarchy))
    if any(n not in centres for n in g):
        centres, gap, along = _force(g, boxes, pins) if len(pins) < len(g) else dict(pins), placement.GAP, None
    centres.update(pins)
    lines = Lines(spec.same_row, spec.same_column, boxes)
    drawing = placement.settle(boxes, phrases, centres, set(pins), gap, lines, loose, along)
    return replace(drawing, glyphs=uses_glyphs(g))
