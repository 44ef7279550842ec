"""Check a read map for meaning: references resolve, relations are unique, links are safe, sizes bounded."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from typing import Any

from . import model as m
from .problems import Problem, did_you_mean, one_of, quoted

MAX_CONCEPTS = 20_000
MAX_RELATIONS = 60_000
MAX_TEXT = 20_000
SAFE_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see in a link, after entities, case and whitespace tricks; None if relative."""
    cleaned = _INVISIBLE.sub("", html.unescape(html.unescape(url))).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


class _Checker:
    def __init__(self, cmap: m.Map) -> None:
        self.map = cmap
        self.problems: list[Problem] = []
        self.relations = {r.key: r for r in cmap.relations}
        self.either = {**self.relations, **cmap.concepts}  # for lists that may name concepts or relations

    def add(self, loc: m.Loc, code: str, message: str) -> None:
        self.problems.append(Problem(self.map.file, loc[0], loc[1], code, message))

    def ref(self, record: Any, attr: str, value: str, known: dict[str, Any] | Any, what: str) -> None:
        """Report `value` if it is not one of `known`; `attr` may name a list item, as in 'sources.2'."""
        if value not in known:
            loc = record.locs.get(attr) or record.locs.get(attr.split(".")[0], record.loc)
            self.add(loc, "unknown-ref", f"unknown {what} {quoted(value)}{did_you_mean(value, known)}; "
                     f"{one_of(known)}")

    def refs(self, record: Any, attr: str, known: dict[str, Any] | Any, what: str) -> None:
        """Check every id in the list `record.attr`, locating each problem at its own item."""
        for i, value in enumerate(getattr(record, attr)):
            self.ref(record, f"{attr}.{i}", value, known, what)

    def evidence(self, ev: m.Evidence | None) -> None:
        if ev is not None:
            self.ref(ev, "source", ev.source, self.map.sources, "source")

    def run(self) -> list[Problem]:
        cmap = self.map
        for src in cmap.sources.values():
            scheme = link_scheme(src.url) if src.url else None
            if scheme is not None and scheme not in SAFE_SCHEMES:
                self.add(src.locs.get("url", src.loc), "bad-url",
                         f"link scheme {scheme + ':'!r} is not allowed; use an http, https or relative link")
        for c in cmap.concepts.values():
            if c.group is not None:
                self.ref(c, "group", c.group, cmap.groups, "group")
            self.refs(c, "sources", cmap.sources, "source")
            self.evidence(c.evidence)
        seen: dict[str, m.Relation] = {}
        for r in cmap.relations:
            self.ref(r, "source", r.source, cmap.concepts, "concept")
            self.ref(r, "target", r.target, cmap.concepts, "concept")
            self.evidence(r.evidence)
            first = seen.setdefault(r.key, r)
            if first is not r:
                hint = "" if r.id else "; give each its own 'id' to keep both"
                self.add(r.loc, "duplicate-relation", f"the relation {quoted(r.key)} is already given on "
                         f"line {first.loc[0]}{hint}")
        self.steps()
        self.views()
        self.limits()
        return self.problems

    def steps(self) -> None:
        for step in self.map.steps:
            self.refs(step, "concepts", self.map.concepts, "concept")
            self.refs(step, "relations", self.relations, "relation")
            self.refs(step, "highlight", self.either, "concept or relation")

    def views(self) -> None:
        """Loops close along drawn relations; perspectives and the self-check name things that exist."""
        cmap = self.map
        pairs = {(r.source, r.target) for r in cmap.relations}
        for loop in cmap.loops:
            self.refs(loop, "concepts", cmap.concepts, "concept")
            ring = list(loop.concepts)
            gaps = [f"{a} -> {b}" for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
                    if a in cmap.concepts and b in cmap.concepts and (a, b) not in pairs]
            if gaps:
                self.add(loop.locs.get("concepts", loop.loc), "not-a-loop",
                         f"loop {quoted(loop.name)} does not close: no relation {', '.join(gaps[:3])}")
        for view in cmap.perspectives.values():
            for attr in ("show", "hide", "emphasise"):
                self.refs(view, attr, self.either, "concept or relation")
        if cmap.selfcheck:
            self.refs(cmap.selfcheck, "concepts", cmap.concepts, "concept")
            self.refs(cmap.selfcheck, "relations", self.relations, "relation")

    def limits(self) -> None:
        cmap = self.map
        if len(cmap.concepts) > MAX_CONCEPTS:
            self.add(cmap.locs.get("concepts", cmap.loc), "too-many",
                     f"the map has {len(cmap.concepts)} concepts; the limit is {MAX_CONCEPTS}")
        if len(cmap.relations) > MAX_RELATIONS:
            self.add(cmap.locs.get("relations", cmap.loc), "too-many",
                     f"the map has {len(cmap.relations)} relations; the limit is {MAX_RELATIONS}")
        for record, attr, text in _texts(cmap):
            if len(text) > MAX_TEXT:
                self.add(record.locs.get(attr, record.loc), "too-long",
                         f"{attr!r} has {len(text)} characters; the limit is {MAX_TEXT}")


def _texts(record: Any) -> Iterator[tuple[Any, str, str]]:
    """Every (record, attribute, text) in a record tree."""
    for f in dataclasses.fields(record):
        kind, value = f.metadata.get("kind"), getattr(record, f.name)
        if kind in (m.TEXT, m.URL) and value is not None:
            yield record, f.name, value
        elif kind in ("idmap", "list", "record") and value is not None:
            for item in value.values() if kind == "idmap" else value if kind == "list" else (value,):
                yield from _texts(item)


def validate(cmap: m.Map) -> list[Problem]:
    """Every meaning problem in a map that read without shape problems."""
    return _Checker(cmap).run()
