"""Bent lines: a phrase whose straight lines still pass through a concept is moved, and each of its lines bent
(vis-network's curvedCW and curvedCCW edges), to wherever its lines pass through fewest boxes and cross fewest
lines, nearest first on a tie."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from graph.analysis import arrays
from graph.analysis.drawing import PIECES, Box, Phrase, lines, path, turn
from graph.analysis.grid import Centre, Grid, rect

Floats = NDArray[np.float64]
BENDS = (0.0, 0.2, -0.2, 0.4, -0.4, 0.6, -0.6)  # vis roundness: + curvedCW, - curvedCCW
CONCEPT, PHRASE = 12, 1  # what a line through a concept and one through a phrase cost, in crossings
LIMIT = 60  # at most this many phrases are moved and bent: bounded time
BULGE = 0.35  # a bent line strays at most this share of its length from its chord
INSET, BORDER, GAP = 2.0, 4.0, 6.0  # as placement draws them: a grazed concept is missed; borders; phrase spacing


TURNS = np.array([turn(b) for b in BENDS])  # (bends, 3): as drawing.control turns them
_T = np.array([k / PIECES for k in range(PIECES + 1)])[None, None, :, None]  # as drawing.path steps along


def _curves(start: Floats, ends: Floats) -> Floats:
    """The points of every bend of the lines start[k]-ends[k]: (k, bends, PIECES + 1, 2)."""
    d = ends - start
    reach, cos, sin = (TURNS[None, :, i] for i in range(3))
    cx = start[:, :1] + reach * (d[:, :1] * cos + d[:, 1:] * sin)
    cy = start[:, 1:] + reach * (d[:, 1:] * cos - d[:, :1] * sin)
    c = np.stack((cx, cy), axis=-1)[:, :, None, :]
    a, b, t = start[:, None, None, :], ends[:, None, None, :], _T
    return np.asarray((1 - t) ** 2 * a + 2 * (1 - t) * t * c + t * t * b)


def _meeting(pts: Floats, lo: Floats, hi: Floats) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The (curve, box) pairs whose bounds meet: curves (c, PIECES + 1, 2), boxes' corners lo and hi (n, 2)."""
    clo, chi = pts.min(axis=1), pts.max(axis=1)
    c, n = np.nonzero((chi[:, :1] >= lo[:, 0]) & (clo[:, :1] <= hi[:, 0])
                      & (chi[:, 1:] >= lo[:, 1]) & (clo[:, 1:] <= hi[:, 1]))
    return c, n


def _enters(pts: Floats, rects: Floats) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The (curve, rectangle) pairs where a piece of the curve enters the rectangle: the pieces whose bounds
    meet it, with its corners not all on one side of the piece."""
    c, n = _meeting(pts, rects[:, :2], rects[:, 2:])
    a, b = pts[c, :-1], pts[c, 1:]  # (pairs, PIECES, 2)
    lo, hi, r = np.minimum(a, b), np.maximum(a, b), rects[n][:, None, :]
    pair, piece = np.nonzero((hi[..., 0] > r[..., 0]) & (lo[..., 0] < r[..., 2])
                             & (hi[..., 1] > r[..., 1]) & (lo[..., 1] < r[..., 3]))
    (ax, ay), (bx, by) = a[pair, piece].T, b[pair, piece].T
    hit = np.unique(pair[~arrays.one_side(ax, ay, bx, by, *rects[n[pair]].T)])
    return c[hit], n[hit]


def _crosses(pts: Floats, starts: Floats, stops: Floats) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The (curve, piece) pairs where a piece of the curve properly crosses the piece starts[j]-stops[j]."""
    c, n = _meeting(pts, np.minimum(starts, stops), np.maximum(starts, stops))
    a, b = pts[c, :-1], pts[c, 1:]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    olo, ohi = np.minimum(starts, stops)[n][:, None, :], np.maximum(starts, stops)[n][:, None, :]
    pair, piece = np.nonzero((hi[..., 0] >= olo[..., 0]) & (lo[..., 0] <= ohi[..., 0])
                             & (hi[..., 1] >= olo[..., 1]) & (lo[..., 1] <= ohi[..., 1]))
    (ax, ay), (bx, by) = a[pair, piece].T, b[pair, piece].T
    (cx, cy), (dx, dy) = starts[n[pair]].T, stops[n[pair]].T
    hit = np.unique(pair[arrays.cross(ax, ay, bx, by, cx, cy, dx, dy)])
    return c[hit], n[hit]


