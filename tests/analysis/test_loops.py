"""Feedback loops and paths, checked on the figure map against the checklist (section 6)."""

from __future__ import annotations

import pytest
from conftest import FIGURE, problems_of

from graph.analysis.loops import classify, explain, find_loops
from graph.cli.commands import main
from graph.load import load_map, parse_map

SMALL = b"""conceptmap: 1
title: Loops
concepts: {a: {}, b: {}, c: {}, d: {}}
relations:
  - a -> raises -> b (increases)
  - b -> lowers -> a (decreases)
  - b -> feeds -> c (increases)
  - c -> feeds -> b (produces)
  - c -> shapes -> d (interdependent)
  - d -> shapes -> c (interdependent)
"""


def test_loops_are_found_classified_and_named():
    loops = find_loops(parse_map(SMALL))
    assert [(lp.name, lp.kind, lp.concepts) for lp in loops] == [
        ("B1", "balancing", ("a", "b")), ("R1", "reinforcing", ("b", "c")), ("U1", "undetermined", ("c", "d"))]
    assert classify(loops[0].relations) == "balancing"


def test_figure_loops_match_the_checklist():
    cmap = load_map(FIGURE)
    loops = {lp.name: lp for lp in find_loops(cmap)}
    # Section 6: L1 and L3 are reinforcing and rely on inferred links (I1, I2); L5 is not determined.
    expected = {
        "L1, pain, escalation and hyperalgesia": ("reinforcing", True),
        "Tolerance and escalation": ("reinforcing", True),
        "L3, withdrawal and seeking, through dependence": ("reinforcing", True),
        "L3, withdrawal and seeking, through tolerance": ("reinforcing", True),
        "L5, pain and mood": ("undetermined", False),
    }
    assert {name: (lp.kind, lp.inferred) for name, lp in loops.items()} == expected
    l3 = loops["L3, withdrawal and seeking, through dependence"]
    assert [r.id for r in l3.relations] == ["p12", "p19", "i2", "p28"]  # from the smallest id round
    l1 = loops["L1, pain, escalation and hyperalgesia"]
    assert {"p33", "i1", "p14", "p16"} <= {r.id for r in l1.relations}
    # L2, L3b, L4, L6 and L7 need links the figure does not draw (I3, I5, I10, P32 as an edge), so no loop
    # reaches mood except the pain-mood pair, and none is balancing.
    assert all(lp.kind != "balancing" for lp in loops.values())
    assert "; then pain is seen as the primary reason for dose escalation; then" in l1.sentence(cmap)
    assert l1.sentence(cmap).startswith("Dependence is")  # only the chain's first word is capitalised


def test_named_loops_must_close(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts: {a: {}, b: {}, c: {}}
        relations: ["a -> x -> b", "b -> x -> a"]
        loops:
          - {name: ok, concepts: [a, b]}
          - {name: open, concepts: [a, b, c]}
          - {name: typo, concepts: [a, bb]}
        """)
    assert problems_of(path) == [(7, 28, "not-a-loop"), (8, 32, "unknown-ref")]


def test_explain_finds_the_shortest_chains():
    cmap = load_map(FIGURE)
    chains = explain(cmap, "stress", "addiction")
    assert [[r.id for r in c] for c in chains] == [["p34", "p24", "p2"]]
    assert explain(cmap, "addiction", "pain") == ()


def test_explain_command(tmp_path, monkeypatch, capsys: pytest.CaptureFixture[str]):
    assert main(["explain", str(FIGURE), "withdrawal_symptoms", "exogenous_opioids"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Chain 1:"
    assert out[1] == ('  Withdrawal symptoms are powerful drivers of opioid seeking (need for more opioids). '
                      '(increases; stated) "Withdrawal symptoms are powerful drivers of opioid seeking"')
    assert main(["explain", str(FIGURE), "pain", "nowhere"]) == 2


def test_perspectives_and_selfcheck_are_validated(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts: {a: {}, b: {}}
        relations: ["a -> x -> b"]
        perspectives:
          one: {label: One, hide: [a->b, zz], emphasise: [a]}
        selfcheck: {relations: [a->b, b->a], concepts: [c]}
        """)
    assert problems_of(path) == [(6, 34, "unknown-ref"), (7, 31, "unknown-ref"), (7, 49, "unknown-ref")]


def test_parallel_relations_do_not_multiply_without_bound():
    ring = [f"c{i}" for i in range(6)]
    lines = ["conceptmap: 1", "title: Ring", "concepts:", *(f"  {c}: {{}}" for c in ring), "relations:"]
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        lines += [f"  - {{from: {a}, to: {b}, phrase: feeds {k}, id: {a}-{b}-{k}}}" for k in range(20)]
    cmap = parse_map(("\n".join(lines) + "\n").encode(), "ring.yaml", "ring")  # 20**6 = 64 million loops
    loops = find_loops(cmap)
    assert len(loops) == 200 and all(len(lp.relations) == 6 for lp in loops)
    assert len(explain(cmap, "c0", "c5")) == 5  # 20**5 chains, five shown
    assert explain(cmap, "c0", "c0") == ()  # a concept is not a chain to itself


def test_the_shortest_cycles_come_first_however_many_longer_ones_there_are():
    from graph.analysis.loops import MAX_LOOPS, shortest_cycles

    # A ring of 40 concepts with a chord from every concept to the next but one: over a thousand cycles of 20 to
    # 40 relations, none within MAX_LENGTH; plus two short cycles on concepts named to sort last.
    ring = [f"n{i:02}" for i in range(40)]
    edges = [(a, b) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
    edges += [(a, b) for a, b in zip(ring, ring[2:] + ring[:2], strict=True)]
    edges += [("z1", "z2"), ("z2", "z1"), ("y1", "y2"), ("y2", "y3"), ("y3", "y1"), ("y1", "y1")]
    assert shortest_cycles(edges) == [("y1",), ("z1", "z2"), ("y1", "y2", "y3")]
    # A complete graph of 30: every cycle it finds is one of the shortest, in order, and the search is bounded.
    dense = [(f"c{i:02}", f"c{j:02}") for i in range(30) for j in range(30) if i != j]
    cycles = shortest_cycles(dense)
    assert len(cycles) >= MAX_LOOPS and cycles[:3] == [("c00", "c01"), ("c00", "c02"), ("c00", "c03")]
    assert all(len(c) == 2 for c in cycles[:MAX_LOOPS]) and cycles == shortest_cycles(list(reversed(dense)))


def test_the_cycle_search_stops_after_its_work_budget(monkeypatch: pytest.MonkeyPatch):
    from graph.analysis import loops

    dense = [(f"c{i:02}", f"c{j:02}") for i in range(30) for j in range(30) if i != j]
    monkeypatch.setattr(loops, "WORK", 5_000)
    few = loops.shortest_cycles(dense)
    assert 0 < len(few) < loops.MAX_LOOPS and few == loops.shortest_cycles(dense)  # the same point every time
