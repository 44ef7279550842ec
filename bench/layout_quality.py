"""Drawing quality of built pages, measured in headless Chromium from what vis-network drew: phrase boxes that
overlap a concept or another phrase, crossings, lines through concepts, text size at the first view, layout time.

    python bench/layout_quality.py [MAP.yaml ...]     (default: ../shared/maps/real/*.yaml and concepts/*.yaml)
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.analysis import graphviz  # noqa: E402
from graph.analysis.build import build_graph  # noqa: E402
from graph.analysis.drawing import concept_box, phrase_boxes, segments  # noqa: E402
from graph.analysis.grid import _overlap, _through  # noqa: E402
from graph.analysis.layout import DOT_ATTRS, compute_layout  # noqa: E402
from graph.analysis.placement import _paths_cross, crossings, through  # noqa: E402
from graph.load import load_map  # noqa: E402
from graph.page.html import render_html  # noqa: E402

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
DRAWN = """() => {
  const m = Object.values(conceptmap.maps)[0], net = m.network, boxes = {}, segs = [];
  net.body.nodeIndices.forEach(id => { const n = net.body.nodes[id];
    boxes[id] = [n.x, n.y, n.shape.width, n.shape.height, n.options.font.size, !!m.concept(id)]; });
  net.body.edgeIndices.forEach(id => { const e = net.body.edges[id], pts = [];  // as drawn: straight or bent
    const via = e.edgeType.getViaNode ? e.edgeType.getViaNode() : undefined;
    for (let i = 0; i <= 24; i++) { const q = e.edgeType.getPoint(i / 24, via); pts.push([q.x, q.y]); }
    segs.push([String(e.fromId), String(e.toId), pts]); });
  return {boxes: boxes, segs: segs, scale: net.getScale()};
}"""


def rect(b: list[float]) -> tuple[float, float, float, float]:
    return b[0] - b[2] / 2, b[1] - b[3] / 2, b[0] + b[2] / 2, b[1] + b[3] / 2


def counts(d: dict) -> dict[str, int]:
    boxes, segs = d["boxes"], d["segs"]
    concepts = {k for k, b in boxes.items() if b[5]}
    phrases = [k for k in boxes if k not in concepts]
    hit = sum(1 for p in phrases if any(_overlap(rect(boxes[p]), rect(boxes[o])) for o in boxes if o != p))
    drawn = [(u, v, [tuple(q) for q in pts]) for u, v, pts in segs]
    crossings = sum(1 for i, (u, v, p) in enumerate(drawn) for s, t, q in drawn[i + 1:]
                    if not {u, v} & {s, t} and _paths_cross(p, q))
    shrunk = {k: (lambda r: (r[0] + 2, r[1] + 2, r[2] - 2, r[3] - 2))(rect(boxes[k])) for k in concepts}
    lines = sum(1 for u, v, pts in drawn for k in concepts
                if k not in (u, v) and any(_through(a, b, shrunk[k]) for a, b in itertools.pairwise(pts)))
    return {"phrases": len(phrases), "phrase_collisions": hit, "crossings": crossings,
            "lines_through_concepts": lines}


def dot_counts(cmap: object, attrs: dict[str, str] | None = None) -> tuple[int, int]:
    """Lines through concepts and crossings of Graphviz dot's own drawing of the map, pins ignored: phrase boxes
    as nodes, straight lines; dot's default settings (down the page) unless `attrs` are given."""
    g = build_graph(cmap)  # type: ignore[arg-type]
    boxes = {n: concept_box(n, str(g.nodes[n]["label"])) for n in g}
    phrases = phrase_boxes(g)
    sizes = {n: (float(b.width), float(b.height)) for n, b in boxes.items()}
    sizes.update({p.id: (float(p.width), float(p.height)) for p in phrases})
    at = graphviz.run("dot", graphviz.source(sizes, segments(phrases), attrs or {}))
    phrase_at, concept_at = {p.id: at[p.id] for p in phrases}, {n: at[n] for n in boxes}
    return through(phrases, phrase_at, concept_at, boxes), crossings(phrases, phrase_at, concept_at)


def main(paths: list[Path]) -> None:
    from playwright.sync_api import sync_playwright

    rows = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for path in paths:
            cmap = load_map(path)
            start = time.perf_counter()
            drawing = compute_layout(build_graph(cmap))
            layout_s = time.perf_counter() - start
            page_file = Path(tmp) / f"{cmap.name}.html"
            page_file.write_text(render_html(cmap, drawing), encoding="utf-8")
            row: dict = {"concepts": len(cmap.concepts), "relations": len(cmap.relations),
                         "layout_s": round(layout_s, 3), "dot": dot_counts(cmap),
                         "dot_our_settings": dot_counts(cmap, DOT_ATTRS)}
            for w, h in ((1280, 720), (1024, 768)):
                page = browser.new_page(viewport={"width": w, "height": h})
                page.emulate_media(reduced_motion="reduce")
                page.goto(page_file.as_uri())
                page.wait_for_selector("[data-cm-ready]")
                d = page.evaluate(DRAWN)
                page.close()
                if w == 1280:
                    row.update(counts(d))
                px = [b[4] * d["scale"] for b in d["boxes"].values() if b[5]]
                ppx = [b[4] * d["scale"] for b in d["boxes"].values() if not b[5]]
                row[f"concept_px_{w}"] = round(statistics.median(px), 1)
                row[f"phrase_px_{w}"] = round(statistics.median(ppx), 1) if ppx else None
            rows[cmap.name] = row
        browser.close()
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    given = [Path(a) for a in sys.argv[1:]]
    real = sorted((ROOT.parent / "shared" / "maps" / "real").glob("*.yaml"))
    main(given or real + sorted((ROOT / "concepts").glob("*.yaml")))
