"""Checks of a SQLite database file before anything opens it: that it is a regular file
the user may read and write, that it is SQLite, and that it lives on a local filesystem
(SQLite's locks are unreliable over NFS and SMB). Plain sqlite3 and os; no SQLAlchemy,
so the early start can use them too."""

from __future__ import annotations

import os
import pwd
import re
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from tuidesk.errors import DatabaseError


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
