"""A detour for a phrase whose every nearby spot overlaps a box or draws a line through a concept: many farther
spots, weighed at once, for the nearest one that overlaps nothing and whose lines pass through the fewest
concepts."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
from numpy.typing import NDArray

from graph.analysis import arrays
from graph.analysis.grid import Centre, Rect

Floats = NDArray[np.float64]
REACH = range(-24, 25, 2)  # steps across and along the relation, every other one: up to 24 steps out
CHUNK = 64  # spots weighed at once


@cache
def steps(near: int) -> Floats:
    """(i, j) steps across and along a relation beyond the `near` rings, as an array (k, 2)."""
    return np.array([(i, j) for i in REACH for j in REACH if max(abs(i), abs(j)) > near], dtype=float)


def spots(middle: Centre, unit: Centre, pitch: tuple[float, float], near: int) -> Floats:
    """The candidate centres, nearest to `middle` first: `pitch` px a step across and along the unit direction."""
    (mx, my), (ux, uy), (across, along) = middle, unit, pitch
    ij = steps(near)
    out = np.column_stack((mx - uy * ij[:, 0] * across + ux * ij[:, 1] * along,
                           my + ux * ij[:, 0] * across + uy * ij[:, 1] * along))
    distance = (ij[:, 0] * across) ** 2 + (ij[:, 1] * along) ** 2
    return out[np.argsort(distance, kind="stable")]


def _array(rects: Sequence[Rect]) -> Floats:
    return np.array(rects, dtype=float).reshape(-1, 4)


def crossings(starts: Floats, ends: Floats, rects: Floats) -> NDArray[np.int64]:
    """For segments starts[k]-ends[k] (k, 2), how many of `rects` (m, 4) each passes through: its bounds meet
    the rectangle's and the rectangle's corners are not all on one side of its line."""
    ax, ay, bx, by = (v[:, None] for v in (starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1]))
    left, top, right, bottom = rects[:, 0], rects[:, 1], rects[:, 2], rects[:, 3]
    near = ((np.maximum(ax, bx) > left) & (np.minimum(ax, bx) < right)
            & (np.maximum(ay, by) > top) & (np.minimum(ay, by) < bottom))
    return np.asarray((near & ~arrays.one_side(ax, ay, bx, by, left, top, right, bottom)).sum(axis=1))


def _within(rects: Floats, box: Floats) -> Floats:
    """The rectangles that meet `box` (left, top, right, bottom): only they can meet what lies inside it."""
    meet = (rects[:, 0] < box[2]) & (box[0] < rects[:, 2]) & (rects[:, 1] < box[3]) & (box[1] < rects[:, 3])
    return np.asarray(rects[meet])


def best(candidates: Floats, half: Centre, solid: Sequence[Rect], lines: Sequence[tuple[Centre, Sequence[Rect]]],
         beat: float) -> tuple[Centre, int] | None:
    """The first of `candidates` where a box of half size `half` overlaps none of `solid` and whose lines (to
    each end, past that end's own rectangles to skip) pass through fewest of the rectangles given with them,
    if fewer than `beat`. Weighed CHUNK at a time, nearest first, up to the first chunk with a spot whose lines
    pass through nothing."""
    (w, h), found = half, None
    boxes, ends = _array(solid), [(np.array(end, dtype=float), _array(rects)) for end, rects in lines]
    for at in range(0, len(candidates), CHUNK):
        part = candidates[at:at + CHUNK]
        span = np.array([part[:, 0].min() - w, part[:, 1].min() - h, part[:, 0].max() + w, part[:, 1].max() + h])
        s = _within(boxes, span)
        free = part[~((s[:, 0] < part[:, :1] + w) & (part[:, :1] - w < s[:, 2])
                      & (s[:, 1] < part[:, 1:] + h) & (part[:, 1:] - h < s[:, 3])).any(axis=1)]
        if not len(free):
            continue
        cost = np.zeros(len(free), dtype=np.int64)
        for end, rects in ends:
            reach = np.array([min(span[0], end[0]), min(span[1], end[1]), max(span[2], end[0]), max(span[3], end[1])])
            cost += crossings(free, np.broadcast_to(end, free.shape), _within(rects, reach))
        k = int(np.argmin(cost))
        if cost[k] < beat and (found is None or cost[k] < found[1]):
            found = (float(free[k, 0]), float(free[k, 1])), int(cost[k])
        if found is not None and found[1] == 0:
            break
    return found
