"""conceptmap: YAML concept maps to validated graphs, deterministic layouts and self-contained pages."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from graph.notebook import register as register_notebook_display

__version__ = "0.1.0"

# Public API, imported lazily so that `conceptmap validate` never loads networkx, numpy or pyvis.
_API = {
    "load_map": "load", "parse_map": "load", "Map": "model", "Concept": "model", "Relation": "model",
    "MapError": "problems", "Problem": "problems", "build_graph": "analysis.build",
    "compute_layout": "analysis.layout", "render_html": "page.html", "json_schema": "read.schema",
    "to_pyvis": "page.vis",
}
__all__ = [
    "Concept", "Map", "MapError", "Problem", "Relation", "build_graph", "compute_layout", "json_schema",
    "load_map", "parse_map", "render_html", "to_pyvis",
]

if TYPE_CHECKING:
    from graph.analysis.build import build_graph
    from graph.analysis.layout import compute_layout
    from graph.load import load_map, parse_map
    from graph.model import Concept, Map, Relation
    from graph.page.html import render_html
    from graph.page.vis import to_pyvis
    from graph.problems import MapError, Problem
    from graph.read.schema import json_schema


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")


register_notebook_display()
