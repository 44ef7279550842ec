"""`conceptmap serve MAP...` saves a drag in a served page back into its map file: only the `position` keys change.

The endpoint trusts nothing in the request: it needs the serve run's random token (given only to the pages it
serves), a localhost Host and the same Origin, JSON of bounded size, and ids that are concepts of the map the page
was built from, which it picks from its own table, never from a path in the request."""

from __future__ import annotations

import hmac
import json
import math
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.positions import LIMIT

MAX_BODY = 1024 * 1024
TOKEN_HEADER = "X-Conceptmap-Token"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def local_hosts(port: int) -> set[str]:
    """The Host headers a request through a loopback name and this port carries."""
    return {f"{h}:{port}" for h in ("127.0.0.1", "localhost", "[::1]")}
SAVE_JS = """(function () {
  "use strict";
  var meta = document.querySelector('meta[name="conceptmap-save"]'), registry = window.conceptmap;
  if (!meta || !registry || !window.fetch) { return; }
  var token = meta.getAttribute("content");
  function save(entry) {
    var list = [];
    entry.positions().forEach(function (p, id) { list.push([id, p.x, p.y]); });
    entry.arrangeStatus("Saving the positions\\u2026");
    fetch("/__conceptmap__/positions", {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Conceptmap-Token": token },
      body: JSON.stringify({ page: window.location.pathname, positions: list })
    }).then(function (r) {
      return r.json().then(function (b) { entry.arrangeStatus(r.ok ? b.message : "Not saved: " + b.error); });
    }).catch(function () { entry.arrangeStatus("Not saved: the server did not answer; the file is unchanged."); });
  }
  Object.keys(registry.maps).forEach(function (name) {
    var entry = registry.maps[name];
    if (entry.positions) { entry.onMoved = (entry.onMoved || []).concat([function () { save(entry); }]); }
  });
})();
"""


class Refused(Exception):
    """A request the endpoint will not act on: its HTTP status and a message for the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class WriteBack:
    """The serve run's token and its table of pages (URL path -> the map file that built them)."""

    pages: Mapping[str, Path]
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def meta(self) -> str:
        return f'<meta name="conceptmap-save" content="{self.token}">'

    def length(self, headers: Any) -> int:
        """The declared body length, read before anything else is checked so that a refusal leaves no unread body
        (except for one that is too large); raises Refused."""
        try:
            length = int(headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, "the request has no length") from None
        if not 0 < length <= MAX_BODY:
            raise Refused(413, f"the request must hold 1 to {MAX_BODY} bytes")
        return length

    def check_headers(self, headers: Any, port: int) -> None:
        """Refuse (raise Refused) unless the request comes from one of our own pages on localhost."""
        host = headers.get("Host", "")
        if host not in local_hosts(port):
            raise Refused(403, "the request did not come through localhost")
        if headers.get("Origin") != f"http://{host}":
            raise Refused(403, "the request came from another site")
        if not hmac.compare_digest(headers.get(TOKEN_HEADER, "").encode(), self.token.encode()):
            raise Refused(403, "the page is not one this server gave out; reload it")
        if not headers.get("Content-Type", "").startswith("application/json"):
            raise Refused(415, "positions must be sent as JSON")

    def parse(self, body: bytes) -> tuple[Path, dict[str, tuple[float, float]]]:
        """The map file and the positions a request asks for; raises Refused."""
        def no_constants(name: str) -> Any:
            raise ValueError(f"{name} is not a number")

        try:
            doc = json.loads(body.decode("utf-8"), parse_constant=no_constants)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise Refused(400, "the request is not valid JSON") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("page"), str) or not isinstance(
                doc.get("positions"), list):
            raise Refused(400, "expected {page, positions: [[id, x, y], ...]}")
        path = self.pages.get(doc["page"])
        if path is None:
            raise Refused(404, "this page was not built by this server from a map")
        positions: dict[str, tuple[float, float]] = {}
        for item in doc["positions"]:
            if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)
                    and all(_number(v) for v in item[1:])):
                raise Refused(400, f"each position must be [id, x, y] with numbers between -{LIMIT:g} and {LIMIT:g}")
            positions[item[0]] = (float(item[1]), float(item[2]))
        return path, positions

    def save(self, path: Path, positions: dict[str, tuple[float, float]]) -> str:
        """Write the positions into the map file (only its position keys); the message for the page."""
        from graph.load import read_map_file
        from graph.positions import set_positions
        from graph.problems import MapError
        from graph.write import WriteError, replace_file

        with self.lock:
            try:
                data = read_map_file(path)
                new = set_positions(data, positions, str(path), path.stem)
                if new == data:
                    return f"The positions are already in {path.name}."
                replace_file(path, new, expected=data)
            except MapError as err:
                raise Refused(409, f"{err.problems[0]} (the file is unchanged)") from None
            except (OSError, WriteError) as err:
                raise Refused(500, f"could not write {path.name}: {err} (the file is unchanged)") from None
        return f"Saved the positions to {path.name}; the page reloads when it is rebuilt."


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) \
        and abs(value) <= LIMIT
