"""`python -m graph` runs the conceptmap command line."""

from .cli import main

raise SystemExit(main())
