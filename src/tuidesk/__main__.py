"""`python -m tuidesk` runs the same CLI as the `tuidesk` command."""

from tuidesk.cli import main

raise SystemExit(main())
