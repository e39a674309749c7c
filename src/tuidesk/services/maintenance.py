"""What a sysadmin runs to answer for the desk's data: an online backup and a check-up.

`backup()` copies a live SQLite database with SQLite's online backup API, which gives a
consistent snapshot while agents keep writing, into a temporary file that is checked and
then renamed into place, so a half-written backup never carries the backup's name.

`doctor()` looks without changing anything: the file and its permissions, SQLite's
integrity and foreign-key checks, that all text is UTF-8, the schema version, the
journal mode, the knowledge-base index, the append-only triggers, gaps in the ticket and
event ids (deleted rows), whether the SLA sweep is keeping up, the history's hash chains
(the first broken link of each ticket), each ticket's fields replayed from its history
(services/history_replay.py), and the witnesses of the history's end that this user's
apps and backups left (services/witness.py; a backup leaves one). `doctor_server()`
checks what of this applies to a PostgreSQL database; its backups are pg_dump's job.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tuidesk.errors import DatabaseError, TuideskError
from tuidesk.safe_files import copy_sqlite
from tuidesk.services.sqlite_checks import Check, lenient_text, sqlite_checks
from tuidesk.storage import SCHEMA_HEAD

if TYPE_CHECKING:
    from tuidesk.services.history_replay import ReplayReport
    from tuidesk.services.witness import WitnessReport

SWEEP_LATE = timedelta(minutes=15)  # a check this overdue means no sweep is running
INDEX_CHECK_TIMEOUT = 10.0  # seconds the search index check waits for another's write lock


def backup(path: Path, target: Path, *, pages_per_step: int = 1024) -> int:
    """Copy the SQLite database at `path` to `target` while it is in use; returns bytes.

    Refuses to overwrite an existing file or to write through a link (see
    tuidesk.safe_files). Raises TuideskError with what to do.
    """
    if not path.exists():
        raise DatabaseError(f"there is no database at {path}")
    if os.path.lexists(target):
        raise TuideskError(f"{target} exists already; choose a new name or remove it first")
    if not target.parent.is_dir():
        raise TuideskError(f"{target.parent} is not a directory")
    # in steps, so writers are held up for one step at a time, not the whole copy
    copy_sqlite(path, target, mode=0o600, pages_per_step=pages_per_step)
    _witness_backup(path, target)
    return target.stat().st_size


def _witness_backup(path: Path, target: Path) -> None:
    """Witness the end of the history as the backup holds it, for the database copied."""
    from sqlalchemy import exc

    from tuidesk.services import witness
    from tuidesk.storage.engine import database_url

    engine = _read_only_engine(target)
    try:
        with engine.connect() as conn:
            try:
                version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            except exc.OperationalError:
                version = None
            if version == SCHEMA_HEAD:  # an older one has no hashes to witness
                witness.record(database_url(path), conn, f"backup to {target.resolve()}")
    finally:
        engine.dispose()


def doctor(path: Path, now: datetime | None = None) -> list[Check]:
    """Check the SQLite database at `path` without changing it."""
    now = now or datetime.now(UTC)
    checks: list[Check] = []
    if not path.exists():
        return [Check("file", False, f"there is no database at {path}")]
    mode = path.stat().st_mode
    owner_rw = bool(mode & stat.S_IRUSR and mode & stat.S_IWUSR)
    world = bool(mode & (stat.S_IROTH | stat.S_IWOTH))
    detail = f"{path} ({stat.filemode(mode)}, {path.stat().st_size:,} bytes)"
    if world:
        detail += "; readable or writable by every user: chmod o-rwx, share it through a group"
    checks.append(Check("file", owner_rw and not world, detail, warning=world and owner_rw))
    writable = os.access(path.parent, os.W_OK)
    checks.append(
        Check(
            "directory",
            writable,
            f"{path.parent} is writable"
            if writable
            else f"{path.parent} is not writable: SQLite needs it for its -wal and -shm files",
        )  # fmt: skip
    )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as error:
        checks.append(Check("open", False, f"cannot open it: {error}"))
        return checks
    conn.text_factory = lenient_text
    try:
        found = sqlite_checks(conn, now, path)
        checks.extend(found)
        verdict = {check.name: check.ok for check in found}
        if verdict["schema"]:  # what both backends check reads through the ORM's engine
            from tuidesk.storage.engine import database_url

            engine = _read_only_engine(path, lenient=not verdict["text"])
            checks.extend(_common_checks(engine, now, database_url(path)))
    except sqlite3.DatabaseError as error:
        checks.append(Check("read", False, f"{error}: restore the newest backup"))
    finally:
        conn.close()
    return checks


def _read_only_engine(path: Path, *, lenient: bool = False) -> Any:
    """An engine that reads `path`; `lenient` reads text that is not UTF-8 too (slower)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        if lenient:
            conn.text_factory = lenient_text
        return conn

    return create_engine("sqlite://", creator=connect, poolclass=NullPool)


