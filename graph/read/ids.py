"""The id rule: what a concept, group, source or relation id may be."""

from __future__ import annotations

import re

from graph import model as m
from graph.problems import quoted

_ID = re.compile(m.ID_PATTERN)
_ID_RULE = "use 1-64 ASCII letters, digits, '_' or '-', starting with a letter or '_'"
# Names every JavaScript object carries: an id like these would reach Object.prototype in a browser (vis-network
# keeps nodes in plain objects), so the page could not draw or look it up.
RESERVED_IDS = frozenset({
    "__proto__", "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString",
    "toString", "valueOf", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"})


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id, or None."""
    if not _ID.match(value):
        return f"{quoted(value)} is not a valid id; {_ID_RULE}"
    if value in RESERVED_IDS:
        return (f"{quoted(value)} is reserved (every JavaScript object has it); choose another id, "
                f"e.g. {value.strip('_')}_1")
    return None
