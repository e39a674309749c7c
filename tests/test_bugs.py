"""Issue #17, items 3 and 4: a bug stops the app with a non-zero status and keeps every
open form's text as its draft; a worker's failure on any screen reaches one handler,
which tells an agent's mistake or a database that did not answer from a bug."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import pty
import select
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

import tuidesk.screens
from tests.conftest import FIXED_NOW, Clock, copy_of_migrated, raw_sqlite
from tests.helpers import settle, until
from tuidesk.app import TuideskApp, make_app
from tuidesk.bugs import bug_log
from tuidesk.config import Settings
from tuidesk.domain.actor import os_login
from tuidesk.drafts import DraftStore
from tuidesk.screens import DeskScreen
from tuidesk.screens.intake import DRAFT_KEY, IntakeScreen
from tuidesk.screens.kb import KbScreen
from tuidesk.screens.modals.article_editor import ArticleEditorScreen
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.screens.modals.new_asset import NewAssetScreen
from tuidesk.screens.modals.revisions import RevisionsScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.services.desk import Desk
from tuidesk.services.kb import Knowledge
from tuidesk.storage.database import open_database
from tuidesk.storage.sqlite_file import sqlite_path


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


# ---- item 3: a bug stops the app, non-zero, every open form's text kept ----------------


class Deliberate(Exception):
    """The bug these tests put in on purpose."""


async def test_a_bug_keeps_every_open_forms_text_and_ends_non_zero(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _, ticket_id = small_desk(db_path)
    # no autosave: only the crash path can write these drafts
    for screen in (EditorScreen, IntakeScreen, ArticleEditorScreen):
        monkeypatch.setattr(screen, "_autosave", lambda self: None)

    def bug(self: ArticleEditorScreen) -> None:
        raise Deliberate("saving an article")

    monkeypatch.setattr(ArticleEditorScreen, "action_save", bug)
    with pytest.raises(Deliberate):
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("n")  # a new ticket, half typed
            await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
            app.screen.query_one("#intake-subject", Input).focus()
            await pilot.press(*"Phones dead")
            app.push_screen(TicketScreen(ticket_id))  # a reply, half written
            await until(pilot, lambda: isinstance(app.screen, TicketScreen))
            await until(pilot, lambda: app.screen.detail is not None)
            await pilot.press("r")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            await pilot.press(*"Dear Greta")
            app.push_screen(ArticleEditorScreen(None))  # a new article, half written
            await until(pilot, lambda: isinstance(app.screen, ArticleEditorScreen))
            editor = app.screen
            await until(pilot, lambda: bool(editor.loaded))  # (its load would overwrite typing)
            await pilot.press(*"Phones")
            editor.query_one("#ae-symptoms", TextArea).insert("no dial tone")
            await pilot.press("ctrl+s")  # the bug
            await pilot.pause()
    assert app.return_code == 1 and app.crashed
    assert app.drafts.load(DRAFT_KEY).data["subject"] == "Phones dead"
    reply = app.drafts.load(f"reply-{ticket_id}")
    assert reply is not None and reply.data["text"] == "Dear Greta"
    article = app.drafts.load("article-new")
    assert article is not None
    assert (article.data["values"]["title"], article.data["values"]["symptoms"]) == (
        "Phones",
        "no dial tone",
    )
    assert app.crash_log == bug_log() and "Deliberate: saving an article" in bug_log().read_text()


# a bug in the real program, put in by a wrapper the test runs: `r` in the queue raises
BUGGY_TUIDESK = """
import sys
from tuidesk.screens.queue import QueueScreen
def refresh(self):
    raise RuntimeError("a deliberate bug")
QueueScreen.action_refresh = refresh
from tuidesk.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def read_until(fd: int, wanted: bytes, seen: bytearray, limit: float = 120.0) -> None:
    """Read the terminal until `wanted` has been written to it (or it closed)."""
    while wanted not in seen:
        ready, _, _ = select.select([fd], [], [], limit)
        assert ready, f"the app never wrote {wanted!r}: {bytes(seen[-2000:])!r}"
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the process closed the terminal
            return
        if not chunk:
            return
        seen.extend(chunk)


def test_the_command_line_exits_non_zero_after_a_bug_and_says_where_the_drafts_are(
    db_path: Path, tmp_path: Path
) -> None:
    copy_of_migrated(db_path)
    script = tmp_path / "buggy_tuidesk.py"
    script.write_text(BUGGY_TUIDESK, encoding="utf-8")
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen(
        [sys.executable, str(script), f"--db={db_path}"],
        stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True,
    )  # fmt: skip
    os.close(follower)
    seen = bytearray()
    try:
        read_until(leader, b"Quit", seen)  # the queue is on screen
        os.write(leader, b"r")
        read_until(leader, b"comes back when you open the same form again.", seen)
        assert process.wait(60) == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    output = bytes(seen).decode(errors="replace").replace("\r\n", "\n")
    assert "Traceback" in output and "a deliberate bug" in output  # Textual's traceback
    drafts = DraftStore(str(sqlite_path(db_path)), os_login()[0]).folder
    line = next(x for x in output.splitlines() if x.startswith("tuidesk: stopped on a bug"))
    assert line == (
        f"tuidesk: stopped on a bug: please report it; the traceback is above and in "
        f"{bug_log()}. What you were typing is kept in {drafts} and comes back when you "
        "open the same form again."
    )
