"""Witnesses of the history's end, kept outside the database, in each user's own files.

The hash chain shows an edited or removed event in the middle of a ticket's history,
but not a cut-off end: a history without its last events is a valid chain. So what was
once there is written down elsewhere: every running tuidesk app (on its SLA sweep's
timer, in a worker) and every `tuidesk backup` records the newest event it has seen
(its id and hash) and the newest ticket, in the user's state directory, one small file
per database. `tuidesk doctor` checks that every witnessed event is still there with
the same hash, and the newest witnessed ticket too.

A witness proves only what its file's owner could not have rewritten: someone who can
write the database and the witness files of every agent can cut the history unseen.
Kept per user, 0600 in the user's own directory, one hostile colleague with write access
to a shared database cannot rewrite the others' witnesses.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import text
from sqlalchemy.engine import URL

from tuidesk.errors import TuideskError

KEEP = 24  # witnesses kept per database, the oldest dropped first
SPREAD = timedelta(minutes=10)  # an app's newer witness replaces one younger than this
MAX_FILE = 256 * 1024  # bytes: a witness file is a few kilobytes


@dataclass(frozen=True)
class Witnessed:
    """The end of the history as one app or backup saw it."""

    event_id: int
    ticket_id: int  # the ticket of that event
    hash: str
    newest_ticket: int
    at: datetime
    by: str  # "the app", or "backup to PATH"

    def to_json(self) -> dict[str, object]:
        return {
            "event": self.event_id, "ticket": self.ticket_id, "hash": self.hash,
            "newest_ticket": self.newest_ticket,
            "at": self.at.astimezone(UTC).isoformat(timespec="seconds"), "by": self.by,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Witnessed:
        return cls(
            int(data["event"]), int(data["ticket"]), str(data["hash"]),
            int(data["newest_ticket"]), datetime.fromisoformat(data["at"]), str(data["by"]),
        )  # fmt: skip

    def when(self) -> str:
        return f"witnessed {self.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC by {self.by}"


@dataclass
class WitnessReport:
    path: Path
    witnessed: list[Witnessed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def identity(url: URL) -> str:
    """What names one database for its witnesses: a SQLite file's path, a server's
    host, port and database (not the user connecting)."""
    if url.get_backend_name() == "sqlite":
        return f"sqlite:{url.database}"
    server = url.set(drivername="postgresql", username=None, password=None)
    return server.render_as_string(hide_password=True)


def witness_path(url: URL) -> Path:
    """The current user's witness file of the database at `url`."""
    root = Path(platformdirs.user_state_dir("tuidesk", appauthor=False)) / "witnesses"
    return root / f"{hashlib.sha256(identity(url).encode()).hexdigest()[:16]}.json"


def newest(connection: Any, by: str, now: datetime) -> Witnessed | None:
    """The end of the history through a SQLAlchemy connection; None if it is empty."""
    last = connection.execute(
        text("SELECT id, ticket_id, hash FROM ticket_event ORDER BY id DESC LIMIT 1")
    ).first()
    if last is None:
        return None
    tickets = connection.execute(text("SELECT max(id) FROM ticket")).scalar() or 0
    return Witnessed(last[0], last[1], last[2] or "", tickets, now, by)


def load(url: URL, *, damaged: list[Witnessed] | None = None) -> list[Witnessed]:
    """The current user's witnesses of the database, oldest first ([] if none yet);
    `damaged` if the file is not a witness file (or TuideskError when None)."""
    path = witness_path(url)
    try:
        return _read(path, url)
    except OSError as error:
        raise TuideskError(f"cannot read the witness file {path}: {error.strerror}") from None
    except ValueError:
        if damaged is not None:
            return damaged
        raise TuideskError(
            f"the witness file {path} is damaged; remove it (tuidesk writes a new one)"
        ) from None


def _read(path: Path, url: URL) -> list[Witnessed]:
    """The witnesses in `path`; ValueError if it is not a witness file of `url`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return []
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ValueError("a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ValueError("not a file")
        raw = handle.read(MAX_FILE + 1)
    if len(raw) > MAX_FILE:
        raise ValueError("too big")
    try:
        data = json.loads(raw)
        if data.get("database") != identity(url):
            raise ValueError("another database's")
        return [Witnessed.from_json(item) for item in data["witnessed"]]
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(str(error)) from None


def problems(connection: Any, witnessed: list[Witnessed]) -> list[str]:
    """What of `witnessed` is no longer in the database, or not the same."""
    found = []
    for seen in witnessed:
        stored = connection.execute(
            text("SELECT hash FROM ticket_event WHERE id = :id"), {"id": seen.event_id}
        ).first()
        event = f"event {seen.event_id} of ticket #{seen.ticket_id}, {seen.when()},"
        if stored is None:
            found.append(f"{event} is gone")
        elif stored[0] != seen.hash:
            found.append(f"{event} has another hash now")
    if witnessed:
        last = max(witnessed, key=lambda seen: seen.newest_ticket)
        ticket = connection.execute(
            text("SELECT 1 FROM ticket WHERE id = :id"), {"id": last.newest_ticket}
        ).first()
        if last.newest_ticket and ticket is None:
            found.append(f"ticket #{last.newest_ticket}, {last.when()}, is gone")
    return found


def verify(url: URL, connection: Any) -> WitnessReport:
    """The current user's witnesses of the database checked against it."""
    report = WitnessReport(witness_path(url), load(url))
    report.problems = problems(connection, report.witnessed)
    return report


def record(url: URL, connection: Any, by: str, now: datetime | None = None) -> bool:
    """Witness the end of the history as `connection` sees it; True if written.

    Nothing is written when the end has not moved since the last witness. When a
    witnessed event is gone or changed the file is kept as it is, as evidence, and this
    raises TuideskError naming it."""
    now = now or datetime.now(UTC)
    seen = newest(connection, by, now)
    if seen is None:
        return False
    witnessed = load(url, damaged=[])  # a damaged file proves nothing; a new one does
    last = witnessed[-1] if witnessed else None
    if last is not None and (last.event_id, last.hash, last.newest_ticket) == (
        seen.event_id, seen.hash, seen.newest_ticket,
    ):  # fmt: skip
        return False
    found = problems(connection, witnessed)
    if found:
        raise TuideskError(
            f"the history lost what was witnessed: {found[0]}; run 'tuidesk doctor' "
            f"(if an older backup was restored on purpose, remove {witness_path(url)})"
        )
    if last is not None and by == last.by == "the app" and now - last.at < SPREAD:
        witnessed[-1] = seen  # one app's witnesses a few minutes apart, not every sweep's
    else:
        witnessed.append(seen)
    _write(url, witnessed[-KEEP:])
    return True


def _write(url: URL, witnessed: list[Witnessed]) -> None:
    """Replace the witness file: a new file (O_EXCL, O_NOFOLLOW, 0600) renamed over it."""
    path = witness_path(url)
    payload = json.dumps(
        {"database": identity(url), "witnessed": [seen.to_json() for seen in witnessed]},
        indent=1,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.parent.is_symlink():
            raise TuideskError(f"{path.parent} is a symbolic link; tuidesk writes no witness there")
        # mkstemp creates the file with O_EXCL | O_NOFOLLOW, readable by its owner only
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".witness-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)  # replaces a link at that name, never follows it
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise TuideskError(f"cannot write the history's witness {path}: {error.strerror}") from None
