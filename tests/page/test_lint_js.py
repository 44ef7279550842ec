"""The page scripts pass ESLint (the config in tests/eslint.config.mjs, ESLint from tests/package-lock.json)."""

from __future__ import annotations

import subprocess

from conftest import ROOT

ESLINT = ROOT / "tests" / "node_modules" / ".bin" / "eslint"
CONFIG = ROOT / "tests" / "eslint.config.mjs"


def _eslint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert ESLINT.exists(), "run: npm ci --prefix tests"
    return subprocess.run([str(ESLINT), "-c", str(CONFIG), "--max-warnings", "0", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120, check=False)


def test_page_scripts_and_node_tests_are_eslint_clean():
    done = _eslint("graph/page/templates", "tests/page/js")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_config_catches_what_the_page_must_not_do():
    bad = '(function () { "use strict"; var seen = {}; if (seen == 1) { eval("x"); } leaked = 1; })();\n'
    done = _eslint("--stdin", "--stdin-filename", "graph/page/templates/bad.js", stdin=bad)
    assert done.returncode == 1
    for rule in ("eqeqeq", "no-eval", "no-undef"):
        assert rule in done.stdout
