"""Allow ``python -m facilkit``."""

from facilkit.cli import main

raise SystemExit(main())
