"""Where a drawn line meets the borders of the boxes it joins: straight lines clipped, bent ones cut."""

from __future__ import annotations

import math

from graph.analysis.drawing import Box

Point = tuple[float, float]


def clip(centre: tuple[float, float], box: tuple[float, float], toward: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from a box's centre toward a point leaves the box."""
    (cx, cy), (w, h), (tx, ty) = centre, box, toward
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return centre
    t = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def cut(p0: Point, p1: Point, p2: Point, a: Box, b: Box) -> tuple[Point, Point, Point]:
    """The part of the quadratic curve p0-p1-p2 outside boxes a (at its start) and b (at its end), as the three
    points of a quadratic curve again."""
    def at(t: float) -> Point:
        return ((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
                (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1])

    def leaves(box: Box, inside: float, outside: float) -> float:  # bisection: where the curve crosses the border
        for _ in range(24):
            mid = (inside + outside) / 2
            x, y = at(mid)
            if abs(x - box.x) * 2 <= box.width and abs(y - box.y) * 2 <= box.height:
                inside = mid
            else:
                outside = mid
        return outside

    t0, t1 = leaves(a, 0.0, 0.5), leaves(b, 1.0, 0.5)
    via = tuple((1 - t0) * (1 - t1) * p0[i] + ((1 - t0) * t1 + t0 * (1 - t1)) * p1[i] + t0 * t1 * p2[i]
                for i in (0, 1))
    return at(t0), (via[0], via[1]), at(t1)
