"""Atheris fuzz target for the whole build: any bytes must give a Map or a MapError with located problems, and a
Map must build: its page and every export format (PNG aside: it is the SVG, rasterised by cairo).

A short, bounded run (about a minute):

    pip install atheris
    mkdir -p /tmp/fuzz-corpus
    python fuzz/fuzz_loader.py -max_total_time=60 -rss_limit_mb=512 /tmp/fuzz-corpus fuzz/seeds

Without atheris, `python fuzz/fuzz_loader.py FILE...` replays inputs through the same check.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


if TYPE_CHECKING:
    from graph.model import Map


def check(data: bytes) -> None:
    """The property under test; anything else escaping from the loader is a finding."""
    from graph.load import parse_map
    from graph.problems import MapError

    try:
        cmap = parse_map(data, "fuzz.yaml")
    except MapError as err:
        if not err.problems or any(p.line < 1 or p.col < 1 for p in err.problems):
            raise AssertionError(f"unlocated problems: {err.problems}") from None
        return
    build(cmap)


def build(cmap: Map) -> None:
    """Everything `conceptmap build` and `conceptmap export` make from a valid map, in memory."""
    from graph.analysis.build import build_graph
    from graph.analysis.layout import compute_layout
    from graph.export.formats import FORMATS, check, export_files
    from graph.page.html import render_html

    drawing = compute_layout(build_graph(cmap))
    assert render_html(cmap, drawing).endswith("</html>\n")
    formats = [f for f in FORMATS if f != "png"]
    for fmt in formats:
        check(cmap, fmt)
    made = dict(export_files(cmap, formats))
    assert all(made.values()) and len(made) == len(formats), sorted(made)


def main() -> None:
    try:
        import atheris
    except ImportError:
        for name in sys.argv[1:]:
            check(Path(name).read_bytes())
        return
    with atheris.instrument_imports(include=["graph"]):
        import graph.analysis.layout  # instrumented for coverage feedback
        import graph.export.formats
        import graph.load
        import graph.page.html  # noqa: F401
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
