"""Large maps end to end: `conceptmap build` wall time (a whole process) and the time until the page says it is
ready in headless Chromium, for seeded synthetic maps.

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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from synth import synthetic_map  # noqa: E402

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


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        env = installed_env(tmp)
        print("| concepts | build | page ready | HTML |\n|---|---|---|---|")
        for i, n in enumerate(sizes):
            source, out = Path(tmp) / f"synthetic{n}.yaml", Path(tmp) / f"out{i}"  # a new folder: a full build
            source.write_text(synthetic_map(n), encoding="utf-8")
            if i == 0:  # untimed: writes the bytecode, as installing does
                _build(source, Path(tmp) / "warm-up", env)
            build = _build(source, out, env)
            page_file = out / f"synthetic{n}.html"
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            start = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_selector("[data-cm-ready]", timeout=300_000)
            ready = time.perf_counter() - start
            page.close()
            print(f"| {n:,} | {build:.2f} s | {ready:.2f} s | {page_file.stat().st_size / 1e6:.1f} MB |", flush=True)
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 10000])
