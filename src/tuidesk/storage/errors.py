"""The one translator of database errors into the line a user is shown (DatabaseError).

Both paths to the data meet the same failures: the ORM (SQLAlchemy errors, which wrap the
driver's as `.orig`) and the plain-SQL read models (sqlite3's errors, or SQLAlchemy's on
PostgreSQL). Each takes either and says what happened and what to do, in the same
words for both: `describe()` for an operational error (the disk, the lock, the
connection), `describe_known()` for any other that is the user's to fix, `translated()`
around work through SQLAlchemy. It imports no SQLAlchemy at import time, so the early
start can use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from tuidesk.errors import DatabaseError
from tuidesk.text import one_line

LOW_SPACE = 1 << 20  # bytes: less free than this, and a failed write means the disk is full
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for a privilege the role lacks


class Place(Protocol):
    """Where the data is read or written: a Database, or a read model's connection."""

    @property
    def is_sqlite(self) -> bool: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def url(self) -> Any: ...  # a SQLAlchemy URL (PostgreSQL), for the server's address
    @property
    def busy_timeout_ms(self) -> int: ...
    def describe(self) -> str: ...
    def moved(self) -> bool: ...


def describe(place: Place, error: BaseException) -> str:
    """The line a user is shown for an operational error at `place` (the disk, the lock,
    the connection): what happened and what to do, the driver's words as a last resort."""
    orig = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    message = str(orig)
    where = place.describe()
    if place.moved():
        return moved_message(place)
    known = describe_known(place, error)
    if known is not None:
        return known
    if "locked" in message or "busy" in message:
        return (
            f"the database {where} stayed locked by another process for "
            f"{place.busy_timeout_ms / 1000:g} s; try again, or look for a stuck tuidesk"
        )
    if "readonly" in message or "read-only" in message:
        return f"the database {where} is read-only for you; ask its owner for write access"
    if "disk is full" in message or "database or disk is full" in message:
        return f"the disk holding {where} is full; free some space and try again"
    if "unable to open" in message:
        return _unopenable(place)
    if "disk I/O error" in message:
        return _io_error(place, orig)
    return f"database error on {where}: {one_line(message)}"


def describe_known(place: Place, error: BaseException) -> str | None:
    """The line for an error of any kind that is the user's to fix (no server, no
    privilege, a corrupt file); None for the rest (a constraint violated is the caller's)."""
    orig = getattr(error, "orig", None) or error
    message = str(orig)
    where = place.describe()
    # SQLAlchemy has no statement for an error met while connecting
    if not place.is_sqlite and getattr(error, "statement", "") is None:
        return _unreachable_server(place, message)
    if getattr(orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        return (
            f"the database {where} refused that to your database role: "
            f"{message.strip().splitlines()[0]}; nothing was saved (README: PostgreSQL)"
        )
    if "malformed" in message or "not a database" in message:
        return f"the database {where} is corrupt ({message}); restore it from a backup"
    return None


@contextmanager
def translated(place: Place) -> Iterator[None]:
    """Run work at `place` through SQLAlchemy, its errors that a user can meet turned
    into DatabaseError (the others, as an IntegrityError, pass through)."""
    from sqlalchemy import exc  # only this path raises its errors

    try:
        yield
    except exc.OperationalError as error:
        raise DatabaseError(describe(place, error)) from error
    except exc.DatabaseError as error:
        known = describe_known(place, error)
        if known is None:
            raise
        raise DatabaseError(known) from error


def broken_index(place: Place, error: BaseException, doing: str) -> str:
    """The line for a knowledge-base read whose own SQL (quoted words only) failed: its
    index is damaged, which on SQLite `tuidesk kb reindex` rebuilds."""
    if place.is_sqlite:
        return f"the knowledge-base index cannot be {doing} ({error}): run 'tuidesk kb reindex'"
    return f"the knowledge base cannot be {doing}: {one_line(str(error))}"


def moved_message(place: Place) -> str:
    return (
        f"the database file {place.describe()} was moved, replaced or deleted while tuidesk "
        "was running; nothing was saved: put it back and try again, or restore a backup "
        "and restart tuidesk"
    )


def _unopenable(place: Place) -> str:
    """A file SQLite cannot open: not ours, gone from its directory, or in a directory
    that is not ours."""
    where = place.describe()
    path = place.path
    if path is not None and path.exists():
        return f"cannot open the database {where}; check that it and its directory are yours"
    folder = path.parent if path is not None else None
    if folder is not None and folder.is_dir() and os.access(folder, os.W_OK | os.X_OK):
        return (
            f"cannot open the database {where}: was it moved or deleted? put it back, "
            "or restore a backup and restart tuidesk"
        )
    return f"cannot open the database {where}; check that its directory exists and is yours"


def _unreachable_server(place: Place, message: str) -> str:
    """One line for a PostgreSQL server that cannot be reached or refuses us, from
    libpq's message (several lines, led by "connection failed: …")."""
    url = place.url
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


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _io_error(place: Place, orig: BaseException | None) -> str:
    """What is behind SQLite's "disk I/O error", which hides the errno (a full disk has
    its own error, SQLITE_FULL, only when write() says ENOSPC): a filesystem the kernel
    turned read-only, a disk full after all, a write past the file-size limit (EFBIG)."""
    where = place.describe()
    name = getattr(orig, "sqlite_errorname", "SQLITE_IOERR")
    path = place.path
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
