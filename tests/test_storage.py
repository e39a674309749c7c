import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import raw_sqlite
from tuidesk.errors import DatabaseError
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database

pytestmark = pytest.mark.backends


@pytest.mark.sqlite_only
def test_sqlite_pragmas_are_set_on_every_connection(db: Database) -> None:
    with db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000
        assert pragma("synchronous") == 2  # FULL


def test_new_database_file_is_group_writable_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = open_database(tmp_path / "new" / "desk.db")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "new" / "desk.db").stat().st_mode)
    assert mode == 0o660
    db.dispose()


@pytest.mark.sqlite_only
def test_write_transaction_holds_the_write_lock_from_its_start(db: Database) -> None:
    """A second writer cannot slip in between a write transaction's read and its write."""
    assert db.path is not None
    with db.write() as session:
        session.connection().exec_driver_sql("SELECT count(*) FROM ticket").all()
        other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_concurrent_read_then_write_transactions_do_not_fail(db: Database) -> None:
    """Deferred transactions that read then write fail with 'database is locked'; ours wait."""
    with db.write() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO vendor (name, contact, phone, response_hours) VALUES ('v0', '', '', 8)"
        )
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(25):
                with db.write() as session:
                    conn = session.connection()
                    count = conn.exec_driver_sql("SELECT count(*) FROM vendor").scalar()
                    conn.exec_driver_sql(
                        "INSERT INTO vendor (name, contact, phone, response_hours) "
                        f"VALUES ('v{n}-{i}-{count}', '', '', 8)"
                    )
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.read() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM vendor").scalar() == 101


def test_missing_directory_is_created(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a" / "b" / "desk.db")
    assert (tmp_path / "a" / "b" / "desk.db").exists()
    db.dispose()


def test_not_a_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("meeting notes\n" * 20)
    with pytest.raises(DatabaseError, match="is not a SQLite database"):
        open_database(path)
    assert path.read_text() == "meeting notes\n" * 20


@pytest.mark.sqlite_only
def test_truncated_file_is_refused(db_path: Path, db: Database) -> None:
    with db.write() as session:
        conn = session.connection()
        for i in range(300):
            conn.exec_driver_sql(
                "INSERT INTO vendor (name, contact, phone, response_hours) "
                f"VALUES ('vendor {i} {'x' * 200}', '', '', 8)"
            )
    db.dispose()
    with raw_sqlite(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseError, match="is corrupt .*restore it from a backup"):
        open_database(db_path)
    assert len(db_path.read_bytes()) == len(data) // 2
