"""graph.to_pyvis: every concept and relation, at our layout's positions, with plain-text tooltips."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIGURE, ROOT

import graph
from graph.analysis.build import build_graph
from graph.analysis.layout import compute_layout
from graph.load import load_map, parse_map

HOSTILE = b"""\
conceptmap: 1
title: Tags
sources:
  s: {cite: "<i>Cite</i> & co"}
concepts:
  a: {label: "<b>Bold</b>", definition: "x < y & <script>alert(1)</script>"}
  b: {label: B}
relations:
  - {from: a, to: b, phrase: "<em>lowers</em>", effect: decreases, inferred: true,
     evidence: {source: s, quote: "a <q> b"}}
"""


def test_every_concept_and_relation_at_our_positions():
    cmap = load_map(FIGURE)
    drawing = compute_layout(build_graph(cmap))
    net = graph.to_pyvis(cmap, drawing)
    nodes = {n["id"]: n for n in net.nodes}
    for cid, box in drawing.concepts.items():
        assert (nodes[cid]["x"], nodes[cid]["y"]) == (box.x, box.y) and nodes[cid]["physics"] is False
    phrase_of = drawing.phrase_of()
    for p in drawing.phrases:
        assert (nodes[p.id]["x"], nodes[p.id]["y"]) == (p.x, p.y)
    edges = {(e["from"], e["to"]): e for e in net.edges}
    by_id = {e["id"]: e for e in net.edges}
    for r in cmap.relations:
        p = phrase_of[r.key]
        assert (r.source, p.id) in edges
        assert (by_id[r.key]["from"], by_id[r.key]["to"]) == (p.id, r.target)
        assert by_id[r.key]["dashes"] == ([8, 6] if r.inferred else False)
    assert set(nodes) == set(cmap.concepts) | {p.id for p in drawing.phrases}
    assert len(net.edges) == len(drawing.phrases) + len(cmap.relations)


def test_tooltips_and_labels_are_plain_text():
    cmap = parse_map(HOSTILE)
    net = graph.to_pyvis(cmap)
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["a"]["label"] == "<b>Bold</b>"
    assert nodes["a"]["title"] == '<b>Bold</b>\nx < y & <script>alert(1)</script>'
    edge = next(e for e in net.edges if e["id"] == "a->b")
    assert edge["title"] == ('<b>Bold</b> <em>lowers</em> B (decreases; inferred).\n'
                             '"a <q> b" (<i>Cite</i> & co)')
    assert "&lt;" not in str(net.nodes) + str(net.edges)  # not escaped twice either: text, as given


def test_group_colours_and_borders_come_from_style():
    from graph import style

    cmap = load_map(FIGURE)
    net = graph.to_pyvis(cmap)
    nodes = {n["id"]: n for n in net.nodes}
    for i, gid in enumerate(cmap.groups):
        s = style.group_style(i)
        c = next(c for c in cmap.concepts.values() if c.group == gid)
        assert nodes[c.id]["color"] == {"border": s.border, "background": s.fill}
        assert nodes[c.id]["shapeProperties"]["borderDashes"] == (list(s.dashes) or False)


def test_importing_graph_never_imports_pyvis():
    code = ("import sys, graph, graph.page.vis, graph.page.html, graph.cli.commands; "
            "assert 'pyvis' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == "ok\n"
