"""Tamper evidence: each history event's hash chains to its ticket's previous event, and
`tuidesk doctor` names the first broken link when the history is edited behind the
app's back (the append-only triggers turned off first, as anyone with the file can)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from tests.conftest import Clock
from tuidesk.cli import main
from tuidesk.services.desk import Desk
from tuidesk.storage import migrate
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database, create_database_engine, database_url
from tuidesk.storage.history_chain import event_hash, verify

pytestmark = pytest.mark.backends


@contextmanager
def behind_the_apps_back(db: Database) -> Iterator[object]:
    """A connection with the history's append-only triggers lifted."""
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.execute(text("DROP TRIGGER IF EXISTS ticket_event_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS ticket_event_no_delete"))
        else:
            conn.execute(text("ALTER TABLE ticket_event DISABLE TRIGGER ticket_event_append_only"))
        yield conn


def busy_ticket(desk: Desk, customer_id: int) -> int:
    ticket = desk.create_ticket(subject="VPN drops [b]hourly[/b]", requester_id=customer_id)
    assert ticket.id is not None
    desk.reply(ticket.id, "Which client version?")
    desk.add_note(ticket.id, "looks like the MTU")
    desk.log_work(ticket.id, 15, "traced it")
    desk.resolve(ticket.id, "MTU set to 1400")
    return ticket.id


def event_ids(db: Database, ticket_id: int) -> list[int]:
    with db.engine.connect() as conn:
        return list(
            conn.execute(
                text("SELECT id FROM ticket_event WHERE ticket_id = :t ORDER BY id"),
                {"t": ticket_id},
            ).scalars()
        )


def test_every_event_chains_to_the_one_before_on_its_ticket(
    db: Database, desk: Desk, customer_id: int
) -> None:
    first = busy_ticket(desk, customer_id)
    second = busy_ticket(desk, customer_id)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT ticket_id, kind, author_id, created_at, body, old_value, new_value,"
                " minutes, hash FROM ticket_event WHERE ticket_id = :t ORDER BY id"
            ),
            {"t": first},
        ).all()
        report = verify(conn)
    kinds = ["created", "reply", "assignment", "status", "note", "worklog", "status"]
    assert [r.kind for r in rows] == kinds
    previous = ""
    for row in rows:
        assert len(row.hash) == 64
        assert row.hash == event_hash(previous, *row[:8])
        previous = row.hash
    assert report.ok and report.tickets == 2 and report.events == 14
    assert report.heads[first] == rows[-1].hash and report.heads[second] != rows[-1].hash


