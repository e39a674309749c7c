"""Opening a database: SQLite files and PostgreSQL URLs, one engine factory for both.

On SQLite every connection gets WAL, foreign keys, a busy timeout and synchronous=FULL,
and a write transaction starts with BEGIN IMMEDIATE so that it holds the write lock from
its first statement: a read-then-write transaction that starts deferred fails with
"database is locked" when another agent writes in between.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Engine, make_url
from sqlmodel import Session

from tuidesk.errors import DatabaseError
from tuidesk.storage import (
    history_chain,  # noqa: F401 - chains every new history event
    sqlite_functions,
)
from tuidesk.storage.errors import moved_message, translated
from tuidesk.storage.sqlite_file import check_local_filesystem, check_sqlite_file, unwritable

BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another's lock (tests shorten it)
_WRITE = "tuidesk_write"


def database_url(target: str | os.PathLike[str]) -> URL:
    """A SQLAlchemy URL from a path or a URL given by the user."""
    text = os.fspath(target)
    if "://" in text:
        try:
            url = make_url(text)
        except (exc.ArgumentError, ValueError) as error:  # ValueError: a port not a number
            raise DatabaseError(f"cannot read database URL {text!r}: {error}") from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseError(
                f"tuidesk keeps its data in SQLite or PostgreSQL, not {url.drivername!r}: "
                "give the path of a database file or a postgresql://USER@HOST[:PORT]/DBNAME URL"
            )
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(text).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


def _is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def prepare_sqlite_file(path: Path) -> bool:
    """Make sure `path` can hold a tuidesk database; return True when it was created here.

    New files are made 0660 before SQLite opens them, so that the agents of a shared
    group can all write; SQLite alone would create 0644 minus umask.
    """
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory; give --db the path of a database file")
    check_local_filesystem(path)
    wal = Path(f"{path}-wal")
    if (not path.exists() or path.stat().st_size == 0) and wal.exists() and wal.stat().st_size:
        # SQLite would replay that journal into the new, empty file: a half database
        raise DatabaseError(
            f"{wal} holds the changes of a database that is no longer at {path} (moved or "
            f"deleted?); put that file back, or move {wal.name} and {path.name}-shm away"
        )
    parent = path.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, mode=0o770)
        except OSError as error:
            raise DatabaseError(
                f"cannot create the directory {parent}: {error.strerror}; choose another --db"
            ) from None
    if not path.exists():
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
        except FileExistsError:
            return False
        except OSError as error:
            raise DatabaseError(
                f"cannot create the database {path}: {error.strerror}; "
                "choose a place you can write to with --db"
            ) from None
        try:
            os.fchmod(fd, 0o660)
        finally:
            os.close(fd)
        return True
    check_sqlite_file(path)
    return False


def _sqlite_engine(url: URL) -> Engine:
    # mode=rw once the file exists (open_database makes it first): a connection opened
    # after the database was moved or deleted then fails, instead of starting an empty
    # database under its name that the next start would take for a new help desk
    path = url.database or ""
    mode = "rw" if os.path.exists(path) else "rwc"
    uri = f"file:{quote(path)}?mode={mode}"
    timeout = BUSY_TIMEOUT_MS / 1000

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)

    engine = create_engine(url, creator=connect)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, record: object) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN, so we choose IMMEDIATE or deferred.
        dbapi_connection.isolation_level = None
        sqlite_functions.install(dbapi_connection)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        immediate = connection.get_execution_options().get(_WRITE, False)  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]

    return engine


class Database:
    """One database, SQLite or PostgreSQL, with short read and write sessions."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.is_sqlite = _is_sqlite(url)
        self._write_engine = engine.execution_options(**{_WRITE: True})
        self._file_id = _file_id(self.path)  # the file opened, to notice it moving away

    @property
    def path(self) -> Path | None:
        """The file of a SQLite database, None for a server."""
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def describe(self) -> str:
        """Where the data lives, for messages (without a password)."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session; nothing it changes is committed.

        Closing the session ends its transaction without expiring the objects it loaded,
        so they stay readable after the session is gone.
        """
        with translated(self), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @property
    def busy_timeout_ms(self) -> int:
        """How long a write waits for another's lock (read when a lock is reported)."""
        return BUSY_TIMEOUT_MS

    def moved(self) -> bool:
        """Whether the SQLite file is no longer at its path (moved, deleted, replaced)."""
        return self._file_id is not None and _file_id(self.path) != self._file_id

    def check_writable(self) -> None:
        """Refuse to write when the file is gone or became read-only since it was opened.

        The connections still hold the old file open and SQLite would write on: into a
        deleted file, lost at exit, or without the -wal it left at the old name. And
        write permission taken away is honoured now, as a new tuidesk would.
        """
        if self.moved():
            raise DatabaseError(moved_message(self))
        why = unwritable(self.path) if self.path is not None else None
        if why:
            raise DatabaseError(
                f"the database {self.path} can no longer be written: {why}; nothing was "
                "saved: ask its owner for write access, then try again"
            )

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One short write transaction that holds the write lock from its start."""
        self.check_writable()
        with (
            translated(self),
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _file_id(path: Path | None) -> tuple[int, int] | None:
    """Which file is at `path` (device, inode); None for none."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def create_database_engine(url: URL) -> Engine:
    """The engine for `url`, with the SQLite pragmas and locking where it applies."""
    try:
        if _is_sqlite(url):
            return _sqlite_engine(url)
        engine = create_engine(url, pool_pre_ping=True)
    except exc.NoSuchModuleError:
        raise DatabaseError(
            f"SQLAlchemy has no database driver {url.drivername!r}; give the path of a "
            "database file or a postgresql://USER@HOST[:PORT]/DBNAME URL"
        ) from None
    except ModuleNotFoundError as error:
        raise DatabaseError(
            f"the driver for {url.drivername} is not installed ({error.name}); "
            "install tuidesk with the postgres extra: pip install 'tuidesk[postgres]'"
        ) from None
    event.listen(engine, "before_cursor_execute", _no_nul, retval=True)
    return engine


NUL_STAND_IN = "\ufffd"


def _no_nul(
    conn: object, cursor: object, statement: str, parameters: Any, context: object, many: bool
) -> tuple[str, Any]:
    """PostgreSQL text cannot hold NUL: it is stored as U+FFFD (the replacement
    character) there, where SQLite keeps it. Text with no NUL is passed untouched."""

    def fix(value: Any) -> Any:
        return (
            value.replace("\x00", NUL_STAND_IN)
            if isinstance(value, str) and "\x00" in value
            else value
        )

    def fix_set(values: Any) -> Any:
        if isinstance(values, dict):
            return {k: fix(v) for k, v in values.items()}
        if isinstance(values, (list, tuple)):
            return type(values)(fix(v) for v in values)
        return values

    if many and isinstance(parameters, (list, tuple)):
        return statement, [fix_set(p) for p in parameters]
    return statement, fix_set(parameters)
