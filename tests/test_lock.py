"""The lock: constraints.txt pins, exactly, everything the package and its extras need, as installed."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))


def pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==") for line in lines if line and not line.startswith("#"))


def test_the_lock_is_what_the_tests_run_with():
    import lock

    assert pins() == lock.closure(lock.PROJECT, lock.EXTRAS)  # refresh: python tools/lock.py


def test_the_lock_pins_the_packages_outputs_depend_on():
    assert {"networkx", "numpy", "scipy", "igraph", "graphviz-pure", "pyvis", "pyyaml", "jinja2"} <= set(pins())
