"""Cross-links over a hierarchy, the hardest case for straight lines: lines through concepts, crossings and layout
time for seeded top-down trees with one random cross-link for every four concepts, laid out as built and with
the bending pass (graph/analysis/bend.py) left out.

    python bench/crosslinks.py [CONCEPTS [MAPS]]      (default: 75 concepts, 12 maps)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import hierarchy_map  # noqa: E402

from graph.analysis import bend, placement  # noqa: E402
from graph.analysis.build import build_graph  # noqa: E402
from graph.analysis.layout import compute_layout  # noqa: E402
from graph.load import parse_map  # noqa: E402


def measure(n: int, seed: int) -> tuple[int, int, int, float]:
    """(relations, lines through concepts, crossings, layout seconds) of one map as laid out now."""
    cmap = parse_map(hierarchy_map(n, seed).encode())
    g = build_graph(cmap)
    start = time.perf_counter()
    d = compute_layout(g)
    seconds = time.perf_counter() - start
    phrases, at = list(d.phrases), {p.id: (p.x, p.y) for p in d.phrases}
    pos = {k: (b.x, b.y) for k, b in d.concepts.items()}
    return (len(cmap.relations), placement.through(phrases, at, pos, dict(d.concepts)),
            placement.crossings(phrases, at, pos), seconds)


def main(n: int, maps: int) -> None:
    route = bend.route
    print("| map | relations | through, straight | through, bent | crossings, straight | crossings, bent |"
          " layout, straight | layout, bent |\n|---|---|---|---|---|---|---|---|")
    totals = [0] * 5
    for seed in range(1, maps + 1):
        bend.route = lambda *args: {}  # the same layout with the bending pass left out
        rels, t0, c0, s0 = measure(n, seed)
        bend.route = route
        _, t1, c1, s1 = measure(n, seed)
        totals = [a + b for a, b in zip(totals, (rels, t0, t1, c0, c1), strict=True)]
        print(f"| {seed} | {rels} | {t0} | {t1} | {c0} | {c1} | {s0:.2f} s | {s1:.2f} s |", flush=True)
    print("| all | {} | {} | {} | {} | {} | | |".format(*totals))


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 75, args[1] if len(args) > 1 else 12)
