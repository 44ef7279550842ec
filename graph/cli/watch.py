"""`conceptmap watch`: rebuild maps when they are saved; an invalid edit prints its problems and keeps the last
good output. Only the maps are watched, never the output folder."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.cli.common import say
from graph.problems import Problem, report
from graph.site import Options, build, remember

Notify = Callable[[dict[Path, list[str]]], None]  # told each rebuilt map's problem lines (none: it built)


def _by_map(paths: Sequence[Path], problems: Sequence[Problem]) -> dict[Path, list[str]]:
    """Each map's problems, as the lines the terminal shows (all of them for every map, if none names its map)."""
    outcome = {p: report(x for x in problems if x.file == str(p)) for p in paths}
    return outcome if any(outcome.values()) else {p: report(problems) for p in paths}


def _refused(paths: Sequence[Path], problems: Sequence[Problem], out: Path, options: Options) -> str:
    """Which maps were not written, and what their pages are now: the last good build, or none yet."""
    files = {p.file for p in problems}
    broken = [p for p in paths if str(p) in files] or list(paths)
    said = [f"{p} (kept the last good output in {page})" if page.exists() else f"{p} (no {page} until it is valid)"
            for p, page in ((p, out / options.filename(p.stem)) for p in broken)]
    others = "; the other maps are built" if len(broken) < len(paths) else ""
    return f"not written: {', '.join(said)}{others}"


def rebuild(paths: Sequence[Path], out: Path, options: Options, notify: Notify | None = None) -> bool:
    """One build, reported on stdout and stderr (and to `notify`); True when every map was valid. Never raises for
    bad input."""
    from graph.cli.common import said
    from graph.write import WriteError, write_files

    outcome: dict[Path, list[str]] = {p: [] for p in paths}
    try:
        result = build(paths, out, options)  # the valid maps' files, even when another map is broken
        write_files(out, result.files, paths, said=said)
        remember(out, result)
        if result.problems:
            outcome = _by_map(paths, result.problems)
            for problem in result.problems:
                say(str(problem), err=True)
            say(_refused(paths, result.problems, out, options), err=True)
    except (OSError, WriteError) as err:
        outcome = {p: [f"conceptmap: error: {err}"] for p in paths}
        say(f"conceptmap: error: {err}", err=True)
    if notify is not None:
        notify(outcome)
    sys.stdout.flush()
    return not any(outcome.values())


def watch(paths: Sequence[Path], out: Path, options: Options, stop: threading.Event | None = None,
          notify: Notify | None = None) -> int:
    """Build, then rebuild on every change to a map, until interrupted (or `stop` is set); `notify` hears how
    each rebuild went."""
    import watchfiles

    maps = {p.resolve() for p in paths}
    folders = sorted({str(p.parent) for p in maps})
    rebuild(paths, out, options, notify)
    say(f"watching {', '.join(str(p) for p in paths)} (Ctrl+C stops)")
    only_maps = lambda _change, path: Path(path).resolve() in maps  # noqa: E731
    try:
        for changes in watchfiles.watch(*folders, watch_filter=only_maps, debounce=100, step=20,
                                        stop_event=stop, raise_interrupt=False):
            changed = sorted({Path(p).resolve() for _, p in changes})
            say(f"changed: {', '.join(p.name for p in changed)}")
            rebuild([p for p in paths if p.resolve() in changed], out, options, notify)
    except KeyboardInterrupt:
        pass
    return 0
