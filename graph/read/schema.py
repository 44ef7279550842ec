"""Generate the JSON Schema of the map format from the model's field metadata."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from graph import model as m

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ID = {"type": "string", "pattern": m.ID_PATTERN}
_SCALARS: dict[str, dict[str, Any]] = {
    m.TEXT: {"type": "string", "minLength": 1},
    m.URL: {"type": "string", "pattern": r"^(https?://\S*|(?![/\\]{2})[^:\s]*)$"},
    m.INT: {"type": "integer"},
    m.BOOL: {"type": "boolean"},
    m.POINT: {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
    m.EFFECT: {"enum": list(m.EFFECTS)},
    m.REF: _ID,
    m.ID: _ID,
    m.REFS: {"type": "array", "items": _ID},
    m.DIRECTION: {"enum": list(m.DIRECTIONS)},
    m.TEXTS: {"type": "array", "items": {"type": "string", "minLength": 1}},
    m.REF_LISTS: {"type": "array", "items": {"type": "array", "items": _ID}},
}
_SHORT_RELATION = {"type": "string", "pattern": r"^\s*\S+\s*->.+->\s*\S+", "description":
                   "Short form: 'from -> linking phrase -> to', optionally ending in '(effect)'."}


def _field_schema(meta: dict[str, Any]) -> dict[str, Any]:
    kind, record = meta["kind"], meta["record"]
    if kind == "record":
        out: dict[str, Any] = {"$ref": f"#/$defs/{record}"}
    elif kind == "idmap":
        out = {"type": "object", "propertyNames": _ID, "additionalProperties": {"$ref": f"#/$defs/{record}"}}
    elif kind == "list":
        item: dict[str, Any] = {"$ref": f"#/$defs/{record}"}
        if record == "relation":
            item = {"anyOf": [item, _SHORT_RELATION]}
        out = {"type": "array", "items": item}
    else:
        out = dict(_SCALARS[kind])
    return {"description": meta["doc"], **out}


def record_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of one record class, from its dataclass field metadata."""
    props, required = {}, []
    for f in dataclasses.fields(cls):
        if not f.metadata:
            continue
        key = f.metadata["key"] or f.name
        props[key] = _field_schema(dict(f.metadata))
        if f.metadata["required"]:
            required.append(key)
    out: dict[str, Any] = {"type": "object", "description": (cls.__doc__ or "").strip(),
                           "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def json_schema() -> dict[str, Any]:
    """The whole JSON Schema for a map file."""
    top = record_schema(m.Map)
    top["properties"]["conceptmap"] = {**top["properties"]["conceptmap"], "const": m.FORMAT_VERSION}
    return {
        "$schema": _DRAFT, "$id": "https://conceptmap.invalid/schema/v1.json",
        "title": "conceptmap map, format version 1", **top,
        "$defs": {name: record_schema(cls) for name, cls in m.RECORDS.items() if name != "map"},
    }


def schema_text() -> str:
    """The schema as committed in concepts/schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
