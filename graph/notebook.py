"""Notebook display: a map shows itself inline in Jupyter, registered with IPython's HTML formatter (so the model
never imports the page)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from markupsafe import escape

if TYPE_CHECKING:
    from graph.model import Map


def notebook_html(cmap: Map, height: int = 620) -> str:
    """The whole page in a sandboxed srcdoc iframe, so it cannot clash with the notebook or other maps."""
    from graph.page.html import render_html

    page = render_html(cmap)
    return (f'<iframe srcdoc="{escape(page)}" title="{escape("Concept map: " + cmap.title)}" '
            f'style="width: 100%; height: {height}px; border: 1px solid #ccc;" '
            'sandbox="allow-scripts allow-popups"></iframe>')


def register(shell: Any = None) -> bool:
    """Tell a running IPython (or `shell`) to draw maps with `notebook_html`; True when there was one to tell.
    Registered by name, so nothing is imported until a map is shown."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    shell.display_formatter.formatters["text/html"].for_type_by_name("graph.model", "Map", notebook_html)
    return True
