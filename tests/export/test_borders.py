"""Where drawn lines meet box borders: a straight line is clipped at both boxes, a bent one cut to the part of
its curve between them, still on the curve."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT

from graph.analysis.build import build_graph
from graph.analysis.drawing import Box, control, lines
from graph.analysis.layout import compute_layout
from graph.export.borders import clip, cut
from graph.export.svg import render_svg
from graph.load import parse_map

sys.path.insert(0, str(ROOT / "bench"))
from synth import hierarchy_map

A, B = Box("a", 0, 0, 100, 40, ("a",)), Box("b", 400, 200, 80, 30, ("b",))


def on_border(p: tuple[float, float], box: Box) -> bool:
    dx, dy = abs(p[0] - box.x) * 2, abs(p[1] - box.y) * 2
    return (dx == pytest.approx(box.width, abs=1e-3) and dy <= box.height + 1e-3) or \
        (dy == pytest.approx(box.height, abs=1e-3) and dx <= box.width + 1e-3)


def test_a_straight_line_is_clipped_at_both_borders():
    assert on_border(clip((A.x, A.y), (A.width, A.height), (B.x, B.y)), A)
    assert on_border(clip((B.x, B.y), (B.width, B.height), (A.x, A.y)), B)


@pytest.mark.parametrize("bend", [0.2, -0.4, 0.6])
def test_a_bent_line_is_cut_at_both_borders_and_stays_on_its_curve(bend):
    p0, p2 = (float(A.x), float(A.y)), (float(B.x), float(B.y))
    p1 = control(p0, p2, bend)
    start, via, end = cut(p0, p1, p2, A, B)
    assert on_border(start, A) and on_border(end, B)

    def curve(q0, q1, q2, t):
        return tuple((1 - t) ** 2 * q0[i] + 2 * (1 - t) * t * q1[i] + t * t * q2[i] for i in (0, 1))

    def distance(q):  # from the whole curve, sampled finely
        return min(((q[0] - x) ** 2 + (q[1] - y) ** 2) ** 0.5 for x, y in (curve(p0, p1, p2, k / 2000)
                                                                          for k in range(2001)))
    assert all(distance(curve(start, via, end, t)) < 0.5 for t in (0.25, 0.5, 0.75))


def test_the_svg_draws_each_bent_line_as_a_curve_and_the_rest_straight():
    cmap = parse_map(hierarchy_map(75, 5).encode())
    d = compute_layout(build_graph(cmap))
    bent = sum(1 for _, _, b in lines(d.phrases) if b)
    assert bent > 0
    paths = [p.get("d") or "" for p in ET.fromstring(render_svg(cmap, d)).iter("{http://www.w3.org/2000/svg}path")]
    curves = [p for p in paths if re.fullmatch(r"M[-\d.]+,[-\d.]+ Q[-\d.]+,[-\d.]+ [-\d.]+,[-\d.]+", p)]
    assert len(curves) == bent
    straight = [p for p in paths if re.fullmatch(r"M[-\d.]+,[-\d.]+ L[-\d.]+,[-\d.]+", p)]
    assert len(straight) == len(lines(d.phrases)) - bent  # (the map's arrow heads are closed shapes)
