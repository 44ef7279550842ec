"""GraphML and GEXF export through networkx's writers, from a flat copy of the graph (scalars only)."""

from __future__ import annotations

import re

import networkx as nx

from graph.analysis.build import build_graph
from graph.model import Map


def flat_graph(cmap: Map, positions: dict[str, tuple[int, int]]) -> nx.MultiDiGraph:
    """The map's graph with every attribute a string, number or boolean, as GraphML and GEXF need."""
    g = build_graph(cmap)
    flat = nx.MultiDiGraph()
    flat.graph.update({k: v for k, v in g.graph.items() if isinstance(v, str)})
    for n, data in g.nodes(data=True):
        attrs: dict[str, str | float] = {k: v for k, v in data.items() if isinstance(v, str)}
        attrs.update(sources=" ".join(data["sources"]), x=float(positions[n][0]), y=float(positions[n][1]))
        flat.add_node(n, **attrs)
    for u, v, key, data in g.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: val for k, val in data.items() if isinstance(val, str | bool)})
    return flat


def write_graphml(cmap: Map, positions: dict[str, tuple[int, int]]) -> str:
    """GraphML (yEd, Cytoscape, Gephi)."""
    return "\n".join(nx.generate_graphml(flat_graph(cmap, positions), prettyprint=True)) + "\n"


def write_gexf(cmap: Map, positions: dict[str, tuple[int, int]]) -> str:
    """GEXF 1.2 (Gephi), without the writer's date stamp so the output stays the same from day to day."""
    text = "\n".join(nx.generate_gexf(flat_graph(cmap, positions), prettyprint=True)) + "\n"
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    return re.sub(r"<creator>[^<]*</creator>", "<creator>conceptmap</creator>", text, count=1)
