"""The placement grid: its quick "is this spot clear" answer agrees with its count of overlaps."""

from __future__ import annotations

import random

from graph.analysis.grid import CELL, Grid, _overlap, rect


def test_clear_is_no_hits_and_hits_counts_each_overlap_once():
    rng = random.Random(7)
    grid, stored = Grid(), []
    for i in range(300):  # boxes of up to two cells across, some on cell borders, some at negative coordinates
        r = rect(rng.uniform(-900, 900), rng.choice([rng.uniform(-900, 900), CELL * rng.randint(-5, 5)]),
                 rng.uniform(4, 2 * CELL), rng.uniform(4, CELL))
        grid.add(f"b{i}", r)
        stored.append(r)
    for _ in range(2000):
        q = rect(rng.uniform(-1000, 1000), rng.uniform(-1000, 1000), rng.uniform(1, 3 * CELL), rng.uniform(1, CELL))
        expected = sum(_overlap(q, r) for r in stored)
        assert grid.hits(q) == expected
        assert grid.clear(q) == (expected == 0)
