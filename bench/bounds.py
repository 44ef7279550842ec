"""Hostile inputs against `conceptmap validate`, each as a whole process: the problem reported, the exit code,
the wall time and the peak memory. Every case must give a clear located error in under 2 s and 200 MB.

Run: python bench/bounds.py
"""

from __future__ import annotations

import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

from peak import run_measured

LIMIT_S, LIMIT_MB = 2.0, 200.0
HEAD = b"conceptmap: 1\ntitle: T\n"


def cases() -> dict[str, bytes]:
    laughs = b"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + b"".join(
        b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((98 + i, 98 + i) + (97 + i,) * 9)
        for i in range(9))
    many = HEAD + b"concepts:\n" + b"".join(b"  c%d: {}\n" % i for i in range(20_001))
    return {
        "billion laughs (aliases)": laughs,
        "deep flow nesting (100,000)": HEAD + b"x: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "deep block nesting (3,000)": HEAD + b"x:" + b"".join(b"\n" + b" " * i + b"- " for i in range(1, 3000)),
        "file over 16 MiB": HEAD + b"description: " + b"x" * (17 * 1024 * 1024) + b"\n",
        "too many concepts (20,001)": many,
        "too-long text (50,000)": HEAD + b"concepts:\n  a: {label: " + b"x" * 50_000 + b"}\n",
        "non-UTF-8 bytes": HEAD + b"description: caf\xe9\nconcepts: {a: {}}\n",
        "tab indentation": HEAD + b"concepts:\n\ta: {}\n",
        "NUL byte": HEAD + b"description: a\x00b\nconcepts: {a: {}}\n",
        "custom tag": HEAD + b"description: !!python/object/apply:os.system ['true']\nconcepts: {a: {}}\n",
        "merge key": HEAD + b"base: &b {label: X}\nconcepts:\n  a: {<<: *b}\n",
        "multi-document": HEAD + b"concepts: {a: {}}\n---\nconceptmap: 1\n",
        **hostile_text(),
        "too many steps (300; 2,000 concepts in step 1)": _steps(),
        "steps listing 20,001 ids": HEAD + b"concepts: {a: {}}\nsteps:\n  - {title: S, narration: n, concepts: ["
        + b", ".join([b"a"] * 20_001) + b"]}\n",
    }


MB = 1_000_000


