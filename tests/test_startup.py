"""The quick way to the first frame: sqlite3 alone, the ORM loading behind the queue."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import FIXED_NOW, Clock, demo_template, raw_sqlite
from tuidesk.app import make_app
from tuidesk.config import Settings
from tuidesk.domain.actor import os_login
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.startup import EarlyStart, quick_actor
from tuidesk.storage import SCHEMA_HEAD
from tuidesk.storage.database import open_database
from tuidesk.storage.migrate import head_revision
from tuidesk.storage.read.queue import FIRST_ROWS, QueueReader
from tuidesk.widgets.ticket_list import TicketList


def test_schema_head_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_the_way_to_the_first_frame_imports_no_orm(db_path: Path) -> None:
    db = open_database(db_path)
    resolve_actor(db)
    db.dispose()
    code = (
        "import sys\n"
        "from tuidesk.cli import build_parser\n"
        "from tuidesk.config import resolve_settings\n"
        "from tuidesk.app import make_app\n"
        f"app = make_app(resolve_settings(db={str(db_path)!r}))\n"
        "assert not app.desk_loaded.is_set()\n"
        "assert app.first_view(wait=10) is not None  # the rows read ahead, too\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'alembic', 'pydantic'))\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_line_leaves_textual_to_the_thread_of_the_app() -> None:
    # EarlyStart reads while Textual is imported; importing it sooner loses that
    code = "import sys, tuidesk.cli, tuidesk.startup; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_quick_actor_only_when_nothing_needs_doing(db_path: Path) -> None:
    assert quick_actor(db_path) is None  # no file yet: the full path creates it
    db = open_database(db_path)
    assert quick_actor(db_path) is None  # the OS user's agent is made on first start
    me = resolve_actor(db)  # the first user: admin
    actor = quick_actor(db_path)
    assert actor is not None and (actor.id, actor.login, actor.role) == (me.id, me.login, "admin")
    assert quick_actor("postgresql://nobody@localhost/x") is None
    assert quick_actor(db_path, "nobody") is None  # unknown: the full path says so
    assert quick_actor(db_path, demo=True) is None  # the demo has no tickets yet
    db.dispose()
    with raw_sqlite(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0005'")
    assert quick_actor(db_path) is None  # an older schema is migrated by the full path
    with raw_sqlite(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = ?", (SCHEMA_HEAD,))
        raw.execute("UPDATE agent SET active = 0")
    assert quick_actor(db_path) is None  # refused, with its message, by the full path


def test_acting_as_another_agent_follows_the_same_rule(db_path: Path, tmp_path: Path) -> None:
    shutil.copyfile(demo_template(), db_path)  # the demo built at FIXED_NOW for alex
    db = open_database(db_path)
    me = resolve_actor(db)
    db.dispose()
    assert me.role == "agent"  # the demo's owner "alex" came first
    for demo in (True, False):  # everyone may on the demo, which says so itself
        actor = quick_actor(db_path, "alex", demo=demo)
        assert actor is not None and actor.login == "alex"
    assert quick_actor(db_path, os_login()[0]) is not None  # as oneself

    desk = tmp_path / "own.db"  # a help desk of its own: the flag opens nothing
    db = open_database(desk)
    Desk(db, resolve_actor(db)).add_agent("boss", name="Boss", tier=3, role="admin")
    resolve_actor(db, "boss")  # an admin may act as another
    with db.write() as session:
        session.execute(text("UPDATE agent SET role = 'agent'"))
    db.dispose()
    assert quick_actor(desk, "boss") is None  # not an admin: the full path refuses
    assert quick_actor(desk, "boss", demo=True) is None
    assert quick_actor(desk, demo=True) is None  # --demo on it is refused there too


async def test_app_from_the_quick_path_shows_rows_then_loads_the_desk(db_path: Path) -> None:
    shutil.copyfile(demo_template(), db_path)  # the demo built at FIXED_NOW for alex
    db = open_database(db_path)
    resolve_actor(db)  # the OS user has started tuidesk before
    db.dispose()
    settings = Settings(db=str(db_path), demo=True, as_login="alex")
    app = make_app(settings, clock=Clock(FIXED_NOW))
    assert not app.desk_loaded.is_set()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.screen.query_one(TicketList).total == 140
        assert app.desk_loaded.is_set()
        assert app.desk.actor.login == "alex"
        ticket = app.screen.query_one(TicketList).current
        assert ticket is not None
        await pilot.press("a")  # take: an action through the desk loaded behind the queue
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.desk.ticket_detail(ticket.id).assignee == "alex"


def _demo_desk(db_path: Path) -> Settings:
    shutil.copyfile(demo_template(), db_path)  # the demo built at FIXED_NOW for alex
    db = open_database(db_path)
    resolve_actor(db)  # the OS user has started tuidesk before
    db.dispose()
    return Settings(db=str(db_path), demo=True, as_login="alex")


def _read_ahead(settings: Settings) -> EarlyStart:
    early = EarlyStart(settings.db, settings.as_login, demo=True, clock=Clock(FIXED_NOW))
    deadline = time.monotonic() + 10
    while not early.rows_read and time.monotonic() < deadline:
        time.sleep(0.01)
    assert early.rows_read
    return early


def test_early_start_reads_the_agent_and_the_first_rows(db_path: Path) -> None:
    early = _read_ahead(_demo_desk(db_path))
    actor = early.wait_actor()
    assert actor is not None and actor.login == "alex"
    first = early.take_first_view(wait=10)
    assert first is not None
    assert (first.view, first.total, len(first.rows)) == ("open", 140, FIRST_ROWS)
    dues = [row.sort_value for row in first.rows]
    assert dues == sorted(dues)  # nearest SLA due time first, as the queue orders
    assert early.take_first_view() is None  # given once: the queue owns its reader now
    first.reader.close()


def test_early_start_leaves_every_problem_to_the_usual_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures: list[object] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    missing = tmp_path / "nowhere" / "desk.db"
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    for target in (missing, corrupt, "postgresql://nobody@localhost/x"):
        early = EarlyStart(target)
        assert early.wait_actor() is None
        assert early.take_first_view(wait=10) is None
    assert not missing.parent.exists()  # nothing created: the full path decides
    assert failures == []  # and nothing printed a traceback from the thread


async def test_the_first_frame_shows_the_rows_read_ahead(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _demo_desk(db_path)
    early = _read_ahead(settings)
    reads: list[int] = []
    window = QueueReader.window

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(kwargs["offset"])
        return window(self, *args, **kwargs)

    monkeypatch.setattr(QueueReader, "window", counted)
    app = make_app(settings, clock=Clock(FIXED_NOW), early=early)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ticket_list = app.screen.query_one(TicketList)
        assert ticket_list.total == 140
        assert ticket_list.current is not None
        assert reads == []  # drawn from what was read ahead: no second read
        assert "Loading the queue" not in str(app.screen.query_one("#queue-views").render())


async def test_a_change_after_the_read_ahead_still_shows(db_path: Path) -> None:
    settings = _demo_desk(db_path)
    early = _read_ahead(settings)
    from tuidesk.services.desk import Desk

    db = open_database(db_path)  # another agent, meanwhile
    other = Desk(db, resolve_actor(db, "amira"), Clock(FIXED_NOW))
    customer = other.find_or_create_customer("new.person@example.com")
    other.create_ticket(subject="Printer on fire", requester_id=customer.id, impact=1)
    db.dispose()
    app = make_app(settings, clock=Clock(FIXED_NOW), early=early)
    async with app.run_test(size=(80, 24)) as pilot:
        ticket_list = app.screen.query_one(TicketList)
        for _ in range(30):
            await pilot.pause(0.1)
            if ticket_list.total == 141:
                break
        assert ticket_list.total == 141  # the poll began from before the rows were read
