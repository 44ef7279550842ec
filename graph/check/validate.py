"""Check a read map for meaning: references resolve, relations are unique, links are safe, sizes bounded."""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from graph import model as m
from graph.check.steps import mended, unrevealed
from graph.problems import Hints, Problem, one_of, quoted
from graph.read.textcheck import text_warnings

MAX_CONCEPTS = 20_000
MAX_RELATIONS = 60_000
MAX_TEXT = 20_000
MAX_STEPS = 100
MAX_STEP_IDS = 20_000  # ids listed in all steps together (concepts, relations, highlight)
SAFE_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")


URL_RULE = "use an http or https link (https://example.org/page) or a relative path (notes/page.html)"


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see in a link, after entities, case and whitespace tricks; None if relative."""
    cleaned = _INVISIBLE.sub("", html.unescape(html.unescape(url))).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def _odd_character(text: str) -> tuple[int, str] | None:
    """The first whitespace, control or invisible format character in `text`, with its 1-based position."""
    for i, ch in enumerate(text, 1):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            return i, ch
    return None


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a source link, or None: no whitespace, control or invisible characters (also once HTML
    entities are read), no scheme but http and https, and no relative link that a browser reads as a link to
    another host: two slashes or backslashes in any mix at the start."""
    decoded = html.unescape(html.unescape(url))
    for text, how in ((url, ""), (decoded, " once its HTML entities are read")):
        if odd := _odd_character(text):
            what = "a space" if odd[1] == " " else f"the character U+{ord(odd[1]):04X}"
            return (f"the link holds {what} at character {odd[0]}{how}; a link cannot hold whitespace, control "
                    f"or invisible characters (write a space as %20); {URL_RULE}")
    scheme = link_scheme(url)
    if scheme is not None and scheme not in SAFE_SCHEMES:
        return f"link scheme {scheme + ':'!r} is not allowed; {URL_RULE}"
    if scheme is None and len(decoded) > 1 and decoded[0] in "/\\" and decoded[1] in "/\\":
        return (f"{quoted(url)} starts with two slashes or backslashes, so a browser reads it as a link to another "
                f"host; write https://HOST/... for another site, or {URL_RULE}")
    return None


