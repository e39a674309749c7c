"""How long `tuidesk seed` takes to write N tickets with their events (default 1,000,000).

Prints one figure a line: tickets, events, seconds. Run: python benchmarks/seed.py [N]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tuidesk.seed import seed_database
from tuidesk.storage.database import open_database


def main() -> None:
    tickets = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        result = seed_database(db, tickets=tickets)
        db.dispose()
    print(f"seed_tickets {result.tickets}")
    print(f"seed_events {result.events}")
    print(f"seed_seconds {result.seconds:.1f}")


if __name__ == "__main__":
    main()
