"""Write a map as CmapTools CXL: concepts, one linking phrase per phrase box, connections, resources, and every
box where our layout puts it (pure: map and drawing in, text out)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from graph.analysis.drawing import EDGE_FONT, NODE_FONT, Box, Drawing
from graph.export.svg import attr, text
from graph.model import Map

MARGIN = 20  # px left free above and to the left of a drawing that has to be moved: CmapTools' maps start at (0, 0)
CMAP_NS = "http://cmap.ihmc.us/xml/cmap/"
NAMESPACES = (f'xmlns:dcterms="http://purl.org/dc/terms/" xmlns="{CMAP_NS}" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:vcard="http://www.w3.org/2001/vcard-rdf/3.0#"')
FONT = "Arial"  # the font our boxes are measured in


class _Ids:
    """CmapTools-shaped ids (`1140541260703_1117565163_1295`), the same for the same map every time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0

    def new(self, key: str) -> str:
        self.count += 1
        digest = int(hashlib.sha256(f"{self.name}\0{key}".encode()).hexdigest(), 16)
        return f"{1_000_000_000_000 + digest % 9_000_000_000_000}_{digest // 10**13 % 2_000_000_000}_{self.count}"


def _element(tag: str, indent: int = 12, end: str = "/>", **values: object) -> str:
    """`<tag a="..." .../>` with the attributes given (`_` in a name becomes `-`), None ones left out; a
    line break in a value is written `&#10;`, so that it survives."""
    attrs = "".join(f" {k.replace('_', '-')}={attr(str(v))}" for k, v in values.items() if v is not None)
    return f"{' ' * indent}<{tag}{attrs}{end}"


def _box(tag: str, cxl_id: str, box: Box, shift: tuple[int, int], font: int) -> str:
    return _element(tag, id=cxl_id, x=box.x + shift[0], y=box.y + shift[1], width=box.width, height=box.height,
                    font_name=FONT, font_size=font)


def _shift(drawing: Drawing) -> tuple[int, int]:
    """How far to move every box: not at all when every concept's centre is at 0 or more (a map from CmapTools
    keeps its coordinates), else so that the drawing starts MARGIN px from the top left corner."""
    boxes = [*drawing.concepts.values(), *drawing.phrases]
    if min((min(b.x, b.y) for b in drawing.concepts.values()), default=0) >= 0:
        return 0, 0
    return MARGIN - min(b.x - b.width // 2 for b in boxes), MARGIN - min(b.y - b.height // 2 for b in boxes)


def _section(tag: str, lines: list[str]) -> Iterator[str]:
    if lines:
        yield f"        <{tag}>"
        yield from lines
        yield f"        </{tag}>"


def _meta(cmap: Map) -> Iterator[str]:
    yield "    <res-meta>"
    yield f"        <dc:title>{text(cmap.title)}</dc:title>"
    if cmap.description:
        yield f"        <dc:description>{text(cmap.description)}</dc:description>"
    yield "        <dc:format>x-cmap/x-storable</dc:format>"
    yield "        <dc:publisher>conceptmap</dc:publisher>"
    yield "    </res-meta>"


def _resources(cmap: Map, parent: str, source_ids: list[str], ids: _Ids) -> list[str]:
    """A resource group for the sources a concept or phrase cites: web links, or just the citation."""
    links = [cmap.sources[s] for s in dict.fromkeys(source_ids) if s in cmap.sources]
    if not links:
        return []
    out = [_element("resource-group", end=">", parent_id=parent, group_type="text-and-image")]
    out += [_element("resource", 16, id=ids.new(f"resource/{parent}/{s.id}"), label=s.cite, description="",
                     resource_mimetype="text/x-url" if s.url else "text/plain", resource_url=s.url) for s in links]
    return [*out, "            </resource-group>"]


def write_cxl(cmap: Map, drawing: Drawing) -> str:
    """The CXL text: each concept with its definition as CmapTools' hover text and its note as the long comment;
    each phrase box one linking phrase, joined from its concept and to each of its targets."""
    ids = _Ids(cmap.name)
    cid = {c: ids.new("concept/" + c) for c in cmap.concepts}
    rel = {r.key: r for r in cmap.relations}
    concepts, phrases, connections, resources, concept_boxes, phrase_boxes, links = ([] for _ in range(7))
    for c in cmap.concepts.values():
        box = drawing.concepts[c.id]
        concepts.append(_element("concept", id=cid[c.id], label="\n".join(box.lines) or c.label,
                                 short_comment=c.definition, long_comment=c.note))
        resources += _resources(cmap, cid[c.id], list(c.sources) + ([c.evidence.source] if c.evidence else []), ids)
    shift = _shift(drawing)
    for key in cmap.concepts:
        concept_boxes.append(_box("concept-appearance", cid[key], drawing.concepts[key], shift, NODE_FONT))
    order = {r.key: i for i, r in enumerate(cmap.relations)}
    for p in sorted(drawing.phrases, key=lambda p: min(order[key] for key, _ in p.relations)):
        pid = ids.new("phrase/" + p.id)
        members = [rel[key] for key, _ in p.relations]
        notes = "\n\n".join(dict.fromkeys(r.note for r in members if r.note)) or None
        phrases.append(_element("linking-phrase", id=pid, label=members[0].phrase, long_comment=notes))
        phrase_boxes.append(_box("linking-phrase-appearance", pid, p, shift, EDGE_FONT))
        for src, dst in [(cid[p.source], pid), *((pid, cid[target]) for _, target in p.relations)]:
            connection = ids.new(f"connection/{src}/{dst}")
            connections.append(_element("connection", id=connection, from_id=src, to_id=dst))
            links.append(_element("connection-appearance", id=connection, from_pos="center", to_pos="center",
                                  arrowhead="if-to-concept"))
        resources += _resources(cmap, pid, [r.evidence.source for r in members if r.evidence], ids)
    boxes = [*drawing.concepts.values(), *drawing.phrases]
    width = max((b.x + shift[0] + b.width // 2 for b in boxes), default=0) + MARGIN
    height = max((b.y + shift[1] + b.height // 2 for b in boxes), default=0) + MARGIN
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<cmap {NAMESPACES}>", *_meta(cmap),
             f'    <map width="{width}" height="{height}">']
    for tag, items in (("concept-list", concepts), ("linking-phrase-list", phrases), ("connection-list", connections),
                       ("resource-group-list", resources), ("concept-appearance-list", concept_boxes),
                       ("linking-phrase-appearance-list", phrase_boxes), ("connection-appearance-list", links)):
        lines += _section(tag, items)
    return "\n".join([*lines, "    </map>", "</cmap>", ""])