class _Checker:
    def __init__(self, cmap: m.Map) -> None:
        self.map = cmap
        self.problems: list[Problem] = []
        self.hint = Hints()
        self.skip = set(cmap.unread)  # their problems are reported where they are written
        self.mended: dict[str, m.Relation] | None = None
        self.relations = {r.key: r for r in cmap.relations if r.id or (r.source in cmap.concepts and r.target in
                                                                           cmap.concepts)}
        self.either = {**self.relations, **cmap.concepts}  # for lists that may name concepts or relations
        self.accepted: dict[int, tuple[Any, str]] = {}  # "use one of ...", worded once per set of choices

    def one_of(self, known: Any) -> str:
        kept = self.accepted.get(id(known))
        if kept is None or kept[0] is not known:
            kept = self.accepted[id(known)] = (known, one_of(known))
        return kept[1]

    def add(self, loc: m.Loc, code: str, message: str) -> None:
        self.problems.append(Problem(self.map.file, loc[0], loc[1], code, message))

    def broken(self, value: str) -> bool:
        """Whether `value` names a relation whose own concept is wrong (graph/check/steps.py `mended`); worked out once,
        when needed."""
        if self.mended is None:
            self.mended = mended(self.map)
        return value in self.mended

    def excused(self, value: str) -> bool:
        """Whether a reference to `value` fails only because of a problem reported elsewhere."""
        if value in self.skip:
            return True
        return "->" in value and (self.broken(value) or all(end in self.skip for end in value.split("->")))

    def ref(self, record: Any, attr: str, value: str, known: dict[str, Any] | Any, what: str) -> None:
        """Report `value` if it is not one of `known`; `attr` may name a list item, as in 'sources.2'."""
        if value not in known and not self.excused(value):
            loc = record.locs.get(attr) or record.locs.get(attr.split(".")[0], record.loc)
            self.add(loc, "unknown-ref", f"unknown {what} {quoted(value)}{self.hint(value, known)}; "
                     f"{self.one_of(known)}")

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
            if src.url and (why := url_problem(src.url)):
                self.add(src.locs.get("url", src.loc), "bad-url", why)
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
        if cmap.layout is not None:
            self.layout(cmap.layout)
        self.limits()
        return self.problems

    def steps(self) -> None:
        steps = self.map.steps
        if len(steps) > MAX_STEPS:
            self.add(self.map.locs.get("steps", self.map.loc), "too-many",
                     f"the map has {len(steps)} steps; the limit is {MAX_STEPS}: split the presentation into maps")
        listed = 0
        for i, step in enumerate(steps[:MAX_STEPS]):  # past a limit, the rest is not looked at
            listed += len(step.concepts) + len(step.relations) + len(step.highlight)
            if listed > MAX_STEP_IDS:
                self.add(step.loc, "too-many", f"steps 1 to {i + 1} list {listed} ids (concepts, relations and "
                         f"highlights); the limit for all steps together is {MAX_STEP_IDS}")
                return
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
                    if a in cmap.concepts and b in cmap.concepts and (a, b) not in pairs
                    and not self.excused(f"{a}->{b}")]
            if gaps:
                self.add(loop.locs.get("concepts", loop.loc), "not-a-loop",
                         f"loop {quoted(loop.name)} does not close: no relation {', '.join(gaps[:3])}")
        for view in cmap.perspectives.values():
            for attr in ("show", "hide", "emphasise"):
                self.refs(view, attr, self.either, "concept or relation")
        if cmap.selfcheck:
            self.refs(cmap.selfcheck, "concepts", cmap.concepts, "concept")
            self.refs(cmap.selfcheck, "relations", self.relations, "relation")

    def layout(self, spec: m.Layout) -> None:
        """Layout ids name concepts; rows, columns and pins do not contradict each other; hierarchy phrases are used."""
        for attr in ("same_row", "same_column"):
            for i, ids in enumerate(getattr(spec, attr)):
                for j, cid in enumerate(ids):
                    self.ref(spec, f"{attr}.{i}.{j}", cid, self.map.concepts, "concept")
        self.lines(spec, "same_row", 1)
        self.lines(spec, "same_column", 0)
        for i, row in enumerate(spec.same_row):
            for k, column in enumerate(spec.same_column):
                both = [c for c in dict.fromkeys(column) if c in row]
                if len(both) > 1:
                    self.add(spec.locs.get(f"same_column.{k}.{column.index(both[1])}", spec.loc), "layout-conflict",
                             f"{quoted(both[0])} and {quoted(both[1])} are in same_row {i + 1} and same_column "
                             f"{k + 1}: two concepts cannot share both a row and a column")
        phrases = {r.phrase for r in self.map.relations}
        for i, phrase in enumerate(spec.hierarchy):
            if phrase not in phrases:
                self.add(spec.locs.get(f"hierarchy.{i}", spec.loc), "unknown-phrase",
                         f"no relation uses the linking phrase {quoted(phrase)}{self.hint(phrase, phrases)}; "
                         f"{self.one_of(phrases)}")

    def lines(self, spec: m.Layout, attr: str, axis: int) -> None:
        """A concept is in one row (column) only, and the pinned concepts of one row (column) agree on y (x)."""
        what, coord = ("row", "y") if axis else ("column", "x")
        first: dict[str, int] = {}
        for i, ids in enumerate(getattr(spec, attr)):
            pinned: dict[float, str] = {}
            for j, cid in enumerate(ids):
                loc = spec.locs.get(f"{attr}.{i}.{j}", spec.loc)
                if first.setdefault(cid, i) != i:
                    line = spec.locs.get(f"{attr}.{first[cid]}", spec.loc)[0]
                    self.add(loc, "layout-conflict", f"{quoted(cid)} is already in {attr} {first[cid] + 1} (line "
                             f"{line}); a concept can be in one {what} only: merge the two lists")
                concept = self.map.concepts.get(cid)
                if concept is None or concept.position is None:
                    continue
                at = concept.position[axis]
                other = next(iter(pinned.values()), None)
                if other is not None and at not in pinned:
                    self.add(loc, "layout-conflict", f"{quoted(cid)} is pinned at {coord} {at:g} and {quoted(other)} "
                             f"at {coord} {next(iter(pinned)):g}, so they cannot share a {what}; pinned positions "
                             f"always win: give them the same {coord}, or leave one out of this list")
                pinned.setdefault(at, cid)

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


_TEXT_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _text_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, kind) of the fields of a record class that hold text or more records (worked out once)."""
    if cls not in _TEXT_FIELDS:
        _TEXT_FIELDS[cls] = tuple((f.name, f.metadata["kind"]) for f in dataclasses.fields(cls)
                                  if f.metadata.get("kind") in (m.TEXT, m.URL, "idmap", "list", "record"))
    return _TEXT_FIELDS[cls]


def _texts(record: Any) -> Iterator[tuple[Any, str, str]]:
    """Every (record, attribute, text) in a record tree."""
    for name, kind in _text_fields(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        if kind in (m.TEXT, m.URL):
            yield record, name, value
        else:
            for item in value.values() if kind == "idmap" else value if kind == "list" else (value,):
                yield from _texts(item)


def validate(cmap: m.Map) -> list[Problem]:
    """Every meaning problem in a map that read without shape problems, and the warnings about its text."""
    texts = ((record, attr, text) for record, attr, text in _texts(cmap) if attr != "url")  # a url's own rule
    return _Checker(cmap).run() + text_warnings(cmap.file, texts, cmap.concepts.values()) + unrevealed(cmap)
