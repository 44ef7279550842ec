"""Bent lines: the curve is vis-network's, the many-curves-at-once costs agree with a plain count, and a phrase
whose straight lines pass through concepts is moved and bent until they pass through none."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from test_layout import hierarchy, overlaps

from graph.analysis import bend, placement
from graph.analysis.build import build_graph
from graph.analysis.drawing import PIECES, Box, Phrase, control, path
from graph.analysis.grid import _through, rect
from graph.analysis.layout import compute_layout
from graph.load import parse_map


def test_no_bend_is_the_straight_line_and_a_bend_keeps_both_ends():
    a, b = (0.0, 0.0), (300.0, 100.0)
    assert control(a, b, 0.0) == (150.0, 50.0)  # vis-network draws a quadratic through the middle: a straight line
    assert path(a, b, 0.0) == [a, b]
    bent = path(a, b, 0.3)
    assert len(bent) == PIECES + 1 and bent[0] == a and bent[-1] == pytest.approx(b)


def test_the_two_ways_bend_to_opposite_sides_and_more_roundness_bends_further():
    a, b = (0.0, 0.0), (400.0, 0.0)
    side = [control(a, b, r)[1] for r in (0.15, 0.45, -0.15, -0.45)]
    assert side[0] * side[2] < 0  # curvedCW and curvedCCW: opposite sides of the chord
    assert abs(side[1]) > abs(side[0]) and abs(side[3]) > abs(side[2])


def plain_costs(start: tuple[float, float], end: tuple[float, float], rects: list[tuple[float, ...]],
                others: list[tuple[tuple[float, float], tuple[float, float], int]]) -> list[float]:
    """What each bend costs, counted one piece and one box at a time."""
    out = []
    for b in bend.BENDS:
        pts = path(start, end, b) if b else path(start, end, 1e-300)  # straight, as PIECES pieces like the rest
        pieces = list(itertools.pairwise(pts))
        boxes = sum(bend.CONCEPT for r in rects if any(_through(p, q, r) for p, q in pieces))
        crossed = {line for c, d, line in others if any(placement._meet(p, q, c, d) for p, q in pieces)}
        out.append(float(boxes + len(crossed)))
    return out


def test_the_array_costs_agree_with_a_plain_count_on_random_lines():
    rng = random.Random(5)
    rects = [rect(rng.uniform(-400, 400), rng.uniform(-400, 400), rng.uniform(20, 160), rng.uniform(20, 60))
             for _ in range(30)]
    others = [((rng.uniform(-500, 500), rng.uniform(-500, 500)), (rng.uniform(-500, 500), rng.uniform(-500, 500)),
               k % 7) for k in range(40)]
    starts = np.array([(rng.uniform(-500, 500), rng.uniform(-500, 500)) for _ in range(25)])
    ends = np.array([(rng.uniform(-500, 500), rng.uniform(-500, 500)) for _ in range(25)])
    piece = (np.array([o[0] for o in others]), np.array([o[1] for o in others]), np.array([o[2] for o in others]))
    costs = (bend._box_costs(starts, ends, np.array(rects), np.full(len(rects), float(bend.CONCEPT)))
             + bend._crossings(starts, ends, piece, 7))
    expected = [plain_costs(tuple(a), tuple(b), rects, others) for a, b in zip(starts, ends, strict=True)]
    assert costs.tolist() == expected
    assert len({tuple(row) for row in expected}) > 5  # the bends differ: the test can tell them apart


def wall() -> tuple[list[Phrase], dict[str, tuple[float, float]], dict[str, Box]]:
    """a and b apart, a concept w on the straight line between them, and the phrase of a -> b on that line."""
    boxes = {"a": Box("a", 0, 0, 120, 40, ("a",)), "b": Box("b", 600, 0, 120, 40, ("b",)),
             "w": Box("w", 150, 0, 60, 40, ("w",))}
    pos = {n: (float(b.x), float(b.y)) for n, b in boxes.items()}
    return [Phrase("~p1", 0, 0, 80, 22, ("links to",), "a", (("a->b", "b"),))], pos, boxes


def test_a_phrase_whose_line_runs_through_a_concept_is_moved_or_bent_clear_of_it():
    phrases, pos, boxes = wall()
    at = {"~p1": (300.0, 0.0)}
    assert placement.through(phrases, at, pos, boxes) == 1  # a -> phrase runs through w
    bends = bend.route(phrases, at, pos, boxes, lambda p: (*placement._ideal(p, pos), placement._pitch(p)))
    drawn = [Phrase(**{**vars(phrases[0]), "x": int(at["~p1"][0]), "y": int(at["~p1"][1]),
                       "bends": bends.get("~p1", ())})]
    assert placement.through(drawn, at, pos, boxes) == 0


def test_a_phrase_whose_lines_are_clear_is_left_alone():
    phrases, pos, boxes = wall()
    at = {"~p1": (300.0, 200.0)}
    assert bend.route(phrases, at, pos, boxes, lambda p: (*placement._ideal(p, pos), (34.0, 24.0))) == {}
    assert at == {"~p1": (300.0, 200.0)}


def drawn(seed: int, bent: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, int, object]:
    with monkeypatch.context() as m:
        if not bent:
            m.setattr(bend, "route", lambda *args: {})
        d = compute_layout(build_graph(parse_map(hierarchy(75, seed))))
    phrases, at = list(d.phrases), {p.id: (p.x, p.y) for p in d.phrases}
    pos = {k: (b.x, b.y) for k, b in d.concepts.items()}
    return placement.through(phrases, at, pos, dict(d.concepts)), placement.crossings(phrases, at, pos), \
        sum(1 for p in phrases for b in p.bends if b), d


@pytest.mark.parametrize("seed", [5, 8])
def test_cross_links_over_a_hierarchy_bend_round_the_concepts_they_ran_through(seed, monkeypatch):
    straight, straight_crossings, _, _ = drawn(seed, False, monkeypatch)
    through, crossings, bent, d = drawn(seed, True, monkeypatch)
    assert straight >= 5 and through * 3 <= straight  # most of the lines through concepts are gone
    assert through * 20 <= 92 and bent > 0
    assert crossings <= straight_crossings * 1.25  # and not by adding many crossings
    assert overlaps(d) == []  # every moved phrase overlaps nothing
    assert all(b in bend.BENDS for p in d.phrases for b in p.bends)
    assert d == drawn(seed, True, monkeypatch)[3]  # the same map, the same drawing
