"""The snippet for embedding a built map in a web page: a responsive iframe."""

from __future__ import annotations

from markupsafe import escape

from graph.model import Map

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

