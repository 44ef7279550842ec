"""Feedback loops and paths: the map's simple cycles, classified by the signs of their effects, and the
shortest chains of relations between two concepts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice, pairwise, product

import networkx as nx

from .model import Map, Relation
from .text import in_sentence, proposition

MAX_LENGTH = 8  # longest loop looked for, in relations
MAX_LOOPS = 200  # at most this many loops are reported, shortest first
MAX_PATHS = 100  # shortest paths looked at when explaining a chain (each may stand for several chains)
SIGNS = {"increases": 1, "produces": 1, "decreases": -1, "interdependent": 0, "defines": 0}
KINDS = {1: "reinforcing", -1: "balancing", 0: "undetermined"}
PREFIX = {"reinforcing": "R", "balancing": "B", "undetermined": "U"}


@dataclass(frozen=True)
class Loop:
    """One feedback loop: its relations in order, its class, and whether it rests on an inferred link."""

    name: str
    kind: str
    relations: tuple[Relation, ...]
    description: str | None = None
    named: bool = False  # the author names it under `loops:`

    @property
    def concepts(self) -> tuple[str, ...]:
        return tuple(r.source for r in self.relations)

    @property
    def inferred(self) -> bool:
        return any(r.inferred for r in self.relations)

    def sentence(self, cmap: Map) -> str:
        """The loop read as a chain: 'A phrase b; b phrase c; ... (reinforcing).'"""
        parts = [proposition(cmap, r)[:-1] if i == 0 else in_sentence(proposition(cmap, r)[:-1])
                 for i, r in enumerate(self.relations)]
        return "; then ".join(parts) + f" ({self.kind}{', relies on an inferred link' if self.inferred else ''})."


def classify(relations: tuple[Relation, ...]) -> str:
    """Reinforcing when the signs multiply to +, balancing when to -, undetermined when any sign is unknown."""
    sign = 1
    for r in relations:
        sign *= SIGNS[r.effect]
    return KINDS[sign]


def _canonical(concepts: tuple[str, ...]) -> tuple[str, ...]:
    """A cycle's concepts rotated to start at the smallest id, so the same loop always looks the same."""
    i = concepts.index(min(concepts))
    return concepts[i:] + concepts[:i]


def find_loops(cmap: Map) -> tuple[Loop, ...]:
    """Every simple cycle up to MAX_LENGTH relations (at most MAX_LOOPS), named R1, B1, U1, ... unless the map
    names it under `loops:`; the named ones first, in the map's order, then the others, shortest first."""
    g = nx.DiGraph()
    g.add_nodes_from(cmap.concepts)
    between: dict[tuple[str, str], list[Relation]] = {}
    for r in cmap.relations:
        g.add_edge(r.source, r.target)
        between.setdefault((r.source, r.target), []).append(r)
    cycles = []
    for cycle in nx.simple_cycles(g, length_bound=MAX_LENGTH):
        cycles.append(_canonical(tuple(cycle)))
        if len(cycles) >= MAX_LOOPS * 2:
            break
    def choices() -> Iterator[tuple[Relation, ...]]:  # parallel relations multiply: taken lazily, never all
        for concepts in sorted(set(cycles), key=lambda c: (len(c), c)):
            hops = [between[(a, concepts[(i + 1) % len(concepts)])] for i, a in enumerate(concepts)]
            yield from product(*hops)

    found = list(islice(choices(), MAX_LOOPS))
    named = {_canonical(tuple(spec.concepts)): (i, spec) for i, spec in enumerate(cmap.loops)}
    counters = {"R": 0, "B": 0, "U": 0}
    loops: list[tuple[int, Loop]] = []
    for relations in found[:MAX_LOOPS]:
        kind = classify(relations)
        order, spec = named.get(_canonical(tuple(r.source for r in relations)), (len(named), None))
        if spec is None:
            counters[PREFIX[kind]] += 1
            loops.append((order, Loop(f"{PREFIX[kind]}{counters[PREFIX[kind]]}", kind, relations)))
        else:
            loops.append((order, Loop(spec.name, kind, relations, spec.description, named=True)))
    return tuple(lp for _, lp in sorted(loops, key=lambda item: item[0]))


def explain(cmap: Map, start: str, end: str, limit: int = 5) -> tuple[tuple[Relation, ...], ...]:
    """The shortest chains of relations from `start` to `end` (at most `limit`), or none."""
    g = nx.MultiDiGraph()
    g.add_nodes_from(cmap.concepts)
    for r in cmap.relations:
        g.add_edge(r.source, r.target, key=r.key, relation=r)
    if start == end:
        return ()
    try:
        paths = sorted(islice(nx.all_shortest_paths(nx.DiGraph(g), start, end), MAX_PATHS))
    except nx.NetworkXNoPath:
        return ()

    def chains() -> Iterator[tuple[Relation, ...]]:  # parallel relations multiply: taken lazily, never all
        for path in paths:
            hops = [[d["relation"] for d in g.get_edge_data(a, b).values()] for a, b in pairwise(path)]
            yield from product(*hops)

    return tuple(islice(chains(), limit))
