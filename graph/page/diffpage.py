"""The diff page: the union of two maps laid out once, added, removed and changed each drawn in its own style."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from graph.analysis.diff import MapDiff, field_changes, position_text, summary
from graph.model import Concept, Group, Map, Perspective, Relation

KINDS = ("added", "removed", "changed")  # group ids, in this order: each gets its own colour and border pattern


def _groups(d: MapDiff) -> dict[str, Group]:
    old, new = Path(d.old.file).name, Path(d.new.file).name
    labels = {"added": f"Added (only in {new})", "removed": f"Removed (only in {old})",
              "changed": "Changed (renamed, moved or re-worded)"}
    return {k: Group(k, labels[k], f"Concepts and propositions {labels[k][0].lower()}{labels[k][1:]}.")
            for k in KINDS}


def _concept(d: MapDiff, c: Concept, status: str | None) -> Concept:
    """A concept of the union, in its change's group; a rename or a move is told in its note."""
    notes = []
    if c.id in d.renamed:
        notes.append(f"Renamed: was \u201c{d.old.concepts[c.id].label}\u201d.")
    if c.id in d.moved:
        notes.append(f"Moved: was {position_text(d.old.concepts[c.id].position)}.")
    note = " ".join([*notes, *([c.note] if c.note else [])]) or None
    return replace(c, group=status, note=note)


def description(d: MapDiff) -> str:
    """The page's paragraph: the summary, then each rename, move and change in words (the marks on the map and
    in the text version tell which propositions were added or removed)."""
    words = [summary(d)]
    words += [f"{c} was renamed from \u201c{d.old.concepts[c].label}\u201d." for c in d.renamed]
    words += [f"{c} moved from {position_text(d.old.concepts[c].position)} to "
              f"{position_text(d.new.concepts[c].position)}." for c in d.moved]
    words += [f"{c.key} changed: {'; '.join(field_changes(d, c))}." for c in d.changed]
    return " ".join(words)


def _relation(r: Relation, status: str | None, told: list[str]) -> Relation:
    """A relation of the union: its phrase marked with its change, which the note tells in full."""
    if status is None:
        return r
    words = {"added": "Added in the new map.", "removed": "Removed: only in the old map."}
    note = words.get(status, f"Changed: {'; '.join(told)}.")
    return replace(r, phrase=f"{r.phrase} [{status}]", note=note if not r.note else f"{note} {r.note}")


def union_map(d: MapDiff) -> tuple[Map, dict[str, str]]:
    """Both maps in one: every concept and relation of `new`, then those only in `old`, grouped by change; and
    the group id of each added, removed or changed relation, for the page to draw them in those styles."""
    status = d.status()
    changed = {c.key: field_changes(d, c) for c in d.changed}
    concepts = {c.id: _concept(d, c, status.get(c.id)) for c in d.new.concepts.values()}
    concepts.update({c: _concept(d, d.old.concepts[c], "removed") for c in d.removed_concepts})
    olds = {r.key: r for r in d.old.relations}
    relations = [_relation(r, status.get(r.key), changed.get(r.key, [])) for r in d.new.relations]
    relations += [_relation(olds[k], "removed", []) for k in d.removed]
    keys = [r.key for r in relations if r.key in status]
    ends = {e for r in relations if r.key in status for e in (r.source, r.target)}
    view = Perspective("changes", "Only the changes", "What was added, removed or changed, and the concepts "
                       "they join.", show=tuple([c for c in concepts if c in status or c in ends] + keys))
    union = Map(
        name=f"{d.new.name}-diff", file=d.new.file, conceptmap=1,
        title=f"{d.new.title}: changes from {Path(d.old.file).name} to {Path(d.new.file).name}",
        focus_question=d.new.focus_question, description=description(d),
        sources={**d.old.sources, **d.new.sources},
        groups=_groups(d), concepts=concepts, relations=tuple(relations),
        perspectives={view.id: view} if status else {},
    )
    return union, {k: status[k] for k in keys}


def render_diff_page(d: MapDiff, theme: str = "auto") -> str:
    """The diff page: our own page, of the union map, on one layout."""
    from graph.page.html import render_html

    union, changes = union_map(d)
    return render_html(union, theme=theme, changes=changes)
