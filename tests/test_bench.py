"""The benchmarks still run against the code they measure (their figures live in the README, not here)."""

from __future__ import annotations

import sys

from conftest import FIGURE, ROOT

from graph.load import load_map

sys.path.insert(0, str(ROOT / "bench"))


def test_layout_benchmark_counts_dots_own_drawing():
    import layout_quality

    lines, crossed = layout_quality.dot_counts(load_map(FIGURE))
    assert lines > 0 and crossed > 0  # dot's straight lines run through concepts and cross on the figure map


def test_stability_benchmark_measures_an_added_concept():
    import stability

    cmap = stability.unpinned(load_map(FIGURE))
    row = stability.measure(cmap, stability.leaf(cmap))
    assert all(isinstance(v, bool) or v >= 0 for v in row.values())


def test_bounds_benchmark_heavy_maps_are_valid_and_their_analysis_is_taken_lazily():
    import bounds

    from graph.analysis.loops import MAX_LOOPS, explain, find_loops
    from graph.load import parse_map

    cases = {name.split(",")[0]: data for name, (data, _, _) in bounds.heavy().items()}
    ring, layers = cases["ring of 6"], cases["30 layers of 3"]
    fan = cases["one phrase fanned out to 120 concepts: build"]
    assert len(parse_map(fan, "fan.yaml").relations) == 120  # valid: its time is the layout's
    assert len(find_loops(parse_map(ring, "ring.yaml"))) == MAX_LOOPS  # of 20**6, never all made
    assert len(explain(parse_map(layers, "layers.yaml"), "l0_0", "l29_0")) == 5  # of 3**28
