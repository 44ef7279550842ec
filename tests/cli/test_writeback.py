"""`conceptmap serve MAP...`: a drag in the served page is saved into the map file (only its position keys, the
comments kept), the page reloads with it; requests without the run's token, from another origin or host, or with
bad data are refused and change nothing."""

from __future__ import annotations

import http.client
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, Session
from test_live import Proc

from graph.load import load_map

pytestmark = pytest.mark.browser
COMMENTED = MINIMAL.replace("concepts:\n", "concepts:   # a comment the save keeps\n")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Proc, int]]:
    (tmp_path / "concepts").mkdir()
    path = tmp_path / "concepts" / "small.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    server = Proc(["serve", "concepts/small.yaml", "--port", "0"], tmp_path)
    port = 0
    for _ in range(2):  # the watcher and the server start side by side, in either order
        match = server.expect(r"^watching |http://127\.0\.0\.1:(\d+)/")
        port = int(match.group(1)) if match.group(1) else port
    yield path, server, port
    server.stop()


def request(port: int, method: str, path: str, body: bytes | None = None, **headers: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, body=body, headers={"Host": f"127.0.0.1:{port}", **headers})
    answer = conn.getresponse()
    status, data = answer.status, answer.read()
    conn.close()
    return status, data


def token(port: int) -> str:
    status, page = request(port, "GET", "/small.html")
    assert status == 200
    match = re.search(rb'<meta name="conceptmap-save" content="([A-Za-z0-9_-]{40,})">', page)
    assert match, "the served page carries the run's token"
    return match.group(1).decode()


def test_a_drag_in_the_served_page_is_saved_and_keeps_the_comment(browser: Any, served: tuple[Path, Proc, int]):
    path, server, port = served
    url = f"http://127.0.0.1:{port}/"
    s = Session(browser, url + "small.html", allow=(url,))
    page = s.open("small")
    x, y = s.point("small", "mood")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 90, steps=8)
    page.mouse.up()
    dropped = page.evaluate("() => conceptmap.maps.small.positions().get('mood')")
    server.expect(r"^saved positions to small\.yaml")
    text = path.read_text(encoding="utf-8")
    assert "# a comment the save keeps" in text
    assert f"position: [{dropped['x']}, {dropped['y']}]" in text
    assert load_map(path).concepts["mood"].position == (dropped["x"], dropped["y"])
    server.expect(r"^wrote output/small\.html")
    page.wait_for_function("(at) => { const m = window.conceptmap && conceptmap.maps.small;"
                           " const p = m && m.network.getPositions(['mood']).mood;"
                           " return m && document.querySelector('[data-cm-ready]') && p.x === at.x && p.y === at.y; }",
                           arg=dropped, timeout=5000)
    s.close()


def test_pages_are_served_only_under_a_localhost_name(served: tuple[Path, Proc, int]):
    _, _, port = served
    assert request(port, "GET", "/small.html")[0] == 200
    for host in ("evil.example:80", f"127.0.0.1.evil.example:{port}", f"localhost:{port}@evil"):
        for method in ("GET", "HEAD"):
            assert request(port, method, "/small.html", Host=host)[0] == 403, (method, host)  # DNS rebinding


def test_no_listings_and_nothing_outside_the_served_folder(served: tuple[Path, Proc, int], tmp_path: Path):
    path, _, port = served
    out = path.parent.parent / "output"
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web")
    (out / "link.txt").symlink_to(secret)
    for method in ("GET", "HEAD"):
        assert request(port, method, "/")[0] == 404, method  # no directory listing
        assert request(port, method, "/link.txt")[0] == 404, method  # a symlink out of the folder
    assert request(port, "GET", "/small.html")[0] == 200


def test_event_streams_are_capped_and_answer_only_to_localhost(served: tuple[Path, Proc, int]):
    from graph.cli.live import MAX_STREAMS

    _, _, port = served
    assert request(port, "GET", "/__conceptmap__/events", Host="evil.example:80")[0] == 403
    streams = []
    for _ in range(MAX_STREAMS):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/__conceptmap__/events", headers={"Host": f"127.0.0.1:{port}"})
        answer = conn.getresponse()
        assert answer.status == 200 and answer.getheader("Content-Type") == "text/event-stream"
        streams.append(conn)
    assert request(port, "GET", "/__conceptmap__/events")[0] == 503  # one more would hold one more thread
    assert request(port, "GET", "/small.html")[0] == 200  # the pages are still served
    for conn in streams:
        conn.close()


