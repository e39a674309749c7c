"""The base of every read model: one connection behind a lock, its errors translated.

`target` is a SQLite file path (read through sqlite3, query_only) or a SQLAlchemy Engine
(PostgreSQL). What differs between the two is here: how a timestamp is passed and read
back, and how a driver's error becomes the user's one line (storage.errors).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tuidesk.errors import DatabaseError
from tuidesk.storage import sqlite_functions
from tuidesk.storage.errors import broken_index, describe, describe_known

BUSY_TIMEOUT_MS = 10_000  # how long a read waits for a writer's lock
# the longest text a filter looks for: SQLite refuses LIKE patterns over 50,000 bytes,
# and a pasted page is found by its first thousand characters as well (it can only
# match more text, never less)
MAX_LIKE = 1000


class ReadPlace:
    """Where a reader reads, as storage.errors describes it (a reader keeps reading the
    file it opened even when it moves: only a write cares)."""

    busy_timeout_ms = BUSY_TIMEOUT_MS

    def __init__(self, target: Any) -> None:
        self.path = Path(target) if isinstance(target, str) else None
        self.url = None if isinstance(target, str) else target.url
        self.is_sqlite = self.path is not None

    def describe(self) -> str:
        return (
            str(self.path)
            if self.path is not None
            else self.url.render_as_string(hide_password=True)
        )

    def moved(self) -> bool:
        return False


class SqlReader:
    """Plain SQL reads on one read-only connection behind a lock (thread-safe)."""

    def __init__(self, target: Any) -> None:
        self._lock = threading.Lock()
        self._engine: Any = None
        self._sqlite: sqlite3.Connection | None = None
        self._place = ReadPlace(target)
        if isinstance(target, str):
            # mode=rw: never create an empty database where the desk's file has gone
            from urllib.parse import quote

            try:
                self._sqlite = sqlite3.connect(
                    f"file:{quote(target)}?mode=rw",
                    uri=True,
                    check_same_thread=False,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                )
                sqlite_functions.install(self._sqlite)
                self._sqlite.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self._sqlite.execute("PRAGMA query_only = 1")
            except sqlite3.Error as error:
                raise DatabaseError(describe(self._place, error)) from None
        else:
            self._engine = target

    def close(self) -> None:
        # under the lock: closing a connection another thread is reading through
        # crashes the process (a segmentation fault inside SQLite)
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()

    def _query(self, sql: str, params: dict[str, Any]) -> list[Sequence[Any]]:
        with self._lock:
            if self._sqlite is not None:
                try:
                    return self._sqlite.execute(sql, params).fetchall()
                except sqlite3.OperationalError as error:
                    if "no such" in str(error) or "syntax" in str(error):
                        raise  # a bug of ours or a broken index, not the user's disk
                    raise DatabaseError(describe(self._place, error)) from None
                except sqlite3.DatabaseError as error:
                    raise DatabaseError(describe(self._place, error)) from None
            from sqlalchemy import exc, text

            try:
                with self._engine.connect() as connection:
                    return [tuple(r) for r in connection.execute(text(sql), params)]
            except exc.OperationalError as error:
                raise DatabaseError(describe(self._place, error)) from None
            except exc.DatabaseError as error:
                known = describe_known(self._place, error)
                if known is None:
                    raise
                raise DatabaseError(known) from None

    def _query_index(self, sql: str, params: dict[str, Any], doing: str) -> list[Sequence[Any]]:
        """A read of the knowledge base's index: its SQL is built from quoted words only,
        so an error of it (not of the disk) means the index is damaged."""
        broken = sqlite3.OperationalError if self._sqlite is not None else Exception
        try:
            return self._query(sql, params)
        except DatabaseError:
            raise
        except broken as error:
            raise DatabaseError(broken_index(self._place, error, doing)) from None

    def _stamp(self, moment: datetime) -> Any:
        """`moment` as this database compares it with the stored UTC times."""
        if self._sqlite is not None:
            return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return moment.astimezone(UTC).replace(tzinfo=None)


def status_in(statuses: Iterable[str], column: str = "status") -> str:
    """`status IN ('new', 'open')`: a condition on statuses of tuidesk.domain.workflow,
    written as the partial indexes of the queue are (SQLite uses one only for the same
    text)."""
    return f"{column} IN ({', '.join(repr(s) for s in statuses)})"


def like(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\': its wildcards taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def when(value: Any) -> datetime | None:
    """A stored UTC timestamp (text on SQLite, naive on PostgreSQL) as an aware one."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def day(value: Any) -> date | None:
    """A stored date (text on SQLite) as a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
