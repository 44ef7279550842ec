"""The page's pure view logic, tested in milliseconds by Node's own test runner (node --test)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT


def test_view_function_unit_tests_pass_under_node():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the page's unit tests (it ships with npm, which the test command uses)")
    run = subprocess.run([node, "--test", str(ROOT / "tests" / "page" / "js")], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout
