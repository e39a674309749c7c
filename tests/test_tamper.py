"""Tamper evidence that holds: what `tuidesk doctor` finds when the database is changed
behind the app's back, by someone who can write the file or the tables: a cut-off end of
the history (against the witnesses kept outside the database), deleted events and
tickets (gaps in the ids), dropped append-only triggers, an edited ticket row (replayed
from its history), and text that is not UTF-8. An untampered desk stays all ok."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import Clock
from tests.test_faults import write_lock_held
from tuidesk.cli import main
from tuidesk.demo.build import ensure_demo
from tuidesk.domain.sla_policies import default_rules
from tuidesk.errors import TuideskError
from tuidesk.services import maintenance, witness
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database, database_url
from tuidesk.storage.history_chain import event_hash


def doctor(path: Path | str) -> subprocess.CompletedProcess[str]:
    """`tuidesk doctor` as a sysadmin runs it: a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "tuidesk", "--db", str(path), "doctor"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


def line(result: subprocess.CompletedProcess[str], name: str) -> str:
    [found] = [x for x in result.stdout.splitlines() if x[6:].startswith(f"{name}: ")]
    return found


def failed(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [x for x in result.stdout.splitlines() if x.startswith("FAIL")]


def behind_the_apps_back(path: Path, *statements: str) -> None:
    """Run `statements` on the file with the history's triggers lifted, then put the
    triggers back as they were: only what the statements did is left to find."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND tbl_name = 'ticket_event'"
        ).fetchall()
        conn.execute("BEGIN IMMEDIATE")
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)
        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


def event_ids(path: Path, ticket_id: int) -> list[int]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT id FROM ticket_event WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
        return [r[0] for r in rows]


def busy_ticket(desk: Desk, customer_id: int, subject: str = "VPN drops hourly") -> int:
    ticket = desk.create_ticket(
        subject=subject, requester_id=customer_id, description="It drops", tags="vpn"
    )
    assert ticket.id is not None
    desk.reply(ticket.id, "Which client version?")
    desk.add_note(ticket.id, "looks like the MTU")  # (the reply opened it)
    desk.log_work(ticket.id, 15, "traced it")
    return ticket.id


@pytest.fixture
def three_tickets(desk: Desk, customer_id: int, db_path: Path) -> list[int]:
    """Three tickets of six events each on a SQLite file, the agents' desk closed."""
    ids = [busy_ticket(desk, customer_id, f"Ticket {n}") for n in range(3)]
    desk.db.dispose()
    return ids


# -- an untampered desk: no false alarms --


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    ensure_demo(database)  # dated from now: the SLA sweep is keeping up
    database.dispose()
    return path


def test_the_demo_desk_with_every_kind_of_change_is_all_ok(
    demo_template: Path, db_path: Path
) -> None:
    shutil.copyfile(demo_template, db_path)
    db_path.chmod(0o660)
    db = open_database(db_path)
    desk = Desk(db, resolve_actor(db))  # the demo's owner: an admin
    open_ones = desk.list_tickets(statuses=["open"], tier=1, limit=6)
    first, second, third, fourth = (t.id for t in open_ones[:4])
    assert first and second and third and fourth
    desk.merge(first, second)  # a merged ticket (closed) and its target (tags added)
    desk.escalate(third, tier=2, tried="reboot", theory="driver", needs="a fix",
                  minutes=10)  # fmt: skip
    desk.take(third)  # assigned after its escalation
    desk.deescalate(third, "back to you", tier=1)
    desk.resolve(fourth, "replaced the cable")
    desk.reopen(fourth, "it came back")  # a reopened one
    article = desk.kb.create(title="Cable faults", symptoms="drops", resolution="swap")
    assert article.id is not None
    desk.kb.link(fourth, article.id, solved=True)  # a KB-linked one
    desk.change_priority(second, impact=1, urgency=1, reason="VIP")
    desk.set_policy(second, "premium")
    desk.tag(second, add="vip", remove="")
    desk.set_theory(second, "a bad switch port")
    desk.sweep_sla()  # as the app would within 30 s: the clocks those changes moved
    db.dispose()

    result = doctor(db_path)
    assert result.returncode == 0, result.stdout
    assert [x for x in result.stdout.splitlines() if not x.startswith("ok")] == []
    assert "every hash chain intact" in line(result, "history")
    assert "each as it says" in line(result, "ticket rows")
    assert line(result, "append-only") == "ok    append-only: the history refuses edits"
    assert line(result, "deletions").startswith("ok")


# -- the end of the history cut off: the witnesses --


def witnessed(db_path: Path) -> list[dict[str, object]]:
    path = witness.witness_path(database_url(db_path))
    return json.loads(path.read_text())["witnessed"]


def backup(db_path: Path, target: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tuidesk", "--db", str(db_path), "backup", str(target)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("cut", [1, 3])
def test_a_cut_off_end_is_found_by_the_backups_witness(
    three_tickets: list[int], db_path: Path, tmp_path: Path, cut: int
) -> None:
    db = open_database(db_path)
    desk = Desk(db, resolve_actor(db))
    for n in range(3):  # changes of no field: only the witness can tell they were there
        desk.add_note(three_tickets[-1], f"still watching {n}")
    db.dispose()
    newest = event_ids(db_path, three_tickets[-1])
    backup(db_path, tmp_path / "monday.db")
    [seen] = witnessed(db_path)
    assert (seen["event"], seen["ticket"], seen["newest_ticket"]) == (newest[-1], 3, 3)
    assert seen["by"] == f"backup to {tmp_path / 'monday.db'}"
    assert stat.S_IMODE(witness.witness_path(database_url(db_path)).stat().st_mode) == 0o600
    assert line(doctor(db_path), "witnesses").startswith("ok    witnesses: 1 of this user's")

    # the newest ticket's last events, which are the newest of the whole history
    gone = newest[-cut:]
    behind_the_apps_back(db_path, f"DELETE FROM ticket_event WHERE id >= {gone[0]}")
    result = doctor(db_path)
    assert result.returncode == 1
    assert failed(result) == [line(result, "witnesses")]  # the chain is a valid one
    assert line(result, "witnesses").startswith(
        f"FAIL  witnesses: event {newest[-1]} of ticket #3, witnessed "
    )
    assert f"by backup to {tmp_path / 'monday.db'}, is gone" in line(result, "witnesses")


def test_an_end_replaced_by_a_forged_event_has_another_hash(
    three_tickets: list[int], db_path: Path, tmp_path: Path
) -> None:
    newest = event_ids(db_path, three_tickets[-1])[-1]
    backup(db_path, tmp_path / "monday.db")
    behind_the_apps_back(db_path, f"DELETE FROM ticket_event WHERE id = {newest}")
    db = open_database(db_path)  # the same id again, for another event
    Desk(db, resolve_actor(db)).add_note(three_tickets[-1], "nothing happened here")
    db.dispose()
    assert event_ids(db_path, three_tickets[-1])[-1] == newest
    result = doctor(db_path)
    assert result.returncode == 1
    assert f"event {newest} of ticket #3" in line(result, "witnesses")
    assert "has another hash now" in line(result, "witnesses")


def test_the_newest_ticket_deleted_with_its_history_is_found_by_the_witness(
    three_tickets: list[int], db_path: Path, tmp_path: Path
) -> None:
    backup(db_path, tmp_path / "monday.db")
    behind_the_apps_back(
        db_path,
        "DELETE FROM ticket_event WHERE ticket_id = 3",
        "DELETE FROM ticket_tag WHERE ticket_id = 3",
        "DELETE FROM ticket WHERE id = 3",
    )
    result = doctor(db_path)
    assert result.returncode == 1
    assert line(result, "witnesses").startswith("FAIL  witnesses: event 18 of ticket #3, ")
    assert ", is gone; and 1 more: the history was cut back" in line(result, "witnesses")
    db = open_database(db_path)
    with db.engine.connect() as conn:
        problems = witness.verify(database_url(db_path), conn).problems
    db.dispose()
    assert problems[1].startswith("ticket #3, witnessed ") and problems[1].endswith(", is gone")


def test_a_witness_is_never_written_through_a_planted_link(
    three_tickets: list[int], db_path: Path, tmp_path: Path
) -> None:
    path = witness.witness_path(database_url(db_path))
    path.parent.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    path.symlink_to(victim)
    backup(db_path, tmp_path / "monday.db")
    assert victim.read_text() == "precious"
    assert not path.is_symlink() and witnessed(db_path)[0]["ticket"] == 3


def test_a_witness_that_saw_the_end_go_keeps_its_evidence(
    three_tickets: list[int], db_path: Path, tmp_path: Path
) -> None:
    url = database_url(db_path)
    backup(db_path, tmp_path / "monday.db")
    before = witness.witness_path(url).read_bytes()
    behind_the_apps_back(db_path, "DELETE FROM ticket_event WHERE ticket_id = 3")
    db = open_database(db_path)
    with db.engine.connect() as conn, pytest.raises(TuideskError) as refused:
        witness.record(url, conn, "the app")
    db.dispose()
    assert "the history lost what was witnessed: event 18 of ticket #3" in str(refused.value)
    assert witness.witness_path(url).read_bytes() == before


async def test_the_running_app_witnesses_the_end_of_the_history(db_path: Path) -> None:
    from tuidesk.app import make_app
    from tuidesk.config import Settings

    db = open_database(db_path)
    ensure_demo(db)
    app = make_app(Settings(db=str(db_path)), db=db)
    path = witness.witness_path(database_url(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):  # the first sweep runs 2 s after the start
            if path.exists():
                break
            await pilot.pause(0.1)
    with db.engine.connect() as conn:
        last = conn.execute(
            text("SELECT id, ticket_id, hash FROM ticket_event ORDER BY id DESC LIMIT 1")
        ).one()
    db.dispose()
    [seen] = witnessed(db_path)
    assert (seen["event"], seen["ticket"], seen["hash"]) == tuple(last)
    assert seen["by"] == "the app" and seen["newest_ticket"] == 240


# -- deleted events and tickets: gaps in the ids (SQLite) --


def test_a_tickets_deleted_last_event_leaves_a_gap(three_tickets: list[int], db_path: Path) -> None:
    last = event_ids(db_path, three_tickets[0])[-1]  # a work log: no field changes
    behind_the_apps_back(db_path, f"DELETE FROM ticket_event WHERE id = {last}")
    result = doctor(db_path)
    assert result.returncode == 1
    assert line(result, "deletions") == (
        f"FAIL  deletions: 1 events (ids {last}) are missing: deleted behind the app's back; "
        "compare with the newest backup"
    )
    assert "every hash chain intact" in line(result, "history")  # a valid, shorter chain


def test_a_tickets_deleted_last_three_events_leave_a_gap_and_a_replay_difference(
    three_tickets: list[int], db_path: Path
) -> None:
    ids = event_ids(db_path, three_tickets[1])
    behind_the_apps_back(
        db_path, f"DELETE FROM ticket_event WHERE id >= {ids[-3]} AND id <= {ids[-1]}"
    )
    result = doctor(db_path)
    assert result.returncode == 1
    assert f"3 events (ids {ids[-3]}–{ids[-1]})" in line(result, "deletions")
    # the status change and the work log were among them
    assert line(result, "ticket rows").startswith(
        "FAIL  ticket rows: ticket #2: status, minutes spent differ from its history"
    )


def test_a_ticket_deleted_with_its_history_leaves_gaps(
    three_tickets: list[int], db_path: Path
) -> None:
    ids = event_ids(db_path, 2)
    behind_the_apps_back(
        db_path,
        "DELETE FROM ticket_event WHERE ticket_id = 2",
        "DELETE FROM ticket_tag WHERE ticket_id = 2",
        "DELETE FROM ticket WHERE id = 2",
    )
    result = doctor(db_path)
    assert result.returncode == 1
    assert line(result, "deletions") == (
        f"FAIL  deletions: 1 tickets (ids 2) and 6 events (ids {ids[0]}–{ids[-1]}) are "
        "missing: deleted behind the app's back; compare with the newest backup"
    )


# -- the append-only triggers --


def test_dropped_append_only_triggers_are_named(three_tickets: list[int], db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER ticket_event_no_update")
        conn.execute("DROP TRIGGER ticket_event_no_delete")
    result = doctor(db_path)
    assert result.returncode == 1
    assert line(result, "append-only").startswith(
        "FAIL  append-only: missing: ticket_event_no_update, ticket_event_no_delete: the "
        "history could be edited or deleted without a trace"
    )


def test_a_trigger_made_harmless_is_named(three_tickets: list[int], db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER ticket_event_no_update")
        conn.execute(
            "CREATE TRIGGER ticket_event_no_update BEFORE UPDATE ON ticket_event WHEN 0 "
            "BEGIN SELECT RAISE(ABORT, 'ticket_event rows are append-only'); END"
        )
    assert line(doctor(db_path), "append-only").startswith(
        "FAIL  append-only: altered: ticket_event_no_update:"
    )


# -- an edited ticket row: replayed from its history (both backends) --


def full_history(desk: Desk, customer_id: int) -> int:
    """A ticket with every kind of change the desk records."""
    ticket_id = busy_ticket(desk, customer_id)
    desk.set_theory(ticket_id, "the MTU")
    desk.escalate(ticket_id, tier=2, tried="reboot", theory="the MTU again", needs="a fix")
    desk.take(ticket_id)
    desk.change_priority(ticket_id, impact=1, urgency=2, reason="whole floor")
    desk.set_policy(ticket_id, "premium")
    desk.tag(ticket_id, add="network", remove="vpn")
    desk.deescalate(ticket_id, "fixed the switch; confirm with the customer")
    desk.resolve(ticket_id, "MTU set to 1400")
    desk.reopen(ticket_id, "drops again")
    return ticket_id


EDITS = {
    "subject": "UPDATE ticket SET subject = 'Nothing to see' WHERE id = :t",
    "description": "UPDATE ticket SET description = 'It never dropped' WHERE id = :t",
    "status": "UPDATE ticket SET status = 'closed' WHERE id = :t",
    "priority": "UPDATE ticket SET priority = 5, impact = 3, urgency = 3 WHERE id = :t",
    "tier": "UPDATE ticket SET tier = 3 WHERE id = :t",
}


@pytest.mark.backends
@pytest.mark.parametrize("edited", list(EDITS))
def test_an_edited_ticket_row_names_the_fields_that_differ(
    db: Database, db_target: str, desk: Desk, customer_id: int, clock: Clock, edited: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    ticket_id = full_history(desk, customer_id)
    other = busy_ticket(desk, customer_id, "Printer jams")
    desk.merge(other, ticket_id)
    assert main(["--db", db_target, "doctor"]) == 0, capsys.readouterr().out
    assert "ok    ticket rows: 2 tickets replayed" in capsys.readouterr().out

    with db.engine.begin() as conn:  # a direct UPDATE: no trigger guards the ticket row
        conn.execute(text(EDITS[edited]), {"t": ticket_id})
    assert main(["--db", db_target, "doctor"]) == 1
    out = capsys.readouterr().out
    fields = {"priority": "impact, urgency, priority"}.get(edited, edited)
    verb = "differs" if "," not in fields else "differ"
    assert (
        f"FAIL  ticket rows: ticket #{ticket_id}: {fields} {verb} from its history: changed "
        "behind the app's back; compare with the newest backup"
    ) in out
    assert "every hash chain intact" in out


@pytest.mark.backends
def test_the_sweeps_own_changes_replay_clean(
    db: Database, db_target: str, desk: Desk, customer_id: int, clock: Clock,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from datetime import timedelta

    from tuidesk.services.sla_clocks import sweep

    rules = default_rules()
    for policy in ("premium", "post_warranty"):  # one raises the priority, one escalates
        ticket = desk.create_ticket(subject=policy, requester_id=customer_id, impact=2)
        assert ticket.id is not None
        desk.set_policy(ticket.id, policy)
    sweep(db, rules, clock() + timedelta(days=30))
    with db.engine.connect() as conn:
        kinds = set(conn.execute(text("SELECT kind FROM ticket_event")).scalars())
    assert "sla_breach" in kinds
    assert main(["--db", db_target, "doctor"]) == 0
    assert "ok    ticket rows: 2 tickets replayed" in capsys.readouterr().out


def test_a_ticket_from_before_the_recorded_creation_is_replayed_from_what_is_recorded(
    three_tickets: list[int], db_path: Path
) -> None:
    """An older tuidesk's `created` event held no fields: its hashes, chained again."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT id, ticket_id, kind, author_id, created_at, body, old_value, new_value,"
            " minutes FROM ticket_event WHERE ticket_id = 1 ORDER BY id"
        ).fetchall()
    rechained, previous = [], ""
    for n, (event_id, *fields) in enumerate(rows):
        if n == 0:
            fields[6] = ""  # new_value
        previous = event_hash(previous, *fields)
        rechained.append(
            f"UPDATE ticket_event SET new_value = '{fields[6]}', hash = '{previous}'"
            f" WHERE id = {event_id}"
        )
    behind_the_apps_back(
        db_path, *rechained, "UPDATE ticket SET subject = 'renamed', status = 'closed' WHERE id = 1"
    )
    result = doctor(db_path)
    assert "every hash chain intact" in line(result, "history")
    # the subject was not recorded at its creation; the change of status was
    assert line(result, "ticket rows").startswith(
        "FAIL  ticket rows: ticket #1: status differs from its history"
    )


# -- text that is not UTF-8, and a locked database --


def test_a_body_that_is_not_utf8_is_named_not_a_traceback(
    three_tickets: list[int], db_path: Path
) -> None:
    event = event_ids(db_path, 2)[1]
    behind_the_apps_back(
        db_path,
        f"UPDATE ticket_event SET body = CAST(X'57686963682063ff' AS TEXT) WHERE id = {event}",
    )
    result = doctor(db_path)
    assert result.returncode == 1
    assert line(result, "text") == (
        f"FAIL  text: not UTF-8: ticket_event {event} body (byte 7): damaged or written "
        "behind the app's back; restore the newest backup"
    )
    assert f"ticket #2, event {event}" in line(result, "history")  # and it no longer hashes


def test_a_locked_database_leaves_the_search_index_unchecked_as_a_warning(
    three_tickets: list[int], db_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setattr(maintenance, "INDEX_CHECK_TIMEOUT", 0.3)
    with write_lock_held(db_path):
        assert main(["--db", str(db_path), "doctor"]) == 0  # a warning is no failure
    out = capsys.readouterr().out
    assert "warn  search index: not checked (database is locked)" in out.splitlines()


def test_a_seeded_database_is_not_replayed_and_says_so(tmp_path: Path) -> None:
    """Generated histories do not add up to their tickets: no false alarm, a warning."""
    target = str(tmp_path / "bench.db")
    assert main(["--db", target, "seed", "--tickets", "50"]) == 0
    checks = {c.name: c for c in maintenance.doctor(Path(target))}
    assert not checks["ticket rows"].ok and checks["ticket rows"].warning
    assert "tuidesk seed" in checks["ticket rows"].detail
    assert all(c.ok or c.warning for c in checks.values())
