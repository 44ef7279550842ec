"""Read a CmapTools CXL file into a map: concepts, linking phrases and connections, the person's layout,
resources and comments."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from graph.check.validate import SAFE_SCHEMES, link_scheme
from graph.export.cxl import CMAP_NS
from graph.importers.common import MAX_BYTES, Ids, Imported, Proposition, one_line, paragraphs, relations, round_half_up
from graph.importers.xmltree import Element, parse_xml
from graph.model import humanise
from graph.problems import MapError, Problem, quoted

DC_NS = "http://purl.org/dc/elements/1.1/"
MAX_POSITION = 1e6


class _Reader:
    def __init__(self, file: str, title: str) -> None:
        self.file = file
        self.out = Imported(file, {"conceptmap": 1, "title": title})
        self.problems: list[Problem] = []
        self.concepts: dict[str, str] = {}  # CXL id -> our id
        self.phrases: dict[str, tuple[str, Element]] = {}  # CXL id -> (label, element)
        self.data: dict[str, dict[str, Any]] = {}  # our concept id -> its entry
        self.made: dict[str, list[Proposition]] = {}  # CXL phrase id -> the propositions it makes

    def problem(self, e: Element, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, e.line, e.col, code, message))

    def ident(self, e: Element, seen: set[str]) -> str | None:
        cxl_id = e.attrs.get("id", "").strip()
        if not cxl_id:
            self.problem(e, "missing", f"<{e.tag}> has no 'id' attribute")
            return None
        if cxl_id in seen:
            self.problem(e, "duplicate-id", f"the id {quoted(cxl_id)} is used twice; each element needs its own")
            return None
        seen.add(cxl_id)
        return cxl_id

    def read(self, root: Element) -> Imported:
        meta = root.find("res-meta")
        description = next((paragraphs(e.text) for e in (meta.children if meta else [])
                            if e.ns == DC_NS and e.tag == "description" and e.text.strip()), None)
        if description:
            self.out.data["description"] = description
        body = root.find("map")
        if body is None:
            self.problem(root, "missing", "the file has no <map> element; a CXL file holds one inside <cmap>")
            raise MapError(self.problems)
        seen: set[str] = set()
        self.read_concepts(body, seen)
        self.read_phrases(body, seen)
        found = self.read_connections(body)
        self.read_resources(body)
        if not self.concepts and not self.problems:
            self.problem(body, "empty", "the map has no concepts")
        if self.problems:
            raise MapError(self.problems)
        self.out.data["concepts"] = self.data
        rels = relations(found, self.out, set(self.data))
        if rels:
            self.out.data["relations"] = rels
        return self.out

    def read_concepts(self, body: Element, seen: set[str]) -> None:
        ids = Ids("concept")
        boxes = {e.attrs.get("id", ""): e for e in body.all("concept-appearance-list", "concept-appearance")}
        for e in body.all("concept-list", "concept"):
            cxl_id = self.ident(e, seen)
            if cxl_id is None:
                continue
            label = one_line(e.attrs.get("label", ""))
            if not label:
                self.out.warn(e.line, e.col, "empty-label", f"concept {quoted(cxl_id)} has no label; called '?'")
                label = "?"
            cid = ids.new(label)
            self.concepts[cxl_id] = cid
            entry: dict[str, Any] = {"label": label}
            for key, attr in (("definition", "short-comment"), ("note", "long-comment")):
                if text := paragraphs(e.attrs.get(attr, "")):
                    entry[key] = text
            if cxl_id in boxes and (at := self.position(boxes[cxl_id])) is not None:
                entry["position"] = at
            self.data[cid] = entry

    def position(self, e: Element) -> list[float] | None:
        """A concept's centre, in whole px: CmapTools writes the centre of each box as `x`, `y`, y growing
        downwards, as our positions do."""
        try:
            x, y = float(e.attrs["x"]), float(e.attrs["y"])
        except (KeyError, ValueError):
            self.out.warn(e.line, e.col, "position", "this appearance has no numeric 'x' and 'y'; the concept "
                          "is placed by the layout")
            return None
        if not all(math.isfinite(v) and abs(v) <= MAX_POSITION for v in (x, y)):
            self.problem(e, "position", f"the position ({e.attrs['x']}, {e.attrs['y']}) is outside "
                         f"-{MAX_POSITION:.0e}..{MAX_POSITION:.0e}")
            return None
        return [round_half_up(x), round_half_up(y)]

    def read_phrases(self, body: Element, seen: set[str]) -> None:
        for e in body.all("linking-phrase-list", "linking-phrase"):
            cxl_id = self.ident(e, seen)
            if cxl_id is not None:
                self.phrases[cxl_id] = (one_line(e.attrs.get("label", "")), e)

    def read_connections(self, body: Element) -> list[Proposition]:
        """Each phrase joins every concept that leads into it to every concept it leads to, in file order."""
        ins: dict[str, list[str]] = {p: [] for p in self.phrases}
        outs: dict[str, list[str]] = {p: [] for p in self.phrases}
        for e in body.all("connection-list", "connection"):
            ends = [e.attrs.get(k, "").strip() for k in ("from-id", "to-id")]
            if not self.ends_ok(e, ends):
                continue
            if ends[0] in self.concepts:
                ins[ends[1]].append(self.concepts[ends[0]])
            else:
                outs[ends[0]].append(self.concepts[ends[1]])
        found = []
        for pid, (label, e) in self.phrases.items():
            if not ins[pid] or not outs[pid]:
                self.out.warn(e.line, e.col, "dangling-phrase", f"the linking phrase {quoted(label)} has no "
                              f"{'incoming' if not ins[pid] else 'outgoing'} connection; it makes no relation")
                continue
            if not label:
                self.problem(e, "empty-text", "a linking phrase with no text joins concepts; write its phrase "
                             "in CmapTools (a concept map needs one on every relation)")
                continue
            extra: dict[str, Any] = {}
            if note := "\n\n".join(t for t in (paragraphs(e.attrs.get(k, "")) for k in ("short-comment",
                                                                                       "long-comment")) if t):
                extra["note"] = note
            self.made[pid] = [Proposition(s, label, t, e.line, e.col, extra) for s in ins[pid] for t in outs[pid]]
            found += self.made[pid]
        return found

    def ends_ok(self, e: Element, ends: list[str]) -> bool:
        for end, key in zip(ends, ("from-id", "to-id"), strict=True):
            if end not in self.concepts and end not in self.phrases:
                self.problem(e, "missing-end", f"the connection's {key} {quoted(end)} is no concept or linking "
                             "phrase of this file" if end else f"the connection has no {key!r}")
                return False
        if (ends[0] in self.concepts) == (ends[1] in self.concepts):
            kind = "two concepts" if ends[0] in self.concepts else "two linking phrases"
            self.problem(e, "connection", f"the connection joins {kind}; a connection goes from a concept to a "
                         "linking phrase or from a linking phrase to a concept")
            return False
        return True

    def read_resources(self, body: Element) -> None:
        """Each resource becomes a source; the concept it hangs on cites it, and so do the relations of a phrase."""
        sources: dict[tuple[str, str | None], str] = {}
        ids = Ids("source")
        for group in body.all("resource-group-list", "resource-group"):
            parent = group.attrs.get("parent-id", "")
            for e in group.all("resource"):
                sid = self.source(e, sources, ids)
                if sid is None:
                    continue
                if parent in self.concepts:
                    cited = self.data[self.concepts[parent]].setdefault("sources", [])
                    if sid not in cited:
                        cited.append(sid)
                else:
                    for p in self.made.get(parent, []):
                        p.extra.setdefault("evidence", {"source": sid})

    def source(self, e: Element, sources: dict[tuple[str, str | None], str], ids: Ids) -> str | None:
        label = one_line(e.attrs.get("label", "") or e.attrs.get("resource-name", ""))
        description = one_line(e.attrs.get("description", ""))
        url = e.attrs.get("resource-url", "").strip() or None
        cite = label if description in ("", label) else f"{label}: {description}" if label else description
        if not cite:
            cite = url or ""
        if not cite:
            return None
        if url is not None and link_scheme(url) not in (None, *SAFE_SCHEMES):
            self.out.warn(e.line, e.col, "bad-url", f"the resource link {quoted(url)} is not http, https or "
                          "relative; kept without its link")
            url = None
        key = (cite, url)
        if key not in sources:
            sources[key] = ids.new(cite)
            entry = {"cite": cite, **({"url": url} if url else {})}
            self.out.data.setdefault("sources", {})[sources[key]] = entry
        return sources[key]


def read_cxl(data: bytes, file: str) -> Imported:
    """The map in CXL bytes, or a MapError with every problem found, located in the file."""
    if len(data) > MAX_BYTES:
        raise MapError([Problem(file, 1, 1, "too-large", f"the file has {len(data)} bytes; the limit is "
                                f"{MAX_BYTES} bytes")])
    root = parse_xml(data, file)
    if root.tag != "cmap" or root.ns not in (CMAP_NS, ""):
        raise MapError([Problem(file, root.line, root.col, "not-cxl", f"the root element is <{root.tag}>, not "
                                f"CmapTools' <cmap xmlns=\"{CMAP_NS}\">")])
    meta = root.find("res-meta")
    titles = [e for e in (meta.children if meta else []) if e.tag == "title" and e.text.strip()]
    titles.sort(key=lambda e: e.ns != DC_NS)  # CmapTools writes dc:title; other tools a plain <title>
    title = one_line(titles[0].text) if titles else ""
    return _Reader(file, title or humanise(Path(file).stem)).read(root)
