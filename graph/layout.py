"""Deterministic layout of concept and phrase boxes: Graphviz for figure-sized maps (pins as constraints),
a force layout with a phrase-placement pass for large ones; pinned concepts keep their exact coordinates."""

from __future__ import annotations

import contextlib
import math
from dataclasses import replace

import networkx as nx

from . import graphviz, placement
from .align import Lines
from .drawing import Box, Drawing, Phrase, concept_box, phrase_boxes, segments, uses_glyphs
from .model import Layout

Centre = tuple[float, float]
Levels = tuple[set[str], set[str]]  # the phrase boxes of the hierarchy's relations, and the concepts they join
SEED = 20120917  # fixed: the same map always gets the same layout
DOT_LIMIT = 300  # up to this many concepts Graphviz lays the map out; above, igraph and the placement pass
DOT_GAP = 24  # dot keeps its boxes apart already (phrases are nodes of their own): settling moves them only this
SCREEN = (1280, 620)  # the map area of a wide screen, for choosing between a drawing down and one across
ASPECT = 2.2  # width / height of a force layout: a wide screen under a title bar
FILL = 0.06  # share of a force layout's area covered by concept boxes: room for the phrases between them
DOT_ATTRS = {"rankdir": "TB", "nodesep": "0.28", "ranksep": "0.22", "splines": "false", "newrank": "true"}
FREE = {"constraint": "false"}  # an edge that does not set ranks
NEATO_ATTRS = {"mode": "sgd", "inputscale": "72", "notranslate": "true", "overlap": "false", "sep": "+8",
               "start": str(SEED), "maxiter": "400"}


def _graphviz(boxes: dict[str, Box], phrases: list[Phrase], pins: dict[str, Centre], spec: Layout,
              levels: Levels | None) -> tuple[dict[str, Centre], set[str]]:
    """Centres from Graphviz: neato around the pins, else dot in the author's direction or the one that fits
    a wide screen better; and the phrases left for the placement pass to put between their concepts."""
    sizes = {n: (float(b.width), float(b.height)) for n, b in boxes.items()}
    sizes.update({p.id: (float(p.width), float(p.height)) for p in phrases})
    if pins:
        return graphviz.run("neato", graphviz.source(sizes, segments(phrases), NEATO_ATTRS, pins)), set()
    edges, loose = _dot_edges(phrases, levels)
    dot_sizes = {n: s for n, s in sizes.items() if n not in loose}

    def dot(rankdir: str) -> dict[str, Centre]:
        same = spec.same_row if rankdir == "TB" else spec.same_column
        return graphviz.run("dot", graphviz.source(dot_sizes, edges, {**DOT_ATTRS, "rankdir": rankdir},
                                                   same_rank=same))

    if spec.direction is not None:
        return dot("TB" if spec.direction == "down" else "LR"), loose
    down = dot("TB")
    width, height = _extent(down, sizes)
    if width >= height:  # wide enough already
        return down, loose
    right = dot("LR")
    return (right if _fit(right, sizes) > _fit(down, sizes) else down), loose


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


def _extent(pos: dict[str, Centre], sizes: dict[str, tuple[float, float]]) -> tuple[float, float]:
    xs = [pos[n][0] + s * sizes[n][0] / 2 for n in pos for s in (-1, 1)]
    ys = [pos[n][1] + s * sizes[n][1] / 2 for n in pos for s in (-1, 1)]
    return max(xs) - min(xs), max(ys) - min(ys)


def _fit(pos: dict[str, Centre], sizes: dict[str, tuple[float, float]]) -> float:
    """The scale at which a drawing fits a wide screen: a map that reads down and is very tall reads better across."""
    w, h = _extent(pos, sizes)
    return min(SCREEN[0] / w, SCREEN[1] / h)


def _force(g: nx.MultiDiGraph, boxes: dict[str, Box], pins: dict[str, Centre]) -> dict[str, Centre]:
    """Concept centres from igraph's grid Fruchterman-Reingold (seeded), stretched to a wide drawing."""
    import random

    import igraph

    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v})
    graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        coords = graph.layout_fruchterman_reingold(niter=300, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    area = sum(b.width * b.height for b in boxes.values()) / FILL
    width = math.sqrt(area * ASPECT)
    sx, sy = width / ((max(xs) - min(xs)) or 1.0), area / width / ((max(ys) - min(ys)) or 1.0)
    out = {n: (c[0] * sx, c[1] * sy) for n, c in zip(nodes, coords, strict=True)}
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
    gap = DOT_GAP if not pins else placement.GAP
    if len(g) <= DOT_LIMIT and len(pins) < len(g):
        with contextlib.suppress(graphviz.GraphvizError):  # the force layout below stands in
            centres, loose = _graphviz(boxes, phrases, pins, spec, _levels(g, phrases, spec.hierarchy))
    if any(n not in centres for n in g):
        centres, gap = _force(g, boxes, pins) if len(pins) < len(g) else dict(pins), placement.GAP
    centres.update(pins)
    lines = Lines(spec.same_row, spec.same_column, boxes)
    drawing = placement.settle(boxes, phrases, centres, set(pins), gap, lines, loose)
    return replace(drawing, glyphs=uses_glyphs(g))
