"""The scale benchmark: conceptmap against raw pyvis and Graphviz on the same synthetic maps, in one run.

Run: python bench/suite.py [--sizes 20 200 2000 10000] [--runs 3]

For each N it measures, as whole processes (median of the runs):
  - `conceptmap build`: wall time and peak memory; the HTML size;
  - in headless Chromium, the time from navigation to a settled map. "Settled" is the first animation frame
    after which the nodes' positions no longer change (watched on every frame; the page counts as settled
    once they have held still for 2 s, and as "did not settle" if that has not happened within 120 s);
  - raw pyvis as its documentation shows it (Network(cdn_resources="in_line"), add_node/add_edge, default
    physics, write_html): Python time, HTML size and the same settle time;
  - Graphviz on the same map's DOT export: `dot -Tsvg` for small maps, `sfdp -Tsvg` for 2,000 and more.
It prints one table with the ratios. Needs Debian's chromium and graphviz (apt-get install -y chromium graphviz).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from peak import run_measured  # noqa: E402
from synth import synthetic_map  # noqa: E402

TIMEOUT = 120.0
STILL = 2.0
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
WATCH = """
window.__settle = {key: null, last: null};
(function tick() {
  var net = window.network;
  if (!net && window.conceptmap && window.conceptmap.maps) {
    var names = Object.keys(window.conceptmap.maps);
    net = names.length ? window.conceptmap.maps[names[0]].network : null;
  }
  if (net && net.body && net.body.nodeIndices.length) {
    var ids = net.body.nodeIndices, step = Math.max(1, Math.floor(ids.length / 200)), parts = [];
    for (var i = 0; i < ids.length; i += step) { var n = net.body.nodes[ids[i]]; parts.push(n.x, n.y); }
    var key = parts.join(",");
    if (key !== window.__settle.key) { window.__settle.key = key; window.__settle.last = performance.now(); }
  }
  requestAnimationFrame(tick);
})();
"""
def build(map_file: Path, out: Path, runs: int) -> tuple[float, float, int]:
    """Median wall time (s) and peak memory (MB) of `conceptmap build`, and the page's size."""
    walls, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done, peak = run_measured(["build", str(map_file), "-o", str(out), "--force"])
        walls.append(time.perf_counter() - start)
        done.check_returncode()
        peaks.append(peak)
    return statistics.median(walls), statistics.median(peaks), (out / f"{map_file.stem}.html").stat().st_size


def pyvis_page(map_file: Path, out: Path) -> tuple[float, int]:
    """Raw pyvis, the documented way, in a fresh process: its Python time (YAML load included) and size."""
    script = f"""
import time, yaml
start = time.perf_counter()
from pyvis.network import Network
data = yaml.safe_load(open({str(map_file)!r}))
net = Network(height="720px", width="100%", directed=True, cdn_resources="in_line")
for cid, c in data["concepts"].items():
    net.add_node(cid, label=c.get("label", cid), title=c.get("definition", ""))
for r in data.get("relations", []):
    net.add_edge(r["from"], r["to"], label=r["phrase"])
net.write_html({str(out)!r})
print(time.perf_counter() - start)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1]), out.stat().st_size


def settle(browser: object, page_file: Path) -> float | None:
    """Seconds from navigation to the frame after which positions no longer change; None if not within 120 s."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.add_init_script(WATCH)
    page.goto(page_file.as_uri(), wait_until="commit", timeout=int(TIMEOUT * 1000))
    started = time.monotonic()
    result = None
    while time.monotonic() - started < TIMEOUT + STILL:
        try:
            now, last = page.evaluate("[performance.now(), window.__settle && window.__settle.last]")
        except Exception:  # the page is too busy to answer; keep waiting
            now, last = None, None
        if last is not None and now - last >= STILL * 1000:
            result = last / 1000
            break
        time.sleep(0.25)
    context.close()
    return result if result is not None and result <= TIMEOUT else None


def graphviz(map_file: Path, tmp: Path, n: int) -> tuple[str, float | None]:
    from graph.export.formats import export
    from graph.load import load_map

    (name, dot), = export(load_map(map_file), "dot")
    (tmp / name).write_bytes(dot)
    engine = "dot" if n < 2000 else "sfdp"
    start = time.perf_counter()
    try:
        subprocess.run([engine, "-Tsvg", str(tmp / name), "-o", str(tmp / "gv.svg")], check=True,
                       capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        return engine, None
    return engine, time.perf_counter() - start


def fmt(seconds: float | None, unit: str = "s") -> str:
    if seconds is None:
        return "DNF"
    return f"{seconds:.2f} {unit}" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def ratio(theirs: float | None, ours: float | None) -> str:
    """How many times longer the alternative took; a lower bound when it did not finish."""
    if ours is None:
        return "n/a"
    if theirs is None:
        return f">{TIMEOUT / ours:.0f}x"
    r = theirs / ours
    return f"{r:.0f}x" if r >= 10 else f"{r:.1f}x" if r >= 1 else f"{r:.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from graph.page.vis import vis_network_js

    vis = len(vis_network_js().encode())
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as p:
        tmp = Path(tmp_name)
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=CHROMIUM_ARGS)
        for n in args.sizes:
            map_file = tmp / f"synthetic{n}.yaml"
            map_file.write_text(synthetic_map(n), encoding="utf-8")
            wall, peak, size = build(map_file, tmp, args.runs)
            times = [s for s in (settle(browser, tmp / f"synthetic{n}.html") for _ in range(args.runs)) if s]
            ours = statistics.median(times) if times else None
            py_time, py_size = pyvis_page(map_file, tmp / f"pyvis{n}.html")
            theirs = settle(browser, tmp / f"pyvis{n}.html")
            engine, gv = graphviz(map_file, tmp, n)
            rows.append((n, wall, peak, size, (size - vis) / n, ours, py_time, py_size, theirs, engine, gv))
            print(f"measured N={n}", file=sys.stderr, flush=True)
        browser.close()
    head = ("| N | build wall | peak mem | HTML | bytes/concept beyond vis | settled | pyvis python | pyvis HTML "
            "| pyvis settled | settle ratio | Graphviz | Graphviz ratio |")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for n, wall, peak, size, per, ours, py_time, py_size, theirs, engine, gv in rows:
        print(f"| {n:,} | {fmt(wall)} | {peak:.0f} MB | {size / 1024:.0f} kB | {per:.0f} | {fmt(ours)} "
              f"| {fmt(py_time)} | {py_size / 1024:.0f} kB | {fmt(theirs)} | {ratio(theirs, ours)} "
              f"| {engine} {fmt(gv)} | {ratio(gv, wall)} |")


if __name__ == "__main__":
    main()
