"""Eight agent processes working the same five tickets of one database at once.

Each process does 200 random actions (reply, note, status change, take/assign, escalate,
de-escalate, log work), retrying on a conflict as the app does. Afterwards the history
must hold every acknowledged action exactly once and nothing else, replaying it must give
each ticket as it is stored (and as each agent was told after each action), and no agent
may have met "database is locked".

The seed comes from TUIDESK_LOAD_SEED (default 8); agent n's is seed * 1000 + n.
"""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy import bindparam, text

from benchmarks.tools import loadgen
from tuidesk.storage.database import open_database
from tuidesk.storage.history_chain import verify

PROCESSES = 8
ACTIONS = 200
TICKETS = 5
SEED = int(os.environ.get("TUIDESK_LOAD_SEED", "8"))


pytestmark = pytest.mark.backends


def test_eight_agent_processes_lose_and_duplicate_nothing(db_target: str) -> None:
    target = db_target  # a SQLite file, or a fresh PostgreSQL database
    members, ticket_ids = loadgen.prepare(target, PROCESSES, TICKETS)
    started = time.monotonic()
    reports = loadgen.run_agents(target, members, members, ticket_ids, ACTIONS, SEED)
    elapsed = time.monotonic() - started

    assert [r.agent for r in reports] == [m.login for m in members]
    for report in reports:
        assert not report.errors, f"{report.agent} (seed {report.seed}): {report.errors[0]}"
        assert not report.lock_errors, f"{report.agent} (seed {report.seed}) met a locked database"
        attempts = len(report.acks) + len(report.refused) + len(report.failed)
        assert attempts == ACTIONS, report.agent
    acks = sum(len(r.acks) for r in reports)
    conflicts = sum(r.conflicts for r in reports)
    # the load is real: most actions went through, and agents did collide
    assert acks >= PROCESSES * ACTIONS * 0.8
    assert conflicts > 0
    kinds = {a.kind for r in reports for a in r.acks}
    assert kinds == {"reply", "note", "status", "assignment", "escalation", "deescalation",
                     "worklog"}  # fmt: skip

    db = open_database(target)
    try:
        result = loadgen.audit(db, ticket_ids, reports)
        assert result.mismatches == [], f"seed {SEED}: " + "\n".join(result.mismatches[:20])
        assert (result.lost, result.duplicated, result.unexpected) == (0, 0, 0)
        if db.is_sqlite:
            with db.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
                assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        with db.engine.connect() as conn:  # and every event chained to the one before
            chains = verify(conn)
        assert chains.ok, chains.breaks[0].describe()
        with db.engine.connect() as conn:
            events = conn.execute(
                text("SELECT count(*) FROM ticket_event WHERE ticket_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": ticket_ids},
            ).scalar()
    finally:
        db.dispose()
    # the created events, one event per action, and what opening or taking wrote after it
    assert events == TICKETS + acks + result.follow_ons
    print(f"{acks} actions, {conflicts} conflicts retried, {elapsed:.1f} s")
