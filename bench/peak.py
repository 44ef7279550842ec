"""Run the conceptmap command line in a fresh process and read its own peak memory.

The child reports VmHWM (counted from exec), unlike the rusage of a forked child, which starts from the
parent's size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRAPPER = """import atexit, runpy, sys
def peak():
    with open('/proc/self/status') as f:
        sys.stderr.write(next(line for line in f if line.startswith('VmHWM')))
atexit.register(peak)
sys.argv = ['conceptmap'] + sys.argv[1:]
runpy.run_module('graph', run_name='__main__')
"""


def run_measured(args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """The finished process (its stderr without the memory line) and its peak resident memory in MB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False)
    before, _, after = done.stderr.rpartition("VmHWM:")
    done.stderr = before
    return done, int(after.split()[0]) / 1024
