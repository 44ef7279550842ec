"""`conceptmap watch` and `conceptmap serve` together: an open page follows edits to its map, live."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, ROOT, Session

pytestmark = pytest.mark.browser


class Proc:
    """A conceptmap subprocess whose output lines are collected as they come."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=cwd, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        """The first line matching `pattern`; a slow machine (a fresh CI one, busy) may take a while to start."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r}; saw {seen}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, Proc, str]]:
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "small.yaml").write_text(MINIMAL, encoding="utf-8")
    watcher = Proc(["watch"], tmp_path)
    watcher.expect(r"^wrote output/small\.html")
    watcher.expect(r"^watching ")
    server = Proc(["serve", "--port", "0", "-o", "."], tmp_path / "output")  # no concepts/ there: serve only
    url = server.expect(r"(http://127\.0\.0\.1:\d+/)").group(1)
    yield tmp_path, watcher, url
    watcher.stop()
    server.stop()


def test_open_page_follows_edits_and_survives_a_broken_one(browser: Any, site: tuple[Path, Proc, str]):
    root, watcher, url = site
    s = Session(browser, url + "small.html", allow=(url,))
    page = s.open("small")
    label = "() => conceptmap.maps.small.nodes.get('pain').label"
    assert page.evaluate(label) == "Pain"

    started = time.monotonic()
    (root / "concepts" / "small.yaml").write_text(MINIMAL.replace("label: Pain", "label: Ache"), encoding="utf-8")
    page.wait_for_function(f"() => window.conceptmap && conceptmap.maps.small && ({label})() === 'Ache'",
                           timeout=2000)
    assert time.monotonic() - started < 2.0
    watcher.expect(r"^wrote output/small\.html")

    good = (root / "output" / "small.html").read_bytes()
    (root / "concepts" / "small.yaml").write_text(MINIMAL.replace("title: Small map", "title: [broken"),
                                                   encoding="utf-8")
    watcher.expect(r"concepts/small\.yaml:\d+:\d+: error\[syntax\]")
    watcher.expect(r"kept the last good output")
    page.wait_for_timeout(600)
    assert page.evaluate(label) == "Ache"
    assert (root / "output" / "small.html").read_bytes() == good

    (root / "concepts" / "small.yaml").write_text(MINIMAL.replace("label: Pain", "label: Hurt"), encoding="utf-8")
    page.wait_for_function(f"() => window.conceptmap && conceptmap.maps.small && ({label})() === 'Hurt'",
                           timeout=2000)
    s.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Proc, str]]:
    """One command: `serve` builds and watches every map in concepts/ and serves them."""
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "small.yaml").write_text(MINIMAL, encoding="utf-8")
    server = Proc(["serve", "--port", "0"], tmp_path)
    url = ""
    for _ in range(2):  # the watcher and the server start side by side, in either order
        match = server.expect(r"^watching |(http://127\.0\.0\.1:\d+/)")
        url = match.group(1) or url
    yield tmp_path, server, url
    server.stop()


BANNER = "() => { const b = document.querySelector('.cm-live-banner'); return b ? b.innerText : null; }"


def test_a_refused_save_shows_its_problems_in_the_open_page_until_the_file_is_fixed(
        browser: Any, served: tuple[Path, Proc, str]):
    root, server, url = served
    s = Session(browser, url + "small.html", allow=(url,))
    page = s.open("small")
    assert page.evaluate(BANNER) is None
    page.evaluate("() => { window.notReloaded = true; }")
    bad = MINIMAL.replace("title: Small map", "title: [broken").replace("  mood:", "  mood: {<b>x</b>: 1}\n  moo:")
    (root / "concepts" / "small.yaml").write_text(bad, encoding="utf-8")
    server.expect(r"kept the last good output")
    page.wait_for_function(f"() => ({BANNER})() !== null", timeout=5000)
    text = page.evaluate(BANNER)
    assert "The last save of small.yaml was not used" in text
    assert re.search(r"concepts/small\.yaml:\d+:\d+: error\[", text)  # located, as the terminal says
    assert page.evaluate("() => document.querySelector('.cm-live-banner').getAttribute('role')") == "alert"
    assert page.evaluate("() => window.notReloaded") is True  # the page was not reloaded: it kept its map
    assert page.evaluate("() => conceptmap.maps.small.nodes.get('pain').label") == "Pain"
    style = page.evaluate("() => getComputedStyle(document.querySelector('.cm-live-banner')).position")
    assert style == "relative"  # the served stylesheet applies under the page's policy

    (root / "concepts" / "small.yaml").write_text(MINIMAL, encoding="utf-8")  # fixed, as it was: nothing to rebuild
    page.wait_for_function(f"() => ({BANNER})() === null", timeout=5000)
    assert page.evaluate("() => window.notReloaded") is True

    (root / "concepts" / "small.yaml").write_text(bad, encoding="utf-8")
    page.wait_for_function(f"() => ({BANNER})() !== null", timeout=5000)
    (root / "concepts" / "small.yaml").write_text(MINIMAL.replace("label: Pain", "label: Ache"), encoding="utf-8")
    page.wait_for_function("() => window.conceptmap && conceptmap.maps.small && !window.notReloaded"
                           " && conceptmap.maps.small.nodes.get('pain').label === 'Ache'", timeout=5000)
    assert page.evaluate(BANNER) is None
    s.close()


