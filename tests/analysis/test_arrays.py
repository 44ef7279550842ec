"""The layout's array tests agree, case by case, with the plain ones: a segment entering a box (grid._through)
and two segments crossing (placement._meet)."""

from __future__ import annotations

import random

import numpy as np

from graph.analysis import arrays
from graph.analysis.grid import _through
from graph.analysis.placement import _meet


def test_a_segment_whose_bounds_meet_a_box_enters_it_unless_the_box_lies_to_one_side():
    rng = random.Random(3)
    segs = np.array([[rng.uniform(-300, 300) for _ in range(4)] for _ in range(300)])
    boxes = np.array([(x, y, x + rng.uniform(5, 150), y + rng.uniform(5, 60))
                      for x, y in ((rng.uniform(-300, 300), rng.uniform(-300, 300)) for _ in range(40))])
    ax, ay, bx, by = (segs[:, i, None] for i in range(4))
    left, top, right, bottom = boxes.T
    near = ((np.maximum(ax, bx) > left) & (np.minimum(ax, bx) < right)
            & (np.maximum(ay, by) > top) & (np.minimum(ay, by) < bottom))
    enters = near & ~arrays.one_side(ax, ay, bx, by, left, top, right, bottom)
    expected = [[_through((s[0], s[1]), (s[2], s[3]), tuple(b)) for b in boxes] for s in segs]
    assert enters.tolist() == expected and 0 < enters.sum() < enters.size


def test_two_segments_cross_as_the_plain_test_says():
    rng = random.Random(4)
    a, b = (np.array([[rng.uniform(-100, 100) for _ in range(4)] for _ in range(400)]) for _ in range(2))
    got = arrays.cross(*(a[:, i] for i in range(4)), *(b[:, i] for i in range(4)))
    expected = [_meet((p[0], p[1]), (p[2], p[3]), (q[0], q[1]), (q[2], q[3])) for p, q in zip(a, b, strict=True)]
    assert got.tolist() == expected and 0 < got.sum() < len(got)
