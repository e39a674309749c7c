"""Issue #17, item 4: a worker's failure on any screen reaches one handler, which tells
an agent's mistake or a database that did not answer from a bug."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select, Static

import tuidesk.screens
from tests.conftest import FIXED_NOW, Clock, raw_sqlite
from tests.test_app import settle
from tests.test_hostile_corpus import until
from tuidesk.app import TuideskApp, make_app
from tuidesk.bugs import bug_log
from tuidesk.config import Settings
from tuidesk.screens import DeskScreen
from tuidesk.screens.intake import IntakeScreen, NewAssetScreen
from tuidesk.screens.kb import KbScreen, RevisionsScreen
from tuidesk.services.desk import Desk
from tuidesk.services.kb import Knowledge
from tuidesk.storage.database import open_database


def small_desk(path: Path) -> tuple[TuideskApp, int, int]:
    """The app on a new desk with one customer and one ticket (their ids)."""
    db = open_database(path)
    app = make_app(Settings(db=str(path)), db=db, clock=Clock(FIXED_NOW))
    customer = app.desk.create_customer(name="Greta Hansen", organization="Northwind")
    assert customer.id is not None
    ticket = app.desk.create_ticket(subject="Printer jams", requester_id=customer.id)
    assert ticket.id is not None
    return app, customer.id, ticket.id


def notices(app: TuideskApp, title: str) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == title]


# ---- item 4: worker failures, one handler ----------------------------------------------


def test_every_screen_hands_its_workers_failures_to_the_app() -> None:
    """Worker.StateChanged does not bubble: a screen that is not a DeskScreen loses
    every error of its workers that they do not catch themselves."""
    screens = []
    for module in pkgutil.walk_packages(tuidesk.screens.__path__, "tuidesk.screens."):
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == loaded.__name__:
                screens.append(cls)
    assert len(screens) > 15
    assert [cls.__name__ for cls in screens if not issubclass(cls, DeskScreen)] == []


async def test_a_broken_search_index_is_said_in_one_line(db_path: Path) -> None:
    app, _, _ = small_desk(db_path)
    app.desk.kb.create(title="Printer jams on tray 2", symptoms="paper jam")
    with raw_sqlite(db_path) as connection:  # the index gone, as a damaged file may be
        connection.execute("DROP TABLE article_fts")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, KbScreen))
        kb = app.screen
        await pilot.press(*"printer")
        await settle(pilot)
        note = str(kb.query_one("#kb-note", Static).render())
        assert "the knowledge-base index cannot be searched" in note
        assert "run 'tuidesk kb reindex'" in note and "\n" not in note


async def test_a_locked_database_on_the_revisions_screen_is_said_in_one_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _, _ = small_desk(db_path)
    article = app.desk.kb.create(title="Toner smear", symptoms="streaks")

    def locked(self: Knowledge, article_id: int) -> list[object]:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Knowledge, "revisions", locked)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(RevisionsScreen(article.id, article.title))
        await settle(pilot)
        assert notices(app, "Revisions") == [
            "the database did not answer (database is locked); try again in a moment"
        ]
        assert not bug_log().exists()  # not a bug


async def test_a_bug_in_a_worker_says_it_is_one_and_where_its_traceback_is(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The intake's create_asset: a bug there left the Equipment field on "New
    equipment…" with nothing said."""
    app, _, _ = small_desk(db_path)

    def buggy(self: Desk, owner_id: int, **values: object) -> None:
        raise KeyError("warranty_until")

    monkeypatch.setattr(Desk, "create_asset", buggy)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        intake = app.screen
        assert isinstance(intake, IntakeScreen)
        await pilot.press(*"greta")
        await until(pilot, lambda: intake.hits)
        await pilot.press("enter")
        await until(pilot, lambda: intake.customer is not None)
        intake.query_one("#intake-asset", Select).value = -2  # New equipment…
        await until(pilot, lambda: isinstance(app.screen, NewAssetScreen))
        app.screen.query_one("#customer-kind", Input).value = "printer"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: notices(app, "Bug"))
        assert app.screen is intake  # the app goes on
        (notice,) = notices(app, "Bug")
        assert notice.startswith("this is a bug in tuidesk (KeyError: 'warranty_until');")
        assert f"the traceback is in {bug_log()}: please report it" in notice
        logged = bug_log().read_text(encoding="utf-8")
        assert "New ticket (intake-create)" in logged
        assert "Traceback" in logged and "KeyError: 'warranty_until'" in logged
        assert bug_log().stat().st_mode & 0o077 == 0  # the agent's own