def test_the_static_file_carries_no_token(served: tuple[Path, Proc, int]):
    path, _, port = served
    assert token(port) and b"conceptmap-save" not in (path.parent.parent / "output" / "small.html").read_bytes()
    status, script = request(port, "GET", "/__conceptmap__/save.js")
    assert status == 200 and token(port).encode() not in script  # a foreign page including it learns nothing


def test_requests_without_the_token_or_from_elsewhere_are_refused(served: tuple[Path, Proc, int]):
    path, _, port = served
    before, secret, origin = path.read_bytes(), token(port), f"http://127.0.0.1:{port}"
    body = json.dumps({"page": "/small.html", "positions": [["mood", 5, 6]]}).encode()
    json_type = {"Content-Type": "application/json"}
    cases = [
        (403, {**json_type, "Origin": origin}, body),  # no token
        (403, {**json_type, "Origin": origin, "X-Conceptmap-Token": secret[:-1] + "x"}, body),
        (403, {**json_type, "Origin": "http://evil.example", "X-Conceptmap-Token": secret}, body),
        (403, {**json_type, "X-Conceptmap-Token": secret}, body),  # no Origin
        (403, {**json_type, "Origin": "http://evil.example:80", "X-Conceptmap-Token": secret,
               "Host": "evil.example:80"}, body),  # DNS rebinding: a foreign name for our address
        (415, {"Content-Type": "text/plain", "Origin": origin, "X-Conceptmap-Token": secret}, body),
    ]
    good = {**json_type, "Origin": origin, "X-Conceptmap-Token": secret}
    for payload, status in [
        ({"page": "/../concepts/small.yaml", "positions": [["mood", 5, 6]]}, 404),
        ({"page": "/small.html", "positions": [["nope", 5, 6]]}, 409),
        ({"page": "/small.html", "positions": [["mood", 5, 2e6]]}, 400),
        ({"page": "/small.html", "positions": [["mood", True, 6]]}, 400),
        ({"page": "/small.html", "positions": {"mood": [5, 6]}}, 400),
    ]:
        cases.append((status, good, json.dumps(payload).encode()))
    cases.append((400, good, b'{"page": "/small.html", "positions": [["mood", NaN, 6]]}'))
    cases.append((400, good, b"[" * 100_000 + b"]" * 100_000))  # deeper than the JSON parser goes
    for status, headers, data in cases:
        got, answer = request(port, "POST", "/__conceptmap__/positions", data, **headers)
        assert (got, "error" in json.loads(answer)) == (status, True), (headers, data[:80])
        assert path.read_bytes() == before
    try:  # a body over the limit is not even read: the answer may come, or the connection is cut
        got, _ = request(port, "POST", "/__conceptmap__/positions", b"[" + b" " * (1024 * 1024) + b"]", **good)
        assert got == 413
    except ConnectionError:
        pass
    assert path.read_bytes() == before


def test_a_save_into_a_broken_file_changes_nothing_and_says_why(served: tuple[Path, Proc, int]):
    path, server, port = served
    secret = token(port)
    broken = COMMENTED.replace("title: Small map", "title: [broken")
    path.write_text(broken, encoding="utf-8")
    server.expect(r"kept the last good output")
    body = json.dumps({"page": "/small.html", "positions": [["mood", 5, 6]]}).encode()
    status, answer = request(port, "POST", "/__conceptmap__/positions", body, **{
        "Content-Type": "application/json", "Origin": f"http://127.0.0.1:{port}", "X-Conceptmap-Token": secret})
    assert status == 409 and json.loads(answer)["error"].startswith("concepts/small.yaml:2:8: error[syntax]")
    time.sleep(0.2)
    assert path.read_text(encoding="utf-8") == broken
