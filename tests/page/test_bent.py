"""Bent lines in the page: vis-network draws each one through the very control point the layout, the SVG and
the measures use."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Session

from graph.analysis.build import build_graph
from graph.analysis.drawing import control
from graph.analysis.layout import compute_layout
from graph.load import parse_map
from graph.page.html import render_html

sys.path.insert(0, str(ROOT / "bench"))
from synth import hierarchy_map

pytestmark = pytest.mark.browser
VIAS = """([name, ids]) => ids.map(id => {
  const e = conceptmap.maps[name].network.body.edges[id];
  const v = e.edgeType.getViaNode();
  return [v.x, v.y, e.options.smooth.enabled, e.options.smooth.type];
})"""


def test_every_bent_line_is_drawn_through_the_layouts_control_point(browser: Any, tmp_path: Path):
    cmap = parse_map(hierarchy_map(75, 5).encode())
    d = compute_layout(build_graph(cmap))
    at = {**{k: (b.x, b.y) for k, b in d.concepts.items()}, **{p.id: (p.x, p.y) for p in d.phrases}}
    want = {}
    for p in d.phrases:
        for k, (u, v, key) in enumerate([(p.source, p.id, p.id + "~in")]
                                        + [(p.id, t, r) for r, t in p.relations]):
            if p.bends and p.bends[k]:
                want[key] = (control(at[u], at[v], p.bends[k]), "curvedCW" if p.bends[k] > 0 else "curvedCCW")
    assert len(want) >= 5
    page = tmp_path / "tree.html"
    page.write_text(render_html(cmap, d), encoding="utf-8")
    s = Session(browser, page.as_uri())
    s.open(cmap.name)
    got = s.page.evaluate(VIAS, [cmap.name, sorted(want)])
    for key, (x, y, enabled, kind) in zip(sorted(want), got, strict=True):
        (wx, wy), wkind = want[key]
        assert enabled and kind == wkind and abs(x - wx) < 0.01 and abs(y - wy) < 0.01, key
    straight = s.page.evaluate("(name) => Object.values(conceptmap.maps[name].network.body.edges)"
                               ".filter(e => e.options.smooth.enabled).length", cmap.name)
    assert straight == len(want)  # every other line is drawn straight
    assert s.errors == []
    s.close()