def _common_checks(engine: Any, now: datetime, url: Any) -> list[Check]:
    """What both backends check through SQLAlchemy: the SLA sweep, the history's
    chains, each ticket's fields replayed from its history, and the witnesses."""
    from sqlalchemy import bindparam, text

    from tuidesk.services import witness
    from tuidesk.services.history_replay import replay_streams
    from tuidesk.storage.history_chain import event_rows, verify_rows
    from tuidesk.storage.types import UTCDateTime

    checks = []
    try:
        with engine.connect() as conn:
            overdue, oldest = conn.execute(
                text(
                    "SELECT count(*), min(sla_next_check_at) FROM ticket"
                    " WHERE sla_next_check_at <= :late"
                ).bindparams(bindparam("late", type_=UTCDateTime())),
                {"late": now - SWEEP_LATE},
            ).one()
            checks.append(
                Check(
                    "sla sweep",
                    overdue == 0,
                    "keeping up"
                    if overdue == 0
                    else f"{overdue} tickets overdue for an SLA check since {str(oldest)[:16]} "
                    "UTC: run 'tuidesk sla sweep' every minute from cron (or keep a tuidesk open)",
                    warning=True,
                )  # fmt: skip
            )
            origin = conn.execute(
                text("SELECT value FROM desk_fact WHERE key = 'origin'")
            ).scalar()  # services/desk_facts.py
            replay = replay_streams(conn)  # one pass over the history for both
            report = verify_rows(replay.watch(event_rows(conn)))
            try:
                witnesses: witness.WitnessReport | TuideskError = witness.verify(url, conn)
            except TuideskError as error:
                witnesses = error
    finally:
        engine.dispose()
    if report.ok:
        detail = f"{report.events:,} events of {report.tickets:,} tickets, every hash chain intact"
    else:
        more = len(report.breaks) - 1
        detail = report.breaks[0].describe() + (
            f"; and {more} more ticket(s)" if more else ""
        ) + ": compare with the newest backup"  # fmt: skip
    checks.append(Check("history", report.ok, detail))
    if origin == "seed":
        checks.append(
            Check(
                "ticket rows",
                False,
                "not replayed: tuidesk seed filled this database, its histories are made up",
                warning=True,
            )
        )
    else:
        checks.append(_replay_check(replay.report))
    checks.append(_witness_check(witnesses))
    return checks


def _privileges_check(conn: Any) -> Check:
    """PostgreSQL: whether agents' roles are held to what `tuidesk db grant` gives them."""
    from tuidesk.storage.roles import loose_privileges

    set_up, loose = loose_privileges(conn)
    fix = "run 'tuidesk --db postgresql://OWNER@HOST/DBNAME db grant' (README: PostgreSQL)"
    if loose:
        more = f" and {len(loose) - 3} more" if len(loose) > 3 else ""
        return Check("privileges", False, f"{', '.join(loose[:3])}{more}: {fix}")
    if not set_up:
        return Check("privileges", False, "agents' roles are not set up: whoever connects "
                     f"as the owner may change everything; {fix}", warning=True)  # fmt: skip
    return Check("privileges", True, "no agent's role may rewrite the history, nor any but "
                 "admins' change agents' roles and tiers")  # fmt: skip


