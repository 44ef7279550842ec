"""Atheris fuzz target for the map loader: any bytes must give a Map or a MapError with located problems.

A short, bounded run (about a minute):

    pip install atheris
    mkdir -p /tmp/fuzz-corpus
    python fuzz/fuzz_loader.py -max_total_time=60 -rss_limit_mb=512 /tmp/fuzz-corpus fuzz/seeds

Without atheris, `python fuzz/fuzz_loader.py FILE...` replays inputs through the same check.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def check(data: bytes) -> None:
    """The property under test; anything else escaping from the loader is a finding."""
    from graph.load import parse_map
    from graph.problems import MapError

    try:
        parse_map(data, "fuzz.yaml")
    except MapError as err:
        if not err.problems or any(p.line < 1 or p.col < 1 for p in err.problems):
            raise AssertionError(f"unlocated problems: {err.problems}") from None


def main() -> None:
    try:
        import atheris
    except ImportError:
        for name in sys.argv[1:]:
            check(Path(name).read_bytes())
        return
    with atheris.instrument_imports(include=["graph"]):
        import graph.load  # noqa: F401  (instrumented for coverage feedback)
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
