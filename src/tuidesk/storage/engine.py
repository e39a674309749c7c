"""Opening a database: SQLite files and PostgreSQL URLs, one engine factory for both.

On SQLite every connection gets WAL, foreign keys, a busy timeout and synchronous=FULL,
and a write transaction starts with BEGIN IMMEDIATE so that it holds the write lock from
its first statement: a read-then-write transaction that starts deferred fails with
"database is locked" when another agent writes in between.
"""

from __future__ import annotations

import os
import re
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
from tuidesk.storage.sqlite_file import check_local_filesystem, check_sqlite_file, unwritable
from tuidesk.text import one_line

BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another's lock (tests shorten it)
LOW_SPACE = 1 << 20  # bytes: less free than this, and a failed write means the disk is full
_WRITE = "tuidesk_write"
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for a privilege the role lacks


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
        with translate_errors(self), Session(self.engine, expire_on_commit=False) as session:
            yield session

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
        if not db.is_sqlite and error.statement is None:  # a bad option in the URL
            raise DatabaseError(_unreachable_server(db, message)) from error
        if getattr(error.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            raise DatabaseError(
                f"the database {db.describe()} refused that to your database role: "
                f"{message.strip().splitlines()[0]}; nothing was saved (README: PostgreSQL)"
            ) from error
        if "malformed" in message or "not a database" in message:
            raise DatabaseError(
                f"the database {db.describe()} is corrupt ({message}); restore it from a backup"
            ) from error
        raise


def _file_id(path: Path | None) -> tuple[int, int] | None:
    """Which file is at `path` (device, inode); None for none."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def moved_message(db: Database) -> str:
    return (
        f"the database file {db.describe()} was moved, replaced or deleted while tuidesk "
        "was running; nothing was saved: put it back and try again, or restore a backup "
        "and restart tuidesk"
    )


def describe_operational_error(db: Database, error: exc.OperationalError) -> str:
    message = str(error.orig) if error.orig is not None else str(error)
    where = db.describe()
    if db.moved():
        return moved_message(db)
    if not db.is_sqlite and error.statement is None:  # no statement: connecting failed
        return _unreachable_server(db, message)
    if "locked" in message or "busy" in message:
        return (
            f"the database {where} stayed locked by another process for "
            f"{BUSY_TIMEOUT_MS / 1000:g} s; try again, or look for a stuck tuidesk"
        )
    if "readonly" in message or "read-only" in message:
        return f"the database {where} is read-only for you; ask its owner for write access"
    if "disk is full" in message or "database or disk is full" in message:
        return f"the disk holding {where} is full; free some space and try again"
    if "unable to open" in message:
        return f"cannot open the database {where}; check that its directory exists and is yours"
    if "malformed" in message or "not a database" in message:
        return f"the database {where} is corrupt ({message}); restore it from a backup"
    if "disk I/O error" in message:
        return _io_error(db, error.orig)
    return f"database error on {where}: {one_line(message)}"


def _unreachable_server(db: Database, message: str) -> str:
    """One line for a PostgreSQL server that cannot be reached or refuses us, from
    libpq's message (several lines, led by "connection failed: …")."""
    url = db.url
    where = f"at {url.host}:{url.port or 5432}" if url.host else "on this machine's socket"
    reason = message.removeprefix("connection failed: ").strip()
    found = re.match(r"connection to server (?:at|on) .*? failed: (.*)", reason)
    if found:
        reason = found.group(1)
    reason = one_line(reason.splitlines()[0] if reason else message).removeprefix("FATAL: ")
    lowered = reason.lower()
    if "database" in lowered and "does not exist" in lowered:
        hint = "create it (createdb), or correct the database name"
    elif any(word in lowered for word in ("password", "role", "pg_hba", "authentication")):
        hint = "check the user and password (or ~/.pgpass) and the server's pg_hba.conf"
    elif any(w in lowered for w in ("refused", "timeout expired", "resolve", "route", "reach")):
        hint = "is it running, and are the host and port right?"
    else:
        hint = "check the URL (--db, TUIDESK_DB or the config file)"
    return f"cannot connect to the PostgreSQL server {where} ({reason}); {hint}"


def _io_error(db: Database, orig: BaseException | None) -> str:
    """What is behind SQLite's "disk I/O error", which hides the errno (a full disk has
    its own error, SQLITE_FULL, only when write() says ENOSPC): a filesystem the kernel
    turned read-only, a disk full after all, a write past the file-size limit (EFBIG)."""
    where = db.describe()
    name = getattr(orig, "sqlite_errorname", "SQLITE_IOERR")
    path = db.path
    if path is None:
        return f"the database {where} could not be read or written ({name}); try again"
    try:
        space = os.statvfs(path.parent)
    except OSError:
        space = None
    if space is not None and space.f_flag & os.ST_RDONLY:
        return (
            f"the filesystem holding {where} went read-only (the kernel does that after "
            "disk errors, see dmesg); nothing was saved: remount it read-write"
        )
    if space is not None and space.f_bavail * space.f_frsize < LOW_SPACE:
        return f"the disk holding {where} is full; free some space and try again"
    import resource  # Unix only, and only needed here

    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit != resource.RLIM_INFINITY:
        sizes = [_size(Path(f"{path}{suffix}")) for suffix in ("", "-wal")]
        if max(sizes) + (64 << 10) >= limit:
            return (
                f"the database {where} cannot grow past this process's file-size limit "
                f"({limit:,} bytes, ulimit -f); raise the limit and try again"
            )
    return (
        f"the database {where} could not be read or written ({name}); check the disk "
        "(dmesg, df) and run tuidesk doctor"
    )


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
