"""Layout stability across an edit: add one concept to each map, related from its most connected concept (the
hub) or from its least connected one (a leaf), lay out both maps, and report how far the unchanged concepts moved.

    python bench/stability.py [MAP.yaml ...]     (default: ../shared/maps/real/*.yaml and concepts/*.yaml)

Pins are stripped first, so that the automatic layout is what is measured. `moved` is the median displacement
of the unchanged concepts in px; `moved (shifted)` the same after taking out the drawing's median shift (a
drawing that only slides is re-framed by the page anyway); both also as a share of the drawing's diagonal.
`flipped` says whether the automatic direction (down or across) changed.
The median row is over maps; the figures in the README come from this script.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import model as m  # noqa: E402
from graph.analysis.build import build_graph  # noqa: E402
from graph.analysis.drawing import Drawing  # noqa: E402
from graph.analysis.layout import compute_layout  # noqa: E402
from graph.load import load_map  # noqa: E402

NEW = "new_idea"


def unpinned(cmap: m.Map) -> m.Map:
    """The map with every `position` taken out."""
    return dataclasses.replace(cmap, concepts={k: dataclasses.replace(c, position=None)
                                               for k, c in cmap.concepts.items()})


def hub(cmap: m.Map) -> str:
    """The most connected concept (the first in file order among equals)."""
    degree = Counter(end for r in cmap.relations for end in (r.source, r.target))
    return max(cmap.concepts, key=lambda c: degree[c])


def leaf(cmap: m.Map) -> str:
    """The least connected concept (the last in file order among equals)."""
    degree = Counter(end for r in cmap.relations for end in (r.source, r.target))
    return min(reversed(list(cmap.concepts)), key=lambda c: degree[c])


def with_one_more(cmap: m.Map, anchor: str) -> m.Map:
    """The map with a new concept at the end of the file, related from `anchor`."""
    concept = m.Concept(id=NEW, label="A new idea")
    relation = m.Relation(source=anchor, target=NEW, phrase="leads to")
    return dataclasses.replace(cmap, concepts={**cmap.concepts, NEW: concept},
                               relations=(*cmap.relations, relation))


def diagonal(d: Drawing) -> float:
    xs = [b.x + s * b.width / 2 for b in d.concepts.values() for s in (-1, 1)]
    ys = [b.y + s * b.height / 2 for b in d.concepts.values() for s in (-1, 1)]
    return math.hypot(max(xs) - min(xs), max(ys) - min(ys))


def across(d: Drawing) -> bool:
    xs, ys = [b.x for b in d.concepts.values()], [b.y for b in d.concepts.values()]
    return max(xs) - min(xs) > max(ys) - min(ys)


def measure(cmap: m.Map, anchor: str) -> dict[str, float | bool]:
    before = compute_layout(build_graph(cmap))
    after = compute_layout(build_graph(with_one_more(cmap, anchor)))
    moves = [(after.concepts[c].x - before.concepts[c].x, after.concepts[c].y - before.concepts[c].y)
             for c in cmap.concepts]
    sx, sy = statistics.median(v[0] for v in moves), statistics.median(v[1] for v in moves)
    raw = statistics.median(math.hypot(*v) for v in moves)
    shifted = statistics.median(math.hypot(v[0] - sx, v[1] - sy) for v in moves)
    diag = diagonal(before)
    return {"moved": raw, "moved_rel": raw / diag, "shifted": shifted, "shifted_rel": shifted / diag,
            "flipped": across(before) != across(after)}


def main(paths: list[Path]) -> None:
    head = f"{'map':22} {'concepts':>8} {'to':>5} {'moved px':>9} {'of diag':>8} {'shifted px':>11} {'of diag':>8} " \
           f"{'flipped':>8}"
    print(head)
    print("-" * len(head))
    rows: dict[str, list[dict[str, float | bool]]] = {"hub": [], "leaf": []}
    for path in paths:
        cmap = unpinned(load_map(path))
        for name, anchor in (("hub", hub(cmap)), ("leaf", leaf(cmap))):
            row = measure(cmap, anchor)
            rows[name].append(row)
            print(f"{path.stem:22} {len(cmap.concepts):8} {name:>5} {row['moved']:9.0f} {row['moved_rel']:8.1%} "
                  f"{row['shifted']:11.0f} {row['shifted_rel']:8.1%} {row['flipped']!s:>8}")
    for name, group in rows.items():
        med = {k: statistics.median(float(r[k]) for r in group) for k in ("moved", "moved_rel", "shifted",
                                                                        "shifted_rel")}
        print(f"{'median':22} {'':8} {name:>5} {med['moved']:9.0f} {med['moved_rel']:8.1%} {med['shifted']:11.0f} "
              f"{med['shifted_rel']:8.1%}")


if __name__ == "__main__":
    given = [Path(a) for a in sys.argv[1:]]
    real = sorted((ROOT.parent / "shared" / "maps" / "real").glob("*.yaml"))
    main(given or real + sorted((ROOT / "concepts").glob("*.yaml")))
