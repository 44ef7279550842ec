"""The pyvis adapter: the one module that touches pyvis, for the vis-network build it ships."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

VIS_VERSION = "9.1.2"


@cache
def vis_network_js() -> str:
    """The minified vis-network that the installed pyvis package ships, to inline in pages.

    The file is located without executing pyvis (whose import pulls in IPython and jsonpickle).
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; run: pip install pyvis")
    root = Path(next(iter(spec.submodule_search_locations)))
    js = (root / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in js.lower():  # would end the inline <script> early
        raise RuntimeError("the vis-network build cannot be inlined safely")
    return js
