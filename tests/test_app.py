"""The app as an agent sees it: started through the CLI's factory on demo data."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.conftest import FIXED_NOW, Clock
from tuidesk.app import TuideskApp, make_app
from tuidesk.config import Settings
from tuidesk.services.demo import ensure_demo
from tuidesk.storage.database import open_database

OWNER = ("alex", "Alex Demo")


def demo_app(path: Path) -> TuideskApp:
    db = open_database(path)
    ensure_demo(db, now=FIXED_NOW, owner=OWNER)
    settings = Settings(db=str(path), demo=True, as_login="alex")
    return make_app(settings, db=db, clock=Clock(FIXED_NOW))


async def test_app_starts_on_the_demo_at_80x24_and_quits(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 140  # every active demo ticket, on one page
        assert "of 140" in str(app.screen.query_one("#queue-title").render())
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("q")
    assert app.return_code == 0


async def test_demo_is_created_on_first_use_through_the_factory(isolated_dirs: Path) -> None:
    from tuidesk.config import resolve_settings

    settings = resolve_settings(demo=True)
    assert settings.db.startswith(str(isolated_dirs / "data"))
    app = make_app(settings)
    assert app.desk.count_tickets() == 240
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("q")


def _settle(pilot):  # type: ignore[no-untyped-def]
    async def run(pilot):  # type: ignore[no-untyped-def]
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_queue_snapshot(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(db_path), terminal_size=size, run_before=_settle)
