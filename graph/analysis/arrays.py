"""The two segment tests the layout makes on arrays (numpy), written once: whether a box lies wholly to one
side of a segment's line, and whether two segments properly cross."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Mask = NDArray[np.bool_]


def one_side(ax: Any, ay: Any, bx: Any, by: Any, left: Any, top: Any, right: Any, bottom: Any) -> Mask:
    """Whether all four corners of the box (left, top, right, bottom) lie on one side of the line through a and b:
    a segment whose bounds meet the box enters it unless they do (arrays that broadcast together)."""
    dx, dy = bx - ax, by - ay
    sides = [dx * (y - ay) - dy * (x - ax) for x in (left, right) for y in (top, bottom)]
    return np.asarray(np.all([s > 0 for s in sides], axis=0) | np.all([s < 0 for s in sides], axis=0))


def cross(ax: Any, ay: Any, bx: Any, by: Any, cx: Any, cy: Any, dx: Any, dy: Any) -> Mask:
    """Whether segments a-b and c-d properly cross: each one's ends on either side of the other's line."""
    d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)
    d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx)
    d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax)
    return np.asarray((d1 * d2 < 0) & (d3 * d4 < 0))
