"""Hostile inputs against `conceptmap validate`, each as a whole process: the problem reported, the exit code,
the wall time and the peak memory. Every case must give a clear located error in under 2 s and 200 MB.

Run: python bench/bounds.py
"""

from __future__ import annotations

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
        "too many steps (300; 2,000 concepts in step 1)": _steps(),
        "steps listing 20,001 ids": HEAD + b"concepts: {a: {}}\nsteps:\n  - {title: S, narration: n, concepts: ["
        + b", ".join([b"a"] * 20_001) + b"]}\n",
    }


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
    print(f"{'case':30} {'exit':>4} {'wall':>8} {'peak':>8}  first problem")
    ok = True
    for name, data in cases().items():
        code, first, wall, peak = run(data)
        good = code == 1 and wall < LIMIT_S and peak < LIMIT_MB and "error[" in first
        ok &= good
        print(f"{name:30} {code:>4} {wall * 1000:6.0f}ms {peak:6.1f}MB  {'' if good else 'FAIL '}{first}")
    print("all within bounds" if ok else "SOME CASES ARE OUT OF BOUNDS")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
