"""Snippets for embedding a built map: an iframe for web pages, and inline HTML for Jupyter."""

from __future__ import annotations

from markupsafe import escape

from .model import Map

FRAME_CSS = """.conceptmap-frame { position: relative; width: 100%; aspect-ratio: 16 / 9; min-height: 320px; }
.conceptmap-frame iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }"""


def iframe_snippet(cmap: Map, src: str) -> str:
    """A responsive 16:9 iframe with a title for screen readers; `src` is the built page's URL. Its look is a
    class and two stylesheet rules (FRAME_CSS), not style attributes, so it works on hosts whose policy is
    `style-src 'self'`."""
    title = escape(f"Concept map: {cmap.title}")
    return (
        '<div class="conceptmap-frame">\n'
        f'  <iframe src="{escape(src)}" title="{title}" loading="lazy"></iframe>\n'
        "</div>\n"
        "<!-- and in the page's stylesheet:\n" + FRAME_CSS + "\n-->"
    )


def notebook_html(cmap: Map, height: int = 620) -> str:
    """The whole page in a sandboxed srcdoc iframe, so it cannot clash with the notebook or other maps."""
    from .html import render_html

    page = render_html(cmap)
    return (f'<iframe srcdoc="{escape(page)}" title="{escape("Concept map: " + cmap.title)}" '
            f'style="width: 100%; height: {height}px; border: 1px solid #ccc;" '
            'sandbox="allow-scripts allow-popups"></iframe>')
