"""Benchmark the figure map: `conceptmap build` and `conceptmap validate` as whole processes, and the page size.

Run: python bench/figure.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURE = ROOT / "concepts" / "interdependence.yaml"


def command() -> list[str]:
    """`python -m graph` from this checkout (the same entry point as the `conceptmap` script)."""
    return [sys.executable, "-m", "graph"]


def wall(args: list[str], runs: int) -> float:
    """Median wall time of a whole process, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as out:
        build = wall([*command(), "build", str(FIGURE), "-o", out], runs)
        size = (Path(out) / "interdependence.html").stat().st_size
    validate = wall([*command(), "validate", str(FIGURE)], runs)
    from graph.page.vis import vis_network_js

    vis = len(vis_network_js().encode())
    print(f"figure map ({FIGURE.name}), median of {runs} runs")
    print(f"  conceptmap build     {build * 1000:8.0f} ms")
    print(f"  conceptmap validate  {validate * 1000:8.0f} ms")
    print(f"  HTML size            {size:8d} bytes  (inlined vis-network: {vis} bytes; the rest: {size - vis})")


if __name__ == "__main__":
    main()
