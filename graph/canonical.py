"""The map as plain data in the format's own shape: what JSON export writes and what the graph formats flatten."""

from __future__ import annotations

import dataclasses
from typing import Any

from graph import model as m


def record_data(record: Any) -> dict[str, Any]:
    """A record as the mapping its YAML would hold: keys as written, defaults and empty values left out."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if not f.metadata:
            continue
        value = getattr(record, f.name)
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if value is None or value == () or value == {} or value == default:
            continue
        kind = f.metadata["kind"]
        if kind == "idmap":
            value = {k: record_data(v) for k, v in value.items()}
        elif kind == "list":
            value = [record_data(v) for v in value]
        elif kind == "record":
            value = record_data(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[f.metadata["key"] or f.name] = value
    return out


def map_data(cmap: m.Map) -> dict[str, Any]:
    """The whole map in canonical form; reading it back gives an equal map."""
    return record_data(cmap)