def _replay_check(report: ReplayReport) -> Check:
    if report.ok:
        detail = f"{report.tickets:,} tickets replayed from their history: each as it says"
        if report.unrecorded:
            detail += (
                f" ({report.unrecorded:,} created before tuidesk recorded a new ticket's "
                "fields: those are compared from a recorded change on)"
            )
        return Check("ticket rows", True, detail)
    named = report.differences[:3]
    more = len(report.differences) + report.unnamed - len(named)
    detail = "; ".join(d.describe() for d in named) + (f"; and {more:,} more" if more else "")
    return Check(
        "ticket rows",
        False,
        f"{detail}: changed behind the app's back; compare with the newest backup",
    )


def _witness_check(report: WitnessReport | TuideskError) -> Check:
    if isinstance(report, TuideskError):
        return Check("witnesses", False, str(report), warning=True)
    if not report.witnessed:
        return Check(
            "witnesses",
            True,
            f"none of this user's yet in {report.path} (each tuidesk app and backup "
            "of this user leaves one)",
        )
    if report.ok:
        newest = max(report.witnessed, key=lambda seen: seen.event_id)
        return Check(
            "witnesses",
            True,
            f"{len(report.witnessed)} of this user's, up to event {newest.event_id} "
            f"({newest.when()}): all there, with the same hashes",
        )
    more = len(report.problems) - 1
    return Check(
        "witnesses",
        False,
        report.problems[0] + (f"; and {more} more" if more else "")
        + ": the history was cut back or rewritten behind the app's back; compare with "
        f"the newest backup (if an older backup was restored on purpose, remove "
        f"{report.path})",
    )  # fmt: skip


def doctor_server(url: str, now: datetime | None = None) -> list[Check]:
    """Check a PostgreSQL database without changing it."""
    from sqlalchemy import create_engine, exc, text

    from tuidesk.storage.engine import database_url

    now = now or datetime.now(UTC)
    address = database_url(url)
    where = address.render_as_string(hide_password=True)
    try:
        engine = create_engine(address, pool_pre_ping=True)
    except ModuleNotFoundError as error:
        return [
            Check(
                "driver", False, f"{error.name} is not installed: pip install 'tuidesk[postgres]'"
            )
        ]
    checks: list[Check] = []
    try:
        with engine.connect() as conn:
            server = conn.execute(text("SHOW server_version")).scalar()
            checks.append(Check("server", True, f"{where} (PostgreSQL {server})"))
            try:
                found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except exc.ProgrammingError:
                conn.rollback()
                found = None
            found = found or "none"
            checks.append(Check("schema", found == SCHEMA_HEAD, f"version {found}" + (
                "" if found == SCHEMA_HEAD else f", this tuidesk expects {SCHEMA_HEAD}: start "
                "tuidesk once to migrate (take a pg_dump first)"
            )))  # fmt: skip
            if found != SCHEMA_HEAD:
                return checks
            triggers = set(
                conn.execute(
                    text(
                        "SELECT tgname FROM pg_trigger WHERE tgenabled <> 'D' AND tgname IN"
                        " ('ticket_event_append_only', 'ticket_event_no_truncate',"
                        " 'article_revision_append_only')"
                    )
                ).scalars()
            )
            missing = {"ticket_event_append_only", "ticket_event_no_truncate",
                       "article_revision_append_only"} - triggers  # fmt: skip
            guarded = "the history refuses edits"
            if missing:
                guarded = "disabled or missing: " + ", ".join(sorted(missing))
            checks.append(Check("append-only", not missing, guarded))
            index = conn.execute(
                text(
                    "SELECT indisvalid FROM pg_index"
                    " WHERE indexrelid = 'ix_article_search'::regclass"
                )
            ).scalar()
            checks.append(Check("search index", bool(index), "valid" if index else
                                "invalid: REINDEX INDEX ix_article_search"))  # fmt: skip
            checks.append(_privileges_check(conn))
    except exc.OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        return [*checks, Check("server", False, f"cannot connect to {where}: {reason}")]
    checks.extend(_common_checks(engine, now, address))
    return checks
