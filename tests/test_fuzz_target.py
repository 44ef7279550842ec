"""The atheris fuzz target's property (load, then the whole build), replayed on its seeds (including every crash
it has found)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import ROOT

SEEDS = sorted((ROOT / "fuzz" / "seeds").iterdir())


def _target():
    spec = importlib.util.spec_from_file_location("fuzz_loader", ROOT / "fuzz" / "fuzz_loader.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_fuzz_seeds_hold_the_property(seed: Path):
    _target().check(seed.read_bytes())
