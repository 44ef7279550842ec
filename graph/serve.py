"""`conceptmap serve`: serve the output folder on localhost; open pages reload themselves after each rebuild.

Served pages get a small live-reload script, and their Content-Security-Policy is widened to allow it."""

from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PREFIX = "/__conceptmap__/"
LIVERELOAD = """(function () {
  var source = new EventSource("/__conceptmap__/events");
  source.onmessage = function (ev) { if (ev.data === window.location.pathname) { window.location.reload(); } };
})();
"""


class Changes:
    """A counter of output changes that event streams wait on."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.events: list[str] = []
        self.closed = False

    def add(self, paths: list[str]) -> None:
        with self.cond:
            self.events += paths
            self.cond.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, list[str]]:
        with self.cond:
            self.cond.wait_for(lambda: len(self.events) > seen or self.closed, timeout)
            return len(self.events), self.events[seen:]


def live_page(html: str) -> str:
    """A built page with the live-reload script and a CSP that lets it run and connect back."""
    html = re.sub(r"(Content-Security-Policy\" content=\"default-src 'none';)( script-src)",
                  r"\1 connect-src 'self';\2 'self'", html, count=1)
    return html.replace("</body>", f'<script src="{PREFIX}livereload.js"></script>\n</body>', 1)


class Handler(SimpleHTTPRequestHandler):
    """Static files from the output folder, plus the live-reload script and its event stream."""

    changes: Changes

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == PREFIX + "livereload.js":
            return self._send(LIVERELOAD.encode(), "text/javascript")
        if path == PREFIX + "events":
            return self._events()
        file = Path(self.translate_path(path))
        if file.suffix == ".html" and file.is_file():
            return self._send(live_page(file.read_text(encoding="utf-8")).encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen, _ = self.changes.wait(0, 0)
        try:
            while not self.changes.closed:
                seen, new = self.changes.wait(seen, 15)
                lines = "".join(f"data: /{name}\n\n" for name in new) or ": keep-alive\n\n"
                self.wfile.write(lines.encode())
                self.wfile.flush()
        except OSError:
            pass  # the page went away


def _watch_output(out: Path, changes: Changes, stop: threading.Event) -> None:
    import watchfiles

    for batch in watchfiles.watch(out, debounce=50, step=20, stop_event=stop, raise_interrupt=False):
        names = sorted({Path(p).relative_to(out.resolve()).as_posix() for _, p in batch
                        if Path(p).suffix == ".html" and not Path(p).name.startswith(".")})
        if names:
            changes.add(names)


def serve(out: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve `out` until interrupted."""
    out.mkdir(parents=True, exist_ok=True)
    changes, stop = Changes(), threading.Event()
    handler = functools.partial(type("BoundHandler", (Handler,), {"changes": changes}), directory=str(out))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=_watch_output, args=(out.resolve(), changes, stop), daemon=True).start()
    print(f"serving {out}/ at http://{host}:{server.server_address[1]}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        with changes.cond:
            changes.closed = True
            changes.cond.notify_all()
        server.server_close()
    return 0
