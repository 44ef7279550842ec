"""Deterministic layout: pinned positions kept, the rest placed by networkx, then spread so no labels overlap."""

from __future__ import annotations

import math

import networkx as nx

Point = tuple[float, float]

SEED = 20120917  # fixed: the same map always gets the same layout
ASPECT = 2.2  # width / height of the drawing: a wide screen under a title bar
FILL = 0.28  # share of the drawing covered by label boxes before they are spread apart
FILL_LARGE = 0.06  # large maps start sparser: force layouts bunch nodes, and pushing them apart costs more
NODE_FONT = 20
EDGE_FONT = 15
LABEL_WIDTH = 170  # node labels wrap at this width (vis widthConstraint.maximum)
EDGE_LABEL_WIDTH = 150  # edge labels wrap at this width
GAP = 40  # minimum free space between two concept boxes
SMALL = 60  # up to this many concepts: networkx's Kamada-Kawai; above: igraph's Fruchterman-Reingold
_MARGIN = 10


def wrap(text: str, font: int, width: float) -> list[str]:
    """Split a label into lines word by word at about `width` pixels, as vis-network does."""
    char, lines, current = 0.55 * font, [], ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and len(trial) * char > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    return lines


def text_box(text: str, font: int, width: float, margin: float) -> Point:
    """Approximate (width, height) of a wrapped label, with `margin` on every side."""
    lines = wrap(text, font, width)
    return min(width, max(len(line) for line in lines) * 0.55 * font) + 2 * margin, len(lines) * 1.3 * font + 2 * margin


def label_box(label: str) -> Point:
    """The size of a concept's box on the page."""
    return text_box(label, NODE_FONT, LABEL_WIDTH, _MARGIN)


def _edge_lengths(g: nx.MultiDiGraph, boxes: dict[str, Point]) -> nx.Graph:
    """The undirected graph whose edge `length` leaves room for the two label boxes and the linking phrase."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    for u, v, phrase in g.edges(data="phrase"):
        if u != v:
            need = text_box(str(phrase), EDGE_FONT, EDGE_LABEL_WIDTH, 0)[0] + (boxes[u][0] + boxes[v][0]) / 2
            old = simple.get_edge_data(u, v, {"length": 0.0})["length"]
            simple.add_edge(u, v, length=max(old, need))
    return simple


def _initial(g: nx.MultiDiGraph, boxes: dict[str, Point]) -> dict[str, Point]:
    """Unit-scale positions: Kamada-Kawai with label-aware lengths for figure-sized maps (networkx), and
    igraph's grid Fruchterman-Reingold, with a seeded generator, for anything larger."""
    if len(g) <= SMALL:
        simple = _edge_lengths(g, boxes)
        if len(simple) <= 2:
            return {n: (float(i), 0.0) for i, n in enumerate(sorted(simple))}
        pos = nx.kamada_kawai_layout(simple, pos=nx.circular_layout(sorted(simple)), weight="length")
        pos = nx.spring_layout(simple, pos=pos, seed=SEED, iterations=60, weight=None)  # evens out density
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    return _igraph_layout(g)


def _igraph_layout(g: nx.MultiDiGraph) -> dict[str, Point]:
    import random

    import igraph

    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v})
    graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        layout = graph.layout_fruchterman_reingold(niter=300, grid="auto")
    finally:
        igraph.set_random_number_generator(random)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, layout.coords, strict=True)}


def _fit(pos: dict[str, Point], boxes: dict[str, Point]) -> dict[str, Point]:
    """Stretch positions to a wide drawing whose area leaves room for the labels (y grows downwards)."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    area = sum(w * h for w, h in boxes.values()) / (FILL if len(boxes) <= SMALL else FILL_LARGE)
    target_w = math.sqrt(area * ASPECT)
    sx, sy = target_w / width, area / target_w / height
    return {n: (x * sx, -y * sy) for n, (x, y) in pos.items()}


def _spread(pos: dict[str, Point], boxes: dict[str, Point], fixed: set[str], rounds: int) -> None:
    """Push overlapping concept boxes apart along the axis of least overlap, leaving pinned ones alone.
    Candidates come from a grid of cells as large as the largest box, so a round costs O(n), not O(n²)."""
    nodes = sorted(pos)
    cell_w = max(w for w, _ in boxes.values()) + GAP
    cell_h = max(h for _, h in boxes.values()) + GAP
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[str]] = {}
        for n in nodes:
            grid.setdefault((int(pos[n][0] // cell_w), int(pos[n][1] // cell_h)), []).append(n)
        moved = False
        for a in nodes:
            cx, cy = int(pos[a][0] // cell_w), int(pos[a][1] // cell_h)
            for b in (b for i in (-1, 0, 1) for j in (-1, 0, 1) for b in grid.get((cx + i, cy + j), ()) if b > a):
                moved |= _part(pos, boxes, fixed, a, b)
        if not moved:
            return


def _part(pos: dict[str, Point], boxes: dict[str, Point], fixed: set[str], a: str, b: str) -> bool:
    """Move two overlapping boxes apart; False if they do not overlap (or both are pinned)."""
    (ax, ay), (bx, by) = pos[a], pos[b]
    dx = (boxes[a][0] + boxes[b][0]) / 2 + GAP - abs(ax - bx)
    dy = (boxes[a][1] + boxes[b][1]) / 2 + GAP - abs(ay - by)
    if dx <= 0 or dy <= 0 or (a in fixed and b in fixed):
        return False
    share = 1.0 if a in fixed or b in fixed else 0.5
    sx, sy = (dx * share + 0.5, 0.0) if dx < dy else (0.0, dy * share + 0.5)
    sx, sy = (sx if bx >= ax else -sx), (sy if by >= ay else -sy)
    if a not in fixed:
        pos[a] = (ax - sx, ay - sy)
    if b not in fixed:
        pos[b] = (bx + sx, by + sy)
    return True


def compute_layout(g: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Integer page positions for every node; pinned `position` attributes are kept exactly."""
    pinned = {n: (float(p[0]), float(p[1])) for n, p in g.nodes(data="position") if p is not None}
    boxes = {n: label_box(str(g.nodes[n]["label"])) for n in g}
    free = [n for n in g if n not in pinned]
    pos = _fit(_initial(g, boxes), {n: boxes[n] for n in free}) if free else {}
    pos.update(pinned)
    _spread(pos, boxes, set(pinned), rounds=300 if len(pos) <= SMALL else 12 if len(pos) <= 2500 else 2)
    return {n: (round(pos[n][0]), round(pos[n][1])) for n in g}
