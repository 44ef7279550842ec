"""What `conceptmap serve` tells open pages: reload after a rebuild, or show the problems of a refused save.

The server keeps the changes in order (`Changes`); each event stream sends what is new to its page as server-sent
events. The page's script (LIVE_JS) reloads on its own path, and shows a banner of problems (as text, built with
textContent) that it takes down again when the map is valid."""

from __future__ import annotations

import json
import threading

MAX_STREAMS = 16  # event streams open at once; more are refused (each holds a thread)
KEEP_ALIVE = 15.0  # seconds between comments on a quiet stream: a page that went away is noticed
MAX_LINES = 100  # problem lines a banner gets

LIVE_JS = """(function () {
  "use strict";
  var source = new EventSource("/__conceptmap__/events"), banner = null, html = document.documentElement;
  function fit() {  // the page's map view takes the height the banner leaves: its toolbar stays in sight
    if (banner) { html.style.setProperty("--cm-live-banner", banner.offsetHeight + "px"); }
    else { html.style.removeProperty("--cm-live-banner"); }
  }
  function hide() { if (banner) { banner.remove(); banner = null; fit(); } }
  function show(file, lines) {
    hide();
    banner = document.createElement("section");
    banner.className = "cm-live-banner";
    banner.setAttribute("role", "alert");
    var h = document.createElement("h2"), list = document.createElement("ul");
    h.textContent = "The last save of " + file + " was not used: this page still shows the last good version.";
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    banner.appendChild(h);
    banner.appendChild(list);
    document.body.insertBefore(banner, document.body.firstChild);
    fit();
  }
  window.addEventListener("resize", fit);
  source.onmessage = function (ev) { if (ev.data === window.location.pathname) { window.location.reload(); } };
  source.addEventListener("problems", function (ev) {
    var d = JSON.parse(ev.data);
    if (d.page !== window.location.pathname) { return; }
    if (d.problems.length) { show(d.file, d.problems); } else { hide(); }
  });
})();
"""

LIVE_CSS = """.cm-live-banner {
  position: relative; z-index: 100; max-height: 40vh; overflow: auto; box-sizing: border-box;
  margin: 0; padding: 8px 16px; border-bottom: 3px solid #8A3B00; background: #FFF1D6; color: #2B1600;
  font: 14px/1.4 Arial, "Liberation Sans", sans-serif; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.3);
}
/* Above the page, not over it: the map's view gives up the banner's height, so nothing of it is covered. */
body > .cm-live-banner ~ .cm[data-conceptmap][data-mode="page"] .cm-view {
  height: calc(100vh - var(--cm-live-banner, 0px));
}
.cm-live-banner h2 { margin: 0 0 4px; font-size: 15px; }
.cm-live-banner ul { margin: 0; padding-left: 1.2em; }
.cm-live-banner li { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap;
  overflow-wrap: break-word; }
"""


class Changes:
    """The events of a serve run, in order: pages to reload, and each page's problems (none: it is valid)."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.events: list[str] = []
        self.problems: dict[str, str] = {}  # page -> its last problems event, while it has problems
        self.closed = False
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)

    def add(self, paths: list[str]) -> None:
        """Pages (output names) that were written: open ones reload."""
        with self.cond:
            self.events += [f"data: /{name}\n\n" for name in paths]
            self.cond.notify_all()

    def status(self, page: str, file: str, lines: list[str]) -> None:
        """The problems of the map behind `page` (a URL path) after a save; none means it built."""
        if not lines and page not in self.problems:
            return
        data = json.dumps({"page": page, "file": file, "problems": lines[:MAX_LINES]})
        event = f"event: problems\ndata: {data}\n\n"
        with self.cond:
            if lines:
                self.problems[page] = event
            else:
                self.problems.pop(page, None)
            self.events.append(event)
            self.cond.notify_all()

    def start(self) -> tuple[int, str]:
        """Where a new stream starts, and what it sends first: the problems pages have now."""
        with self.cond:
            return len(self.events), "".join(self.problems[p] for p in sorted(self.problems))

    def wait(self, seen: int, timeout: float) -> tuple[int, str]:
        """The events after the first `seen`, as one chunk of the stream ('' after `timeout` s of quiet)."""
        with self.cond:
            self.cond.wait_for(lambda: len(self.events) > seen or self.closed, timeout)
            return len(self.events), "".join(self.events[seen:])

    def close(self) -> None:
        with self.cond:
            self.closed = True
            self.cond.notify_all()
