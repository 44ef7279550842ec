"""Layout: deterministic, pinned positions kept, no two concept boxes overlap."""

from __future__ import annotations

import itertools

from conftest import FIGURE

from graph.build import build_graph
from graph.layout import compute_layout, label_box
from graph.load import load_map, parse_map

UNPINNED = b"""conceptmap: 1
title: Chain and loop
concepts: {a: {}, b: {}, c: {}, d: {}, e: {label: A rather long label that wraps}, f: {}, g: {}}
relations: ["a -> x -> b", "b -> x -> c", "c -> x -> a", "c -> x -> d", "d -> x -> e", "e -> x -> f",
            "f -> x -> g", "g -> x -> e", "b -> y -> a"]
"""


def _overlaps(pos, labels):
    boxes = {n: label_box(labels[n]) for n in pos}
    for a, b in itertools.combinations(sorted(pos), 2):
        (ax, ay), (bx, by) = pos[a], pos[b]
        if abs(ax - bx) * 2 < boxes[a][0] + boxes[b][0] and abs(ay - by) * 2 < boxes[a][1] + boxes[b][1]:
            yield a, b


def test_layout_is_deterministic_and_integer():
    g = build_graph(parse_map(UNPINNED))
    first, second = compute_layout(g), compute_layout(build_graph(parse_map(UNPINNED)))
    assert first == second
    assert all(isinstance(v, int) for p in first.values() for v in p)


def test_unpinned_boxes_do_not_overlap():
    cmap = parse_map(UNPINNED)
    pos = compute_layout(build_graph(cmap))
    assert list(_overlaps(pos, {c.id: c.label for c in cmap.concepts.values()})) == []


def test_pinned_positions_are_kept():
    cmap = parse_map(UNPINNED.replace(b"a: {}", b"a: {position: [500, -40]}"))
    assert compute_layout(build_graph(cmap))["a"] == (500, -40)


def test_figure_map_boxes_do_not_overlap():
    cmap = load_map(FIGURE)
    pos = compute_layout(build_graph(cmap))
    assert list(_overlaps(pos, {c.id: c.label for c in cmap.concepts.values()})) == []


def test_label_box_wraps_long_labels():
    w1, h1 = label_box("Pain")
    w2, h2 = label_box("Exogenous opioids, continuous and long-term")
    assert w1 < w2 and h1 < h2
