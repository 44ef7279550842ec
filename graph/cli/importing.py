"""The `conceptmap import` command: a CmapTools CXL or JSON Canvas file in, a checked YAML map out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graph.cli.common import UsageError
from graph.problems import MapError, Problem

if TYPE_CHECKING:  # the importers are loaded only by `import`, not by every command's parser
    from graph.importers.common import Imported

READERS = {".cxl": "CmapTools CXL", ".canvas": "JSON Canvas"}


def read_any(path: Path) -> Imported:
    """The map in a `.cxl` or `.canvas` file; a MapError with located problems when the file is bad."""
    from graph.importers.common import MAX_BYTES

    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise UsageError(f"cannot import {path}: name a .cxl (CmapTools) or .canvas (JSON Canvas) file")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise MapError([Problem(str(path), 1, 1, "too-large", f"the file has {path.stat().st_size} bytes; "
                                    f"the limit is {MAX_BYTES} bytes")])
        data = path.read_bytes()
    except OSError as err:
        raise MapError([Problem(str(path), 1, 1, "read", f"cannot read the file: {err.strerror or err}")]) from None
    if suffix == ".cxl":
        from graph.importers.cxl import read_cxl

        return read_cxl(data, str(path))
    from graph.importers.canvas import read_canvas

    return read_canvas(data, str(path))


def cmd_import(args: argparse.Namespace) -> int:
    from graph.importers.common import checked, slug, warning_text
    from graph.write import write_atomic

    source = Path(args.file)
    default = Path("concepts") / f"{slug(source.stem).replace('_', '-') or 'map'}.yaml"
    out = Path(args.output) if args.output else default
    if out.suffix not in (".yaml", ".yml"):
        raise UsageError(f"the output {out} must end in .yaml")
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; give --force to replace it")
    imported = read_any(source)
    data = checked(imported, str(out), out.stem, f"Imported from {source.name} ({READERS[source.suffix.lower()]}) "
                   "by conceptmap import.")
    for w in sorted(imported.warnings):
        print(warning_text(w), file=sys.stderr)
    write_atomic(out.parent, out.name, data, protect=frozenset({source}))
    counts = imported.data
    print(f"wrote {out} ({len(counts['concepts'])} concepts, {len(counts.get('relations', []))} relations"
          f"{f', {len(imported.warnings)} warnings' if imported.warnings else ''})")
    return 0


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `import` on the command line's subcommands."""
    p = sub.add_parser("import", help="read a CmapTools .cxl or JSON Canvas .canvas file into a YAML map")
    p.add_argument("file", metavar="FILE", help="a .cxl or .canvas file")
    p.add_argument("-o", "--output", metavar="MAP.yaml", help="the map to write (default: concepts/NAME.yaml)")
    p.add_argument("--force", action="store_true", help="replace the output map if it exists")
    p.set_defaults(run=cmd_import)
