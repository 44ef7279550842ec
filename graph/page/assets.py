"""The page's fixed assets (stylesheet, scripts, wrapped vis-network) and the Content-Security-Policy they need."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from graph.page.vis import VIS_VERSION, vis_network_js
from graph.style import theme_css

SCRIPTS = ("view.js", "stream.js", "core.js", "panel.js", "camera.js", "keyboard.js", "arrange.js", "present.js",
           "explore.js", "insight.js")
SHARED_VIS = f"conceptmap-vis-network-{VIS_VERSION}.js"


@cache
def asset(name: str) -> str:
    """A file from graph/page/templates, as text."""
    return resources.files("graph.page").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def app_js() -> str:
    """The page script: its parts run once per page, however many maps (fragments) the page holds."""
    parts = "\n".join(asset(n) for n in SCRIPTS)
    return f"{asset('registry.js')}if (!window.conceptmap.mount) {{\n{parts}\n}}\n{asset('adopt.js')}{asset('boot.js')}"


@cache
def shadow_js() -> str:
    """The script at the top of a fragment's view, run while the parser reads the fragment: its stylesheet in."""
    return asset("registry.js") + asset("adopt.js") + asset("shadow.js")


@cache
def vis_js() -> str:
    """vis-network, wrapped so that it sets no page global: it lands in window.conceptmap.vis (the registry is
    made by registry.js, which starts this block and the page script alike, whichever runs first)."""
    body = "\n".join(line for line in vis_network_js().split("\n") if not line.startswith("//# sourceMappingURL"))
    return (asset("registry.js") + "(function () {\nif (window.conceptmap.vis) { return; }\n"
            "var module = { exports: {} }, exports = module.exports, regeneratorRuntime;\n" + body + "\n"
            "window.conceptmap.vis = module.exports;\n})();\n")


@cache
def css() -> str:
    """The page's stylesheet: the theme colours from graph/style.py, then page.css."""
    return theme_css() + asset("page.css")


@cache
def fingerprint() -> str:
    """A hash of the package's code, templates and vis-network: outputs go stale whenever the tool changes."""
    h = hashlib.sha256(vis_network_js().encode("utf-8"))
    for name, item in sorted(_sources(resources.files("graph"), "")):
        h.update(name.encode() + b"\0" + item.read_bytes())
    return h.hexdigest()


def _sources(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    """Every code and template file under `folder`, with its path inside the package."""
    for item in folder.iterdir():
        if item.is_dir() and item.name != "__pycache__":
            yield from _sources(item, f"{prefix}{item.name}/")
        elif item.name.endswith((".py", ".js", ".css", ".j2")):
            yield f"{prefix}{item.name}", item


def digest(text: str) -> str:
    """A CSP source expression for an inline script or style: 'sha256-...'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(shared: bool = False) -> str:
    """The Content-Security-Policy that a page or fragment of this version runs under: no eval, no inline
    event handlers, no network; inline code allowed by hash only."""
    scripts = [digest(app_js()), digest(shadow_js())] + (["'self'"] if shared else [digest(vis_js())])
    return ("default-src 'none'; script-src " + " ".join(scripts) + f"; style-src {digest(css())}; "
            "img-src data:; base-uri 'none'; form-action 'none'")
