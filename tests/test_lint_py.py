"""The Python passes ruff and mypy --strict (their versions bounded in pyproject.toml), inside the test suite."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          check=False)


def test_ruff_is_clean():
    done = _run("ruff", "check", "graph", "tests", "bench", "tools")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean():
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
