"""Shared fixtures: map files written on the fly, and a real headless Chromium through Playwright."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.problems import MapError

ROOT = Path(__file__).resolve().parent.parent
FIGURE = ROOT / "concepts" / "interdependence.yaml"
CHROMIUM = os.environ.get("CONCEPTMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]

MINIMAL = """\
conceptmap: 1
title: Small map
sources:
  src: {cite: "A. Author. A book. 2020.", url: "https://example.org/book"}
concepts:
  pain: {label: Pain, definition: How much it hurts., sources: [src]}
  mood: {label: Mood, definition: How one feels.}
relations:
  - {from: pain, to: mood, phrase: lowers, effect: decreases, evidence: {source: src, quote: "pain lowers mood"}}
"""


@pytest.fixture
def map_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text (dedented) to a map file and return its path."""

    def write(text: str, name: str = "map.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def problems_of(path: Path) -> list[tuple[int, int, str]]:
    """The (line, col, code) of every problem in a map file; fails if the map is valid."""
    from graph.load import load_map

    with pytest.raises(MapError) as info:
        load_map(path)
    return [(p.line, p.col, p.code) for p in info.value.problems]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright; never downloaded."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed for the browser tests: apt-get install -y chromium ({CHROMIUM})")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
