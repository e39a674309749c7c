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

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Engine, make_url
from sqlmodel import Session

from tuidesk.errors import DatabaseError
from tuidesk.startup import check_sqlite_file
from tuidesk.storage import history_chain  # noqa: F401 - chains every new history event

BUSY_TIMEOUT_MS = 10_000
_WRITE = "tuidesk_write"


def database_url(target: str | os.PathLike[str]) -> URL:
    """A SQLAlchemy URL from a path or a URL given by the user."""
    text = os.fspath(target)
    if "://" in text:
        try:
            url = make_url(text)
        except exc.ArgumentError as error:
            raise DatabaseError(f"cannot read database URL {text!r}: {error}") from None
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
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, record: object) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN, so we choose IMMEDIATE or deferred.
        dbapi_connection.isolation_level = None
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
        with translate_errors(self), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One short write transaction that holds the write lock from its start."""
        with (
            translate_errors(self),
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Turn driver errors that users can meet into DatabaseError with advice."""
    try:
        yield
    except exc.OperationalError as error:
        raise DatabaseError(describe_operational_error(db, error)) from error
    except exc.DatabaseError as error:
        message = str(error.orig) if error.orig is not None else str(error)
        if "malformed" in message or "not a database" in message:
            raise DatabaseError(
                f"the database {db.describe()} is corrupt ({message}); restore it from a backup"
            ) from error
        raise


def describe_operational_error(db: Database, error: exc.OperationalError) -> str:
    message = str(error.orig) if error.orig is not None else str(error)
    where = db.describe()
    if "locked" in message or "busy" in message:
        return (
            f"the database {where} stayed locked by another process for "
            f"{BUSY_TIMEOUT_MS // 1000} s; try again, or look for a stuck tuidesk"
        )
    if "readonly" in message or "read-only" in message:
        return f"the database {where} is read-only for you; ask its owner for write access"
    if "disk is full" in message or "database or disk is full" in message:
        return f"the disk holding {where} is full; free some space and try again"
    if "unable to open" in message:
        return f"cannot open the database {where}; check that its directory exists and is yours"
    if "malformed" in message or "not a database" in message:
        return f"the database {where} is corrupt ({message}); restore it from a backup"
    return f"database error on {where}: {message}"


def create_database_engine(url: URL) -> Engine:
    """The engine for `url`, with the SQLite pragmas and locking where it applies."""
    if _is_sqlite(url):
        return _sqlite_engine(url)
    try:
        engine = create_engine(url, pool_pre_ping=True)
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
