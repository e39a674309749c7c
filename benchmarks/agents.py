"""Many agents on one database at once, through the desk's own use cases. One figure a line.

    python benchmarks/agents.py [--db PATH_OR_URL] [--agents 1,4,16] [--actions 200]
                                [--think 0.25] [--paced-actions 100] [--tickets 50]
                                [--seed 1]

Adds 16 agents (tiers 1-3) and N new tickets, then for 1, 4 and 16 agent processes in
turn (spawned, started together) has each do random actions: reply, note, status
change, take/assign, escalate, de-escalate, log work, on random tickets, retrying a
conflict the way the app does. Each count runs twice:
- saturated: --actions each, back to back with no pause: the most the desk can do;
- paced: --paced-actions each, a random 0.5-1.5 × --think seconds before each (0.25 s
  is four actions a second per agent, far beyond a person's pace): what an agent
  waits for while the others work. The latency bar (p95 ≤ 100 ms) is on this run.
Then it replays the history against what every agent was told. Figures:
- agents_N_actions_per_s: acknowledged actions per second, saturated, all N together;
- agents_N_saturated_median_ms / _p95_ms / _max_ms: one desk write (one transaction)
  as the agent waits for it, saturated (queueing for the one write lock included);
- agents_N_median_ms / agents_N_p95_ms / agents_N_max_ms: the same, paced;
- agents_N_conflicts: writes refused because the ticket had changed (then retried);
- lost_actions, duplicated_actions, unexpected_actions: acknowledged actions missing from
  the history, written twice, or written without being acknowledged (all must be 0);
- lock_errors: "database is locked" that reached an agent (must be 0).

The database defaults to a new SQLite file in a temporary directory; --db takes a path
or a URL such as postgresql://postgres@127.0.0.1:5432/test (its tickets are new ones, so
an existing desk there is left as it was, apart from the added agents and tickets).
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/queue.py would shadow the standard library's queue, which multiprocessing
# imports: take this folder off the import path first, and put the repository on it
# instead, for benchmarks.tools.
HERE = Path(__file__).resolve().parent
sys.path = [str(HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import secrets  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

BAR_P95_MS = 100.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="path or URL (default: a temporary file)")
    parser.add_argument("--agents", default="1,4,16", help="process counts, comma-separated")
    parser.add_argument("--actions", type=int, default=200, help="actions per process")
    parser.add_argument("--seconds", type=float, default=None, help="or stop each run after")
    parser.add_argument("--think", type=float, default=0.25, help="paced: seconds between")
    parser.add_argument("--paced-actions", type=int, default=100, help="actions per process")
    parser.add_argument("--tickets", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counts = [int(n) for n in args.agents.split(",")]

    from benchmarks.tools import loadgen
    from tuidesk.storage.database import open_database

    with tempfile.TemporaryDirectory(prefix="tuidesk-agents-") as scratch:
        target = args.db or str(Path(scratch) / "agents.db")
        prefix = f"b{secrets.token_hex(3)}-"  # new agents on a database used before
        members, ticket_ids = loadgen.prepare(target, max(counts), args.tickets, prefix)
        print(f"database: {'sqlite' if '://' not in target else target.split(':')[0]}")
        print(f"tickets: {len(ticket_ids)}")
        reports = []
        failed = False
        for n in counts:
            for mode, actions, think in (
                ("saturated", args.actions, 0.0),
                ("paced", args.paced_actions, args.think),
            ):
                runs = loadgen.run_agents(
                    target, members[:n], members, ticket_ids, actions,
                    seed=args.seed * 100 + n + (50 if think else 0), seconds=args.seconds,
                    think=think,
                )  # fmt: skip
                reports.extend(runs)
                acks = sum(len(r.acks) for r in runs)
                latencies = [ms for r in runs for ms in r.latencies_ms]
                p95 = loadgen.percentile(latencies, 0.95)
                name = f"agents_{n}_saturated" if mode == "saturated" else f"agents_{n}"
                if mode == "saturated":
                    wall = max(r.finished for r in runs) - min(r.started for r in runs)
                    print(f"agents_{n}_actions: {acks}")
                    print(f"agents_{n}_actions_per_s: {acks / wall:.0f}")
                    print(f"{name}_median_ms: {statistics.median(latencies):.1f}")
                    print(f"{name}_p95_ms: {p95:.1f}")
                else:
                    print(f"{name}_median_ms: {statistics.median(latencies):.1f}")
                    verdict = "ok" if p95 <= BAR_P95_MS else "OVER"
                    print(f"{name}_p95_ms: {p95:.1f} ({verdict} ≤ {BAR_P95_MS:.0f})")
                print(f"{name}_max_ms: {max(latencies):.1f}")
                print(f"{name}_conflicts: {sum(r.conflicts for r in runs)}")
                for report in runs:
                    for error in report.errors:
                        failed = True
                        print(f"error in {report.agent}: {error}", file=sys.stderr)

        started = time.perf_counter()
        db = open_database(target)
        try:
            result = loadgen.audit(db, ticket_ids, reports)
        finally:
            db.dispose()
        print(f"audit_s: {time.perf_counter() - started:.1f}")
        print(f"lost_actions: {result.lost}")
        print(f"duplicated_actions: {result.duplicated}")
        print(f"unexpected_actions: {result.unexpected}")
        print(f"replay_mismatches: {len(result.mismatches)}")
        print(f"lock_errors: {sum(len(r.lock_errors) for r in reports)}")
        for line in result.mismatches[:10]:
            print(f"mismatch: {line}", file=sys.stderr)
    bad = failed or result.mismatches or any(r.lock_errors for r in reports)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
