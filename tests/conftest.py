"""Shared fixtures: map files written on the fly, and a real headless Chromium through Playwright."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(autouse=True)
def _build_records(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its build records (graph/builds.py) in a folder of its own, never in ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def map_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text (dedented) to a map file and return its path."""

    def write(text: str, name: str = "map.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def run_in(folder: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command line run from `folder`: its exit code, standard output and standard error."""
    from graph.cli.commands import main

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


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


@pytest.fixture(scope="session")
def figure_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The figure map's page, built fresh from the YAML."""
    from graph.load import load_map
    from graph.page.html import render_html

    path = tmp_path_factory.mktemp("page") / "interdependence.html"
    path.write_text(render_html(load_map(FIGURE)), encoding="utf-8")
    return path


JS_POINT = """([name, id]) => {
  const m = conceptmap.maps[name], rect = m.root.querySelector('.cm-canvas').getBoundingClientRect();
  const d = m.network.canvasToDOM(m.network.getPositions([id])[id]);
  return [rect.left + d.x, rect.top + d.y];
}"""


class Session:
    """One open page in its own browser context, with every error it logged and every request it tried.

    Requests to anything but the page's own file (and `allow`) are aborted and recorded.
    """

    def __init__(self, browser: Any, url: str, viewport: dict[str, int] | None = None,
                 allow: tuple[str, ...] = (), **context: Any) -> None:
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 720}, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.url = url
        self.allow = allow
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.split("#")[0].split("?")[0] == self.url.split("#")[0].split("?")[0] or url.startswith(self.allow):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, name: str, suffix: str = "") -> Any:
        self.page.goto(self.url + suffix)
        self.page.wait_for_selector(f'[data-conceptmap="{name}"][data-cm-ready]')
        return self.page

    def point(self, name: str, concept: str) -> tuple[float, float]:
        x, y = self.page.evaluate(JS_POINT, [name, concept])
        return x, y

    def close(self) -> None:
        """Close, failing if the page reached out or logged errors."""
        self.context.close()
        assert self.outside == [], "the page tried to reach the network"
        assert self.errors == [], "the page logged errors"
