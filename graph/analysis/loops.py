"""Feedback loops and paths: the map's simple cycles, classified by the signs of their effects, and the
shortest chains of relations between two concepts."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice, pairwise, product

import networkx as nx

from graph.model import Map, Relation
from graph.text import in_sentence, proposition

MAX_LENGTH = 8  # longest loop looked for, in relations
MAX_LOOPS = 200  # at most this many loops are reported, shortest first
WORK = 3_000_000  # steps of the cycle search at most
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
    """The shortest simple cycles, up to MAX_LENGTH relations and at most MAX_LOOPS, named R1, B1, U1, ... unless
    the map names it under `loops:`; the named ones first, in the map's order, then the others, shortest first."""
    between: dict[tuple[str, str], list[Relation]] = {}
    for r in cmap.relations:
        between.setdefault((r.source, r.target), []).append(r)

    def choices() -> Iterator[tuple[Relation, ...]]:  # parallel relations multiply: taken lazily, never all
        for concepts in shortest_cycles(list(between)):
            hops = [between[(a, concepts[(i + 1) % len(concepts)])] for i, a in enumerate(concepts)]
            yield from product(*hops)

    found = list(islice(choices(), MAX_LOOPS))
    named = {_canonical(tuple(spec.concepts)): (i, spec) for i, spec in enumerate(cmap.loops)}
    counters = {"R": 0, "B": 0, "U": 0}
    loops: list[tuple[int, Loop]] = []
    for relations in found:
        kind = classify(relations)
        order, spec = named.get(_canonical(tuple(r.source for r in relations)), (len(named), None))
        if spec is None:
            counters[PREFIX[kind]] += 1
            loops.append((order, Loop(f"{PREFIX[kind]}{counters[PREFIX[kind]]}", kind, relations)))
        else:
            loops.append((order, Loop(spec.name, kind, relations, spec.description, named=True)))
    return tuple(lp for _, lp in sorted(loops, key=lambda item: item[0]))


def shortest_cycles(edges: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """The simple cycles of a directed graph, shortest first, then by their concepts (each cycle starts at its
    smallest id): every cycle up to the length at which MAX_LOOPS are found, and none over MAX_LENGTH. Lengths
    are searched one at a time; each cycle from its smallest concept only, through larger ones, and a step is
    taken only when the start can still be reached in the relations left (distances found backwards). The
    search does at most WORK steps, so it ends at the same point on every machine, however dense the map."""
    part = {n: i for i, nodes in enumerate(nx.strongly_connected_components(nx.DiGraph(edges))) for n in nodes}
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for a, b in edges:
        if part[a] == part[b]:  # a cycle never leaves its strongly connected component
            after.setdefault(a, []).append(b)
            before.setdefault(b, []).append(a)
    budget = [WORK]
    cycles: list[tuple[str, ...]] = []
    for length in range(1, MAX_LENGTH + 1):
        for start in sorted(after):
            if budget[0] <= 0:
                break
            if far := _back_distances(start, before, length - 1, budget):
                cycles += _cycles_from(start, length, after, far, budget)
        if len(cycles) >= MAX_LOOPS or budget[0] <= 0:
            break
    return sorted(cycles, key=lambda c: (len(c), c))


def _back_distances(start: str, before: dict[str, list[str]], depth: int, budget: list[int]) -> dict[str, int]:
    """How many relations each concept larger than `start` is from `start`, up to `depth` (breadth first,
    backwards); empty when no relation leads back to it."""
    if start not in before:
        return {}
    far = {start: 0}
    frontier = [start]
    for step in range(1, depth + 1):
        nxt = []
        for here in frontier:
            budget[0] -= len(before.get(here, ()))
            for prev in before.get(here, ()):
                if prev > start and prev not in far:
                    far[prev] = step
                    nxt.append(prev)
        frontier = nxt
    return far


def _cycles_from(start: str, length: int, after: dict[str, list[str]], far: dict[str, int],
                 budget: list[int]) -> list[tuple[str, ...]]:
    """The cycles of exactly `length` relations from `start` through concepts larger than it (depth first,
    without recursion)."""
    found: list[tuple[str, ...]] = []
    path, todo = [start], [iter(after.get(start, ()))]
    while todo and budget[0] > 0:
        nxt = next(todo[-1], None)
        budget[0] -= 1
        if nxt is None:
            todo.pop()
            path.pop()
        elif nxt == start:
            if len(path) == length:
                found.append(tuple(path))
        elif len(path) + far.get(nxt, MAX_LENGTH + 1) <= length and nxt > start and nxt not in path:
            path.append(nxt)
            todo.append(iter(after.get(nxt, ())))
    return found


def explain(cmap: Map, start: str, end: str, limit: int = 5) -> tuple[tuple[Relation, ...], ...]:
    """The first `limit` shortest chains of relations from `start` to `end`, in a fixed order: by the concepts
    they pass through (ids compared as text), then by the relations' order in the map; none from a concept to
    itself. The page's path finder (insight.js) follows the same rule; a parity test keeps them equal."""
    leaving: dict[str, list[Relation]] = {}
    entering: dict[str, list[Relation]] = {}
    for r in cmap.relations:
        leaving.setdefault(r.source, []).append(r)
        entering.setdefault(r.target, []).append(r)
    to_end = _distances(end, entering)
    if start == end or start not in to_end:
        return ()

    def closer(node: str) -> list[str]:  # the next concepts on a shortest chain, in id order
        return sorted({r.target for r in leaving.get(node, ()) if to_end.get(r.target) == to_end[node] - 1})

    def paths() -> Iterator[list[str]]:  # shortest concept paths in id order, depth first without recursion
        path, todo = [start], [closer(start)]
        while todo:
            if not todo[-1]:
                todo.pop()
                path.pop()
            elif (node := todo[-1].pop(0)) == end:
                yield [*path, node]
            else:
                path.append(node)
                todo.append(closer(node))

    def chains() -> Iterator[tuple[Relation, ...]]:  # parallel relations multiply: taken lazily, never all
        for path in paths():
            yield from product(*([r for r in leaving[a] if r.target == b] for a, b in pairwise(path)))

    return tuple(islice(chains(), limit))


def _distances(end: str, entering: dict[str, list[Relation]]) -> dict[str, int]:
    """How many relations each concept is from `end`, following their direction (breadth first)."""
    far, queue = {end: 0}, deque([end])
    while queue:
        here = queue.popleft()
        for r in entering.get(here, ()):
            if r.source not in far:
                far[r.source] = far[here] + 1
                queue.append(r.source)
    return far
