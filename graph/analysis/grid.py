"""A uniform grid of rectangles by id, for the placement's overlap and segment queries."""

from __future__ import annotations

from collections.abc import Iterable

Centre = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, right, bottom
Cell = tuple[int, int]
CELL = 160  # grid cell, in px


def rect(x: float, y: float, w: float, h: float, pad: float = 0.0) -> Rect:
    return x - w / 2 - pad, y - h / 2 - pad, x + w / 2 + pad, y + h / 2 + pad


class Grid:
    """Rectangles by id in the cells they touch: overlap and segment queries look at nearby cells only."""

    def __init__(self) -> None:
        self.cells: dict[Cell, list[str]] = {}
        self.boxes: dict[Cell, list[Rect]] = {}  # the same cells' rectangles, in the same order
        self.rects: dict[str, Rect] = {}

    def add(self, name: str, r: Rect) -> None:
        """Store `r` under `name` (each name once)."""
        self.rects[name] = r
        cells, boxes = self.cells, self.boxes
        for i in range(int(r[0] // CELL), int(r[2] // CELL) + 1):
            for j in range(int(r[1] // CELL), int(r[3] // CELL) + 1):
                cells.setdefault((i, j), []).append(name)
                boxes.setdefault((i, j), []).append(r)

    def near(self, r: Rect) -> list[str]:
        """The stored rectangles in the cells `r` touches, each once (in the order they were stored per cell)."""
        i0, i1, j0, j1 = int(r[0] // CELL), int(r[2] // CELL), int(r[1] // CELL), int(r[3] // CELL)
        if i0 == i1 and j0 == j1:  # most queries: one cell, no repeats
            return self.cells.get((i0, j0), [])
        return list(dict.fromkeys(n for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)
                                  for n in self.cells.get((i, j), ())))

    def hits(self, r: Rect) -> int:
        """How many stored rectangles overlap `r`: each counted in one cell only, the first that both touch."""
        left, top, right, bottom = r
        i0, i1, j0, j1 = int(left // CELL), int(right // CELL), int(top // CELL), int(bottom // CELL)
        boxes, count = self.boxes, 0
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                for q in boxes.get((i, j), ()):
                    if (q[0] < right and left < q[2] and q[1] < bottom and top < q[3]
                            and i == max(i0, int(q[0] // CELL)) and j == max(j0, int(q[1] // CELL))):
                        count += 1
        return count

    def clear(self, r: Rect) -> bool:
        """Whether no stored rectangle overlaps `r` (hits(r) == 0, stopping at the first overlap)."""
        left, top, right, bottom = r
        i0, i1, j0, j1 = int(left // CELL), int(right // CELL), int(top // CELL), int(bottom // CELL)
        boxes = self.boxes
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                for q in boxes.get((i, j), ()):
                    if q[0] < right and left < q[2] and q[1] < bottom and top < q[3]:
                        return False
        return True

    def crossed(self, a: Centre, b: Centre, skip: Iterable[str]) -> int:
        """How many stored rectangles, other than `skip`, the segment a-b passes through."""
        box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
        ignore = set(skip)
        return sum(1 for n in self.near(box) if n not in ignore and _through(a, b, self.rects[n]))


def _overlap(p: Rect, q: Rect) -> bool:
    return p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]


def _through(a: Centre, b: Centre, r: Rect) -> bool:
    """Whether segment a-b enters rectangle r (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - r[0]), (dx, r[2] - a[0]), (-dy, a[1] - r[1]), (dy, r[3] - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True
