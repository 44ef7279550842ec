"""Large maps end to end: `conceptmap build` wall time (a whole process), and in headless Chromium the time from
the start of the navigation until the page is ready (its first view drawn and answering input) and until every
item of the map is in (the rest streams in after ready), for seeded synthetic maps. Both page times come from the
page's own performance marks: Playwright's selector polling waits for idle frames, which the page leaves only
between the slices it streams in, so it would see `ready` late.

    python bench/scale.py [N ...]        (default: 2000 10000; repeat a size to time it again)

The build is measured as installed: a `pip install` has compiled bytecode, so the build runs with
PYTHONDONTWRITEBYTECODE removed from its environment and PYTHONPYCACHEPREFIX in the temporary folder, after
one untimed warm-up build that writes the bytecode (else every run would compile graph's modules from source).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from synth import synthetic_map  # noqa: E402

MARK = "name => performance.getEntriesByName(name)[0].startTime"  # ms from the start of the navigation
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _build(source: Path, out: Path, env: dict[str, str]) -> float:
    """The wall time of one `conceptmap build` process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graph", "build", str(source), "-o", str(out)], check=True,
                   capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def installed_env(tmp: str) -> dict[str, str]:
    """The environment of an installed tool: bytecode written once (into `tmp`) and then used."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
    return env


def page_times(p: Any, page_file: Path, name: str) -> tuple[float, float]:
    """Seconds until the page is ready and until all its items are in, in a browser started for it alone."""
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(page_file.as_uri())
    page.wait_for_selector("[data-cm-complete]", timeout=300_000)
    ready, complete = (page.evaluate(MARK, f"conceptmap:{m}:{name}") / 1000 for m in ("ready", "complete"))
    browser.close()
    return ready, complete


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        env = installed_env(tmp)
        print("| concepts | build | page ready | all items in | HTML |\n|---|---|---|---|---|")
        for i, n in enumerate(sizes):
            source, out = Path(tmp) / f"synthetic{n}.yaml", Path(tmp) / f"out{i}"  # a new folder: a full build
            source.write_text(synthetic_map(n), encoding="utf-8")
            if i == 0:  # untimed: writes the bytecode, as installing does
                _build(source, Path(tmp) / "warm-up", env)
            build = _build(source, out, env)
            page_file = out / f"synthetic{n}.html"
            ready, complete = page_times(p, page_file, f"synthetic{n}")
            size = page_file.stat().st_size / 1e6
            print(f"| {n:,} | {build:.2f} s | {ready:.2f} s | {complete:.2f} s | {size:.1f} MB |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 10000])
