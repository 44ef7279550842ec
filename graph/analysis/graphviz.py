"""Graphviz as a layout engine: concept and phrase boxes in, box centres out (graphviz-pure, run as a program)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

PROGRAM = "graphviz-pure"
TIMEOUT = 60.0  # seconds; the caller falls back to another layout when Graphviz takes longer
Size = tuple[float, float]
Centre = tuple[float, float]
Edge = tuple[str, str] | tuple[str, str, Mapping[str, str]]  # (from, to) or (from, to, our own edge attributes)


class GraphvizError(RuntimeError):
    """Graphviz could not be run, or gave no usable layout."""


@cache
def program() -> str:
    """The graphviz-pure executable installed with this Python (the pinned one), else the first on PATH."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / PROGRAM
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(PROGRAM)
    if found is None:
        raise GraphvizError("graphviz-pure is not installed; run: pip install graphviz-pure")
    return found


def _quote(name: str) -> str:
    """A DOT identifier for one of our ids (concept ids and '~p' phrase ids hold no quote or backslash)."""
    if '"' in name or "\\" in name:
        raise ValueError(f"not a layout id: {name!r}")
    return f'"{name}"'


def _node(name: str, size: Size, pin: Centre | None) -> str:
    attrs = f'width={size[0] / 72:.4f}, height={size[1] / 72:.4f}'
    if pin is not None:
        attrs += f', pos="{pin[0]:.2f},{-pin[1]:.2f}!", pin=true'
    return f"{_quote(name)} [{attrs}];"


def _edge(edge: Edge) -> str:
    u, v, *rest = edge
    attrs = ", ".join(f"{k}={val}" for k, val in (rest[0] if rest else {}).items())
    return f"{_quote(u)} -> {_quote(v)}{f' [{attrs}]' if attrs else ''};"


def source(sizes: Mapping[str, Size], edges: Iterable[Edge], graph_attrs: Mapping[str, str],
           pins: Mapping[str, Centre] | None = None, same_rank: Iterable[Sequence[str]] = ()) -> str:
    """The DOT text of a layout job: fixed-size boxes with no text (no user text ever reaches Graphviz);
    each list of `same_rank` ids is kept on one rank."""
    pins = pins or {}
    lines = ["digraph layout {", *(f"{k}={v};" for k, v in graph_attrs.items()),
             'node [shape=box, fixedsize=true, label=""];']
    lines += [_node(n, s, pins.get(n)) for n, s in sizes.items()]
    lines += [_edge(e) for e in edges]
    lines += ["{rank=same; " + " ".join(f"{_quote(n)};" for n in ids) + "}" for ids in same_rank]
    lines.append("}")
    return "\n".join(lines) + "\n"


def run(engine: str, dot: str) -> dict[str, Centre]:
    """Box centres by name, y growing downwards, from `graphviz-pure -K<engine> -Tjson`."""
    try:
        done = subprocess.run([program(), f"-K{engine}", "-Tjson"], input=dot.encode(), capture_output=True,
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise GraphvizError(f"Graphviz did not finish: {err}") from err
    if done.returncode != 0:
        raise GraphvizError(done.stderr.decode("utf-8", "replace").strip()[:500])
    doc = json.loads(done.stdout)
    out = {}
    for obj in doc.get("objects", ()):
        if "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            out[obj["name"]] = (x, -y)
    return out
