"""Schema migrations with Alembic, run when a database is opened.

A database of an older schema is copied to a backup file and upgraded; one written by
a newer tuidesk is refused untouched. On SQLite the migration runs with foreign keys
off (a batch table copy with them on deletes every child row through ON DELETE
CASCADE) and checks `PRAGMA foreign_key_check` before it commits.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import exc, inspect, text
from sqlalchemy.engine import Connection

from tuidesk.errors import DatabaseError, SchemaTooNewError, TuideskError
from tuidesk.safe_files import copy_sqlite
from tuidesk.storage.engine import Database
from tuidesk.storage.errors import INSUFFICIENT_PRIVILEGE

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _user_tables(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        return [t for t in inspect(connection).get_table_names() if t != "alembic_version"]


def backup_sqlite(db: Database, label: str) -> Path:
    """Copy a SQLite database with the online backup API; returns the copy's path.

    The copy is a new file, never written through a link (see tuidesk.safe_files); when
    it cannot be made, DatabaseError says so and the database is not migrated.
    """
    source_path = db.path
    assert source_path is not None
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    target = source_path.with_name(f"{source_path.name}.bak-{label}-{stamp}")
    try:
        if os.path.lexists(target):
            raise TuideskError(
                f"{target}, the name of its backup, is taken: remove it and start again"
            )
        copy_sqlite(source_path, target, mode=0o660, check=False)
    except TuideskError as error:
        raise DatabaseError(f"{db.describe()} was not migrated: {error}") from None
    return target


def upgrade(db: Database, revision: str = "head") -> None:
    """Upgrade the schema to `revision` in one transaction."""
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        if db.is_sqlite:
            # outside any transaction: inside one SQLite ignores this pragma
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), revision)
                if db.is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(
                            f"the migration of {db.describe()} would break {len(broken)} "
                            "references; nothing was changed"
                        )
        finally:
            if db.is_sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


def ensure_schema(db: Database) -> Path | None:
    """Bring the database to the current schema; return the backup's path if one was made."""
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return None
    if current is None:
        tables = _user_tables(db)
        if tables:
            raise DatabaseError(
                f"{db.describe()} holds tables that are not tuidesk's ({', '.join(tables[:3])}"
                f"{', …' if len(tables) > 3 else ''}); give --db a tuidesk database or a new file"
            )
        _upgrade_or_explain(db, current, head)
        return None
    if current not in known_revisions():
        raise SchemaTooNewError(
            f"{db.describe()} was written by a newer tuidesk (schema {current}); "
            "upgrade tuidesk to open it. Nothing was changed"
        )
    backup = backup_sqlite(db, current) if db.is_sqlite else None
    _upgrade_or_explain(db, current, head)
    if db.is_sqlite:
        # new indexes need statistics, or the planner may pick them for the wrong query
        with db.engine.connect() as connection:
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA analysis_limit = 1000")
            raw.execute("ANALYZE")
    return backup


def _upgrade_or_explain(db: Database, current: str | None, head: str) -> None:
    """Upgrade; on PostgreSQL an agent's role may not, and is told who does."""
    try:
        upgrade(db)
    except exc.DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        raise DatabaseError(
            f"{db.describe()} needs its schema upgraded ({current or 'empty'} to {head}) "
            "and your database role may not do it; nothing was changed: the tables' owner "
            "runs 'tuidesk --db postgresql://OWNER@HOST/DBNAME db grant'"
        ) from None


def table_counts(db: Database, tables: list[str]) -> dict[str, int]:
    """Row counts, for tests and `tuidesk` diagnostics."""
    with db.engine.connect() as connection:
        return {
            t: connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables
        }
