"""Shared fixtures: every test gets its own data and config directories and database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database

FIXED_NOW = datetime(2026, 11, 18, 10, 30, tzinfo=UTC)  # a Wednesday morning


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the user's real data or config directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("TUIDESK_DB", raising=False)
    monkeypatch.delenv("TUIDESK_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.dispose()


class Clock:
    """A settable "now" for tests."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(db: Database, clock: Clock) -> Desk:
    """The OS user's desk; as the first user of a new database they are admin."""
    return Desk(db, resolve_actor(db), clock)


@pytest.fixture
def customer_id(desk: Desk) -> int:
    customer = desk.find_or_create_customer("jonas.becker@northwind.example")
    assert customer.id is not None
    return customer.id
