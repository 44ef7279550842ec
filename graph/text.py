"""Plain-text wording shared by every export: propositions read as sentences."""

from __future__ import annotations

from .model import Map, Relation
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


def edge_label(r: Relation) -> str:
    """The label drawn on an edge: the linking phrase, the effect's glyph, and 'inferred' where it is."""
    mark = EFFECTS[r.effect].glyph + (", inferred" if r.inferred else "")
    return f"{r.phrase} ({mark})"
