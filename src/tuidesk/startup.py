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
import re
import sqlite3
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from tuidesk.errors import DatabaseError

# The newest migration; tests check it equals Alembic's head.
SCHEMA_HEAD = "0014"


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
    """Refuse a file that is not a SQLite database, is damaged, or that we cannot write.

    Only SQLite reads the file. This process may already hold connections to it (the
    early start's reader, the app's engine), and on POSIX closing any descriptor of a
    file drops every lock the process holds on that file: another process would then
    take this one's write-ahead log for abandoned, checkpoint it and delete it, and
    every later write would go to a deleted file. SQLite's own descriptors are safe:
    it keeps one open while another connection of the process holds a lock.

    A database SQLite can open is never refused: the file alone may be shorter than its
    header says while the write-ahead log holds the rest (a checkpoint cut short by a
    full disk or a kill), and SQLite reads both.
    """
    if not os.access(path, os.R_OK):
        raise DatabaseError(f"cannot read the database {path}: permission denied")
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseError(
            f"{path} is not a regular file; give --db a tuidesk database or a new file name"
        )
    if info.st_size == 0:
        return
    _probe(path)
    why = unwritable(path)
    if why:
        raise DatabaseError(
            f"cannot write to the database {path}: {why}; ask its owner for write access "
            "(the group's, for a shared desk) or use another --db"
        )
    why = unwritable(path.parent)
    if why:
        raise DatabaseError(
            f"cannot write in {path.parent}, where SQLite must create {path.name}-wal and "
            f"{path.name}-shm next to the database: {why}; ask its owner for write access "
            "or use another --db"
        )


def _probe(path: Path) -> None:
    """Have SQLite read the header and the schema; refuse what it calls no database or
    damaged. Anything else it meets (busy, no -shm allowed) is for the usual path."""
    try:
        probe = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return
    try:
        probe.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        name = getattr(error, "sqlite_errorname", "")
        if name == "SQLITE_NOTADB":
            raise DatabaseError(
                f"{path} is not a SQLite database; give --db a tuidesk database or a new file name"
            ) from None
        if name.startswith("SQLITE_CORRUPT"):
            raise DatabaseError(
                f"the database {path} is corrupt ({error}); restore it from a backup"
            ) from None
    finally:
        probe.close()


def unwritable(path: Path) -> str | None:
    """Why this process cannot write `path` (a file or a directory), None if it can.

    Root passes every permission check, so for root only an immutable flag (chattr +i)
    or a read-only mount can say no; the reason names which.
    """
    if os.access(path, os.W_OK):
        return None
    try:
        info = path.stat()
        read_only_mount = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError as error:
        return f"it cannot be reached ({error.strerror})"
    if read_only_mount:
        return "it is on a filesystem mounted read-only"
    if os.geteuid() == 0:
        return "it is marked immutable (lsattr shows an i)"
    try:
        owner = pwd.getpwuid(info.st_uid).pw_name
    except KeyError:
        owner = str(info.st_uid)
    return f"it is read-only for you ({stat.filemode(info.st_mode)}, owner {owner})"


# Where the kernel lists the mounts this process sees (Linux); elsewhere the check is off.
MOUNT_TABLE = Path("/proc/self/mountinfo")
# Filesystems whose files live on another host (or on several): SQLite's WAL keeps its
# index in memory shared through a mmap of the -shm file, which only works among the
# processes of one host, and byte-range locks over these are unreliable.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "ceph", "glusterfs",
        "lustre", "gpfs", "beegfs", "davfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs",
        "fuse.glusterfs", "fuse.ceph-fuse",
    }
)  # fmt: skip


# Filesystems that are windows on the kernel, not storage: /proc/self/mem stats as an
# empty regular file, and SQLite's first write there fails as "disk full".
KERNEL_FILESYSTEMS = frozenset(
    {
        "proc", "sysfs", "devtmpfs", "devpts", "debugfs", "tracefs", "securityfs", "cgroup",
        "cgroup2", "configfs", "efivarfs", "bpf", "pstore", "fusectl", "mqueue", "binfmt_misc",
        "autofs", "nsfs", "selinuxfs",
    }
)  # fmt: skip


def filesystem_type(path: str, mountinfo: str) -> str:
    """The filesystem type of the mount holding `path` (absolute, resolved), from the text
    of /proc/self/mountinfo; "" when no mount matches.

    The mount with the longest mount point that is `path` or a parent of it wins; of
    mounts on the same point, the last (the one on top).
    """
    best, kind = -1, ""
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        if "-" not in fields[6:]:
            continue
        separator = fields.index("-", 6)
        if len(fields) <= separator + 1:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best:
            best, kind = len(point), fields[separator + 1]
    return kind


def check_local_filesystem(path: Path) -> None:
    """Refuse a SQLite database on a network filesystem (NFS, SMB, sshfs, …) or on one of
    the kernel's (/proc, /sys).

    There WAL's shared memory is not shared between hosts and locks may not hold, so two
    agents on two machines would corrupt the file, silently. There is no override:
    a local disk, or PostgreSQL, is always the way out.
    """
    try:
        mounts = MOUNT_TABLE.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    kind = filesystem_type(str(path), mounts)
    if kind in KERNEL_FILESYSTEMS:
        raise DatabaseError(
            f"{path} is on {kind}, a window on the kernel, not a disk; give --db a file on "
            "a local disk"
        )
    if kind in NETWORK_FILESYSTEMS:
        raise DatabaseError(
            f"{path} is on a network filesystem ({kind}), where SQLite is not safe: its WAL "
            "needs memory shared on one host and file locks over the network are "
            "unreliable; keep the database on a local disk, or use PostgreSQL with "
            "--db postgresql://USER@HOST/DBNAME"
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
        if me is None or not me[1]:
            return None  # a first start creates the agent; a deactivated one is refused
        trusted = _origin(connection) == "demo"  # services/desk_facts.py
        if demo and not trusted:
            return None  # the usual path refuses --demo on another help desk
        if not as_login or as_login == login:
            return me[0]
        other = _agent(connection, as_login)
        if other is None or not other[1] or not (trusted or me[0].role == "admin"):
            return None
        return other[0]
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _origin(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM desk_fact WHERE key = 'origin'").fetchone()
    return row[0] if row else None


def _agent(connection: sqlite3.Connection, login: str) -> tuple[Actor, bool] | None:
    row = connection.execute(
        "SELECT id, login, name, tier, role, timezone, active FROM agent WHERE login = ?", (login,)
    ).fetchone()
    if row is None:
        return None
    return Actor(*row[:6]), bool(row[6])


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
                from tuidesk.storage.queue_reader import (
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
