"""The read models and the ORM say a database's failures in one set of words."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest

from tuidesk.errors import DatabaseError
from tuidesk.services.desk import Desk
from tuidesk.storage import errors, models
from tuidesk.storage.read.base import ReadPlace
from tuidesk.storage.read.queue import QueueReader
from tuidesk.storage.read.readers import Readers


def test_a_lock_reads_the_same_from_a_reader_as_from_a_write(tmp_path: Path) -> None:
    place = ReadPlace(str(tmp_path / "desk.db"))
    line = errors.describe(place, sqlite3.OperationalError("database is locked"))
    assert line == (
        f"the database {tmp_path / 'desk.db'} stayed locked by another process for 10 s; "
        "try again, or look for a stuck tuidesk"
    )


def test_a_file_that_cannot_be_opened_says_why(tmp_path: Path) -> None:
    unable = sqlite3.OperationalError("unable to open database file")
    gone = errors.describe(ReadPlace(str(tmp_path / "gone.db")), unable)
    assert "was it moved or deleted" in gone
    nowhere = errors.describe(ReadPlace(str(tmp_path / "no" / "desk.db")), unable)
    assert "check that its directory exists and is yours" in nowhere
    (tmp_path / "there.db").write_bytes(b"")
    there = errors.describe(ReadPlace(str(tmp_path / "there.db")), unable)
    assert "check that it and its directory are yours" in there
    with pytest.raises(DatabaseError, match="was it moved or deleted"):
        QueueReader(str(tmp_path / "gone.db"), me=1, tier=1)


def test_the_status_lists_are_the_migrations_own_words() -> None:
    """SQLite uses a partial index only for a query with the same condition: the lists
    built from workflow must read as the migrations wrote them."""
    migration = importlib.import_module("tuidesk.storage.migrations.versions.0004_queue_views")
    assert models.ACTIVE_SQL == migration.ACTIVE
    assert models.WAITING_SQL == migration.WAITING
    assert models.FINISHED_SQL == migration.FINISHED


def test_the_app_holds_one_reader_of_each_kind(db_path: Path, desk: Desk) -> None:
    """The early start's reader becomes the queue's; one read early and one late are
    never both kept open."""
    readers = Readers(str(db_path), me=desk.actor.id or 0, tier=1)
    early = QueueReader(str(db_path), me=desk.actor.id or 0, tier=1)
    readers.adopt_queue(early)
    assert readers.queue is early and readers.lookups is readers.lookups
    late = QueueReader(str(db_path), me=desk.actor.id or 0, tier=1)
    readers.adopt_queue(late)  # the queue read for itself meanwhile: this one goes
    with pytest.raises(DatabaseError, match="closed database"):
        late.agent_logins()
    assert readers.counts is not readers.queue and readers.lookups.agent_logins()
    readers.close()
    with pytest.raises(DatabaseError, match="closed database"):
        early.agent_logins()
