"""Static SVG export: parses, carries title and desc, shows each step's labels as text, escapes user text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import FIGURE

from graph.build import build_graph
from graph.layout import compute_layout
from graph.load import load_map, parse_map
from graph.svg import render_svg, revealed

NS = {"s": "http://www.w3.org/2000/svg"}


def _texts(svg: str) -> tuple[ET.Element, list[str]]:
    root = ET.fromstring(svg)
    groups = root.findall(".//s:g[@class='concept']", NS)
    return root, [" ".join(t.text or "" for t in g.iter(f"{{{NS['s']}}}tspan")) for g in groups]


def test_whole_map_svg_has_title_desc_and_every_label():
    cmap = load_map(FIGURE)
    svg = render_svg(cmap, compute_layout(build_graph(cmap)))
    root, labels = _texts(svg)
    assert root.find("s:title", NS).text == cmap.title
    assert cmap.focus_question in root.find("s:desc", NS).text
    assert sorted(labels) == sorted(c.label for c in cmap.concepts.values())
    keys = [k for g in root.findall(".//s:g[@class='relation']", NS) for k in g.get("data-id").split()]
    assert sorted(keys) == sorted(r.key for r in cmap.relations)  # one group per phrase box, naming its relations


def test_each_step_shows_exactly_what_it_reveals_with_the_same_frame():
    cmap = load_map(FIGURE)
    pos = compute_layout(build_graph(cmap))
    frames = set()
    for i, step in enumerate(cmap.steps):
        root, labels = _texts(render_svg(cmap, pos, step=i))
        concepts, relations, _ = revealed(cmap, i)
        assert sorted(labels) == sorted(cmap.concepts[c].label for c in concepts)
        drawn = {k for g in root.findall(".//s:g[@class='relation']", NS) for k in g.get("data-id").split()}
        assert drawn == relations
        assert step.title in root.find("s:title", NS).text
        frames.add(root.get("viewBox"))
    assert len(frames) == 1, "every step must share the whole map's frame, so nothing moves"


def test_steps_add_up():
    cmap = load_map(FIGURE)
    sizes = [len(revealed(cmap, i)[0]) for i in range(len(cmap.steps))]
    assert sizes == sorted(sizes) and sizes[-1] == len(cmap.concepts)
    assert revealed(cmap, 0)[0] == {"pain", "mood", "endogenous_opioid_mechanisms"}


def test_user_text_stays_text_in_svg():
    cmap = parse_map(b"""conceptmap: 1
title: "<script>alert(1)</script> & ]]>"
concepts:
  a: {label: "<svg onload=alert(2)>"}
  b: {label: "\\" onmouseover=\\"x"}
relations:
  - {from: a, to: b, phrase: "<!-- & -->"}
""")
    svg = render_svg(cmap, compute_layout(build_graph(cmap)))
    root, labels = _texts(svg)
    assert "<script" not in svg and "<svg onload" not in svg
    assert root.find("s:title", NS).text == "<script>alert(1)</script> & ]]>"
    assert "<svg onload=alert(2)>" in labels
    assert not root.findall(".//s:script", NS)