def hostile_text() -> dict[str, bytes]:
    """About 1 MB of text aimed at each parser and check of issue 13: the short-form reader (once a cubic regex),
    "did you mean" (once difflib over every id for every problem), escapes, invisible characters in ids."""
    two = HEAD + b"concepts: {a: {}, x: {}}\nrelations:\n  - "
    ids = [b"c" + bytes(random.Random(i).choices(b"abcdefghijklmnopqrstuvwxyz0123456789", k=50)) for i in range(9000)]
    near = b"".join(b"  - {from: %s, to: %s, phrase: p}\n" % (i[:-1] + b"_", ids[0]) for i in ids)
    return {
        "short form: 1 MB of spaces": two + b'"a ->' + b" " * MB + b'x"\n',
        "short form: 1 MB of arrows": two + b'"a -> ' + b"->" * (MB // 2) + b'"\n',
        "hints: 9,000 near-miss refs (1 MB)": HEAD + b"concepts:\n" + b"".join(b"  %s: {}\n" % i for i in ids)
        + b"relations:\n" + near,
        "escapes: 1 MB of \\e in keys": HEAD + b"concepts:\n" + b"".join(b'  "k%d\\e[31m": {}\n' % i
                                                                      for i in range(60_000)),
        "escapes: 1 MB in one text": HEAD + b'description: "' + b"\\e]0;t\\a" * (MB // 8) + b'"\nconcepts: {a: {}}\n',
        "zero-width ids (20,000; 0.4 MB)": HEAD + b"concepts:\n" + b"".join(b'  "c%d\\u200b": {}\n' % i
                                                                          for i in range(20_000)),
    }


def heavy() -> dict[str, tuple[bytes, list[str], float]]:
    """Valid maps whose analysis once blew up (issue 12; the fan, Graphviz given 100 empty ranks, took 29 s): the
    YAML, the command after the map path, its limit in s.
    A ring of 6 with 20 parallel relations per hop has 20**6 loops; 30 layers of 3 joined layer to layer have
    3**28 shortest chains from the first layer to the last."""
    ring = HEAD + b"concepts: {%s}\nrelations:\n" % b", ".join(b"c%d: {}" % i for i in range(6)) + b"".join(
        b"  - {id: r%d_%d, from: c%d, to: c%d, phrase: p%d}\n" % (i, k, i, (i + 1) % 6, k)
        for i in range(6) for k in range(20))
    names = [[b"l%d_%d" % (layer, k) for k in range(3)] for layer in range(30)]
    layers = HEAD + b"concepts: {%s}\nrelations:\n" % b", ".join(b"%s: {}" % n for row in names for n in row)
    layers += b"".join(b"  - {from: %s, to: %s, phrase: then}\n" % (a, b)
                       for upper, lower in itertools.pairwise(names) for a in upper for b in lower)
    fan = HEAD + b"concepts: {%s}\nrelations:\n" % b", ".join(b"c%d: {}" % i for i in range(121)) + b"".join(
        b"  - c0 -> includes -> c%d\n" % i for i in range(1, 121))  # one phrase, 120 lines out of it
    return {"ring of 6, 20 parallel relations per hop: build": (ring, ["build", "-o", "{tmp}"], 2.0),
            "one phrase fanned out to 120 concepts: build": (fan, ["build", "-o", "{tmp}"], 5.0),
            "30 layers of 3, fully joined: explain": (layers, ["explain", "{map}", "l0_0", "l29_0"], 1.0)}


def run_heavy(data: bytes, command: list[str]) -> tuple[int, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "heavy.yaml"
        path.write_bytes(data)
        args = [a.format(tmp=tmp, map=path) for a in command]
        args = args if "{map}" in command[1:] else [args[0], str(path), *args[1:]]
        start = time.perf_counter()
        done, peak = run_measured(args)
        return done.returncode, time.perf_counter() - start, peak


def _steps() -> bytes:
    """The issue's shape: every concept revealed in step 1, then 299 empty steps (which made 148 MB of slides)."""
    concepts = b"".join(b"  c%d: {}\n" % i for i in range(2000))
    first = b"  - {title: S, narration: n, concepts: [" + b", ".join(b"c%d" % i for i in range(2000)) + b"]}\n"
    return HEAD + b"concepts:\n" + concepts + b"steps:\n" + first + b"  - {title: S, narration: n}\n" * 299


def run(data: bytes) -> tuple[int, str, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.yaml"
        path.write_bytes(data)
        start = time.perf_counter()
        done, peak = run_measured(["validate", str(path)])
        wall = time.perf_counter() - start
        first = done.stderr.splitlines()[0].split(": ", 1)[1] if done.stderr else "(no problem reported)"
        return done.returncode, first[:90], wall, peak


def main() -> None:
    print(f"{'case':36} {'exit':>4} {'wall':>8} {'peak':>8}  first problem")
    ok = True
    for name, data in cases().items():
        code, first, wall, peak = run(data)
        good = code == 1 and wall < LIMIT_S and peak < LIMIT_MB and "error[" in first
        ok &= good
        print(f"{name:36} {code:>4} {wall * 1000:6.0f}ms {peak:6.1f}MB  {'' if good else 'FAIL '}{first}")
    for name, (data, command, limit) in heavy().items():
        code, wall, peak = run_heavy(data, command)
        good = code == 0 and wall < limit and peak < 300
        ok &= good
        print(f"{name:36} {code:>4} {wall * 1000:6.0f}ms {peak:6.1f}MB  {'' if good else 'FAIL '}(valid; {limit} s)")
    print("all within bounds" if ok else "SOME CASES ARE OUT OF BOUNDS")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
