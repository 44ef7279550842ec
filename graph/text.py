"""Plain-text wording shared by every export: propositions as sentences, and the map's text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Concept, Map, Relation
from .style import EFFECTS


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: 'Dose escalation' -> 'dose escalation', 'NMDA' stays."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def proposition(cmap: Map, r: Relation) -> str:
    """'Tolerance is the need for dose escalation.'"""
    source, target = cmap.concepts[r.source].label, cmap.concepts[r.target].label
    return f"{source} {r.phrase} {in_sentence(target)}."


def annotated(cmap: Map, r: Relation) -> str:
    """'Tolerance is the need for dose escalation (increases; stated).'"""
    return f"{proposition(cmap, r)[:-1]} ({r.effect}; {r.status})."


def phrase_text(phrase: str, effect: str, inferred: bool, glyphs: bool) -> str:
    """The text of a phrase box: the linking phrase, then the effect's glyph and 'inferred' where they apply."""
    marks = ([EFFECTS[effect].glyph] if glyphs else []) + (["inferred"] if inferred else [])
    return f"{phrase} ({', '.join(marks)})" if marks else phrase


def edge_label(r: Relation) -> str:
    """The label of an edge in DOT and Mermaid: the linking phrase, the effect's glyph, and 'inferred' where it is."""
    return phrase_text(r.phrase, r.effect, r.inferred, glyphs=True)


@dataclass(frozen=True)
class ConceptText:
    """One concept of the text alternative: its definition and the propositions that start at it."""

    concept: Concept
    group: str | None
    propositions: tuple[tuple[Relation, str], ...]


def loop_line(name: str, sentence: str, description: str | None) -> str:
    """A loop in the text version: 'R1: a increases b; then b increases a (reinforcing).' and its description."""
    return f"{name}: {sentence}" + (f" {description}" if description else "")


def text_alternative(cmap: Map) -> tuple[ConceptText, ...]:
    """Every proposition once, as a sentence, grouped under the concept it starts from (map order)."""
    starting: dict[str, list[Relation]] = {}
    for r in cmap.relations:
        starting.setdefault(r.source, []).append(r)
    out = []
    for c in cmap.concepts.values():
        props = tuple((r, annotated(cmap, r)) for r in starting.get(c.id, ()))
        group = cmap.groups[c.group].label if c.group else None
        out.append(ConceptText(c, group, props))
    return tuple(out)
