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
import pwd
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tuidesk.errors import DatabaseError

# The newest migration; tests check it equals Alembic's head.
SCHEMA_HEAD = "0011"
SQLITE_HEADER = b"SQLite format 3\x00"


def utcnow() -> datetime:
    return datetime.now(UTC)


def os_login() -> tuple[str, str]:
    """(login, full name) of the process's real user, from its uid.

    `USER` and `LOGNAME` are not consulted: anyone can set them.
    """
    entry = pwd.getpwuid(os.getuid())
    full_name = entry.pw_gecos.split(",")[0].strip() if entry.pw_gecos else ""
    return entry.pw_name, full_name or entry.pw_name


@dataclass(frozen=True)
class Actor:
    """The agent a process acts as, as the screens need it."""

    id: int
    login: str
    name: str
    tier: int
    role: str
    timezone: str = "UTC"

    @classmethod
    def of(cls, agent: object) -> Actor:
        """From an Agent row of the ORM."""
        return cls(
            agent.id,  # type: ignore[attr-defined]
            agent.login,  # type: ignore[attr-defined]
            agent.name,  # type: ignore[attr-defined]
            agent.tier,  # type: ignore[attr-defined]
            agent.role,  # type: ignore[attr-defined]
            agent.timezone,  # type: ignore[attr-defined]
        )


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database, is truncated, or that we cannot write."""
    import stat

    if not os.access(path, os.R_OK):
        raise DatabaseError(f"cannot read the database {path}: permission denied")
    size = path.stat().st_size
    if size == 0:
        return
    with open(path, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise DatabaseError(
            f"{path} is not a SQLite database; give --db a tuidesk database or a new file name"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = int.from_bytes(header[24:28], "big")
    page_count = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    if valid_for == change_counter and page_count and size < page_count * page_size:
        raise DatabaseError(
            f"{path} is truncated ({size} of {page_count * page_size} bytes); "
            "restore it from a backup"
        )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        where = path if not os.access(path, os.W_OK) else path.parent
        mode = stat.filemode(where.stat().st_mode)
        raise DatabaseError(
            f"cannot write to {where} ({mode}); ask its owner for group write access "
            "or use another --db"
        )


def sqlite_path(target: str | os.PathLike[str]) -> Path | None:
    """The file of a SQLite database given as a path, None for a URL."""
    text = os.fspath(target)
    if "://" in text:
        return None
    return Path(text).expanduser().resolve()


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
        if me is None or not me[1]:
            return None  # a first start creates the agent; a deactivated one is refused
        if not as_login or as_login == login:
            return me[0]
        other = _agent(connection, as_login)
        if other is None or not other[1] or not (demo or me[0].role == "admin"):
            return None
        return other[0]
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _agent(connection: sqlite3.Connection, login: str) -> tuple[Actor, bool] | None:
    row = connection.execute(
        "SELECT id, login, name, tier, role, timezone, active FROM agent WHERE login = ?", (login,)
    ).fetchone()
    if row is None:
        return None
    return Actor(*row[:6]), bool(row[6])
