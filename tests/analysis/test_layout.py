"""Layout: deterministic, pins kept exactly, no box overlaps another (concepts and phrases alike), and lines miss
the concepts they do not join."""

from __future__ import annotations

import itertools
import math
import sys

import pytest
from conftest import FIGURE, ROOT

from graph.analysis.build import build_graph
from graph.analysis.drawing import Drawing, concept_box
from graph.analysis.layout import compute_layout
from graph.analysis.measure import measure, text_width, wrap
from graph.analysis.placement import crossings, through
from graph.load import load_map, parse_map
from graph.text import phrase_text

sys.path.insert(0, str(ROOT / "bench"))
from synth import hierarchy_map

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


def hierarchy(n: int, seed: int) -> bytes:
    """A teacher's top-down map with cross-links over it (bench/synth.py)."""
    return hierarchy_map(n, seed).encode()


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


@pytest.mark.parametrize("seed", [1, 5])
def test_cross_links_over_a_hierarchy_pass_through_at_most_one_concept_in_twenty_relations(seed):
    cmap = parse_map(hierarchy(40, seed))
    d = compute_layout(build_graph(cmap))
    assert overlaps(d) == []
    assert lines_through(d) * 20 <= len(cmap.relations)


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
    from graph.analysis.drawing import Phrase
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


def chain(n: int, layout: str = "") -> bytes:
    src = b"conceptmap: 1\ntitle: Chain\nconcepts: {" + b", ".join(b"c%d: {}" % i for i in range(n)) + b"}\n"
    src += b"relations: [" + b", ".join(b'"c%d -> then -> c%d"' % (i, i + 1) for i in range(n - 1)) + b"]\n"
    return src + layout.encode()


def extent(d: Drawing) -> tuple[int, int]:
    xs, ys = [b.x for b in d.concepts.values()], [b.y for b in d.concepts.values()]
    return max(xs) - min(xs), max(ys) - min(ys)


def star(layout: str = "") -> bytes:
    src = "conceptmap: 1\ntitle: Star\nconcepts: {hub: {}, " + ", ".join(f"c{i}: {{}}" for i in range(6)) + "}\n"
    return (src + "relations: [" + ", ".join(f'"hub -> has -> c{i}"' for i in range(6)) + "]\n" + layout).encode()


def test_the_author_chooses_the_direction():
    assert extent(compute_layout(build_graph(parse_map(chain(14)))))[0] > 0  # automatic: a chain is turned across
    width, height = extent(compute_layout(build_graph(parse_map(chain(14, "layout: {direction: down}\n")))))
    assert height > width == 0
    auto = compute_layout(build_graph(parse_map(star()))).positions
    assert all(auto["hub"][1] < auto[f"c{i}"][1] for i in range(6))  # automatic: a star reads down
    right = compute_layout(build_graph(parse_map(star("layout: {direction: right}\n")))).positions
    assert all(right["hub"][0] < right[f"c{i}"][0] for i in range(6))
    width, height = extent(compute_layout(build_graph(parse_map(chain(4, "layout: {direction: right}\n")))))
    assert width > height == 0


TREE = """conceptmap: 1
title: Animals
concepts: {animal: {}, mammal: {}, bird: {}, fish: {}, dog: {}, cat: {}, whale: {}, eagle: {}, penguin: {},
           salmon: {}, shark: {}, sea: {}, meat: {}, wings: {}}
relations:
  - mammal -> is a -> animal
  - bird -> is a -> animal
  - fish -> is a -> animal
  - dog -> is a -> mammal
  - cat -> is a -> mammal
  - whale -> is a -> mammal
  - eagle -> is a -> bird
  - penguin -> is a -> bird
  - salmon -> is a -> fish
  - shark -> is a -> fish
  - animal -> includes -> sea
  - whale -> lives in -> sea
  - shark -> lives in -> sea
  - penguin -> eats -> salmon
  - shark -> eats -> penguin
  - cat -> eats -> meat
  - eagle -> eats -> meat
  - bird -> has -> wings
  - dog -> chases -> cat
"""
LEVELS = [["animal"], ["mammal", "bird", "fish"], ["dog", "cat", "whale", "eagle", "penguin", "salmon", "shark"]]


def levels_ordered(d: Drawing) -> bool:
    """Each level of the 'is a' tree is one row, above the level it points to (a relation reads downwards)."""
    ys = [{d.concepts[c].y for c in level} for level in LEVELS]
    return all(len(y) == 1 for y in ys) and all(max(deeper) < min(upper) for upper, deeper in itertools.pairwise(ys))


def test_only_the_hierarchy_relations_make_the_levels():
    plain = compute_layout(build_graph(parse_map(TREE.encode())))
    assert not levels_ordered(plain)  # the cross-links pull the tree's levels apart
    d = compute_layout(build_graph(parse_map((TREE + "layout: {hierarchy: [is a]}\n").encode())))
    assert levels_ordered(d)
    y = {c: b.y for c, b in d.concepts.items()}
    assert y["wings"] > y["bird"] and y["meat"] > max(y["cat"], y["eagle"])  # the rest hang below what points at them
    assert overlaps(d) == []
    assert len(d.phrases) == len(plain.phrases)  # the other relations still get their phrase boxes


