"""Untangling a drawing: concepts and phrases moved just clear of where they are, one at a time, wherever that
overlaps nothing and lowers what a reader pays (a line through a concept costs three crossings)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from numpy.typing import NDArray

from graph.analysis import arrays
from graph.analysis.align import Lines, X, Y
from graph.analysis.drawing import Box

Centre = tuple[float, float]
THROUGH = 3  # a line through a concept it does not join costs as much as this many crossings
INSET = 2.0  # a line that only grazes a concept's border does not pass through it
PAD = 6.0  # free space kept around a moved box
BORDER = 4.0  # half the widest border a concept box is drawn with
STEP = 12.0  # a move takes a box this far clear of its old place, in half sizes plus this
WORK = 3_000_000  # box and segment tests one untangling may make: bounded time, the same stop on every machine
MOVES = sorted(((dx, dy) for dx in range(-4, 5) for dy in range(-3, 4) if dx or dy),
               key=lambda m: (abs(m[0]) + abs(m[1]), m))
Ints = NDArray[np.intp]
Floats = NDArray[np.float64]
Mask = NDArray[np.bool_]


class Scene:
    """Boxes (concepts and phrases) and the segments between them, as arrays. Positions may carry a leading
    axis of alternatives: where one box could go, all asked at once."""

    def __init__(self, at: dict[str, Centre], sizes: dict[str, Box], concepts: Collection[str],
                 segs: Sequence[tuple[str, str]], gap: float = PAD) -> None:
        self.names = list(at)
        index = {n: i for i, n in enumerate(self.names)}
        self.x = np.array([at[n][0] for n in self.names], dtype=float)
        self.y = np.array([at[n][1] for n in self.names], dtype=float)
        self.hw = np.array([sizes[n].width / 2 for n in self.names], dtype=float)
        self.hh = np.array([sizes[n].height / 2 for n in self.names], dtype=float)
        self.is_concept = np.array([n in concepts for n in self.names], dtype=bool)
        self.concepts: Ints = np.flatnonzero(self.is_concept)
        self.a: Ints = np.array([index[u] for u, _ in segs], dtype=np.intp)
        self.b: Ints = np.array([index[v] for _, v in segs], dtype=np.intp)
        self.every: Ints = np.arange(len(segs), dtype=np.intp)
        self.touching = [np.flatnonzero((self.a == i) | (self.b == i)) for i in range(len(self.names))]
        self.border = np.where(self.is_concept, BORDER, 0.0)
        self.gap = gap
        self.work = 0

    def centre(self, i: int) -> Centre:
        return float(self.x[i]), float(self.y[i])

    def through(self, xs: Floats, ys: Floats, segs: Ints, boxes: Ints) -> Mask:
        """For each segment and concept box (last two axes), whether the segment enters the box without ending
        at it: out of the segment's bounds on neither axis, and the box's corners not all on one side."""
        self.work += xs.size // len(self.x) * len(segs) * len(boxes)
        ax, ay = xs[..., self.a[segs], None], ys[..., self.a[segs], None]
        bx, by = xs[..., self.b[segs], None], ys[..., self.b[segs], None]
        cx, cy = xs[..., None, boxes], ys[..., None, boxes]
        w, h = self.hw[boxes] - INSET, self.hh[boxes] - INSET
        left, top, right, bottom = cx - w, cy - h, cx + w, cy + h
        near = ((np.maximum(ax, bx) > left) & (np.minimum(ax, bx) < right)
                & (np.maximum(ay, by) > top) & (np.minimum(ay, by) < bottom))
        ends = (self.a[segs][:, None] == boxes) | (self.b[segs][:, None] == boxes)
        return np.asarray(near & ~arrays.one_side(ax, ay, bx, by, left, top, right, bottom) & ~ends)

    def crossed(self, xs: Floats, ys: Floats, segs: Ints) -> Mask:
        """For each segment in `segs` and each segment (last two axes), whether they share no end and cross."""
        self.work += xs.size // len(self.x) * len(segs) * len(self.a)
        a, b = self.a[segs][:, None], self.b[segs][:, None]
        ax, ay, bx, by = xs[..., a], ys[..., a], xs[..., b], ys[..., b]
        cx, cy, dx, dy = xs[..., None, self.a], ys[..., None, self.a], xs[..., None, self.b], ys[..., None, self.b]
        shared = (a == self.a) | (a == self.b) | (b == self.a) | (b == self.b)
        return np.asarray(arrays.cross(ax, ay, bx, by, cx, cy, dx, dy) & ~shared)

    def costs(self) -> NDArray[np.int64]:
        """For every box, the part of the drawing's price that moving it can change."""
        through, crossed = self.through(self.x, self.y, self.every, self.concepts), self.crossed(self.x, self.y,
                                                                                                  self.every)
        per_segment = THROUGH * through.sum(axis=1) + crossed.sum(axis=1)
        out = np.zeros(len(self.names), dtype=np.int64)
        np.add.at(out, self.a, per_segment)
        np.add.at(out, self.b, per_segment)
        out[self.concepts] += THROUGH * through.sum(axis=0)
        return out

    def clear(self, i: int, spots: Floats) -> Mask:
        """For box `i` at each of `spots` (k, 2): whether it keeps PAD from every other box beyond its border,
        and a concept `gap` from the other concepts."""
        self.work += len(spots) * len(self.x)
        room = self.border + self.border[i] + PAD
        if self.is_concept[i]:
            room = np.where(self.is_concept, np.maximum(room, self.gap), room)
        apart = ((np.abs(self.x - spots[:, :1]) >= self.hw + self.hw[i] + room)
                 | (np.abs(self.y - spots[:, 1:]) >= self.hh + self.hh[i] + room))
        apart[:, i] = True
        return np.asarray(apart.all(axis=1))

    def cost_at(self, i: int, spots: Floats) -> NDArray[np.int64]:
        """What box `i` costs at each of `spots` (k, 2)."""
        xs, ys = np.repeat(self.x[None], len(spots), axis=0), np.repeat(self.y[None], len(spots), axis=0)
        xs[:, i], ys[:, i] = spots[:, 0], spots[:, 1]
        mine = self.touching[i]
        lines = self.through(xs, ys, mine, self.concepts).sum(axis=(1, 2))
        if self.is_concept[i]:  # its own segments end at it
            lines += self.through(xs, ys, self.every, np.array([i], dtype=np.intp)).sum(axis=(1, 2))
        return np.asarray(THROUGH * lines + self.crossed(xs, ys, mine).sum(axis=(1, 2)))

