"""Compare two versions of a map proposition by proposition: added, removed and changed, concepts renamed and moved."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Evidence, Map, Relation
from graph.text import annotated, isolate

FIELDS = ("phrase", "effect", "evidence", "inferred")  # what makes a proposition with the same id "changed"


@dataclass(frozen=True)
class Changed:
    """A proposition (same relation id in both maps) whose phrase, effect, evidence or inferred flag differs."""

    key: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class MapDiff:
    """What changed between `old` and `new`: relations are matched by their id (`from->to` unless given)."""

    old: Map
    new: Map
    added_concepts: tuple[str, ...]
    removed_concepts: tuple[str, ...]
    renamed: tuple[str, ...]  # same id, new label
    moved: tuple[str, ...]  # same id, another pinned position (or pinned in one map only)
    added: tuple[str, ...]  # relation keys only in `new`
    removed: tuple[str, ...]  # relation keys only in `old`
    changed: tuple[Changed, ...]

    @property
    def same(self) -> bool:
        """True when nothing this diff looks at differs."""
        return not (self.added_concepts or self.removed_concepts or self.renamed or self.moved or self.added
                    or self.removed or self.changed)

    def status(self) -> dict[str, str]:
        """'added', 'removed' or 'changed' for every concept id and relation key that is one of them."""
        out = {k: "added" for k in (*self.added_concepts, *self.added)}
        out.update({k: "removed" for k in (*self.removed_concepts, *self.removed)})
        out.update({k: "changed" for k in (*self.renamed, *self.moved, *(c.key for c in self.changed))})
        return out


def _evidence(ev: Evidence | None) -> tuple[str, str] | None:
    return None if ev is None else (ev.source, ev.quote or "")


def changed_fields(a: Relation, b: Relation) -> tuple[str, ...]:
    """The FIELDS in which two versions of a relation differ."""
    def values(r: Relation) -> dict[str, object]:
        return {"phrase": r.phrase, "effect": r.effect, "inferred": r.inferred, "evidence": _evidence(r.evidence)}

    va, vb = values(a), values(b)
    return tuple(f for f in FIELDS if va[f] != vb[f])


def compare(old: Map, new: Map) -> MapDiff:
    """The differences from `old` to `new`, each list in map order (new's order, then old's)."""
    olds, news = {r.key: r for r in old.relations}, {r.key: r for r in new.relations}
    common = [c for c in new.concepts if c in old.concepts]
    changed = tuple(Changed(k, f) for k, r in news.items() if k in olds and (f := changed_fields(olds[k], r)))
    return MapDiff(
        old, new,
        added_concepts=tuple(c for c in new.concepts if c not in old.concepts),
        removed_concepts=tuple(c for c in old.concepts if c not in new.concepts),
        renamed=tuple(c for c in common if old.concepts[c].label != new.concepts[c].label),
        moved=tuple(c for c in common if old.concepts[c].position != new.concepts[c].position),
        added=tuple(k for k in news if k not in olds), removed=tuple(k for k in olds if k not in news),
        changed=changed,
    )


def _q(text: str) -> str:
    return f'"{isolate(text)}"'


def position_text(p: tuple[float, float] | None) -> str:
    return "not pinned" if p is None else f"[{p[0]:g}, {p[1]:g}]"


def _value(r: Relation, name: str) -> str:
    if name == "phrase":
        return _q(r.phrase)
    if name == "effect":
        return r.effect
    if name == "inferred":
        return "true" if r.inferred else "false"
    ev = r.evidence
    return "none" if ev is None else f"{ev.source} {_q(ev.quote)}" if ev.quote else ev.source


def field_changes(d: MapDiff, c: Changed) -> list[str]:
    """'phrase: "lowers" -> "reduces"' for each changed field of one proposition."""
    a, b = {r.key: r for r in d.old.relations}[c.key], {r.key: r for r in d.new.relations}[c.key]
    return [f"{name}: {_value(a, name)} -> {_value(b, name)}" for name in c.fields]


def concept_lines(d: MapDiff) -> list[str]:
    """The concept changes, one a line: '+ id: label', '- id: label', '~ id: renamed ...', '~ id: moved ...'."""
    old, new = d.old.concepts, d.new.concepts
    lines = [f"+ {c}: {_q(new[c].label)}" for c in d.added_concepts]
    lines += [f"- {c}: {_q(old[c].label)}" for c in d.removed_concepts]
    lines += [f"~ {c}: renamed {_q(old[c].label)} -> {_q(new[c].label)}" for c in d.renamed]
    lines += [f"~ {c}: moved {position_text(old[c].position)} -> {position_text(new[c].position)}" for c in d.moved]
    return lines


def proposition_lines(d: MapDiff) -> list[str]:
    """The proposition changes: '+ key: sentence', '- key: sentence', '~ key: sentence' and its changed fields."""
    olds, news = {r.key: r for r in d.old.relations}, {r.key: r for r in d.new.relations}
    lines = [f"+ {k}: {annotated(d.new, news[k])}" for k in d.added]
    lines += [f"- {k}: {annotated(d.old, olds[k])}" for k in d.removed]
    for c in d.changed:
        lines.append(f"~ {c.key}: {annotated(d.new, news[c.key])}")
        lines += [f"    {line}" for line in field_changes(d, c)]
    return lines


def summary(d: MapDiff) -> str:
    """One sentence: how many of each kind of change."""
    if d.same:
        return "No differences in concepts or propositions."
    concepts = [f"{len(d.added_concepts)} added", f"{len(d.removed_concepts)} removed",
                f"{len(d.renamed)} renamed", f"{len(d.moved)} moved"]
    props = [f"{len(d.added)} added", f"{len(d.removed)} removed", f"{len(d.changed)} changed"]
    return f"Concepts: {', '.join(concepts)}. Propositions: {', '.join(props)}."


def diff_text(d: MapDiff) -> str:
    """The whole comparison as text, for the terminal and for golden tests."""
    out = [f"--- {d.old.file}", f"+++ {d.new.file}"]
    for title, lines in (("Concepts", concept_lines(d)), ("Propositions", proposition_lines(d))):
        if lines:
            out += [f"{title}:", *(f"  {line}" for line in lines)]
    out.append(summary(d))
    return "\n".join(out) + "\n"
