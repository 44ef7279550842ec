"""Untangling a drawing: concepts and phrases moved just clear of where they are, one at a time, wherever that
overlaps nothing and lowers what a reader pays (a line through a concept costs three crossings)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from numpy.typing import NDArray

from .align import Lines, X, Y
from .drawing import Box

Centre = tuple[float, float]
THROUGH = 3  # a line through a concept it does not join costs as much as this many crossings
INSET = 2.0  # a line that only grazes a concept's border does not pass through it
PAD = 6.0  # free space kept around a moved box
BORDER = 4.0  # half the widest border a concept box is drawn with
WORK = 400_000  # (segment, box) tests one untangling may make: bounded time, and the same stop on every machine
MOVES = sorted(((dx, dy) for dx in range(-4, 5) for dy in range(-3, 4) if dx or dy),
               key=lambda m: (abs(m[0]) + abs(m[1]), m))
Floats = NDArray[np.float64]


class Scene:
    """Boxes (concepts and phrases) and the segments between them, as arrays, for fast what-if questions."""

    def __init__(self, at: dict[str, Centre], sizes: dict[str, Box], concepts: Collection[str],
                 segs: Sequence[tuple[str, str]], gap: float = PAD) -> None:
        self.names = list(at)
        index = {n: i for i, n in enumerate(self.names)}
        self.x = np.array([at[n][0] for n in self.names], dtype=float)
        self.y = np.array([at[n][1] for n in self.names], dtype=float)
        self.hw = np.array([sizes[n].width / 2 for n in self.names], dtype=float)
        self.hh = np.array([sizes[n].height / 2 for n in self.names], dtype=float)
        self.concepts = np.array([index[n] for n in self.names if n in concepts], dtype=np.intp)
        self.a = np.array([index[u] for u, _ in segs], dtype=np.intp)
        self.b = np.array([index[v] for _, v in segs], dtype=np.intp)
        self.every = np.arange(len(segs), dtype=np.intp)
        self.touching = [np.flatnonzero((self.a == i) | (self.b == i)) for i in range(len(self.names))]
        self.is_concept = np.zeros(len(self.names), dtype=bool)
        self.is_concept[self.concepts] = True
        self.border = np.where(self.is_concept, BORDER, 0.0)
        self.gap = gap
        self.work = 0

    def centre(self, i: int) -> Centre:
        return float(self.x[i]), float(self.y[i])

    def _through(self, segs: NDArray[np.intp], boxes: NDArray[np.intp]) -> int:
        """How many (segment, concept) pairs there are where the segment enters the concept it does not join."""
        if not len(segs) or not len(boxes):
            return 0
        self.work += len(segs) * len(boxes)
        ax, ay = self.x[self.a[segs]][:, None], self.y[self.a[segs]][:, None]
        bx, by = self.x[self.b[segs]][:, None], self.y[self.b[segs]][:, None]
        left, right = self.x[boxes] - self.hw[boxes] + INSET, self.x[boxes] + self.hw[boxes] - INSET
        top, bottom = self.y[boxes] - self.hh[boxes] + INSET, self.y[boxes] + self.hh[boxes] - INSET
        near = ((np.maximum(ax, bx) > left) & (np.minimum(ax, bx) < right)
                & (np.maximum(ay, by) > top) & (np.minimum(ay, by) < bottom))
        dx, dy = bx - ax, by - ay
        sides = [dx * (cy - ay) - dy * (cx - ax) for cx in (left, right) for cy in (top, bottom)]
        above = np.all([s > 0 for s in sides], axis=0)
        below = np.all([s < 0 for s in sides], axis=0)
        ends = (self.a[segs][:, None] == boxes) | (self.b[segs][:, None] == boxes)
        return int(np.count_nonzero(near & ~above & ~below & ~ends))

    def _crossed(self, segs: NDArray[np.intp]) -> int:
        """How many (segment in `segs`, any segment) pairs that share no end properly cross."""
        if not len(segs):
            return 0
        self.work += len(segs) * len(self.a)
        a, b = self.a[segs][:, None], self.b[segs][:, None]
        ax, ay, bx, by = self.x[a], self.y[a], self.x[b], self.y[b]
        cx, cy, dx, dy = self.x[self.a], self.y[self.a], self.x[self.b], self.y[self.b]
        d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)
        d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx)
        d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax)
        shared = (a == self.a) | (a == self.b) | (b == self.a) | (b == self.b)
        return int(np.count_nonzero((d1 * d2 < 0) & (d3 * d4 < 0) & ~shared))

    def cost(self, i: int) -> int:
        """The part of the drawing's price that moving box `i` can change."""
        mine = self.touching[i]
        lines = self._through(mine, self.concepts)
        if self.is_concept[i]:
            lines += self._through(self.every, np.array([i], dtype=np.intp))  # its own segments end at it
        return THROUGH * lines + self._crossed(mine)

    def clear(self, i: int) -> bool:
        """Whether box `i` keeps PAD from every other box beyond its border, and a concept `gap` from others."""
        self.work += len(self.x)
        room = self.border + self.border[i] + PAD
        if self.is_concept[i]:
            room = np.where(self.is_concept, np.maximum(room, self.gap), room)
        apart = ((np.abs(self.x - self.x[i]) >= self.hw + self.hw[i] + room)
                 | (np.abs(self.y - self.y[i]) >= self.hh + self.hh[i] + room))
        apart[i] = True
        return bool(apart.all())


def untangle(at: dict[str, Centre], sizes: dict[str, Box], concepts: Collection[str],
             segs: Sequence[tuple[str, str]], movable: Sequence[str], lines: Lines | None = None,
             along: int | None = None, gap: float = PAD, rounds: int = 4) -> dict[str, Centre]:
    """`at` with boxes moved, one at a time, just clear of where they were (never one not `movable`), wherever
    that overlaps nothing and lowers the price; a concept in a row moves only along it, one in a column only up
    and down."""
    lines = lines or Lines()
    scene = Scene(at, sizes, concepts, segs, gap)
    index = {n: i for i, n in enumerate(scene.names)}
    for _ in range(rounds):
        improved = False
        for name in movable:
            i = index[name]
            if scene.work > WORK:
                break
            before = scene.cost(i)
            if before == 0:
                continue
            lock_x, lock_y = lines.locked(name)
            if name in concepts and along is not None:
                lock_x, lock_y = lock_x or along == Y, lock_y or along == X
            improved |= _improve(scene, i, before, (lock_x, lock_y))
        if not improved:
            break
    return {n: scene.centre(i) for n, i in index.items()}


def _improve(scene: Scene, i: int, before: int, lock: tuple[bool, bool]) -> bool:
    """Move box `i` to the first nearby spot that is clear and cheaper; whether one was found."""
    x, y, w, h = scene.x[i], scene.y[i], scene.hw[i] + 12, scene.hh[i] + 12
    for dx, dy in MOVES:
        if (lock[0] and dx) or (lock[1] and dy) or scene.work > WORK:
            continue
        scene.x[i], scene.y[i] = x + dx * w, y + dy * h
        if scene.clear(i) and scene.cost(i) < before:
            return True
    scene.x[i], scene.y[i] = x, y
    return False
