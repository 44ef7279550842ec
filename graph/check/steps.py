"""The warning for steps that, taken together, never reveal part of the map."""

from __future__ import annotations

from graph import model as m
from graph.problems import Hints, Problem

LISTED = 12  # of each kind, named in the warning; the rest are counted


def _named(items: list[tuple[str, m.Loc]], noun: str) -> str:
    shown = ", ".join(f"{key!r} (line {loc[0]})" for key, loc in items[:LISTED])
    more = f" and {len(items) - LISTED} more" if len(items) > LISTED else ""
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}: {shown}{more}"


def mended(cmap: m.Map) -> dict[str, m.Relation]:
    """The relations that name a concept that does not exist, by their key as written and as the "did you mean"
    hints would mend it: a step or list that names either is not at fault (the relation is). Its own hint budget."""
    concepts, hint, out = cmap.concepts, Hints(), {}
    for r in cmap.relations:
        if r.id is None and (r.source not in concepts or r.target not in concepts):
            ends = [e if e in concepts else (hint.match(e, concepts) or e) for e in (r.source, r.target)]
            out[r.key] = out["->".join(ends)] = r
    return out


def unrevealed(cmap: m.Map) -> list[Problem]:
    """A warning, at the `steps` key, naming the concepts and relations no step reveals (a relation reveals its two
    concepts); none when the map has no steps, or a step could not be read (its problem comes first)."""
    if not cmap.steps or m.UNREAD_STEP in cmap.unread:
        return []
    relations: dict[str, m.Relation] = {r.key: r for r in cmap.relations}
    if any(k not in relations for step in cmap.steps for k in step.relations):  # a problem of its own: no more
        relations = {**mended(cmap), **relations}
    concepts: set[str] = set()
    shown: set[str] = set()
    for step in cmap.steps:
        concepts.update(step.concepts)
        for key in step.relations:
            if key in relations:
                shown.add(relations[key].key)
                concepts.update((relations[key].source, relations[key].target, *key.split("->")))
            elif key in cmap.unread or all(end in cmap.unread for end in key.split("->")):
                # a relation that could not be read: its concepts as the step names them
                concepts.update(key.split("->"))
    hidden_c = [(c.id, c.loc) for c in cmap.concepts.values() if c.id not in concepts]
    hidden_r = [(r.key, r.loc) for r in cmap.relations if r.key not in shown]
    if not hidden_c and not hidden_r:
        return []
    parts = " and ".join(_named(items, noun) for items, noun in ((hidden_c, "concept"), (hidden_r, "relation"))
                         if items)
    line, col = cmap.locs.get("steps:key", cmap.locs.get("steps", cmap.loc))
    them = "it" if len(hidden_c) + len(hidden_r) == 1 else "them"
    return [Problem(cmap.file, line, col, "not-revealed", f"the steps never reveal {parts}; add {them} to a step's "
                    f"'concepts' or 'relations', or the presentation ends without {them}", "warning")]
