"""`conceptmap serve`: serve the output folder on localhost; open pages reload themselves after each rebuild.

Served pages get a small live script and stylesheet, and their Content-Security-Policy is widened to allow them.
Given maps (`serve MAP...`, or every map in concepts/), serve also builds and watches them, shows the problems of
a refused save in the open page, and saves drags in their pages back into the files."""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import threading
from collections.abc import Callable, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graph.cli.common import say
from graph.cli.live import KEEP_ALIVE, LIVE_CSS, LIVE_JS, Changes
from graph.cli.writeback import LOOPBACK, SAVE_JS, Refused, WriteBack, local_hosts
from graph.site import Options

PREFIX = "/__conceptmap__/"


def live_page(html: str, save_meta: str = "") -> str:
    """A built page with the live-reload script and its stylesheet, and a CSP that lets them load and connect
    back; with `save_meta` (the serve run's token), also the script that saves drags."""
    html = re.sub(r"(Content-Security-Policy\" content=\"default-src 'none';)( script-src)",
                  r"\1 connect-src 'self';\2 'self'", html, count=1)
    html = re.sub(r"(Content-Security-Policy\" content=\"[^\"]*; style-src)", r"\1 'self'", html, count=1)
    scripts = f'<link rel="stylesheet" href="{PREFIX}live.css">\n<script src="{PREFIX}livereload.js"></script>\n'
    if save_meta:
        html = html.replace("<head>\n", f"<head>\n{save_meta}\n", 1)
        scripts += f'<script src="{PREFIX}save.js"></script>\n'
    return html.replace("</body>", scripts + "</body>", 1)


class Handler(SimpleHTTPRequestHandler):
    """Static files from the output folder, plus the live-reload script and its event stream."""

    changes: Changes
    writeback: WriteBack | None = None
    timeout = 30  # seconds a connection may stay silent: a half-sent request does not hold a thread for ever

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _foreign(self) -> bool:
        """Whether a server bound to loopback was reached under another name (DNS rebinding); refuses it."""
        address: tuple[str, int] = self.server.server_address[:2]  # type: ignore[index,assignment]
        bound, port = address
        if str(bound) not in ("127.0.0.1", "::1"):
            return False
        if self.headers.get("Host", "") in local_hosts(port):
            return False
        self.send_error(403, "this server answers only to localhost")
        return True

    def _outside(self) -> bool:
        """Whether the request names a file outside the served folder (through a symlink, say); answers 404."""
        root = Path(self.directory).resolve()
        if Path(self.translate_path(self.path.split("?")[0])).resolve().is_relative_to(root):
            return False
        self.send_error(404, "not in the served folder")
        return True

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No listings: only the pages themselves are served."""
        self.send_error(404, "no listing")

    def do_HEAD(self) -> None:
        if not self._foreign() and not self._outside():
            super().do_HEAD()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self._foreign():
            return
        path = self.path.split("?")[0]
        if path == PREFIX + "livereload.js":
            return self._send(LIVE_JS.encode(), "text/javascript")
        if path == PREFIX + "live.css":
            return self._send(LIVE_CSS.encode(), "text/css")
        if path == PREFIX + "save.js":
            return self._send(SAVE_JS.encode(), "text/javascript")
        if path == PREFIX + "events":
            return self._events()
        if self._outside():
            return
        file = Path(self.translate_path(path))
        if file.suffix == ".html" and file.is_file():
            wb = self.writeback
            meta = wb.meta() if wb is not None and path in wb.pages else ""
            return self._send(live_page(file.read_text(encoding="utf-8"), meta).encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def do_POST(self) -> None:
        status, answer = 404, {"error": "no such endpoint"}
        if self.path == PREFIX + "positions" and self.writeback is not None:
            try:
                body = self.rfile.read(self.writeback.length(self.headers))
                self.writeback.check_headers(self.headers, int(self.server.server_address[1]))  # type: ignore[index]
                path, positions = self.writeback.parse(body)
                status, answer = 200, {"message": self.writeback.save(path, positions)}
                say(f"saved positions to {path.name}")
            except Refused as err:
                status, answer = err.status, {"error": str(err)}
                say(f"refused to save positions: {err}", err=True)
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """The page's event stream; at most MAX_STREAMS at once (each holds a thread), more get 503."""
        if not self.changes.streams.acquire(blocking=False):
            self.send_error(503, "too many open pages; close some")
            return
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen, now = self.changes.start()
            self.wfile.write((now or ": live\n\n").encode())
            self.wfile.flush()
            while not self.changes.closed:
                seen, new = self.changes.wait(seen, KEEP_ALIVE)
                self.wfile.write((new or ": keep-alive\n\n").encode())
                self.wfile.flush()
        except OSError:
            pass  # the page went away
        finally:
            self.changes.streams.release()


def _watch_output(out: Path, changes: Changes, stop: threading.Event) -> None:
    import watchfiles

    for batch in watchfiles.watch(out, debounce=50, step=20, stop_event=stop, raise_interrupt=False):
        names = sorted({Path(p).relative_to(out.resolve()).as_posix() for _, p in batch
                        if Path(p).suffix == ".html" and not Path(p).name.startswith(".")})
        if names:
            changes.add(names)


def _maps(maps: Sequence[Path], out: Path, options: Options, host: str, changes: Changes,
          stop: threading.Event) -> WriteBack | None:
    """Build and watch the maps, telling open pages about refused saves; their pages can save drags when served
    on a loopback address."""
    from graph.cli.watch import rebuild, watch

    if not maps:
        return None
    notify = _notifier(options, changes)
    rebuild(maps, out, options, notify)
    threading.Thread(target=watch, args=(maps, out, options, stop, notify), daemon=True).start()
    if options.mode != "page" or host not in LOOPBACK:
        say("drags are not saved: that needs whole pages served on 127.0.0.1 or localhost")
        return None
    return WriteBack({"/" + options.filename(p.stem): p for p in maps})


def _notifier(options: Options, changes: Changes) -> Callable[[dict[Path, list[str]]], None]:
    """What a rebuild calls with each map's problem lines: the page built from it shows them, or takes them down."""
    def notify(outcome: dict[Path, list[str]]) -> None:
        for path, lines in outcome.items():
            changes.status("/" + options.filename(path.stem), path.name, lines)
    return notify


def listen(host: str, port: int, handler: Any) -> ThreadingHTTPServer:
    """The server on host:port; a port already in use is a usage error that says what to do."""
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        from graph.cli.common import UsageError

        raise UsageError(f"port {port} on {host} is already in use (is another conceptmap serve running?); stop "
                         f"that one, or choose another port: --port {port + 1}, or --port 0 for any free one") from None


def serve(out: Path, host: str = "127.0.0.1", port: int = 8000, maps: Sequence[Path] = (),
          options: Options | None = None) -> int:
    """Serve `out` until interrupted; given maps, build and watch them too, and save drags into them."""
    out.mkdir(parents=True, exist_ok=True)
    changes, stop = Changes(), threading.Event()
    bound: type[Handler] = type("BoundHandler", (Handler,), {"changes": changes})
    server = listen(host, port, functools.partial(bound, directory=str(out)))  # first: a busy port builds nothing
    bound.writeback = _maps(maps, out, options or Options(), host, changes, stop)
    server.daemon_threads = True
    threading.Thread(target=_watch_output, args=(out.resolve(), changes, stop), daemon=True).start()
    say(f"serving {out}/ at http://{host}:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        changes.close()
        server.server_close()
    return 0
