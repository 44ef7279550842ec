"""Settling a drawing: concept boxes pushed apart (pins never move), then every phrase put where it overlaps
nothing and its lines miss the concepts they do not join, as near the middle of its relation as that allows."""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterator
from dataclasses import replace
from functools import cache

from graph.analysis.align import Lines, X, Y
from graph.analysis.drawing import Box, Drawing, Phrase, lines, path, segments
from graph.analysis.grid import Centre, Grid, _through, rect

GAP = 40  # free space kept between two concept boxes
PHRASE_GAP = 6  # free space kept around a phrase box
BORDER = 4  # half the widest border a concept box is drawn with
CHECK_LINES = 400  # up to this many phrases, candidate spots are also checked for lines through concepts
_RINGS = range(-7, 8)


def spread(pos: dict[str, Centre], boxes: dict[str, Box], fixed: set[str], rounds: int = 300,
           gap: float = GAP, lines: Lines | None = None) -> None:
    """Push concept boxes closer than `gap` apart along the axis of least overlap; pinned ones never move, and a
    row (column) moves as one block up and down (sideways), so that it stays a row."""
    lines = lines or Lines()
    nodes = sorted(pos)
    cw = max(b.width for b in boxes.values()) + gap
    ch = max(b.height for b in boxes.values()) + gap
    half = {n: (b.width / 2, b.height / 2) for n, b in boxes.items()}
    for _ in range(rounds):
        if not _round(pos, boxes, fixed, lines, nodes, half, (cw, ch), gap):
            return


