"""What a sysadmin runs to answer for the desk's data: an online backup and a check-up.

`backup()` copies a live SQLite database with SQLite's online backup API, which gives a
consistent snapshot while agents keep writing, into a temporary file that is checked and
then renamed into place, so a half-written backup never carries the backup's name.

`doctor()` looks without changing anything: the file and its permissions, SQLite's
integrity and foreign-key checks, the schema version, the journal mode, the
knowledge-base index, whether the SLA sweep is keeping up, and the history's hash
chains (the first broken link of each ticket). `doctor_server()` checks what of this
applies to a PostgreSQL database; its backups are pg_dump's job.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tuidesk.errors import DatabaseError, TuideskError
from tuidesk.safe_files import copy_sqlite
from tuidesk.startup import SCHEMA_HEAD

SWEEP_LATE = timedelta(minutes=15)  # a check this overdue means no sweep is running


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    warning: bool = False  # not wrong, but worth a look

    def line(self) -> str:
        mark = "ok  " if self.ok else ("warn" if self.warning else "FAIL")
        return f"{mark}  {self.name}: {self.detail}"


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
    return target.stat().st_size


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
    try:
        checks.extend(_sqlite_checks(conn, now, path))
    except sqlite3.DatabaseError as error:
        checks.append(Check("read", False, f"{error}: restore the newest backup"))
    finally:
        conn.close()
    return checks


def _sqlite_checks(conn: sqlite3.Connection, now: datetime, path: Path) -> list[Check]:
    checks = []
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    checks.append(
        Check(
            "integrity",
            problems == ["ok"],
            "ok" if problems == ["ok"] else "; ".join(problems) + ": restore the newest backup",
        )
    )
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    checks.append(
        Check(
            "foreign keys", not broken, "ok" if not broken else f"{len(broken)} broken references"
        )
    )
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        version = None
    found = version[0] if version else "none"
    checks.append(
        Check(
            "schema",
            found == SCHEMA_HEAD,
            f"version {found}"
            + (
                ""
                if found == SCHEMA_HEAD
                else f", this tuidesk expects {SCHEMA_HEAD}: start tuidesk once "
                "to migrate (it keeps a backup)"
            ),
        )  # fmt: skip
    )
    journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    checks.append(
        Check(
            "journal",
            journal == "wal",
            f"{journal}" + ("" if journal == "wal" else ": expected wal (tuidesk sets it)"),
        )
    )
    if found == SCHEMA_HEAD:
        # FTS5's check is an INSERT that writes nothing, but it needs a writable handle
        writer = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            writer.execute("BEGIN")
            writer.execute("INSERT INTO article_fts (article_fts) VALUES ('integrity-check')")
            articles = writer.execute("SELECT count(*) FROM article").fetchone()[0]
            indexed = writer.execute("SELECT count(*) FROM article_fts_docsize").fetchone()[0]
            if articles == indexed:
                checks.append(Check("search index", True, "matches the articles"))
            else:
                checks.append(
                    Check(
                        "search index",
                        False,
                        f"holds {indexed} articles of {articles}: run 'tuidesk kb reindex'",
                    )
                )
        except sqlite3.OperationalError as error:
            checks.append(Check("search index", True, f"not checked ({error})", warning=True))
        except sqlite3.DatabaseError as error:
            checks.append(Check("search index", False, f"{error}: run 'tuidesk kb reindex'"))
        finally:
            if writer.in_transaction:
                writer.execute("ROLLBACK")
            writer.close()
        checks.extend(_common_checks(_read_only_engine(path), now))
    return checks


def _read_only_engine(path: Path) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10),
        poolclass=NullPool,
    )


def _common_checks(engine: Any, now: datetime) -> list[Check]:
    """What both backends check through SQLAlchemy: the SLA sweep and the history."""
    from sqlalchemy import bindparam, text

    from tuidesk.storage.history_chain import verify
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
            report = verify(conn)
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
    return checks


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
    except exc.OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        return [*checks, Check("server", False, f"cannot connect to {where}: {reason}")]
    checks.extend(_common_checks(engine, now))
    return checks
