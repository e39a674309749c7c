"""A writing process killed with SIGKILL at random moments, again and again, on one file.

The writer creates tickets and adds notes, replies and work logs, and tells the test
("done") about each action only once the desk has returned from it, before starting the
next one; it says "begin" just before each. After every kill the database must open, pass
`PRAGMA integrity_check`, hold every action the writer reported done exactly once (and
the one it was in the middle of at most once), and each ticket's row must agree with its
history: nothing half written.

The writers are forked from a fork server that has tuidesk loaded, so one starts in
milliseconds rather than the second a fresh interpreter needs, and many kills fit in a
short test. TUIDESK_CRASH_SEED (default 30) seeds the delays and the writers' choices.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database

KILLS = 40
SEED = int(os.environ.get("TUIDESK_CRASH_SEED", "30"))
TOKEN = re.compile(r"<<(crash/[^<>]+)>>")


def _writer(path: str, seed: int, customer_id: int, out: Any) -> None:
    """Write until killed; report each action before it starts and once it is done."""
    rng = random.Random(seed)
    db = open_database(path)
    desk = Desk(db, resolve_actor(db))
    with db.read() as session:
        tickets = [row[0] for row in session.execute(text("SELECT id FROM ticket"))]
    out.send(("ready", "", 0))
    for n in range(1_000_000):
        token = f"<<crash/{seed}/{n}>>"
        kind = "create" if not tickets or rng.random() < 0.25 else rng.choice(
            ["note", "reply", "worklog"]
        )  # fmt: skip
        out.send(("begin", token, 0))
        if kind == "create":
            ticket = desk.create_ticket(
                subject=f"Crash {seed}/{n}", requester_id=customer_id,
                description=f"symptoms {token} " + "x" * rng.randint(0, 4000),
            )  # fmt: skip
            assert ticket.id is not None
            tickets.append(ticket.id)
        elif kind == "note":
            ticket = desk.add_note(rng.choice(tickets), f"note {token}")
        elif kind == "reply":
            ticket = desk.reply(rng.choice(tickets), f"reply {token}")
        else:
            ticket = desk.log_work(rng.choice(tickets), rng.randint(1, 30), f"work {token}")
        out.send(("done", token, ticket.id))


def check(path: str) -> Counter[str]:
    """Open the database after a crash, check it, and count each token in the history."""
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            bodies = conn.execute(text("SELECT body FROM ticket_event")).scalars()
            tokens = Counter(t for body in bodies for t in TOKEN.findall(body))
            # the ticket row and its history were written together, or not at all: one
            # version per action, and the writer's actions are all but their side effects
            # (a first reply opens the ticket and takes it: status and assignment events)
            torn = conn.execute(
                text(
                    "SELECT t.id, t.version, t.minutes_spent, "
                    "count(CASE WHEN e.kind NOT IN ('status', 'assignment') THEN e.id END), "
                    "coalesce(sum(e.minutes), 0), min(e.id), "
                    "min(CASE WHEN e.kind = 'created' THEN e.id END), "
                    "sum(e.kind = 'created') "
                    "FROM ticket t LEFT JOIN ticket_event e ON e.ticket_id = t.id "
                    "GROUP BY t.id HAVING t.version != "
                    "count(CASE WHEN e.kind NOT IN ('status', 'assignment') THEN e.id END) "
                    "OR t.minutes_spent != coalesce(sum(e.minutes), 0) "
                    "OR min(e.id) IS NOT min(CASE WHEN e.kind = 'created' THEN e.id END) "
                    "OR sum(e.kind = 'created') != 1"
                )
            ).all()
            assert torn == []
    finally:
        db.dispose()
    return tokens


def test_sigkill_at_random_moments_loses_no_reported_commit(tmp_path: Path) -> None:
    path = str(tmp_path / "crash.db")
    db = open_database(path)
    customer = Desk(db, resolve_actor(db)).find_or_create_customer("crash@example.com")
    db.dispose()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "tuidesk.services.desk"])
    rng = random.Random(SEED)
    reported: set[str] = set()  # done: the writer was told it is committed
    begun: set[str] = set()
    in_flight_absent = in_flight_present = 0
    for kill in range(KILLS):
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(
            target=_writer, args=(path, SEED * 1000 + kill, customer.id, writer)
        )
        process.start()
        writer.close()
        assert reader.poll(60), "the writer never started"
        assert reader.recv()[0] == "ready"
        # the kill comes a random moment after a random action began, counted in actions
        # rather than seconds: on a busy machine the writer is slower, never "done" sooner
        begins, wanted = 0, rng.randint(1, 6)
        last = None
        while begins < wanted:
            assert reader.poll(60), f"kill {kill}: the writer stopped writing"
            what, token, _ = reader.recv()
            (begun if what == "begin" else reported).add(token[2:-2])
            begins += what == "begin"
            last = (what, token[2:-2])
        time.sleep(rng.uniform(0, 0.05))
        process.kill()
        process.join(30)
        assert process.exitcode == -9, f"kill {kill}: the writer ended with {process.exitcode}"
        while reader.poll(0):
            try:
                what, token, _ = reader.recv()
            except EOFError:
                break
            (begun if what == "begin" else reported).add(token[2:-2])
            last = (what, token[2:-2])
        reader.close()
        assert last is not None

        tokens = check(path)
        assert set(tokens) <= begun, "an action that never began is in the history"
        assert {t for t in reported if tokens[t] != 1} == set(), f"kill {kill}"
        assert all(count == 1 for count in tokens.values()), f"kill {kill}: written twice"
        if last[0] == "begin":  # killed during an action: it is there whole, or not at all
            if tokens[last[1]]:
                in_flight_present += 1
            else:
                in_flight_absent += 1
    print(
        f"{KILLS} kills, {len(reported)} actions reported done; killed during an action "
        f"{in_flight_absent + in_flight_present} times ({in_flight_absent} not committed)"
    )
    # some kills must land inside an action's transaction, not only between actions
    assert in_flight_absent >= 3