def _round(pos: dict[str, Centre], boxes: dict[str, Box], fixed: set[str], lines: Lines, nodes: list[str],
           half: dict[str, tuple[float, float]], cell: tuple[float, float], gap: float) -> bool:
    """One pass over the pairs in neighbouring cells (cells of where the boxes were when it began), each pair
    once, in order; whether anything moved. A pair is tested for closeness here, as _part would (halving a sum
    of two widths is exact), so that most pairs cost no call."""
    cw, ch = cell
    grid: dict[tuple[int, int], list[str]] = {}
    for n in nodes:
        x, y = pos[n]
        grid.setdefault((int(x // cw), int(y // ch)), []).append(n)
    moved = False
    for a in nodes:
        ax, ay = pos[a]
        aw, ah = half[a]
        cx, cy = int(ax // cw), int(ay // ch)
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for b in grid.get((i, j), ()):
                    if b <= a:
                        continue
                    (bx, by), (bw, bh) = pos[b], half[b]
                    if (aw + bw + gap - abs(ax - bx) > 0 and ah + bh + gap - abs(ay - by) > 0
                            and _part(pos, boxes, fixed, lines, (a, b), gap)):
                        moved = True
                        ax, ay = pos[a]
    return moved


def _part(pos: dict[str, Centre], boxes: dict[str, Box], fixed: set[str], lines: Lines, pair: tuple[str, str],
          gap: float) -> bool:
    a, b = pair
    (ax, ay), (bx, by) = pos[a], pos[b]
    dx = (boxes[a].width + boxes[b].width) / 2 + gap - abs(ax - bx)
    dy = (boxes[a].height + boxes[b].height) / 2 + gap - abs(ay - by)
    if dx <= 0 or dy <= 0:
        return False
    for axis in ((X, Y) if dx < dy else (Y, X)):
        move_a, move_b = lines.free(a, axis, fixed), lines.free(b, axis, fixed)
        if (move_a or move_b) and not lines.together(a, b, axis):
            break
    else:
        return False
    share = 0.5 if move_a and move_b else 1.0
    step = (dx if axis == X else dy) * share + 0.5
    if (bx >= ax) if axis == X else (by >= ay):
        step = -step
    if move_a:
        lines.shift(pos, a, axis, step)
    if move_b:
        lines.shift(pos, b, axis, -step)
    return True


def _ideal(p: Phrase, pos: dict[str, Centre]) -> tuple[Centre, Centre]:
    """The middle of a phrase's relations, and the unit direction from its source to its targets."""
    sx, sy = pos[p.source]
    tx = sum(pos[t][0] for _, t in p.relations) / len(p.relations)
    ty = sum(pos[t][1] for _, t in p.relations) / len(p.relations)
    dx, dy = tx - sx, ty - sy
    length = math.hypot(dx, dy)
    if length < 1:  # a relation to itself: beside the concept, to the right
        return (sx + 0, sy - 0), (1.0, 0.0)
    return ((sx + tx) / 2, (sy + ty) / 2), (dx / length, dy / length)


def _candidates(p: Phrase, pos: dict[str, Centre], concept: Box) -> Iterator[Centre]:
    """Spots near the middle of the relation, nearest first: steps along its line and across it (made as they
    are asked for: most phrases take one of the first few)."""
    (mx, my), (ux, uy) = _ideal(p, pos)
    if p.relations[0][1] == p.source:
        mx, my = mx + concept.width / 2 + p.width / 2 + PHRASE_GAP * 2, my - concept.height / 2 - p.height / 2
    across, along = _pitch(p)
    return ((mx - uy * i * across + ux * j * along, my + ux * i * across + uy * j * along)
            for i, j in _ring_order(across, along))


def _pitch(p: Phrase) -> tuple[float, float]:
    """How far apart a phrase's candidate spots are, across its relation and along it."""
    return p.height + PHRASE_GAP * 2, max(p.height, 24.0)


@cache
def _ring_order(across: float, along: float) -> tuple[tuple[int, int], ...]:
    """Steps across and along a relation, nearest first (the same for every phrase of one height)."""
    spots = sorted((i * i * across * across + j * j * along * along, abs(i), i, j) for i in _RINGS for j in _RINGS)
    return tuple((i, j) for *_, i, j in spots)


def _cost(p: Phrase, at: Centre, pos: dict[str, Centre], grids: tuple[Grid, Grid], lines: bool,
          beat: float = math.inf) -> float:
    """1000 for each box the phrase at `at` overlaps, else (with `lines`) the concepts its lines pass through;
    a spot that overlaps anything costs at least 1000, so when that cannot beat `beat` it is not counted."""
    solid, inner = grids  # concepts with their borders and the phrases placed so far; concepts as drawn
    x, y, w, h = at[0], at[1], p.width / 2, p.height / 2  # rect(x, y, width, height, PHRASE_GAP), inline
    r = (x - w - PHRASE_GAP, y - h - PHRASE_GAP, x + w + PHRASE_GAP, y + h + PHRASE_GAP)
    if not solid.clear(r):
        return 1000 * solid.hits(r) if beat > 1000 else math.inf
    if not lines:
        return 0
    cost = inner.crossed(pos[p.source], at, (p.source,))
    return cost + sum(inner.crossed(at, pos[t], (t,)) for _, t in p.relations)


def place(phrases: list[Phrase], pos: dict[str, Centre], boxes: dict[str, Box],
          given: dict[str, Centre]) -> dict[str, Centre]:
    """A centre for every phrase: its given one if that is clear, else the nearest clear candidate spot; where
    none near is clear and keeps the phrase's lines off other concepts, a farther one that does (_detour)."""
    solid, inner, out = Grid(), Grid(), {}
    for n, b in boxes.items():  # a concept's border (up to 8 px wide when emphasised) is drawn half outside it
        solid.add(n, rect(pos[n][0], pos[n][1], b.width, b.height, BORDER))
        inner.add(n, rect(pos[n][0], pos[n][1], b.width, b.height, -2))
    lines = len(phrases) <= CHECK_LINES
    order = sorted(phrases, key=lambda p: (p.id not in given, int(p.id[2:])))
    for p in order:
        tries = itertools.chain([given[p.id]] if p.id in given else [], _candidates(p, pos, boxes[p.source]))
        best, best_cost = (0.0, 0.0), math.inf
        for at in tries:
            cost = _cost(p, at, pos, (solid, inner), lines, best_cost)
            if cost < best_cost:
                best, best_cost = at, cost
            if cost == 0:
                break
        if lines and best_cost > 0 and p.relations[0][1] != p.source:  # no near spot is clear of everything
            best = _detour(p, pos, (solid, inner), (best, best_cost))
        out[p.id] = best
        solid.add(p.id, rect(best[0], best[1], p.width, p.height))
    return out


def _detour(p: Phrase, pos: dict[str, Centre], grids: tuple[Grid, Grid], found: tuple[Centre, float]) -> Centre:
    """Where every near spot overlaps a box or draws a line through a concept: the nearest of the farther spots
    that overlaps nothing and whose lines pass through fewer concepts, if there is one (numpy, only for the few
    phrases that need it)."""
    from graph.analysis import detour

    solid, inner = grids
    middle, unit = _ideal(p, pos)
    ends = [(p.source, (p.source,))] + [(t, (t,)) for _, t in p.relations]
    lines = [(pos[end], [r for n, r in inner.rects.items() if n not in skip]) for end, skip in ends]
    half = (p.width / 2 + PHRASE_GAP, p.height / 2 + PHRASE_GAP)
    better = detour.best(detour.spots(middle, unit, _pitch(p), _RINGS.stop - 1), half, list(solid.rects.values()),
                         lines, found[1])
    return better[0] if better else found[0]


def _meet(a: Centre, b: Centre, c: Centre, d: Centre) -> bool:
    """Whether segments a-b and c-d properly cross."""
    d1 = (d[0] - c[0]) * (a[1] - c[1]) - (d[1] - c[1]) * (a[0] - c[0])
    d2 = (d[0] - c[0]) * (b[1] - c[1]) - (d[1] - c[1]) * (b[0] - c[0])
    d3 = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    d4 = (b[0] - a[0]) * (d[1] - a[1]) - (b[1] - a[1]) * (d[0] - a[0])
    return d1 * d2 < 0 and d3 * d4 < 0


def _paths(phrases: list[Phrase], at: dict[str, Centre], pos: dict[str, Centre]) -> list[tuple[str, str, list[Centre]]]:
    """Every drawn line with its ends' ids and its points: straight, or along its bend."""
    every = {**at, **pos}
    return [(u, v, path(every[u], every[v], b)) for u, v, b in lines(phrases)]


def through(phrases: list[Phrase], at: dict[str, Centre], pos: dict[str, Centre], boxes: dict[str, Box]) -> int:
    """How many (line, concept) pairs there are where a line, as drawn, passes through a concept it does not
    join."""
    grid = Grid()
    for n, b in boxes.items():
        grid.add(n, rect(pos[n][0], pos[n][1], b.width, b.height, -2))
    total = 0
    for u, v, pts in _paths(phrases, at, pos):
        hit = {n for a, b in itertools.pairwise(pts) for n in grid.near(_span(a, b))
               if n not in (u, v) and _through(a, b, grid.rects[n])}
        total += len(hit)
    return total


def _span(a: Centre, b: Centre) -> tuple[float, float, float, float]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def crossings(phrases: list[Phrase], at: dict[str, Centre], pos: dict[str, Centre]) -> int:
    """How many pairs of lines that share no end cross, as drawn."""
    drawn = _paths(phrases, at, pos)
    return sum(1 for i, (u, v, p) in enumerate(drawn) for s, t, q in drawn[i + 1:]
               if not {u, v} & {s, t} and _paths_cross(p, q))


def _paths_cross(p: list[Centre], q: list[Centre]) -> bool:
    """Whether two lines' pieces cross anywhere (pieces whose bounds do not meet are not tested)."""
    for a, b in itertools.pairwise(p):
        sa = _span(a, b)
        for c, d in itertools.pairwise(q):
            if (min(c[0], d[0]) <= sa[2] and sa[0] <= max(c[0], d[0]) and min(c[1], d[1]) <= sa[3]
                    and sa[1] <= max(c[1], d[1]) and _meet(a, b, c, d)):
                return True
    return False


def score(phrases: list[Phrase], at: dict[str, Centre], pos: dict[str, Centre], boxes: dict[str, Box]) -> int:
    """What a reader pays for a drawing: a line through a concept costs as much as three crossings."""
    return 3 * through(phrases, at, pos, boxes) + crossings(phrases, at, pos)


def settle(boxes: dict[str, Box], phrases: list[Phrase], centres: dict[str, Centre], fixed: set[str],
           gap: float = GAP, lines: Lines | None = None, between: Collection[str] = (),
           along: int | None = None) -> Drawing:
    """The finished drawing: rows and columns aligned, concepts at least `gap` apart, phrases placed, centres in
    whole px; the `between` phrases start halfway along their relations, wherever the concepts ended up."""
    lines = lines or Lines()
    pos = {n: centres[n] for n in boxes}
    lines.align(pos, fixed)
    spread(pos, boxes, fixed, rounds=300 if len(pos) <= 400 else 12, gap=gap,
           lines=lines)
    given = {p.id: centres[p.id] for p in phrases if p.id in centres}
    given.update({p.id: _ideal(p, pos)[0] for p in phrases if p.id in between})
    at = place(phrases, pos, boxes, given)
    if len(phrases) <= CHECK_LINES and len(given) == len(phrases):  # untangle: every move taken lowers the price
        from graph.analysis.untangle import untangle  # numpy, imported only where it is used

        movable = [n for n in sorted(pos) if n not in fixed] + [p.id for p in phrases]
        sizes = {**boxes, **{p.id: p for p in phrases}}
        moved = {**at, **pos}
        for axis in dict.fromkeys((along, None)):  # layers kept first; then whatever still helps
            moved = untangle(moved, sizes, boxes, segments(phrases), movable, lines, axis, gap)
        pos, at = {n: moved[n] for n in pos}, {p.id: moved[p.id] for p in phrases}
    bends: dict[str, tuple[float, ...]] = {}
    if len(phrases) <= CHECK_LINES:  # lines still through a concept: moved and bent (numpy, imported here only)
        from graph.analysis.bend import route

        pos = {n: (round(x), round(y)) for n, (x, y) in pos.items()}  # bent where they will be drawn
        at = {n: (round(x), round(y)) for n, (x, y) in at.items()}
        bends = route(phrases, at, pos, boxes, lambda p: (*_ideal(p, pos), _pitch(p)))
    concepts = {n: replace(b, x=round(pos[n][0]), y=round(pos[n][1])) for n, b in boxes.items()}
    placed = tuple(replace(p, x=round(at[p.id][0]), y=round(at[p.id][1]), bends=bends.get(p.id, ()))
                   for p in phrases)
    return Drawing(concepts, placed)
