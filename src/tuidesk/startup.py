"""The way to the first frame: who is acting, read with sqlite3 alone.

Importing SQLAlchemy, SQLModel and Alembic costs more than Textual itself, and the queue
needs none of them: it is a read model of a few indexed queries. When the database is a
SQLite file already at the current schema and the acting agent already exists, the app
starts from what this module reads, and the ORM loads in a worker after the first frame.
Anything else (a new or older database, the first start of a user, the demo being built,
PostgreSQL, a problem to report) takes the full path, with its checks and messages.

Nothing here imports SQLAlchemy; a test keeps it that way.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from tuidesk.clock import utcnow
from tuidesk.domain.actor import Account, Actor, choose_actor, os_login
from tuidesk.errors import DatabaseError, TuideskError
from tuidesk.storage import SCHEMA_HEAD
from tuidesk.storage.sqlite_file import check_local_filesystem, check_sqlite_file, sqlite_path


def quick_actor(
    target: str | os.PathLike[str], as_login: str | None = None, *, demo: bool = False
) -> Actor | None:
    """The acting agent when the app can start without the ORM, else None.

    None means "take the full path", which also gives every refusal its message: this
    function never decides that something is wrong, only that nothing needs doing.
    """
    path = sqlite_path(target)
    if path is None or not path.is_file():
        return None
    try:
        check_local_filesystem(path)
        check_sqlite_file(path)
        if path.stat().st_size == 0:
            return None
        connection = sqlite3.connect(path, timeout=10)
    except (DatabaseError, OSError, sqlite3.Error):
        return None
    try:
        connection.execute("PRAGMA query_only = 1")
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if [tuple(v) for v in version] != [(SCHEMA_HEAD,)]:
            return None
        if demo and connection.execute("SELECT 1 FROM ticket LIMIT 1").fetchone() is None:
            return None  # the demo is written on its first use
        login, _ = os_login()
        me = _agent(connection, login)
        if me is None:
            return None  # a first start creates the agent
        trusted = _origin(connection) == "demo"  # services/desk_facts.py
        if demo and not trusted:
            return None  # the usual path refuses --demo on another help desk
        other = _agent(connection, as_login) if as_login and as_login != login else None
        chosen = choose_actor(
            me[1], as_login, None if other is None else other[1], demo_desk=trusted
        )
        if chosen is me[1]:
            return me[0]
        return other[0] if other is not None else None
    except (sqlite3.Error, TuideskError):
        return None  # the full path says why
    finally:
        connection.close()


def _origin(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM desk_fact WHERE key = 'origin'").fetchone()
    return row[0] if row else None


def _agent(connection: sqlite3.Connection, login: str) -> tuple[Actor, Account] | None:
    row = connection.execute(
        "SELECT id, login, name, tier, role, timezone, active FROM agent WHERE login = ?", (login,)
    ).fetchone()
    if row is None:
        return None
    return Actor(*row[:6]), Account(row[1], row[4], bool(row[6]))


class EarlyStart:
    """A head start for the first frame: the acting agent and the queue's first rows,
    read in a thread while the main thread imports Textual and the app (a quarter of a
    second on a small machine, which the database's reads need not wait behind).

    It is only a head start. Whatever it cannot do (a new or older database, PostgreSQL,
    any error at all) it leaves undone, and the app's usual path does it, with its
    checks and its messages; the rows it read are used only for the view the queue
    opens on, and the queue polls from the moment before they were read.
    """

    def __init__(
        self,
        target: str | os.PathLike[str],
        as_login: str | None = None,
        *,
        demo: bool = False,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.target = target
        self.as_login = as_login
        self.demo = demo
        self.actor: Actor | None = None
        self._actor_known = threading.Event()
        self._rows_read = threading.Event()
        self._lock = threading.Lock()
        self._first: FirstView | None = None
        self._taken = False
        self._thread = threading.Thread(
            target=self._read, args=(clock,), name="tuidesk-early-start", daemon=True
        )
        self._thread.start()

    def _read(self, clock: Callable[[], datetime]) -> None:
        try:
            self.actor = quick_actor(self.target, self.as_login, demo=self.demo)
        except Exception:  # noqa: BLE001 - the usual path finds it again and reports it
            self.actor = None
        finally:
            self._actor_known.set()
        reader = None
        try:
            path = sqlite_path(self.target)
            if self.actor is not None and path is not None:
                from tuidesk.storage.read.queue import (
                    DEFAULT_VIEW,
                    FIRST_ROWS,
                    VIEW_BY_KEY,
                    QueueReader,
                    default_sort,
                )

                reader = QueueReader(str(path), me=self.actor.id, tier=self.actor.tier)
                reader.changed()  # where the data stands before the rows are read
                now = clock()
                view = VIEW_BY_KEY[DEFAULT_VIEW]
                total = reader.count(view, now)
                rows = reader.window(
                    view, now, offset=0, limit=FIRST_ROWS, total=total, sort=default_sort(view)
                )
                first = FirstView(reader, DEFAULT_VIEW, total, rows)
                with self._lock:
                    if not self._taken:  # else the queue gave up waiting and read itself
                        self._first, reader = first, None
        except Exception:  # noqa: BLE001 - the queue reads again and says what is wrong
            pass
        finally:
            if reader is not None:
                reader.close()
            self._rows_read.set()

    @property
    def rows_read(self) -> bool:
        """Whether the thread is done with the first view (read or given up)."""
        return self._rows_read.is_set()

    def wait_actor(self) -> Actor | None:
        """The acting agent, as `quick_actor` finds it (waits for the thread)."""
        self._actor_known.wait()
        return self.actor

    def take_first_view(self, wait: float = 0.0) -> FirstView | None:
        """The queue's first view, once; None when it was not read (or not within
        `wait` seconds: then it is dropped, and the queue reads for itself)."""
        self._rows_read.wait(wait)
        with self._lock:
            first = None if self._taken else self._first
            self._taken = True
            return first

    def discard(self) -> None:
        """Close what was read and not taken (the app took its usual path)."""
        first = self.take_first_view(wait=60.0)
        if first is not None:
            first.reader.close()


class FirstView(NamedTuple):
    """What EarlyStart read: the reader (its connection, its poll marker), the view's
    key, its count and its first rows."""

    reader: Any
    view: str
    total: int
    rows: list[Any]
