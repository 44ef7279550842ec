"""Plain-text wording shared by every export: propositions as sentences, and the map's text alternative."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from graph.model import Concept, Map, Relation
from graph.style import (
    CHECK_LEGEND,
    CHECK_MARKS,
    CHECK_SHORT,
    CHECK_STATUS,
    CHECK_WORDS,
    EFFECTS,
    STATUS_SHORT,
    STATUS_WORDS,
    UNCHECKED_NOTE,
)

# Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, ..., and their presentation forms) and the bidi
# controls: a field holding any of them is isolated in a composed sentence.
RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFE), (0x061C, 0x061C), (0x200F, 0x200F),
              (0x202A, 0x202E), (0x2066, 0x2069), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))
_RTL = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in RTL_RANGES) + "]")
FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """A field as it goes into a sentence: wrapped in FSI ... PDI when it holds right-to-left text or bidi
    controls, so that it cannot reorder the words around it, an unclosed override included (the closing PDI ends
    every embedding opened inside). A PDI in the field that closes nothing is dropped: it would end the isolate
    early. Left-to-right text is returned as it is."""
    if not _RTL.search(text):
        return text
    depth, kept = 0, []
    for part in re.split("([\u2066-\u2069])", text):
        if part in ("\u2066", "\u2067", FSI):
            depth += 1
        elif part == PDI:
            if not depth:
                continue
            depth -= 1
        kept.append(part)
    return FSI + "".join(kept) + PDI


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: 'Dose escalation' -> 'dose escalation', 'NMDA' stays."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def proposition(cmap: Map, r: Relation) -> str:
    """'Tolerance is the need for dose escalation.'"""
    source, target = cmap.concepts[r.source].label, cmap.concepts[r.target].label
    return f"{isolate(source)} {isolate(r.phrase)} {isolate(in_sentence(target))}."


def provenance(cmap: Map, r: Relation) -> str:
    """Where a relation comes from: 'inferred' (the author's reading), 'stated' (it has evidence, or the map cites
    one source only, which then covers every relation) or 'unsourced' (no source given)."""
    if r.inferred:
        return "inferred"
    return "stated" if r.evidence is not None or len(cmap.sources) == 1 else "unsourced"


def annotated(cmap: Map, r: Relation, sentence: str | None = None) -> str:
    """'Tolerance is the need for dose escalation (increases; stated).'; or '(...; no source given)'; with the
    check of its quote when the map's were checked: '(increases; stated; quote verified)'. `sentence` is the
    relation's proposition, when the caller has it already."""
    marks = [r.effect, STATUS_SHORT[provenance(cmap, r)], check_short(cmap, r)]
    return f"{(sentence or proposition(cmap, r))[:-1]} ({'; '.join(m for m in marks if m)})."


def check_short(cmap: Map, r: Relation) -> str:
    """The check of a relation's quote as the text version's brackets say it, or "": not checked, or no source's
    text could be read at all (then `unchecked_note` says so once)."""
    checks = cmap.checks
    if checks is None or not checks.read or (checks.kinds[r.key] == "no-quote" and provenance(cmap, r) == "unsourced"):
        return ""  # "no source given" says there is no quote already
    return CHECK_SHORT[checks.kinds[r.key]]


def check_words(cmap: Map, r: Relation) -> str:
    """The check of a relation's quote as the panel says it, after its mark: 'Verified: the quote is in ...'; ""
    when not checked, or when inferred (the panel says "inferred" already)."""
    checks = cmap.checks
    if checks is None or checks.kinds[r.key] == "inferred":
        return ""
    mark = checks.mark(r.key)
    return f"{mark} {CHECK_WORDS[checks.kinds[r.key]]}" if mark else CHECK_WORDS[checks.kinds[r.key]]


def unchecked_note(cmap: Map) -> str | None:
    """Said once, instead of on every relation, when quotes were to be checked but no source's text was read."""
    checks = cmap.checks
    return UNCHECKED_NOTE if checks is not None and not checks.read and "no-text" in checks.kinds.values() else None


def check_legend(cmap: Map) -> list[tuple[str, str]]:
    """The legend's marks, (mark, words), for the checks that the map's lines show."""
    checks = cmap.checks
    if checks is None or not checks.read:
        return []
    shown = {CHECK_STATUS[k]: CHECK_MARKS[k] for k in checks.kinds.values() if k in CHECK_MARKS}
    return [(shown[status], words) for status, words in CHECK_LEGEND.items() if status in shown]


def line_styles(cmap: Map) -> list[tuple[str, str]]:
    """The legend's line styles, (key, words), when the map draws both (some relations are inferred): the solid
    line says what the map's other relations are, stated by the source or with no source given."""
    kinds = {provenance(cmap, r) for r in cmap.relations}
    if "inferred" not in kinds:
        return []
    solid = " or ".join(STATUS_WORDS[k] for k in ("stated", "unsourced") if k in kinds)
    return ([("stated", solid)] if solid else []) + [("inferred", STATUS_WORDS["inferred"])]


def phrase_text(phrase: str, effect: str, inferred: bool, glyphs: bool) -> str:
    """The text of a phrase box: the linking phrase, then the effect's glyph and 'inferred' where they apply."""
    marks = ([EFFECTS[effect].glyph] if glyphs else []) + (["inferred"] if inferred else [])
    return f"{isolate(phrase)} ({', '.join(marks)})" if marks else phrase


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
    return f"{isolate(name)}: {sentence}" + (f" {isolate(description)}" if description else "")


def text_alternative(cmap: Map, sentences: Mapping[str, str] | None = None) -> tuple[ConceptText, ...]:
    """Every proposition once, as a sentence, grouped under the concept it starts from (map order); `sentences`
    are the propositions by relation key, when the caller has them already."""
    sentences = sentences or {}
    starting: dict[str, list[Relation]] = {}
    for r in cmap.relations:
        starting.setdefault(r.source, []).append(r)
    out = []
    for c in cmap.concepts.values():
        props = tuple((r, annotated(cmap, r, sentences.get(r.key))) for r in starting.get(c.id, ()))
        group = cmap.groups[c.group].label if c.group else None
        out.append(ConceptText(c, group, props))
    return tuple(out)
