"""`tuidesk backup` while agents write, and `tuidesk doctor`'s findings."""

from __future__ import annotations

import multiprocessing
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import copy_of_migrated, raw_sqlite
from tuidesk.cli import main
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.services.maintenance import doctor
from tuidesk.storage.database import open_database


def _write_tickets(path: str, stop_at: float, started: object) -> None:
    db = open_database(path)
    desk = Desk(db, resolve_actor(db))
    customer = desk.find_or_create_customer("writer@example.com").id
    started.set()  # type: ignore[attr-defined]
    n = 0
    while time.monotonic() < stop_at:
        desk.create_ticket(subject=f"load {n}", requester_id=customer, description="x" * 500)
        n += 1
    db.dispose()


def test_backup_is_consistent_while_an_agent_writes(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy_of_migrated(db_path)
    context = multiprocessing.get_context("fork")
    started = context.Event()
    writer = context.Process(
        target=_write_tickets, args=(str(db_path), time.monotonic() + 4, started)
    )
    writer.start()
    assert started.wait(30)
    time.sleep(0.5)
    with raw_sqlite(db_path) as conn:
        before = conn.execute("SELECT count(*) FROM ticket").fetchone()[0]
    target = tmp_path / "copy.db"
    assert main(["--db", str(db_path), "backup", str(target)]) == 0
    writer.join(60)
    assert writer.exitcode == 0
    assert "integrity checked" in capsys.readouterr().out
    with raw_sqlite(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tickets = copy.execute("SELECT count(*) FROM ticket").fetchone()[0]
        events = copy.execute("SELECT count(DISTINCT ticket_id) FROM ticket_event").fetchone()[0]
    assert tickets >= before > 0
    assert events == tickets  # every ticket with its created event: a consistent moment
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    # never over an existing file
    assert main(["--db", str(db_path), "backup", str(target)]) == 2
    assert "exists already" in capsys.readouterr().err


def test_doctor_on_a_healthy_database(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy_of_migrated(db_path)
    os.chmod(db_path, 0o660)
    assert main(["--db", str(db_path), "doctor"]) == 0
    out = capsys.readouterr().out
    for name in ("integrity: ok", "schema: version", "journal: wal", "search index: matches",
                 "sla sweep: keeping up"):  # fmt: skip
        assert name in out


def test_doctor_names_a_corrupt_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    assert main(["--db", str(bad), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  read: file is not a database: restore the newest backup" in out


def test_doctor_finds_a_broken_index_and_reindex_mends_it(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    desk = Desk(db, resolve_actor(db))
    desk.kb.create(title="Printer offline", resolution="1. Restart it")
    with raw_sqlite(db_path) as conn:  # a write behind the app's back
        conn.execute("DROP TRIGGER article_fts_insert")
        conn.execute(
            "INSERT INTO article (title, symptoms, cause, resolution, tags, category,"
            " visibility, status, created_at, updated_at, times_linked, times_solved, version,"
            " slug) VALUES ('Scanner jam', '', '', 'x', '', '', 'internal', 'draft',"
            " '2026-11-18 10:00:00', '2026-11-18 10:00:00', 0, 0, 1, 'scanner-jam')"
        )
    assert main(["--db", str(db_path), "doctor"]) == 1
    assert "FAIL  search index: holds 1 article of 2" in capsys.readouterr().out
    assert main(["--db", str(db_path), "kb", "reindex"]) == 0
    assert [h.title for h in desk.kb.search("scanner").hits] == ["Scanner jam"]
    db.dispose()


def test_doctor_warns_when_the_sweep_falls_behind(db_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    desk = Desk(db, resolve_actor(db), clock)
    customer = desk.find_or_create_customer("late@example.com").id
    desk.create_ticket(subject="Nobody sweeps", requester_id=customer, urgency=1, impact=1)
    db.dispose()
    checks = {c.name: c for c in doctor(db_path, now=clock() + timedelta(days=2))}
    sweep = checks["sla sweep"]
    assert not sweep.ok and sweep.warning and "tuidesk sla sweep" in sweep.detail


def test_backup_and_doctor_refuse_postgresql_urls(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", "postgresql+psycopg://x@localhost/x", "backup", "/tmp/x.db"]) == 2
    assert "pg_dump" in capsys.readouterr().err


@pytest.mark.parametrize("mode", [0o644])
def test_doctor_warns_about_a_world_readable_file(db_path: Path, mode: int) -> None:
    copy_of_migrated(db_path)
    os.chmod(db_path, mode)
    file_check = doctor(db_path)[0]
    assert file_check.warning and "readable or writable by every user" in file_check.detail
