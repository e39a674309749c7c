"""The checks `doctor` makes of a SQLite file with sqlite3 alone (services/maintenance.py
runs them, then those common to both backends)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tuidesk.storage import SCHEMA_HEAD
from tuidesk.text import plural

INDEX_CHECK_TIMEOUT = 10.0  # seconds the search index check waits for another's write lock
TEXT_TYPES = ("CHAR", "TEXT", "CLOB")  # declared types of columns that hold text
# SQLite's triggers that keep the history append-only (migrations 0001, 0009, 0011)
APPEND_ONLY_TRIGGERS = {
    "ticket_event_no_update": ("ticket_event", "UPDATE"),
    "ticket_event_no_delete": ("ticket_event", "DELETE"),
    "article_revision_no_update": ("article_revision", "UPDATE"),
    "article_revision_no_delete": ("article_revision", "DELETE"),  # unless being deleted
}


@dataclass(frozen=True)
class Check:
    """One line of doctor's report."""

    name: str
    ok: bool
    detail: str
    warning: bool = False  # not wrong, but worth a look

    def line(self) -> str:
        mark = "ok  " if self.ok else ("warn" if self.warning else "FAIL")
        return f"{mark}  {self.name}: {self.detail}"


def sqlite_checks(conn: sqlite3.Connection, now: datetime, path: Path) -> list[Check]:
    """What `doctor` checks of a SQLite file alone: integrity, foreign keys, UTF-8 text,
    the schema version, the journal mode, and at the current schema the search index,
    the triggers and id gaps."""
    checks = []
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    checks.append(
        Check(
            "integrity",
            problems == ["ok"],
            "ok" if problems == ["ok"] else "; ".join(problems) + ": restore the newest backup",
        )
    )
    utf8 = _text_check(conn)
    checks.append(utf8)
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
        writer = sqlite3.connect(path, timeout=INDEX_CHECK_TIMEOUT, isolation_level=None)
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
                        f"holds {plural(indexed, 'article')} of {articles}: "
                        "run 'tuidesk kb reindex'",
                    )
                )
        except sqlite3.OperationalError as error:
            checks.append(Check("search index", False, f"not checked ({error})", warning=True))
        except sqlite3.DatabaseError as error:
            checks.append(Check("search index", False, f"{error}: run 'tuidesk kb reindex'"))
        finally:
            if writer.in_transaction:
                writer.execute("ROLLBACK")
            writer.close()
        checks.append(_trigger_check(conn))
        checks.append(_gap_check(conn))
    return checks


def lenient_text(raw: bytes) -> str:
    """SQLite text as str even where it is not UTF-8 (the text check names it): one
    damaged value must not stop every other check."""
    return raw.decode("utf-8", "surrogateescape")


def _text_check(conn: sqlite3.Connection) -> Check:
    """Every text value of every table is UTF-8, as SQLite was given it; a value that
    is not was damaged, or written behind the app's back (and reading it would fail)."""
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    ).fetchall()
    virtual = [name for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
    scans = []
    for table, _ in tables:
        if table in virtual or any(table.startswith(f"{v}_") for v in virtual):
            continue  # full-text index data: the search index check reads it
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        columns = [c[1] for c in info if any(t in c[2].upper() for t in TEXT_TYPES)]
        if columns:
            key = "id" if any(c[1] == "id" and c[5] for c in info) else "rowid"
            scans.append((table, key, columns))
    found: list[str] = []
    count = 0
    conn.text_factory = bytes  # as stored: decoding is the check
    try:
        for table, key, columns in scans:
            # a row's text in one value, NUL between: no sequence spans two columns
            joined = " || char(0) || ".join(f"ifnull(\"{c}\", '')" for c in columns)
            for rowid, text in conn.execute(f'SELECT {key}, {joined} FROM "{table}"'):
                try:
                    text.decode("utf-8")
                except UnicodeDecodeError:
                    count += 1
                    if len(found) < 3:
                        found.append(_not_utf8(conn, table, key, rowid, columns))
    finally:
        conn.text_factory = lenient_text
    if not found:
        return Check("text", True, "all UTF-8")
    more = f" and {count - len(found)} more" if count > len(found) else ""
    return Check(
        "text",
        False,
        "not UTF-8: " + ", ".join(found) + more
        + ": damaged or written behind the app's back; restore the newest backup",
    )  # fmt: skip


def _not_utf8(
    conn: sqlite3.Connection, table: str, key: str, rowid: int, columns: list[str]
) -> str:
    """Which column of a row that is not UTF-8 is not, and where (text_factory bytes)."""
    listed = ", ".join(f'"{c}"' for c in columns)
    values = conn.execute(f'SELECT {listed} FROM "{table}" WHERE {key} = ?', (rowid,)).fetchone()
    row = f"{rowid}" if key == "id" else f"row {rowid}"
    for column, value in zip(columns, values, strict=True):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError as error:
            return f"{table} {row} {column} (byte {error.start})"
        except AttributeError:
            continue  # not text
    return f"{table} {row}"


def _trigger_check(conn: sqlite3.Connection) -> Check:
    """The triggers that make the history append-only are there, as tuidesk made them."""
    stored = dict(conn.execute("SELECT name, upper(sql) FROM sqlite_master WHERE type = 'trigger'"))
    missing, altered = [], []
    for name, (table, action) in APPEND_ONLY_TRIGGERS.items():
        sql = " ".join((stored.get(name) or "").split())
        if not sql:
            missing.append(name)
        elif (
            f"BEFORE {action} ON {table.upper()}" not in sql
            or "RAISE(ABORT" not in sql
            or (" WHEN " in sql and name != "article_revision_no_delete")
        ):
            altered.append(name)
    if not missing and not altered:
        return Check("append-only", True, "the history refuses edits")
    found = (("missing", missing), ("altered", altered))
    detail = "; ".join(f"{what}: {', '.join(names)}" for what, names in found if names)
    return Check(
        "append-only",
        False,
        f"{detail}: the history could be edited or deleted without a trace in the "
        "database; compare it with the newest backup, then recreate them (README: Trust model)",
    )


def _gap_check(conn: sqlite3.Connection) -> Check:
    """No ticket and no event is missing from the middle of its id sequence: SQLite
    gives each new row the next id (a rolled-back insert leaves no gap), and tuidesk
    deletes neither, so a gap is a row deleted behind the app's back."""
    missing = []
    for table, what in (("ticket", "tickets"), ("ticket_event", "events")):
        count, low, top = conn.execute(f"SELECT count(*), min(id), max(id) FROM {table}").fetchone()
        if count == (top or 0):
            continue
        ranges = [(1, low - 1)] if low > 1 else []
        ranges += conn.execute(
            f"SELECT a.id + 1, (SELECT min(b.id) FROM {table} b WHERE b.id > a.id) - 1"
            f" FROM {table} a WHERE a.id < ? AND NOT EXISTS"
            f" (SELECT 1 FROM {table} c WHERE c.id = a.id + 1) ORDER BY a.id LIMIT 4",
            (top,),
        ).fetchall()
        named = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges[:3])
        more = ", …" if len(ranges) > 3 else ""
        missing.append(f"{top - count:,} {what} (ids {named}{more})")
    if not missing:
        return Check("deletions", True, "no ticket and no event missing from the id sequence")
    return Check(
        "deletions",
        False,
        " and ".join(missing) + " are missing: deleted behind the app's back; "
        "compare with the newest backup",
    )
