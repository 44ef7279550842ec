"""Build a networkx MultiDiGraph that carries every attribute of the model, without touching the model."""

from __future__ import annotations

import networkx as nx

from graph.model import Map


def build_graph(cmap: Map) -> nx.MultiDiGraph:
    """One node per concept, one edge per relation (keyed by the relation's id), map fields on the graph."""
    g = nx.MultiDiGraph(
        name=cmap.name, title=cmap.title, focus_question=cmap.focus_question, description=cmap.description,
        sources={s.id: {"cite": s.cite, "url": s.url} for s in cmap.sources.values()},
        groups={gr.id: {"label": gr.label, "description": gr.description} for gr in cmap.groups.values()},
        layout=cmap.layout,
    )
    for c in cmap.concepts.values():
        g.add_node(
            c.id, label=c.label, definition=c.definition, group=c.group, sources=list(c.sources),
            evidence_source=c.evidence.source if c.evidence else None,
            evidence_quote=c.evidence.quote if c.evidence else None,
            position=c.position, note=c.note,
        )
    for r in cmap.relations:
        g.add_edge(
            r.source, r.target, key=r.key, id=r.key, phrase=r.phrase, effect=r.effect, inferred=r.inferred,
            evidence_source=r.evidence.source if r.evidence else None,
            evidence_quote=r.evidence.quote if r.evidence else None, note=r.note,
        )
    return g
