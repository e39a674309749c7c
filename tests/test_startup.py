"""The quick way to the first frame: sqlite3 alone, the ORM loading behind the queue."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXED_NOW, Clock
from tuidesk.app import make_app
from tuidesk.config import Settings
from tuidesk.services.demo import ensure_demo
from tuidesk.services.identity import resolve_actor
from tuidesk.startup import SCHEMA_HEAD, os_login, quick_actor
from tuidesk.storage.database import open_database
from tuidesk.storage.migrate import head_revision
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
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'alembic', 'pydantic'))\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


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
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0005'")
    assert quick_actor(db_path) is None  # an older schema is migrated by the full path
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = ?", (SCHEMA_HEAD,))
        raw.execute("UPDATE agent SET active = 0")
    assert quick_actor(db_path) is None  # refused, with its message, by the full path


def test_acting_as_another_agent_follows_the_same_rule(db_path: Path) -> None:
    db = open_database(db_path)
    ensure_demo(db, now=FIXED_NOW, owner=("alex", "Alex Demo"))
    me = resolve_actor(db)
    db.dispose()
    assert me.role == "agent"  # the demo's owner "alex" came first
    assert quick_actor(db_path, "alex") is None  # not an admin: the full path refuses
    actor = quick_actor(db_path, "alex", demo=True)  # everyone may on the demo
    assert actor is not None and actor.login == "alex"
    assert quick_actor(db_path, os_login()[0]) is not None  # as oneself


async def test_app_from_the_quick_path_shows_rows_then_loads_the_desk(db_path: Path) -> None:
    db = open_database(db_path)
    ensure_demo(db, now=FIXED_NOW, owner=("alex", "Alex Demo"))
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
