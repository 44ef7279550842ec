"""The detour: its many-spots-at-once test of lines through boxes agrees with the grid's, and it takes a phrase
farther out only where every near spot draws a line through a concept."""

from __future__ import annotations

import random

import numpy as np

from graph.analysis import detour, placement
from graph.analysis.drawing import Box, Phrase
from graph.analysis.grid import Grid, _through, rect


def test_the_array_test_agrees_with_the_grid_on_random_segments():
    rng = random.Random(11)
    rects = [rect(rng.uniform(-500, 500), rng.uniform(-500, 500), rng.uniform(10, 200), rng.uniform(10, 90))
             for _ in range(60)]
    starts = np.array([(rng.uniform(-600, 600), rng.uniform(-600, 600)) for _ in range(400)])
    ends = np.array([(rng.uniform(-600, 600), rng.uniform(-600, 600)) for _ in range(400)])
    counts = detour.crossings(starts, ends, np.array(rects))
    expected = [sum(_through(tuple(a), tuple(b), r) for r in rects) for a, b in zip(starts, ends, strict=True)]
    assert counts.tolist() == expected
    assert 0 < sum(expected) < 400 * 60  # some segments pass through boxes, not all


def wall(height: int) -> tuple[list[Phrase], dict[str, tuple[float, float]], dict[str, Box]]:
    """a and b far apart with a tall concept w between them, and the phrase of a -> b."""
    boxes = {"a": Box("a", 0, 0, 120, 40, ("a",)), "b": Box("b", 1000, 0, 120, 40, ("b",)),
             "w": Box("w", 500, 0, 300, height, ("w",))}
    pos = {n: (float(b.x), float(b.y)) for n, b in boxes.items()}
    return [Phrase("~p1", 0, 0, 80, 22, ("links to",), "a", (("a->b", "b"),))], pos, boxes


def lines_through(phrases: list[Phrase], at: dict[str, tuple[float, float]], pos: dict[str, tuple[float, float]],
                  boxes: dict[str, Box]) -> int:
    return placement.through(phrases, at, pos, boxes)


def test_a_phrase_goes_round_a_concept_that_every_near_spot_would_draw_a_line_through():
    phrases, pos, boxes = wall(500)  # taller than the near rings reach across
    at = placement.place(phrases, pos, boxes, {})
    assert lines_through(phrases, at, pos, boxes) == 0
    assert abs(at["~p1"][1]) > 7 * (22 + 2 * placement.PHRASE_GAP)  # beyond the near rings: the detour's spot


def test_a_phrase_stays_near_the_middle_where_a_near_spot_is_clear():
    phrases, pos, boxes = wall(200)
    at = placement.place(phrases, pos, boxes, {})
    assert lines_through(phrases, at, pos, boxes) == 0
    assert abs(at["~p1"][1]) <= 7 * (22 + 2 * placement.PHRASE_GAP)


def test_a_line_out_through_its_own_source_counts():
    phrases, pos, boxes = wall(40)
    solid, inner = Grid(), Grid()
    for n, b in boxes.items():
        solid.add(n, rect(b.x, b.y, b.width, b.height, placement.BORDER))
        inner.add(n, rect(b.x, b.y, b.width, b.height, -2))
    behind = (-150.0, 0.0)  # left of a: the line on to b runs back through a
    assert placement._cost(phrases[0], behind, pos, (solid, inner), True) == 1 + 1  # a, and w on the way to b


def test_the_nearest_spot_whose_lines_pass_through_nothing_wins_over_nearer_ones_that_pass_through_one():
    wall_box = (-50.0, 100.0, 200.0, 300.0)  # between the end at (0, 400) and the spots in a row at y = 0
    candidates = np.array([(float(x), 0.0) for x in range(0, 4 * detour.CHUNK * 10, 10)])  # x = 0, 10, 20, ...
    found = detour.best(candidates, (5.0, 5.0), [], [((0.0, 400.0), [wall_box])], beat=9)
    assert found is not None
    (x, y), cost = found
    assert cost == 0 and y == 0.0
    assert x == min(c for c in candidates[:, 0] if detour.crossings(np.array([(c, 0.0)]), np.array([(0.0, 400.0)]),
                                                                    np.array([wall_box]))[0] == 0)
    assert x > detour.CHUNK * 10  # beyond the first chunk: its spots all pass through the wall
    assert detour.best(candidates[:detour.CHUNK], (5.0, 5.0), [], [((0.0, 400.0), [wall_box])], beat=1) is None
