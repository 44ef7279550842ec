"""conceptmap: YAML concept maps to validated graphs, deterministic layouts and self-contained pages."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public API, imported lazily so that `conceptmap validate` never loads networkx, numpy or pyvis.
_API = {
    "load_map": "load", "parse_map": "load", "Map": "model", "Concept": "model", "Relation": "model",
    "MapError": "problems", "Problem": "problems", "build_graph": "build", "compute_layout": "layout",
    "render_html": "html", "json_schema": "schema", "to_pyvis": "vis",
}
__all__ = [
    "Concept", "Map", "MapError", "Problem", "Relation", "build_graph", "compute_layout", "json_schema",
    "load_map", "parse_map", "render_html", "to_pyvis",
]

if TYPE_CHECKING:
    from .build import build_graph
    from .html import render_html
    from .layout import compute_layout
    from .load import load_map, parse_map
    from .model import Concept, Map, Relation
    from .problems import MapError, Problem
    from .schema import json_schema
    from .vis import to_pyvis


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
