"""Regenerate the README's screenshots (docs/images/*.png) from freshly built pages, in headless Chromium.

    python tools/readme_images.py              (needs Debian's chromium; the real map comes from ../shared)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.load import load_map  # noqa: E402
from graph.page.html import render_html  # noqa: E402

IMAGES = ROOT / "docs" / "images"
REAL = ROOT.parent / "shared" / "maps" / "real" / "aerocapture.yaml"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
READY = "[data-cm-ready]"


def _open(browser: object, page_file: Path, suffix: str = "", size: tuple[int, int] = (1280, 720)) -> object:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})  # type: ignore[attr-defined]
    page.emulate_media(reduced_motion="reduce")
    page.goto(page_file.as_uri() + suffix)
    page.wait_for_selector(READY)
    page.wait_for_timeout(300)
    return page


def shots(browser: object, figure: Path, real: Path | None) -> None:
    page = _open(browser, figure)
    page.screenshot(path=str(IMAGES / "interdependence.png"))
    page.locator(".cm-loops").click()
    page.locator(".cm-panel li button").nth(2).click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(IMAGES / "loop.png"))
    page.close()
    page = _open(browser, figure)
    page.locator(".cm-selfcheck").select_option("phrases")
    selects = page.locator(".cm-quiz select")
    for i in range(min(4, selects.count())):
        selects.nth(i).select_option(index=1 + i)
    page.locator(".cm-check").click()
    page.screenshot(path=str(IMAGES / "selfcheck.png"))
    page.close()
    for step in (1, 4, 8):
        page = _open(browser, figure, f"#step={step}")
        page.wait_for_timeout(400)
        page.screenshot(path=str(IMAGES / f"step-{step}.png"))
        page.close()
    page = _open(browser, figure, "?theme=projector#step=5")
    page.wait_for_timeout(400)
    page.screenshot(path=str(IMAGES / "projector-step.png"))
    page.close()
    if real is not None:
        page = _open(browser, real)
        page.screenshot(path=str(IMAGES / "real-after.png"))
        page.close()


TEACHER = """conceptmap: 1
title: Blood glucose
concepts:
  glucose: {label: Blood glucose}
  pancreas: {label: Pancreas}
  insulin: {label: Insulin}
relations:
  - glucose -> prompts -> pancreas
  - pancreas -> releases -> insulin
  - {from: insulin, to: glucose, phrase: lowers, effect: decreases}
"""


def banner(browser: object, tmp: Path) -> None:
    """The open page of `conceptmap serve` after a save with mistakes: the banner lists them, located."""
    import re
    import subprocess
    import time

    (tmp / "serve" / "concepts").mkdir(parents=True)
    source = tmp / "serve" / "concepts" / "glucose.yaml"
    source.write_text(TEACHER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", "0"], cwd=tmp / "serve",
                            env={**__import__("os").environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        url = next(m.group(1) for line in proc.stdout if (m := re.search(r"(http://127\.0\.0\.1:\d+/)", line)))
        page = browser.new_page(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
        page.emulate_media(reduced_motion="reduce")
        page.goto(url + "glucose.html")
        page.wait_for_selector(READY)
        time.sleep(1)  # the watcher starts just after the first build
        source.write_text(TEACHER.replace("prompts -> pancreas", "prompts -> pancrea")
                          .replace("lowers, effect: decreases", "lowers, effect: decrease"), encoding="utf-8")
        page.wait_for_selector(".cm-live-banner", timeout=20_000)
        page.wait_for_timeout(300)
        page.screenshot(path=str(IMAGES / "serve-banner.png"))
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        figure = Path(tmp) / "interdependence.html"
        figure.write_text(render_html(load_map(ROOT / "concepts" / "interdependence.yaml")), encoding="utf-8")
        real = None
        if REAL.exists():
            real = Path(tmp) / "aerocapture.html"
            real.write_text(render_html(load_map(REAL)), encoding="utf-8")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        shots(browser, figure, real)
        banner(browser, Path(tmp))
        browser.close()
    print(f"wrote {IMAGES}/")


if __name__ == "__main__":
    main()
