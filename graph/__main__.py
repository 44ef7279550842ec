"""`python -m graph` runs the conceptmap command line."""

from graph.cli.commands import run

raise SystemExit(run())