def test_a_page_opened_while_its_map_is_broken_shows_the_problems_as_text(
        browser: Any, served: tuple[Path, Proc, str]):
    root, server, url = served
    for label in ("Ache", "Hurt"):  # until the watcher is seen at work: it starts just after saying so
        edit = MINIMAL.replace("label: Pain", f"label: {label}")
        (root / "concepts" / "small.yaml").write_text(edit, encoding="utf-8")
        try:
            server.expect(r"^wrote output/small\.html", timeout=5)
            break
        except AssertionError:
            continue
    bad = MINIMAL.replace("phrase: lowers", "phrase: lowers, unknown: <img src=x>")
    (root / "concepts" / "small.yaml").write_text(bad.replace("relations:", "<script>x</script>: 1\nrelations:"),
                                                   encoding="utf-8")
    server.expect(r"kept the last good output")
    s = Session(browser, url + "small.html", allow=(url,))
    page = s.open("small")
    page.wait_for_function(f"() => ({BANNER})() !== null", timeout=5000)
    assert "<script>x</script>" in page.evaluate(BANNER)
    assert page.evaluate("() => document.querySelectorAll('.cm-live-banner script, .cm-live-banner img').length") == 0
    s.close()


CONTROLS = ".cm-toolbar button, .cm-toolbar select, .cm-toolbar input, .cm-legend summary, .cm-copy-positions"
COVERED = """() => [...document.querySelectorAll('""" + CONTROLS + """')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.bottom > innerHeight || document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) !== el; })
  .map(el => el.className)"""


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)], ids=["1280x720", "1024x768"])
def test_the_banner_covers_no_control_of_the_page(browser: Any, served: tuple[Path, Proc, str],
                                                  size: tuple[int, int]):
    root, _, url = served
    s = Session(browser, url + "small.html", allow=(url,), viewport={"width": size[0], "height": size[1]})
    page = s.open("small")
    assert page.evaluate(COVERED) == []
    lines = "".join(f"  c{i}: {{label: C{i}, group: nope}}\n" for i in range(12))  # a tall banner: 12 problems
    (root / "concepts" / "small.yaml").write_text(MINIMAL.replace("concepts:\n", "concepts:\n" + lines),
                                                   encoding="utf-8")
    page.wait_for_function(f"() => ({BANNER})() !== null", timeout=10000)
    banner = page.locator(".cm-live-banner").bounding_box()
    header = page.locator(".cm-header").bounding_box()
    assert banner is not None and header is not None and banner["height"] > 100
    assert header["y"] >= banner["y"] + banner["height"]  # the page starts below the banner
    assert page.evaluate(COVERED) == []  # every control is in sight and takes its own clicks
    page.locator(".cm-theme").select_option("dark", timeout=2000)
    page.locator(".cm-path").click(timeout=2000)
    assert page.locator('[data-conceptmap="small"]').get_attribute("data-theme") == "dark"
    (root / "concepts" / "small.yaml").write_text(MINIMAL, encoding="utf-8")
    page.wait_for_function(f"() => ({BANNER})() === null", timeout=10000)
    view = "document.querySelector('.cm-view').getBoundingClientRect().height"
    assert page.evaluate(view) == size[1]  # the whole window again
    s.close()