def untangle(at: dict[str, Centre], sizes: dict[str, Box], concepts: Collection[str],
             segs: Sequence[tuple[str, str]], movable: Sequence[str], lines: Lines | None = None,
             along: int | None = None, gap: float = PAD, rounds: int = 4) -> dict[str, Centre]:
    """`at` with boxes moved, one at a time, just clear of where they were (never one not `movable`), wherever
    that overlaps nothing and lowers the price; a concept in a row moves only along it, one in a column only up
    and down, and with `along` (the axis of a layered drawing's layers) every concept keeps its layer; concepts
    stay `gap` apart."""
    lines = lines or Lines()
    scene = Scene(at, sizes, concepts, segs, gap)
    index = {n: i for i, n in enumerate(scene.names)}
    for _ in range(rounds):
        improved, costs = False, scene.costs()
        for name in movable:
            i = index[name]
            if scene.work > WORK:
                break
            if costs[i] == 0:
                continue
            lock_x, lock_y = lines.locked(name)
            if name in concepts and along is not None:
                lock_x, lock_y = lock_x or along == Y, lock_y or along == X
            if _improve(scene, i, int(costs[i]), (lock_x, lock_y)):
                improved, costs = True, scene.costs()
        if not improved:
            break
    return {n: scene.centre(i) for n, i in index.items()}


def _improve(scene: Scene, i: int, before: int, lock: tuple[bool, bool]) -> bool:
    """Move box `i` to the nearest spot around it that is clear and cheaper; whether there was one."""
    moves = [(dx, dy) for dx, dy in MOVES if not (lock[0] and dx) and not (lock[1] and dy)]
    if not moves:
        return False
    step = np.array([scene.hw[i] + STEP, scene.hh[i] + STEP])
    spots = np.array([scene.x[i], scene.y[i]]) + np.array(moves, dtype=float) * step
    spots = spots[scene.clear(i, spots)]
    if not len(spots):
        return False
    better = np.flatnonzero(scene.cost_at(i, spots) < before)
    if not len(better):
        return False
    scene.x[i], scene.y[i] = spots[better[0]]
    return True
