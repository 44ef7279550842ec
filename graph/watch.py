"""`conceptmap watch`: rebuild maps when they are saved; an invalid edit prints its problems and keeps the last
good output. Only the maps are watched, never the output folder."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from .site import Options, build, remember


def rebuild(paths: Sequence[Path], out: Path, options: Options) -> bool:
    """One build, reported on stdout and stderr; True when every map was valid. Never raises for bad input."""
    from .cli import write_files
    from .write import WriteError

    try:
        result = build(paths, out, options)
        if result.problems:
            for problem in result.problems:
                print(problem, file=sys.stderr, flush=True)
            print(f"kept the last good output in {out}/", file=sys.stderr, flush=True)
            return False
        write_files(out, result.files, paths)
        remember(out, result)
    except (OSError, WriteError) as err:
        print(f"conceptmap: error: {err}", file=sys.stderr, flush=True)
        return False
    sys.stdout.flush()
    return True


def watch(paths: Sequence[Path], out: Path, options: Options, stop: threading.Event | None = None) -> int:
    """Build, then rebuild on every change to a map, until interrupted (or `stop` is set)."""
    import watchfiles

    maps = {p.resolve() for p in paths}
    folders = sorted({str(p.parent) for p in maps})
    rebuild(paths, out, options)
    print(f"watching {', '.join(str(p) for p in paths)} (Ctrl+C stops)", flush=True)
    only_maps = lambda _change, path: Path(path).resolve() in maps  # noqa: E731
    try:
        for changes in watchfiles.watch(*folders, watch_filter=only_maps, debounce=100, step=20,
                                        stop_event=stop, raise_interrupt=False):
            changed = sorted({Path(p).resolve() for _, p in changes})
            print(f"changed: {', '.join(p.name for p in changed)}", flush=True)
            rebuild([p for p in paths if p.resolve() in changed], out, options)
    except KeyboardInterrupt:
        pass
    return 0
