"""Score a student's map against an expert's: matched, missing and extra propositions, with synonyms, in a table
a teacher can check line by line."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graph.model import Map, Relation
from graph.problems import Hints, MapError, Problem, quoted
from graph.read.yamlread import read_yaml, where
from graph.text import proposition

SECTIONS = ("concepts", "phrases")


@dataclass(frozen=True)
class Synonyms:
    """Words that count as the same: expert concept id -> other names; phrase -> other phrases."""

    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)


def norm(text: str) -> str:
    """Text as it is compared: NFKC, case-folded, '_' and '-' as spaces, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("_", " ").replace("-", " ").split())


def _words(node: Node, file: str, problems: list[Problem]) -> tuple[str, ...]:
    items = node.value if isinstance(node, SequenceNode) else [node]
    out = []
    for item in items:
        if isinstance(item, ScalarNode) and item.value.strip():
            out.append(item.value)
        else:
            problems.append(Problem(file, *where(item), "synonym", "a synonym must be a word or phrase of text; "
                                    "write a list such as [ache, soreness]"))
    return tuple(out)


def _section(node: Node, file: str, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    if not isinstance(node, MappingNode):
        problems.append(Problem(file, *where(node), "type", "a section must map a name to a list of synonyms, "
                                "e.g. 'pain: [ache, soreness]'"))
        return {}
    return {str(k.value): _words(v, file, problems) for k, v in node.value}


def read_synonyms(data: bytes, file: str, expert: Map) -> Synonyms:
    """A synonyms file (see docs/diff.md); a MapError with located problems when it is bad."""
    root, problems = read_yaml(data, file)
    if root is None:
        raise MapError(problems)
    if not isinstance(root, MappingNode):
        raise MapError([Problem(file, *where(root), "type", "a synonyms file is a mapping with the sections "
                                "'concepts' and 'phrases'")])
    sections: dict[str, dict[str, tuple[str, ...]]] = {}
    did_you_mean = Hints()  # bounded, as for maps
    for key, value in root.value:
        if key.value not in SECTIONS:
            problems.append(Problem(file, *where(key), "unknown-key", f"unknown section {quoted(str(key.value))}"
                                    f"{did_you_mean(str(key.value), SECTIONS)}; use 'concepts' or 'phrases'"))
            continue
        sections[key.value] = _section(value, file, problems)
        if key.value == "concepts" and isinstance(value, MappingNode):
            problems += [Problem(file, *where(k), "unknown-ref", f"no concept {quoted(str(k.value))} in the expert "
                                 f"map {expert.file}{did_you_mean(str(k.value), expert.concepts)}")
                         for k, _ in value.value if k.value not in expert.concepts]
    if problems:
        raise MapError(problems)
    return Synonyms(sections.get("concepts", {}), sections.get("phrases", {}))


@dataclass(frozen=True)
class Row:
    """One line of the teacher's table: a verdict, the expert's and the student's sentence, and why."""

    verdict: str  # match, other phrase, reversed, missing, extra
    expert: str
    student: str
    why: str


@dataclass(frozen=True)
class Score:
    """The scoring: a row per expert proposition, then one per extra student proposition; concept pairs."""

    rows: tuple[Row, ...]
    concepts: tuple[tuple[str, str | None], ...]  # (expert concept label, student label or None)
    extra_concepts: tuple[str, ...]

    def count(self, verdict: str) -> int:
        return sum(r.verdict == verdict for r in self.rows)


def _concept_match(expert: Map, student: Map, syn: Synonyms) -> dict[str, str]:
    """Student concept id -> the expert concept it stands for: same id, label or a listed synonym."""
    names: dict[str, str] = {}
    for c in reversed(list(expert.concepts.values())):  # the first expert concept wins a shared name
        for name in (c.id, c.label, *syn.concepts.get(c.id, ())):
            names[norm(name)] = c.id
    out: dict[str, str] = {}
    for c in student.concepts.values():
        hit = names.get(norm(c.label)) or names.get(norm(c.id))
        if hit is not None and hit not in out.values():
            out[c.id] = hit
    return out


def _phrase_key(phrase: str, syn: Synonyms) -> str:
    for key, others in syn.phrases.items():
        if norm(phrase) in {norm(key), *(norm(o) for o in others)}:
            return norm(key)
    return norm(phrase)


def _why(e: Relation, s: Relation, to_expert: dict[str, str], maps: tuple[Map, Map], syn: Synonyms) -> str:
    """What a teacher should check: the names and phrase that differ, a turned direction, another effect."""
    expert, student = maps
    ends, notes = [s.source, s.target], []
    if to_expert.get(s.source) != e.source:
        ends.reverse()
        notes.append("the other way round")
    for ecid, scid in zip((e.source, e.target), ends, strict=True):
        ec, sc = expert.concepts[ecid], student.concepts[scid]
        if norm(ec.label) != norm(sc.label):
            notes.append(f"\u201c{sc.label}\u201d stands for \u201c{ec.label}\u201d")
    if norm(e.phrase) != norm(s.phrase):
        same = _phrase_key(e.phrase, syn) == _phrase_key(s.phrase, syn)
        how = "is a synonym of" if same else "instead of"
        notes.append(f"phrase \u201c{s.phrase}\u201d {how} \u201c{e.phrase}\u201d")
    if e.effect != s.effect:
        notes.append(f"effect {s.effect}, expert {e.effect}")
    return "; ".join(notes)


def score(expert: Map, student: Map, syn: Synonyms) -> Score:
    """Each expert proposition against the student's: the same concepts (by id, label or synonym) in the same
    direction with the same phrase (or a synonym) match; the same concepts with another phrase or the other way
    round are told as such; what the student has beyond the expert's is extra."""
    to_expert = _concept_match(expert, student, syn)
    pairs: dict[tuple[str, str], list[Relation]] = {}
    for r in student.relations:
        if r.source in to_expert and r.target in to_expert:
            pairs.setdefault((to_expert[r.source], to_expert[r.target]), []).append(r)
    used: set[str] = set()
    rows = []
    for e in expert.relations:
        free = [r for r in pairs.get((e.source, e.target), []) if r.key not in used]
        back = [r for r in pairs.get((e.target, e.source), []) if r.key not in used]
        same = [r for r in free if _phrase_key(r.phrase, syn) == _phrase_key(e.phrase, syn)]
        verdict, hit = ("match", same[0]) if same else ("other phrase", free[0]) if free else \
            ("reversed", back[0]) if back else ("missing", None)
        if hit is None:
            rows.append(Row(verdict, proposition(expert, e), "", ""))
            continue
        used.add(hit.key)
        why = _why(e, hit, to_expert, (expert, student), syn)
        rows.append(Row(verdict, proposition(expert, e), proposition(student, hit), why))
    rows += [Row("extra", "", proposition(student, r), "" if r.source in to_expert and r.target in to_expert
                 else "a concept the expert map does not have") for r in student.relations if r.key not in used]
    back_map = {v: k for k, v in to_expert.items()}
    concepts = tuple((c.label, student.concepts[back_map[c.id]].label if c.id in back_map else None)
                     for c in expert.concepts.values())
    extra = tuple(c.label for c in student.concepts.values() if c.id not in to_expert)
    return Score(tuple(rows), concepts, extra)


def score_summary(s: Score) -> str:
    """One sentence of counts; never a single opaque number."""
    total = len(s.rows) - s.count("extra")
    return (f"{s.count('match')} of {total} expert propositions matched, {s.count('other phrase')} with another "
            f"phrase, {s.count('reversed')} reversed, {s.count('missing')} missing; {s.count('extra')} extra in the "
            f"student's map. Concepts: {sum(1 for _, b in s.concepts if b)} of {len(s.concepts)} found, "
            f"{len(s.extra_concepts)} extra.")


def score_text(s: Score, expert: Map, student: Map) -> str:
    """The table as aligned plain text."""
    head = ("#", "verdict", "expert proposition", "student proposition", "why")
    body = [(str(i), r.verdict, r.expert or "-", r.student or "-", r.why) for i, r in enumerate(s.rows, 1)]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(4)]
    lines = [f"Scoring {student.file} against {expert.file}", score_summary(s), ""]
    lines += ["  ".join([*(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)), row[4]]).rstrip()
              for row in [head, *body]]
    lines += ["", "Concepts (expert -> student):"]
    lines += [f"  {a} -> {b if b else '(missing)'}" for a, b in s.concepts]
    lines += [f"  (extra) {c}" for c in s.extra_concepts]
    return "\n".join(lines) + "\n"