def test_an_edited_event_is_named_by_doctor(
    db: Database, db_target: str, desk: Desk, customer_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    busy_ticket(desk, customer_id)
    ticket_id = busy_ticket(desk, customer_id)
    ids = event_ids(db, ticket_id)
    assert main(["--db", db_target, "doctor"]) == 0
    assert "history: 14 events of 2 tickets, every hash chain intact" in capsys.readouterr().out

    with behind_the_apps_back(db) as conn:  # a quiet rewrite of what the agent said
        conn.execute(  # type: ignore[attr-defined]
            text("UPDATE ticket_event SET body = 'Which client version, please?' WHERE id = :i"),
            {"i": ids[1]},
        )
    assert main(["--db", db_target, "doctor"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL  history: ticket #{ticket_id}, event {ids[1]} (its history's entry 2)" in out
    assert main(["--db", db_target, "doctor", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    [history] = [c for c in data if c["check"] == "history"]
    assert history["ok"] is False


def test_a_covered_up_edit_breaks_the_next_link_and_a_deletion_too(
    db: Database, desk: Desk, customer_id: int
) -> None:
    ticket_id = busy_ticket(desk, customer_id)
    ids = event_ids(db, ticket_id)
    with behind_the_apps_back(db) as conn:
        # the edit, with its own hash recomputed: the next event no longer follows it
        row = conn.execute(  # type: ignore[attr-defined]
            text(
                "SELECT e.ticket_id, e.kind, e.author_id, e.created_at, e.body, e.old_value,"
                " e.new_value, e.minutes FROM ticket_event e WHERE e.id = :i"
            ),
            {"i": ids[2]},
        ).one()
        previous = conn.execute(  # type: ignore[attr-defined]
            text("SELECT hash FROM ticket_event WHERE id = :i"), {"i": ids[1]}
        ).scalar()
        forged = event_hash(previous, *row[:4], "nothing to see", *row[5:])
        conn.execute(  # type: ignore[attr-defined]
            text("UPDATE ticket_event SET body = 'nothing to see', hash = :h WHERE id = :i"),
            {"h": forged, "i": ids[2]},
        )
    with db.engine.connect() as conn:
        report = verify(conn)
    assert [(b.ticket_id, b.event_id, b.position) for b in report.breaks] == [
        (ticket_id, ids[3], 4)
    ]
    with behind_the_apps_back(db) as conn:
        conn.execute(  # type: ignore[attr-defined]
            text("DELETE FROM ticket_event WHERE id IN (:a, :b)"), {"a": ids[2], "b": ids[3]}
        )
    with db.engine.connect() as conn:
        report = verify(conn)
    assert [(b.event_id, b.position) for b in report.breaks] == [(ids[4], 3)]


def test_sla_events_and_new_tickets_chain_too(
    db: Database, desk: Desk, clock: Clock, customer_id: int
) -> None:
    from datetime import timedelta

    from tuidesk.domain.sla_policies import default_rules
    from tuidesk.services.sla_clocks import sweep

    for n in range(3):
        desk.create_ticket(subject=f"Printer {n}", requester_id=customer_id, impact=1, urgency=1)
    sweep(db, default_rules(), clock() + timedelta(days=3))
    with db.engine.connect() as conn:
        kinds = set(conn.execute(text("SELECT kind FROM ticket_event")).scalars())
        report = verify(conn)
    assert {"sla_warning", "sla_breach"} <= kinds
    assert report.ok and report.tickets == 3


@pytest.mark.sqlite_only
def test_the_migration_hashes_an_existing_history(db_path) -> None:  # type: ignore[no-untyped-def]
    url = database_url(db_path)
    bare = Database(url, create_database_engine(url))
    migrate.upgrade(bare, "0010")
    with bare.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customer (name, email, phone, location, created_at)"
                " VALUES ('Jonas', 'j@x.example', '', '', '2026-01-01 00:00:00')"
            )
        )
        for n in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO ticket (id, subject, description, goal, theory, resolution,"
                    " requester_id, channel, status, tier, urgency, impact, priority, category,"
                    " vendor_ref, created_at, updated_at, version) VALUES"
                    f" ({n}, 's{n}', '', '', '', '', 1, 'phone', 'open', 1, 2, 2, 3, '', '',"
                    " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 2)"
                )
            )
            for kind, body in (("created", "it broke"), ("note", "ünïcode \x1b[31m")):
                conn.execute(
                    text(
                        "INSERT INTO ticket_event (ticket_id, kind, created_at, body,"
                        " old_value, new_value, minutes) VALUES"
                        " (:t, :k, '2026-01-01 00:00:00.000000', :b, '', '', 0)"
                    ),
                    {"t": n, "k": kind, "b": body},
                )
    bare.dispose()
    db = open_database(db_path)
    with db.engine.connect() as conn:
        report = verify(conn)
        hashes = conn.execute(text("SELECT hash FROM ticket_event ORDER BY id")).scalars().all()
    assert report.ok and (report.tickets, report.events) == (2, 4)
    assert hashes[0] == event_hash("", 1, "created", None, "2026-01-01 00:00:00", "it broke",
                                   "", "", 0)  # fmt: skip
    # the triggers are back: the history is append-only again
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("UPDATE ticket_event SET body = 'x'"))
    db.dispose()