ALIGNED = """layout:
  same_row: [[c1, c7, c12], [c3, c4]]
  same_column: [[c1, c10, c20], [c12, c6]]
"""


def assert_aligned(d: Drawing) -> None:
    p = d.positions
    assert p["c1"][1] == p["c7"][1] == p["c12"][1] and p["c3"][1] == p["c4"][1]
    assert p["c1"][0] == p["c10"][0] == p["c20"][0] and p["c12"][0] == p["c6"][0]
    assert overlaps(d) == []


@pytest.mark.parametrize("direction", ["", "  direction: right\n", "  direction: down\n  hierarchy: [leads on to]\n"])
def test_rows_and_columns_are_exact_with_dot(direction):
    d = compute_layout(build_graph(parse_map(classroom() + ALIGNED.replace("layout:\n", "layout:\n" + direction)
                                             .encode())))
    assert_aligned(d)


def test_rows_and_columns_are_exact_around_pins_and_pins_win():
    source = classroom(pins=", position: [0, 0]").replace(b"c1: {label: Idea number 1, position: [0, 0]}",
                                                          b"c1: {label: Idea number 1, position: [-600, 300]}")
    source = source.replace(b"c2: {label: Idea number 2, position: [0, 0]}",
                            b"c2: {label: Idea number 2, position: [600, 300]}")
    d = compute_layout(build_graph(parse_map(source + ALIGNED.encode())))
    assert [d.positions[f"c{i}"] for i in range(3)] == [(0, 0), (-600, 300), (600, 300)]
    assert d.positions["c7"][1] == 300 and d.positions["c20"][0] == -600  # c1's row and column follow its pin
    assert_aligned(d)


def test_rows_and_columns_are_exact_with_the_force_layout(monkeypatch):
    import graph.analysis.layout

    monkeypatch.setattr(graph.analysis.layout, "DOT_LIMIT", 5)  # the path large maps take
    d = compute_layout(build_graph(parse_map(classroom() + ALIGNED.encode())))
    assert_aligned(d)
    assert d == compute_layout(build_graph(parse_map(classroom() + ALIGNED.encode())))


def test_rows_of_concepts_drawn_on_one_spot_are_spread_along_the_row():
    # siblings share a rank; a column of them must be drawn one above the other, not on top of each other
    d = compute_layout(build_graph(parse_map(classroom() + b"layout: {same_column: [[c1, c2, c3, c4, c5]]}\n")))
    assert len({d.positions[f"c{i}"][0] for i in range(1, 6)}) == 1
    assert len({d.positions[f"c{i}"][1] for i in range(1, 6)}) == 5
    assert overlaps(d) == []


def test_the_layout_job_holds_ids_and_sizes_only():
    from graph.analysis import graphviz

    text = graphviz.source({"a": (10.0, 10.0), "~p1": (5.0, 5.0), "b": (10.0, 10.0)},
                           [("a", "~p1"), ("~p1", "b"), ("a", "b", {"constraint": "false"})],
                           {"rankdir": "TB"}, same_rank=[("a", "b")])
    assert '"a" -> "b" [constraint=false];' in text and '{rank=same; "a"; "b";}' in text
    with pytest.raises(ValueError):
        graphviz.source({'a"; evil': (1.0, 1.0)}, [], {})


def test_the_layout_record_survives_the_json_export():
    from graph.export.jsonmap import read_json, write_json

    cmap = parse_map((TREE + "layout: {direction: right, hierarchy: [is a], same_row: [[sea, meat]]}\n").encode())
    again, _ = read_json(write_json(cmap, compute_layout(build_graph(cmap))))
    assert again == cmap and again.layout == cmap.layout


def test_a_wide_fan_drops_its_lines_through_a_bounded_number_of_empty_ranks():
    """Graphviz takes time that grows fast with a long edge's empty ranks (a fan of 120 once took 40 s); the
    bending pass draws the rest of such a fan's lines clear."""
    from graph.analysis import layout
    from graph.analysis.drawing import phrase_boxes

    def drops(fan: int) -> set[str]:
        names = ", ".join(f"c{i}: {{}}" for i in range(fan + 1))
        text = f"conceptmap: 1\ntitle: Fan\nconcepts: {{{names}}}\nrelations:\n"
        text += "".join(f"  - c0 -> includes -> c{i}\n" for i in range(1, fan + 1))
        phrases = phrase_boxes(build_graph(parse_map(text.encode())))
        edges = layout._fanned([(p.id, t) for p in phrases for _, t in p.relations], phrases)
        return {e[2]["minlen"] for e in edges if len(e) == 3}

    assert drops(4) == set()  # a narrow fan needs no room
    assert drops(5) == {"2"} and drops(12) == {str(1 + math.ceil((14 * 11 - 44) / 16))}  # room as it needs
    assert drops(120) == drops(400) == {str(1 + layout.FAN_MAX)}  # and never more than FAN_MAX
