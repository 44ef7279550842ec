"""Layout: deterministic, pins kept exactly, no box overlaps another (concepts and phrases alike), and lines miss
the concepts they do not join."""

from __future__ import annotations

import itertools

import pytest
from conftest import FIGURE

from graph.build import build_graph
from graph.drawing import Drawing, concept_box
from graph.layout import compute_layout
from graph.load import load_map, parse_map
from graph.measure import measure, text_width, wrap
from graph.placement import crossings, through
from graph.text import phrase_text

UNPINNED = b"""conceptmap: 1
title: Chain and loop
concepts: {a: {}, b: {}, c: {}, d: {}, e: {label: A rather long label that wraps}, f: {}, g: {}}
relations: ["a -> x -> b", "b -> x -> c", "c -> x -> a", "c -> x -> d", "d -> x -> e", "e -> x -> f",
            "f -> x -> g", "g -> x -> e", "b -> y -> a"]
"""


def classroom(n: int = 24, pins: str = "") -> bytes:
    """A hub-and-spoke map like a teacher's: one centre, three rings of ideas, linking phrases of several words."""
    concepts = [f"  c{i}: {{label: Idea number {i}{pins if i < 3 else ''}}}" for i in range(n)]
    rels = [f'  - "c0 -> is closely linked to -> c{i}"' for i in range(1, 6)]
    rels += [f'  - "c{1 + i % 5} -> leads on to -> c{i}"' for i in range(6, n)]
    rels += [f'  - "c{i} -> depends in part on -> c{i + 1}"' for i in range(6, n - 1, 3)]
    return ("conceptmap: 1\ntitle: Classroom\nconcepts:\n" + "\n".join(concepts) + "\nrelations:\n"
            + "\n".join(rels) + "\n").encode()


def boxes(d: Drawing) -> dict[str, tuple[float, float, float, float]]:
    out = {k: (b.x, b.y, b.width, b.height) for k, b in d.concepts.items()}
    out.update({p.id: (p.x, p.y, p.width, p.height) for p in d.phrases})
    return out


def overlaps(d: Drawing) -> list[tuple[str, str]]:
    every = boxes(d)
    return [(a, b) for a, b in itertools.combinations(sorted(every), 2)
            if abs(every[a][0] - every[b][0]) * 2 < every[a][2] + every[b][2]
            and abs(every[a][1] - every[b][1]) * 2 < every[a][3] + every[b][3]]


def lines_through(d: Drawing) -> int:
    return through(list(d.phrases), {p.id: (p.x, p.y) for p in d.phrases},
                   {k: (b.x, b.y) for k, b in d.concepts.items()}, dict(d.concepts))


def test_layout_is_deterministic_and_integer():
    first = compute_layout(build_graph(parse_map(UNPINNED)))
    assert first == compute_layout(build_graph(parse_map(UNPINNED)))
    assert all(isinstance(v, int) for b in boxes(first).values() for v in b)


def test_every_relation_has_a_phrase_box_and_one_concept_shares_a_phrase():
    d = compute_layout(build_graph(parse_map(UNPINNED)))
    assert sorted(d.phrase_of()) == sorted(f"{r[0]}->{r[-1]}" for r in
                                           ("a>b", "b>c", "c>a", "c>d", "d>e", "e>f", "f>g", "g>e", "b>a"))
    shared = [p for p in d.phrases if len(p.relations) > 1]
    assert [(p.source, [t for _, t in p.relations]) for p in shared] == [("c", ["a", "d"])]


@pytest.mark.parametrize("source", [UNPINNED, classroom()], ids=["loops", "classroom"])
def test_no_box_overlaps_another_and_no_line_crosses_a_concept(source):
    d = compute_layout(build_graph(parse_map(source)))
    assert overlaps(d) == []
    assert lines_through(d) == 0


def test_figure_map_keeps_its_pins_and_places_every_phrase_clear():
    cmap = load_map(FIGURE)
    d = compute_layout(build_graph(cmap))
    assert all(d.positions[c.id] == tuple(round(v) for v in c.position) for c in cmap.concepts.values() if c.position)
    assert overlaps(d) == []


def test_three_pins_are_kept_and_the_rest_arranges_around_them():
    free = compute_layout(build_graph(parse_map(classroom())))
    pinned = parse_map(classroom(pins=", position: [0, 0]").replace(b"c1: {label: Idea number 1, position: [0, 0]}",
                       b"c1: {label: Idea number 1, position: [-600, 300]}").replace(
                       b"c2: {label: Idea number 2, position: [0, 0]}",
                       b"c2: {label: Idea number 2, position: [600, 300]}"))
    d = compute_layout(build_graph(pinned))
    assert [d.positions[f"c{i}"] for i in range(3)] == [(0, 0), (-600, 300), (600, 300)]
    assert overlaps(d) == []
    moved = [c for c in d.positions if c not in ("c0", "c1", "c2") and d.positions[c] != free.positions[c]]
    assert len(moved) == 21  # the others follow the pins instead of keeping the unpinned layout


def test_a_tall_chain_is_laid_out_across_a_wide_screen():
    chain = b"conceptmap: 1\ntitle: Chain\nconcepts: {" + b", ".join(b"c%d: {}" % i for i in range(14)) + b"}\n"
    chain += b"relations: [" + b", ".join(b'"c%d -> then -> c%d"' % (i, i + 1) for i in range(13)) + b"]\n"
    d = compute_layout(build_graph(parse_map(chain)))
    xs, ys = [b.x for b in d.concepts.values()], [b.y for b in d.concepts.values()]
    assert max(xs) - min(xs) > max(ys) - min(ys)


def test_crossings_are_counted_between_segments_that_share_no_end():
    from graph.drawing import Phrase
    p1 = Phrase("~p1", 0, 0, 10, 10, ("x",), "a", (("a->b", "b"),))
    p2 = Phrase("~p2", 0, 0, 10, 10, ("y",), "c", (("c->d", "d"),))
    pos = {"a": (-100, -100), "b": (100, 100), "c": (100, -100), "d": (-100, 100)}
    assert crossings([p1, p2], {"~p1": (-50, -50), "~p2": (50, -50)}, pos) == 1  # a-p1 stays clear; p1-b crosses
    apart = {**pos, "c": (300, -100), "d": (300, 100)}
    assert crossings([p1, p2], {"~p1": (-50, -50), "~p2": (300, 0)}, apart) == 0


def test_text_is_measured_in_the_page_font_and_wrapped_at_spaces():
    assert text_width("W", 20) > text_width("i", 20) > 0
    assert wrap("Exogenous opioids, continuous and long-term", 20, 170) == ["Exogenous", "opioids,", "continuous and",
                                                                           "long-term"]
    assert wrap("Exogenous opioids, continuous and long-term", 20, 190) == ["Exogenous opioids,", "continuous and",
                                                                           "long-term"]
    assert measure("Pain", 20, 170, 10).lines == ("Pain",)
    small, big = concept_box("a", "Pain"), concept_box("b", "Exogenous opioids, continuous and long-term")
    assert small.width < big.width and small.height < big.height


def test_effect_glyphs_only_when_the_map_uses_more_than_the_default():
    assert phrase_text("leads to", "produces", False, glyphs=False) == "leads to"
    assert phrase_text("leads to", "increases", True, glyphs=True) == "leads to (+, inferred)"
    d = compute_layout(build_graph(parse_map(UNPINNED)))
    assert all("(" not in line for p in d.phrases for line in p.lines)