def _box_costs(start: Floats, ends: Floats, rects: Floats, price: Floats) -> Floats:
    """For lines start[k]-ends[k], what each bend costs in boxes (k, bends): the price of every box it enters."""
    pts = _curves(start, ends).reshape(-1, PIECES + 1, 2)  # one row per (line, bend)
    cost = np.zeros(len(pts))
    if len(rects):
        c, n = _enters(pts, rects)
        np.add.at(cost, c, price[n])  # each (curve, rectangle) pair once
    return cost.reshape(len(start), len(BENDS))


def _crossings(start: Floats, ends: Floats, others: tuple[Floats, Floats, NDArray[np.intp]], lines: int) -> Floats:
    """For lines start[k]-ends[k], how many other lines each bend crosses (k, bends): of `lines`, given as
    pieces with the line each belongs to."""
    pts = _curves(start, ends).reshape(-1, PIECES + 1, 2)
    starts, stops, line = others
    if not len(starts):
        return np.zeros((len(start), len(BENDS)))
    c, n = _crosses(pts, starts, stops)
    crossed = np.zeros((len(pts), lines), dtype=bool)
    crossed[c, line[n]] = True
    return np.asarray(crossed.sum(axis=1), dtype=float).reshape(len(start), len(BENDS))


class _Boxes:
    """Every box and line a bent line must miss, as arrays: concepts as drawn, phrases as placed so far, and
    every line's straight pieces."""

    def __init__(self, pos: Mapping[str, Centre], boxes: Mapping[str, Box], at: dict[str, Centre],
                 phrases: Sequence[Phrase]) -> None:
        sizes = {**{n: (b.width, b.height) for n, b in boxes.items()}, **{p.id: (p.width, p.height) for p in phrases}}
        self.names = [*boxes, *(p.id for p in phrases)]
        self.index = {n: i for i, n in enumerate(self.names)}
        self.centre = np.array([pos[n] if n in boxes else at[n] for n in self.names], dtype=float).reshape(-1, 2)
        self.half = np.array([sizes[n] for n in self.names], dtype=float).reshape(-1, 2) / 2
        self.concept = np.array([n in boxes for n in self.names])
        self.price = np.where(self.concept, float(CONCEPT), float(PHRASE))
        self.lines = lines(phrases)
        self.ends = np.array([(self.index[u], self.index[v]) for u, v, _ in self.lines], dtype=np.intp).reshape(-1, 2)
        self._pieces()

    def _pieces(self) -> None:
        every = {n: (float(x), float(y)) for n, (x, y) in zip(self.names, self.centre, strict=True)}
        starts, stops, owner = [], [], []
        for k, (u, v, bend) in enumerate(self.lines):
            pts = path(every[u], every[v], bend)
            starts += pts[:-1]
            stops += pts[1:]
            owner += [k] * (len(pts) - 1)
        self.starts, self.stops = np.array(starts).reshape(-1, 2), np.array(stops).reshape(-1, 2)
        self.owner = np.array(owner, dtype=np.intp)

    def move(self, p: Phrase, to: Centre, bends: tuple[float, ...]) -> None:
        """The phrase `p` now at `to`, its lines bent so."""
        self.centre[self.index[p.id]] = to
        mine = [k for k, (u, v, _) in enumerate(self.lines) if p.id in (u, v)]
        for k, b in zip(mine, bends or (0.0,) * len(mine), strict=True):
            self.lines[k] = (*self.lines[k][:2], b)
        self._pieces()

    def others(self, ends: tuple[str, str], region: Floats) -> tuple[Floats, Floats, NDArray[np.intp]]:
        """The pieces of the lines that share no end with a line between `ends`, within `region`."""
        near = self.ends[self.owner]
        keep = ~np.isin(near, [self.index[n] for n in ends]).any(axis=1)
        lo, hi = np.minimum(self.starts, self.stops), np.maximum(self.starts, self.stops)
        keep &= (lo[:, 0] < region[2]) & (region[0] < hi[:, 0]) & (lo[:, 1] < region[3]) & (region[1] < hi[:, 1])
        return self.starts[keep], self.stops[keep], self.owner[keep]

    def inner(self, skip: Sequence[str], region: Floats) -> tuple[Floats, Floats]:
        """The rectangles a line must not enter (concepts inset, phrases as they are), other than `skip`,
        that meet `region` (left, top, right, bottom); and their prices."""
        inset = np.where(self.concept, INSET, 0.0)[:, None]
        lo, hi = self.centre - self.half + inset, self.centre + self.half - inset
        keep = (lo[:, 0] < region[2]) & (region[0] < hi[:, 0]) & (lo[:, 1] < region[3]) & (region[1] < hi[:, 1])
        keep[[self.index[n] for n in skip]] = False
        return np.hstack((lo, hi))[keep], self.price[keep]

    def solid(self, skip: str) -> Floats:
        """The rectangles a phrase box must not overlap: concepts with their borders, phrases with the gap."""
        pad = np.where(self.concept, BORDER + GAP, GAP)[:, None]
        keep = np.arange(len(self.names)) != self.index[skip]
        return np.asarray(np.hstack((self.centre - self.half - pad, self.centre + self.half + pad))[keep])


