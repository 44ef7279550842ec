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
SEED = 20120917  # fixed: the same map always gets the same layout
DOT_LIMIT = 300  # up to this many concepts Graphviz lays the map out; above, igraph and the placement pass
SCREEN = (1280, 620)  # the map area of a wide screen, for choosing between a drawing down and one across
ASPECT = 2.2  # width / height of a force layout: a wide screen under a title bar
FILL = 0.06  # share of a force layout's area covered by concept boxes: room for the phrases between them
DOT_ATTRS = {"rankdir": "TB", "nodesep": "0.28", "ranksep": "0.22", "splines": "false", "newrank": "true"}
FREE = {"constraint": "false"}  # an edge that does not set ranks
NEATO_ATTRS = {"mode": "sgd", "inputscale": "72", "notranslate": "true", "overlap": "false", "sep": "+8",
               "start": str(SEED), "maxiter": "400"}


def _graphviz(boxes: dict[str, Box], phrases: list[Phrase], pins: dict[str, Centre], spec: Layout,
              loose: set[str]) -> dict[str, Centre]:
    """Centres from Graphviz: neato around the pins, else dot in the author's direction or the one that fits
    a wide screen better; `loose` phrases (outside the hierarchy) are placed afterwards, between their concepts."""
    sizes = {n: (float(b.width), float(b.height)) for n, b in boxes.items()}
    sizes.update({p.id: (float(p.width), float(p.height)) for p in phrases})
    if pins:
        return graphviz.run("neato", graphviz.source(sizes, segments(phrases), NEATO_ATTRS, pins))
    ranked = [p for p in phrases if p.id not in loose]
    dot_sizes = {n: s for n, s in sizes.items() if n not in loose}
    edges: list[graphviz.Edge] = [*segments(ranked)]
    edges += [(p.source, t, FREE) for p in phrases if p.id in loose for _, t in p.relations]

    def dot(rankdir: str) -> dict[str, Centre]:
        same = spec.same_row if rankdir == "TB" else spec.same_column
        pos = graphviz.run("dot", graphviz.source(dot_sizes, edges, {**DOT_ATTRS, "rankdir": rankdir}, same_rank=same))
        return {**pos, **_between(phrases, loose, pos)}

    if spec.direction is not None:
        return dot("TB" if spec.direction == "down" else "LR")
    down = dot("TB")
    width, height = _extent(down, sizes)
    if width >= height:  # wide enough already
        return down
    right = dot("LR")
    return right if _fit(right, sizes) > _fit(down, sizes) else down


def _between(phrases: list[Phrase], loose: set[str], pos: dict[str, Centre]) -> dict[str, Centre]:
    """A start for each phrase Graphviz did not place: halfway from its source to its targets."""
    out = {}
    for p in phrases:
        if p.id in loose and p.source in pos:
            tx = sum(pos[t][0] for _, t in p.relations) / len(p.relations)
            ty = sum(pos[t][1] for _, t in p.relations) / len(p.relations)
            out[p.id] = ((pos[p.source][0] + tx) / 2, (pos[p.source][1] + ty) / 2)
    return out


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


def _loose(g: nx.MultiDiGraph, phrases: list[Phrase], hierarchy: tuple[str, ...]) -> set[str]:
    """The phrases whose relations do not rank the drawing: with a hierarchy, those whose phrase is not in it."""
    if not hierarchy:
        return set()
    return {p.id for p in phrases if g.edges[p.source, p.relations[0][1], p.relations[0][0]]["phrase"] not in hierarchy}


def compute_layout(g: nx.MultiDiGraph) -> Drawing:
    """Every concept and phrase box, positioned; pinned `position` attributes are kept exactly, and the map's
    `layout` (direction, hierarchy, rows and columns) is honoured."""
    spec = g.graph.get("layout") or Layout()
    pins = {n: (float(p[0]), float(p[1])) for n, p in g.nodes(data="position") if p is not None}
    boxes = {n: concept_box(n, str(g.nodes[n]["label"])) for n in g}
    phrases = phrase_boxes(g)
    centres: dict[str, Centre] = {}
    if len(g) <= DOT_LIMIT and len(pins) < len(g):
        with contextlib.suppress(graphviz.GraphvizError):  # the force layout below stands in
            centres = _graphviz(boxes, phrases, pins, spec, _loose(g, phrases, spec.hierarchy))
    if any(n not in centres for n in g):
        centres = _force(g, boxes, pins) if len(pins) < len(g) else dict(pins)
    centres.update(pins)
    lines = Lines(spec.same_row, spec.same_column, boxes)
    return replace(placement.settle(boxes, phrases, centres, set(pins), lines), glyphs=uses_glyphs(g))
