import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import exc, text

from tests.conftest import raw_sqlite
from tuidesk.errors import SchemaTooNewError
from tuidesk.storage import migrate
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database, create_database_engine, database_url


def bare(path: Path) -> Database:
    url = database_url(path)
    return Database(url, create_database_engine(url))


def test_empty_database_upgrades_to_head(db_path: Path) -> None:
    db = open_database(db_path)
    assert migrate.current_revision(db) == migrate.head_revision()
    counts = migrate.table_counts(db, ["ticket", "ticket_event", "agent"])
    assert counts == {"ticket": 0, "ticket_event": 0, "agent": 0}
    db.dispose()


def test_database_with_data_survives_a_migration_with_a_backup(db_path: Path) -> None:
    db = bare(db_path)
    migrate.upgrade(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customer (name, email, phone, location, created_at)"
                " VALUES ('Jonas', 'j@x.example', '', '', '2026-01-01 00:00:00')"
            )
        )
        for n in range(1, 4):
            conn.execute(
                text(
                    "INSERT INTO ticket (id, subject, description, goal, theory, resolution,"
                    " requester_id, channel, status, tier, urgency, impact, priority, category,"
                    " vendor_ref, created_at, updated_at, version) VALUES"
                    f" ({n}, 'subject {n}', '', '', '', '', 1, 'phone', 'open', 1, 2, 2, 3, '', '',"
                    " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO ticket_event (ticket_id, kind, created_at, body, old_value,"
                    f" new_value, minutes) VALUES ({n}, 'created', '2026-01-01 00:00:00', 'b', '',"
                    " '', 0)"
                )
            )
            conn.execute(text(f"INSERT INTO ticket_tag (ticket_id, tag) VALUES ({n}, 'vpn')"))
    db.dispose()

    db = open_database(db_path)
    assert migrate.current_revision(db) == migrate.head_revision()
    counts = migrate.table_counts(db, ["ticket", "ticket_event", "ticket_tag", "customer"])
    assert counts == {"ticket": 3, "ticket_event": 3, "ticket_tag": 3, "customer": 1}
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT minutes_spent FROM ticket WHERE id = 2")).scalar() == 0
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    backups = list(db_path.parent.glob("desk.db.bak-0001-*"))
    assert len(backups) == 1
    with raw_sqlite(backups[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT count(*) FROM ticket_tag").fetchone() == (3,)
    db.dispose()


def test_migrations_run_with_foreign_keys_off(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch table copy with foreign keys on would cascade-delete child rows."""
    seen: list[int] = []
    real_upgrade = migrate.command.upgrade

    def spy(config, revision):  # type: ignore[no-untyped-def]
        connection = config.attributes["connection"]
        seen.append(connection.exec_driver_sql("PRAGMA foreign_keys").scalar())
        real_upgrade(config, revision)

    monkeypatch.setattr(migrate.command, "upgrade", spy)
    open_database(db_path).dispose()
    assert seen == [0]


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).dispose()
    with raw_sqlite(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with raw_sqlite(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError, match="newer tuidesk"):
        open_database(db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert not list(db_path.parent.glob("*.bak-*"))


def test_foreign_tables_are_not_taken_over(db_path: Path) -> None:
    with raw_sqlite(db_path) as raw:
        raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(Exception, match="not tuidesk's"):
        open_database(db_path)


def as_0011_left_it(raw: sqlite3.Connection) -> None:
    """Undo what the migrations after 0011 made (0012 desk facts, 0013 browse indexes,
    0014 the triggers that require a slug)."""
    raw.execute("DROP TABLE desk_fact")
    raw.execute("DROP TRIGGER article_slug_on_insert")
    raw.execute("DROP TRIGGER article_slug_on_update")
    raw.execute("DROP INDEX ix_article_browse")
    raw.execute("DROP INDEX ix_article_browse_category")
    raw.execute("UPDATE alembic_version SET version_num = '0011'")


def test_a_demo_built_before_its_origin_was_recorded_stays_the_demo(db_path: Path) -> None:
    """An upgraded tuidesk opens the demo.db an earlier one built (0011, no desk_fact)."""
    from tuidesk.cli import main

    assert main(["--demo", "--db", str(db_path), "ticket", "list", "--limit", "1"]) == 0
    with raw_sqlite(db_path) as raw:
        as_0011_left_it(raw)
    assert main(["--demo", "--db", str(db_path), "--as", "amira", "stats"]) == 0
    with raw_sqlite(db_path) as raw:
        assert raw.execute("SELECT value FROM desk_fact WHERE key = 'origin'").fetchone() == (
            "demo",
        )


def test_a_real_desk_is_not_taken_for_an_earlier_demo(db_path: Path) -> None:
    from tuidesk.cli import main

    assert main(["--db", str(db_path), "ticket", "list"]) == 0
    with raw_sqlite(db_path) as raw:
        as_0011_left_it(raw)
    assert main(["--db", str(db_path), "ticket", "list"]) == 0
    with raw_sqlite(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM desk_fact").fetchone() == (0,)


@pytest.mark.backends
def test_articles_without_a_slug_get_one_from_their_title(db_target: str, backend: str) -> None:
    """Until 0014 an article made in the app had none, and `kb export` wrote them."""
    if backend == "sqlite":
        db = bare(Path(db_target))
        migrate.upgrade(db, "0013")
    else:  # a fresh database is at the head: back to 0013, as an older tuidesk left it
        db = open_database(db_target)
        with db.engine.begin() as connection:
            migrate.command.downgrade(migrate.alembic_config(connection), "0013")
    titles = [
        ("Printer offline", None), ("Printer offline!", None), ("VPN error 809", "vpn-error-809"),
        ("VPN error 809", None), ("printer offline", "printer-offline-3"), ("???", None),
    ]  # fmt: skip
    with db.engine.begin() as connection:
        for title, slug in titles:
            connection.execute(
                text(
                    "INSERT INTO article (title, symptoms, cause, resolution, tags, category,"
                    " visibility, status, created_at, updated_at, times_linked, times_solved,"
                    " version, slug) VALUES (:title, '', '', '', '', '', 'internal', 'draft',"
                    " '2026-01-01', '2026-01-01', 0, 0, 1, :slug)"
                ),
                {"title": title, "slug": slug},
            )
    db.dispose()
    db = open_database(db_target)
    with db.engine.connect() as connection:
        slugs = connection.execute(text("SELECT slug FROM article ORDER BY id")).scalars().all()
    assert slugs == [
        "printer-offline", "printer-offline-2", "vpn-error-809", "vpn-error-809-2",
        "printer-offline-3", "article",
    ]  # fmt: skip
    # and from now on the database itself refuses an article without one
    for statement in (
        "INSERT INTO article (title, symptoms, cause, resolution, tags, category, visibility,"
        " status, created_at, updated_at, times_linked, times_solved, version) VALUES"
        " ('x', '', '', '', '', '', 'internal', 'draft', '2026-01-01', '2026-01-01', 0, 0, 1)",
        "UPDATE article SET slug = NULL WHERE id = 1",
    ):
        with pytest.raises(exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(text(statement))
    db.dispose()