COARSE = [(i, j) for i in range(-24, 25, 6) for j in range(-24, 25, 6)]  # steps across and along: far, coarsely,
COARSE += [(i, j) for i in range(-6, 7, 2) for j in range(-6, 7, 2) if (i, j) not in COARSE]  # near, finer;
FINE = [(i, j) for i in range(-2, 3) for j in range(-2, 3) if i or j]  # then every step around the best of them
TILE = 6  # steps: spots are weighed in square tiles of this many steps a side, each against what is near it
CHUNK = 16  # spots weighed at once, at most
SHORTLIST = 16  # spots weighed in the lines they cross too: those whose lines enter the fewest boxes


def _order(steps: list[tuple[int, int]]) -> Floats:
    """Steps tile by tile, as an array (k, 2)."""
    return np.array(sorted(steps, key=lambda s: (s[0] // TILE, s[1] // TILE, s)), dtype=float).reshape(-1, 2)


STEPS, REFINE = _order(COARSE), _order(FINE)


def _spots(middle: Centre, unit: Centre, pitch: tuple[float, float], steps: Floats) -> Floats:
    """Centres `steps` away from `middle`, `pitch` px a step across and along the unit direction, in whole px."""
    (mx, my), (ux, uy), (across, along) = middle, unit, pitch
    return np.rint(np.column_stack((mx - uy * steps[:, 0] * across + ux * steps[:, 1] * along,
                                    my + ux * steps[:, 0] * across + uy * steps[:, 1] * along)))


def _blocked(p: Phrase, at: Mapping[str, Centre], pos: Mapping[str, Centre], grid: Grid) -> bool:
    """Whether any straight line of the phrase passes through a concept it does not join."""
    here = at[p.id]
    return bool(grid.crossed(pos[p.source], here, (p.source,))
                or any(grid.crossed(here, pos[t], (t,)) for _, t in p.relations))


def _free(p: Phrase, spots: Floats, scene: _Boxes) -> NDArray[np.intp]:
    """Which of `spots` a box of the phrase's size overlaps nothing at; the first (where it is now) always."""
    w, h, solid = p.width / 2, p.height / 2, scene.solid(p.id)
    clear = [~((solid[:, 0] < part[:, :1] + w) & (part[:, :1] - w < solid[:, 2])
               & (solid[:, 1] < part[:, 1:] + h) & (part[:, 1:] - h < solid[:, 3])).any(axis=1)
             for part in (spots[at:at + CHUNK] for at in range(0, len(spots), CHUNK))]
    free = np.concatenate(clear)
    free[0] = True
    return np.flatnonzero(free)


def _weigh(spots: Floats, tip: Centre, inward: bool, cost: Callable[[Floats, Floats, Floats], Floats]) -> Floats:
    """`cost(start, ends, region)` of the lines between `tip` and each of `spots` (from the tip when `inward`),
    CHUNK spots at a time, each chunk with the region its lines may bend into: (spots, bends)."""
    out = []
    for at in range(0, len(spots), CHUNK):
        part, end = spots[at:at + CHUNK], np.array(tip, dtype=float)
        lo, hi = np.minimum(part.min(axis=0), end), np.maximum(part.max(axis=0), end)
        room = BULGE * float(np.hypot(*(hi - lo)))
        region = np.concatenate((lo - room, hi + room))
        ends = np.broadcast_to(end, part.shape)
        out.append(cost(ends, part, region) if inward else cost(part, ends, region))
    return np.concatenate(out)


def _search(p: Phrase, spots: Floats, pos: Mapping[str, Centre], scene: _Boxes) -> tuple[int, list[int]]:
    """The spot (of `spots`, the first where the phrase is now) whose lines, each with its best bend, cost least,
    the nearer to the first on a tie; and the bend of each line, as indexes. Every free spot is weighed in the
    boxes its lines enter, and the SHORTLIST best of them in the lines they cross as well."""
    ends = [p.source, *(t for _, t in p.relations)]
    free = _free(p, spots, scene)
    here, n = spots[free], len(scene.lines)
    near = 1e-9 * ((here - spots[0]) ** 2).sum(axis=1)  # a tie goes to the nearer spot (exact arithmetic only)

    def in_boxes(end: str) -> Callable[[Floats, Floats, Floats], Floats]:
        return lambda a, b, region: _box_costs(a, b, *scene.inner((end, p.id), region))

    def in_lines(end: str) -> Callable[[Floats, Floats, Floats], Floats]:
        return lambda a, b, region: _crossings(a, b, scene.others((end, p.id), region), n)

    boxes = np.stack([_weigh(here, pos[e], k == 0, in_boxes(e)) for k, e in enumerate(ends)], axis=1)
    short = np.argsort(boxes.min(axis=2).sum(axis=1) + near, kind="stable")[:SHORTLIST]
    total, chosen = near[short].copy(), np.zeros((len(short), len(ends)), dtype=np.intp)
    for k, end in enumerate(ends):
        cost = boxes[short, k] + _weigh(here[short], pos[end], k == 0, in_lines(end))
        chosen[:, k], total = cost.argmin(axis=1), total + cost.min(axis=1)
    best = int(np.argmin(total))
    return int(free[short[best]]), [int(b) for b in chosen[best]]


def route(phrases: Sequence[Phrase], at: dict[str, Centre], pos: Mapping[str, Centre], boxes: Mapping[str, Box],
          frame: Callable[[Phrase], tuple[Centre, Centre, tuple[float, float]]]) -> dict[str, tuple[float, ...]]:
    """Move and bend the phrases (up to LIMIT of them) whose straight lines pass through a concept, each where
    its lines cost least: `at` is updated in place, and the bend of each line (in from the source, then out to
    each target) returned for the phrases that bend. `frame` gives a phrase's middle, its direction, and the
    spacing of its spots across and along."""
    grid = Grid()
    for n, b in boxes.items():
        grid.add(n, rect(pos[n][0], pos[n][1], b.width, b.height, -INSET))
    scene, out = _Boxes(pos, boxes, at, phrases), {}
    blocked = [p for p in phrases if p.relations[0][1] != p.source and _blocked(p, at, pos, grid)]
    for p in blocked[:LIMIT]:
        middle, unit, pitch = frame(p)
        spots = np.vstack((np.array([at[p.id]]), _spots(middle, unit, pitch, STEPS)))
        spot, bends = _search(p, spots, pos, scene)
        if spot:  # the best coarse spot, and the spots around it
            spots = np.vstack((spots[spot:spot + 1], _spots(spots[spot], unit, pitch, REFINE)))
            spot, bends = _search(p, spots, pos, scene)
        at[p.id] = (float(spots[spot, 0]), float(spots[spot, 1]))
        if any(bends):
            out[p.id] = tuple(BENDS[b] for b in bends)
        scene.move(p, at[p.id], out.get(p.id, ()))
    return out
