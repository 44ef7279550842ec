"""The networkx graph carries every attribute of the model and leaves the model untouched."""

from __future__ import annotations

import copy

from conftest import FIGURE, MINIMAL

from graph.analysis.build import build_graph
from graph.load import load_map, parse_map


def test_graph_holds_every_attribute():
    cmap = parse_map(MINIMAL.encode())
    g = build_graph(cmap)
    assert g.graph["title"] == "Small map"
    assert g.graph["sources"] == {"src": {"cite": "A. Author. A book. 2020.", "url": "https://example.org/book"}}
    assert g.nodes["pain"] == {
        "label": "Pain", "definition": "How much it hurts.", "group": None, "sources": ["src"],
        "evidence_source": None, "evidence_quote": None, "position": None, "note": None,
    }
    assert g.edges["pain", "mood", "pain->mood"] == {
        "id": "pain->mood", "phrase": "lowers", "effect": "decreases", "inferred": False,
        "evidence_source": "src", "evidence_quote": "pain lowers mood", "note": None,
    }


def test_figure_graph_matches_the_map_and_does_not_mutate_it():
    cmap = load_map(FIGURE)
    before = copy.deepcopy(cmap)
    g = build_graph(cmap)
    assert cmap == before
    assert sorted(g.nodes) == sorted(cmap.concepts)
    assert sorted(k for _, _, k in g.edges(keys=True)) == sorted(r.key for r in cmap.relations)
