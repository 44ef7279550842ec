"""Unknown keys said in the words that point at the likely fix: a comma in `{ }`, a key indented too far."""

from __future__ import annotations

import dataclasses
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from graph import model as m
from graph.problems import Hints, one_of, quoted
from graph.read.yamlread import is_absent


def _comma(entries: list[tuple[Node, Node]], n: int, fields: dict[str, Any]) -> str | None:
    """In `{label: a, b}` the comma ended the text of 'label', so 'b' was read as a key: say so."""
    k = entries[n][0]
    text = [(key, value) for key, value in entries[:n] if isinstance(value, ScalarNode) and value.style in (None, "")]
    if not text or text[-1][0] is not entries[n - 1][0] or entries[n - 1][0].value not in fields:
        return None
    key, value = text[-1]
    parts = [value.value] + [e[0].value for e in entries[n:] if is_absent(e[1]) and e[0].value not in fields]
    listed = fields[key.value].metadata["kind"] in (m.REFS, m.TEXTS)
    fix = f"a list is needed: {key.value}: [{', '.join(parts)}]" if listed else \
        f"put the whole text in quotes: {key.value}: \"{', '.join(parts)}\""
    return (f"{quoted(k.value)} is read as a key because inside {{ }} a comma ends an entry, so {key.value!r} ends "
            f"at {quoted(value.value)}; {fix}")


def unknown_key_message(node: MappingNode, entries: list[tuple[Node, Node]], n: int, name: str,
                        fields: dict[str, Any], hints: Hints, unread: set[str]) -> str | None:
    """The message for the unknown key entries[n] of a `name` record, or None when it is the rest of a text
    already reported. A key that is most likely the id of the next record, indented too far, goes into `unread`:
    where it is referred to, it is not reported again."""
    k, v = entries[n]
    if node.flow_style and is_absent(v) and n:
        if (said := _comma(entries, n, fields)) is not None:
            return said
        if is_absent(entries[n - 1][1]) and entries[n - 1][0].value not in fields:
            return None  # the rest of the same text, already reported
    hint = hints(k.value, fields)
    keyed = any(f.name == "id" and not f.metadata for f in dataclasses.fields(m.RECORDS[name]))  # in an idmap
    if not hint and keyed and (is_absent(v) or isinstance(v, MappingNode)) and not node.flow_style:
        hint = f" (if it starts a new {name}, indent it less, like the id of the {name} it is read in)"
        unread.add(k.value)
    return f"unknown key {quoted(k.value)} in {name}{hint}; {one_of(fields, limit=len(fields))}"  # all the keys
