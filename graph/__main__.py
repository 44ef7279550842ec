"""`python -m graph` runs the conceptmap command line."""

from graph.cli.commands import main

raise SystemExit(main())
