"""The map model: frozen dataclasses whose field metadata also drive reading and the JSON Schema."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
EFFECTS = ("increases", "decreases", "produces", "defines", "interdependent")
DIRECTIONS = ("down", "right")
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$"
UNREAD_STEP = "<step>"  # in Map.unread: a step could not be read (no id has '<')

# Field kinds understood by the reader and the schema generator.
TEXT, INT, BOOL, POINT, EFFECT = "text", "int", "bool", "point", "effect"
REF, REFS, URL, ID = "ref", "refs", "url", "id"
DIRECTION, TEXTS, REF_LISTS = "direction", "texts", "ref_lists"


def spec(kind: str, doc: str, *, required: bool = False, key: str | None = None,
         record: str | None = None) -> dict[str, Any]:
    """Field metadata: its kind, its YAML key (if not the attribute name) and its documentation."""
    return {"kind": kind, "doc": doc, "required": required, "key": key, "record": record}


Loc = tuple[int, int]


@dataclass(frozen=True)
class Source:
    """A reference that concepts and relations cite."""

    id: str
    cite: str = field(metadata=spec(TEXT, "Full citation, as it should be printed.", required=True))
    url: str | None = field(default=None, metadata=spec(URL, "Link to the source (http, https or relative)."))
    text: str | None = field(default=None, metadata=spec(TEXT, "The source's text file, in the folder that "
                                                         "`conceptmap verify --sources` reads (default: ID.txt, "
                                                         "ID.md, ID.html or ID.htm)."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Group:
    """A named set of concepts, drawn in one colour and shape."""

    id: str
    label: str = field(metadata=spec(TEXT, "Name shown in the legend.", required=True))
    description: str | None = field(default=None, metadata=spec(TEXT, "What the group stands for."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Evidence:
    """Where a claim comes from: a source id and a short verbatim quote."""

    source: str = field(metadata=spec(REF, "Id of an entry in `sources`.", required=True))
    quote: str | None = field(default=None, metadata=spec(TEXT, "A short verbatim quote from the source."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Concept:
    """A node: one idea, with a definition in the author's own words."""

    id: str
    label: str = field(metadata=spec(TEXT, "Name shown on the map (default: the id, humanised)."))
    definition: str | None = field(default=None, metadata=spec(TEXT, "Definition in your own words."))
    group: str | None = field(default=None, metadata=spec(REF, "Id of an entry in `groups`."))
    sources: tuple[str, ...] = field(default=(), metadata=spec(REFS, "Ids of entries in `sources`."))
    evidence: Evidence | None = field(default=None, metadata=spec("record", "Supporting quote.", record="evidence"))
    position: tuple[float, float] | None = field(default=None, metadata=spec(POINT, "Pinned [x, y] position."))
    note: str | None = field(default=None, metadata=spec(TEXT, "Author's remark, shown in the panel."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Relation:
    """An edge: `source` + `phrase` + `target` reads as a proposition."""

    source: str = field(metadata=spec(REF, "Id of the concept the relation starts at.", required=True, key="from"))
    target: str = field(metadata=spec(REF, "Id of the concept the relation ends at.", required=True, key="to"))
    phrase: str = field(metadata=spec(TEXT, "Linking phrase; keep the source's hedges.", required=True))
    effect: str = field(default="produces", metadata=spec(EFFECT, "How the source acts on the target."))
    evidence: Evidence | None = field(default=None, metadata=spec("record", "Supporting quote.", record="evidence"))
    inferred: bool = field(default=False, metadata=spec(BOOL, "True when the source does not state it."))
    note: str | None = field(default=None, metadata=spec(TEXT, "Author's remark, shown in the panel."))
    id: str | None = field(default=None, metadata=spec(
        "id", "Optional id, for steps and links (default: 'from->to')."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        """The relation's id: its own `id`, or 'from->to'; unique within a valid map."""
        return self.id or f"{self.source}->{self.target}"


@dataclass(frozen=True)
class Step:
    """One step of a presentation: what it reveals, what it highlights, and what the teacher says."""

    title: str = field(metadata=spec(TEXT, "Short heading of the step.", required=True))
    narration: str = field(metadata=spec(TEXT, "A few sentences shown in large type.", required=True))
    notes: str | None = field(default=None, metadata=spec(TEXT, "Speaker notes, for the presenter view only."))
    concepts: tuple[str, ...] = field(default=(), metadata=spec(REFS, "Concept ids this step reveals."))
    relations: tuple[str, ...] = field(default=(), metadata=spec(
        REFS, "Relation ids this step reveals (their two concepts are revealed with them)."))
    highlight: tuple[str, ...] = field(default=(), metadata=spec(
        REFS, "Concept or relation ids to emphasise in this step."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class LoopSpec:
    """A feedback loop the author names: it overrides the generated name (R1, B1, ...) of that cycle."""

    name: str = field(metadata=spec(TEXT, "Name of the loop, e.g. 'L1, pain-escalation-hyperalgesia'.",
                                    required=True))
    concepts: tuple[str, ...] = field(metadata=spec(REFS, "The concepts around the loop, in order.", required=True))
    description: str | None = field(default=None, metadata=spec(TEXT, "What the loop means."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Perspective:
    """A view of the same map: what it shows, hides or emphasises. Nothing moves between views."""

    id: str
    label: str = field(metadata=spec(TEXT, "Name of the view, shown in the switch.", required=True))
    description: str | None = field(default=None, metadata=spec(TEXT, "What the view argues."))
    show: tuple[str, ...] = field(default=(), metadata=spec(
        REFS, "Concept or relation ids to show (default: everything not hidden)."))
    hide: tuple[str, ...] = field(default=(), metadata=spec(REFS, "Concept or relation ids to hide."))
    emphasise: tuple[str, ...] = field(default=(), metadata=spec(REFS, "Concept or relation ids to emphasise."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class SelfCheck:
    """Which parts a self-check may hide (default: all of them)."""

    concepts: tuple[str, ...] = field(default=(), metadata=spec(REFS, "Concept ids a student may be asked for."))
    relations: tuple[str, ...] = field(default=(), metadata=spec(
        REFS, "Relation ids whose phrase or effect a student may be asked for."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Layout:
    """Author control over the automatic layout: its direction, the relations that make its levels, and
    concepts kept in line."""

    direction: str | None = field(default=None, metadata=spec(
        DIRECTION, "'down' or 'right' (default: whichever fits a wide screen better)."))
    hierarchy: tuple[str, ...] = field(default=(), metadata=spec(
        TEXTS, "Linking phrases whose relations define the top-down levels; other relations do not."))
    same_row: tuple[tuple[str, ...], ...] = field(default=(), metadata=spec(
        REF_LISTS, "Lists of concept ids; each list is drawn at one height."))
    same_column: tuple[tuple[str, ...], ...] = field(default=(), metadata=spec(
        REF_LISTS, "Lists of concept ids; each list is drawn one above the other."))
    loc: Loc = field(default=(0, 0), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Map:
    """A whole concept map, as read from one file."""

    name: str
    file: str = field(compare=False)
    conceptmap: int = field(metadata=spec(INT, "Format version; must be 1.", required=True))
    title: str = field(metadata=spec(TEXT, "Title of the map.", required=True))
    focus_question: str | None = field(default=None, metadata=spec(TEXT, "The question the map answers."))
    description: str | None = field(default=None, metadata=spec(TEXT, "A paragraph shown under the title."))
    sources: Mapping[str, Source] = field(default_factory=dict,
                                          metadata=spec("idmap", "Cited references by id.", record="source"))
    groups: Mapping[str, Group] = field(default_factory=dict,
                                        metadata=spec("idmap", "Groups of concepts by id.", record="group"))
    concepts: Mapping[str, Concept] = field(default_factory=dict, metadata=spec(
        "idmap", "Concepts by id.", required=True, record="concept"))
    relations: tuple[Relation, ...] = field(default=(), metadata=spec(
        "list", "Relations, as mappings or short strings 'from -> phrase -> to'.", record="relation"))
    steps: tuple[Step, ...] = field(default=(), metadata=spec(
        "list", "Presentation steps, in order; each adds to the ones before.", record="step"))
    loops: tuple[LoopSpec, ...] = field(default=(), metadata=spec(
        "list", "Names and descriptions for feedback loops the map contains.", record="loop"))
    perspectives: Mapping[str, Perspective] = field(default_factory=dict, metadata=spec(
        "idmap", "Views of the map by id.", record="perspective"))
    selfcheck: SelfCheck | None = field(default=None, metadata=spec(
        "record", "Which parts a self-check may hide.", record="selfcheck"))
    layout: Layout | None = field(default=None, metadata=spec(
        "record", "Author control over the automatic layout.", record="layout"))
    loc: Loc = field(default=(1, 1), compare=False)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)
    digest: str = field(default="", compare=False, repr=False)  # sha256 of the file's bytes
    warnings: tuple[Any, ...] = field(default=(), compare=False, repr=False)  # Problems that did not stop the map
    # Ids and relation keys written in the file but not read for a problem (and UNREAD_STEP when a step was not):
    # references to them are not reported again.
    unread: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    # The quotes checked against the sources' texts when the map is built (graph/check/quotes.py Checks), or None:
    # not checked, and the outputs say nothing about it.
    checks: Any = field(default=None, compare=False, repr=False)

    def __repr__(self) -> str:
        """Short, for notebooks and debuggers: the whole map is in its fields."""
        def count(n: int, noun: str) -> str:
            return f"{n} {noun}{'' if n == 1 else 's'}"

        return f"<Map {self.name!r}: {count(len(self.concepts), 'concept')}, {count(len(self.relations), 'relation')}>"


RECORDS: dict[str, type] = {
    "map": Map, "source": Source, "group": Group, "evidence": Evidence, "concept": Concept, "relation": Relation,
    "step": Step, "loop": LoopSpec, "perspective": Perspective, "selfcheck": SelfCheck, "layout": Layout,
}


def humanise(concept_id: str) -> str:
    """The default label for an id: `dose_escalation` -> `Dose escalation`."""
    words = concept_id.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]
