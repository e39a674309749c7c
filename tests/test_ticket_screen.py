"""The ticket screen's actions: each key writes exactly its event, nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from tests.conftest import FIXED_NOW, Clock
from tests.helpers import demo_app, settle
from tuidesk.app import TuideskApp, make_app
from tuidesk.config import Settings
from tuidesk.screens.confirm_drop import ConfirmDropScreen
from tuidesk.screens.modals.choice import ChoiceScreen
from tuidesk.screens.modals.confirm import ConfirmScreen
from tuidesk.screens.modals.conflict import ConflictScreen
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.screens.modals.work_log import WorkLogScreen, parse_minutes
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.screens.ticket_text import fold
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database
from tuidesk.widgets.history import HistoryView
from tuidesk.widgets.ticket_list import TicketList


async def open_first(pilot, view: str = "1") -> TicketScreen:  # type: ignore[no-untyped-def]
    """Open the first ticket of a view (1: my tickets, all of them open or waiting)."""
    await settle(pilot)
    await pilot.press(view)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TicketScreen)
    return screen


async def write(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, EditorScreen)
    pilot.app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await settle(pilot)


def kinds(app: TuideskApp, ticket_id: int) -> list[str]:
    return [entry.event.kind for entry in app.desk.history(ticket_id)]


def event_bodies(app: TuideskApp) -> list[str]:
    return [b.body for b in app.screen.query_one(HistoryView).blocks if b.body]


def head(app: TuideskApp) -> str:
    return str(app.screen.query_one("#ticket-head", Static).render())


def other_agent(db_path: Path, login: str = "amira") -> tuple[Desk, object]:
    """Another agent's process: its own connection to the same file."""
    db = open_database(db_path)
    return Desk(db, resolve_actor(db, login), Clock(FIXED_NOW)), db


@pytest.mark.parametrize(
    ("keys", "text", "kind"),
    [
        (("r",), "We are on our way.", "reply"),
        (("i",), "Fuser unit again? [b]not bold[/b]", "note"),
        (("h",), "Likely the driver; reinstall it.", "theory"),
        (("R",), "Reinstalled the driver.", "status"),
    ],
)
async def test_text_actions_write_exactly_their_event(
    db_path: Path, keys: tuple[str, ...], text: str, kind: str
) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        before = kinds(app, ticket_id)
        await pilot.press(*keys)
        await write(pilot, text)
        assert isinstance(app.screen, TicketScreen)
        after = kinds(app, ticket_id)
        assert after == [*before, kind]
        event = app.desk.history(ticket_id)[-1].event
        assert text in (event.body or "")
        bodies = event_bodies(app)
        assert any(text in b for b in bodies) or kind == "theory"
        assert app.drafts.load(f"{keys[0].lower()}-{ticket_id}") is None  # sent: gone


async def test_answering_a_new_unassigned_ticket_opens_it_and_makes_it_mine(
    db_path: Path,
) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        new = next(
            t for t in app.desk.list_tickets(statuses=["new"], tier=1, limit=500)
            if t.assignee_id is None
        )  # fmt: skip
        app.push_screen(TicketScreen(new.id))
        await settle(pilot)
        assert "New" in head(app)
        await pilot.press("r")
        await write(pilot, "Hello, I am looking at it now.")
        ticket = app.desk.ticket_detail(new.id)
        assert (ticket.ticket.status, ticket.assignee) == ("open", "alex")
        assert kinds(app, new.id)[-3:] == ["reply", "assignment", "status"]
        assert "Open" in head(app) and "New" not in head(app)
        assert "alex" in head(app)


async def test_taking_a_new_ticket_in_the_queue_opens_it(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # unassigned in my tier
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        row = next(r for r in ticket_list.rows.values() if r.status == "new")
        ticket_list.cursor = next(p for p, r in ticket_list.rows.items() if r is row)
        await pilot.press("a")
        await settle(pilot)
        ticket = app.desk.ticket_detail(row.id)
        assert (ticket.ticket.status, ticket.assignee) == ("open", "alex")


async def test_choice_actions_write_exactly_their_event(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        before = kinds(app, ticket_id)
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceScreen)
        status = app.screen.choices[1][0]  # the first is the status it has now
        await pilot.press("home", "down", "enter")
        await settle(pilot)
        assert app.desk.get_ticket(ticket_id).status == status
        await pilot.press("p", "home", "enter")  # P1: impact high, urgency high
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, WorkLogScreen)
        await pilot.press(*"1h30", "tab", *"remote", "enter")
        await settle(pilot)
        await pilot.press("a", "down", "enter")  # unassign
        await settle(pilot)
        ticket = app.desk.get_ticket(ticket_id)
        assert (ticket.priority, ticket.assignee_id) == (1, None)
        assert ticket.minutes_spent >= 90
        assert kinds(app, ticket_id) == [*before, "status", "priority", "worklog", "assignment"]


async def test_reopen_asks_and_then_reopens(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        await pilot.press("R")
        await write(pilot, "Fixed.")
        assert app.desk.get_ticket(screen.ticket_id).status == "resolved"
        await pilot.press("o")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.desk.get_ticket(screen.ticket_id).status == "open"


async def test_escape_asks_before_dropping_text(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        await pilot.press("r")
        app.screen.query_one(TextArea).insert("half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        await pilot.press("k")  # keep writing
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.text == "half a thought"
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.drafts.load(f"reply-{screen.ticket_id}") is None
        await pilot.press("r", "ctrl+s")
        assert "write something first" in str(app.screen.query_one("#editor-error").render())


async def test_a_draft_survives_a_crash_and_comes_back(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        await pilot.press("r")
        app.screen.query_one(TextArea).insert("Dear customer, the part ships toda")
        key = f"reply-{ticket_id}"
        for _ in range(600):  # the autosave, a moment after the change (slow when busy)
            draft = app.drafts.load(key)
            if draft is not None and draft.data.get("text", "").endswith("toda"):
                break
            await pilot.pause(0.05)
        await settle(pilot)
    # the process is gone without sending; a new one on the same database and user
    settings = Settings(db=str(db_path), demo=True, as_login="alex")
    again = make_app(settings, clock=Clock(FIXED_NOW))
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        ticket_list = again.screen.query_one(TicketList)
        position = next(p for p, r in ticket_list.rows.items() if r.id == ticket_id)
        ticket_list.cursor = position
        await pilot.press("enter")
        await settle(pilot)
        assert "Unsent draft: reply" in head(again)
        await pilot.press("r")
        assert again.screen.text == "Dear customer, the part ships toda"
        assert "unsent draft" in str(again.screen.query_one(".notice").render())


async def test_a_collision_shows_their_change_and_keeps_my_text(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        other, other_db = other_agent(db_path)
        await pilot.press("r")
        app.screen.query_one(TextArea).insert("My careful reply")
        other.add_note(ticket_id, "Customer called: it works again")  # meanwhile
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        changes = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "INTERNAL NOTE" in changes and "it works again" in changes
        assert "My careful reply" not in [e.event.body for e in app.desk.history(ticket_id)]
        await pilot.press("e")  # keep editing: the text is back, nothing was saved
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.text == "My careful reply"
        app.screen.query_one(TextArea).insert(" (edited)")
        other.add_note(ticket_id, "And another thing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("a")  # apply mine on top
        await settle(pilot)
        history = app.desk.history(ticket_id)
        assert [e.event.body for e in history[-3:]] == [
            "Customer called: it works again",
            "And another thing",
            "My careful reply (edited)",
        ]
        other_db.dispose()  # type: ignore[attr-defined]


async def test_presence_and_another_agents_change_show_without_a_key(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        other, other_db = other_agent(db_path)
        other.be_present(ticket_id, "writing a reply")
        other.add_note(ticket_id, "Looking at the logs now")
        for _ in range(40):
            await pilot.pause(0.1)
            if "Looking at the logs now" in event_bodies(app):
                break
        await settle(pilot)
        presence = str(app.screen.query_one("#ticket-presence", Static).render())
        assert presence == "Also open by: amira (writing a reply)"
        bodies = event_bodies(app)
        assert "Looking at the logs now" in bodies
        # and this agent shows to the other one
        reader = other.queue_reader()
        assert reader.present(ticket_id, FIXED_NOW) == [("alex", "viewing")]
        reader.close()
        other_db.dispose()  # type: ignore[attr-defined]


async def test_next_and_previous_ticket_of_the_view(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        ids = [ticket_list.rows[p].id for p in range(3)]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.ticket_id == ids[0]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.ticket_id == ids[1]
        assert f"#{ids[1]}" in head(app)
        await pilot.press("right_square_bracket", "left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert app.screen.ticket_id == ids[0]
        await pilot.press("left_square_bracket")  # the first: stays, says so
        await settle(pilot)
        assert app.screen.ticket_id == ids[0]
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)
        assert ticket_list.cursor == 0


def test_fold_and_minutes() -> None:
    body = "\n".join(f"line {n}" for n in range(40))
    assert fold(body, False).endswith("… 28 more lines (x shows everything)")
    assert fold(body, True) == body
    assert fold("short", False) == "short"
    assert parse_minutes("25") == 25
    assert parse_minutes("1h30") == 90
    assert parse_minutes("2h") == 120
    assert isinstance(parse_minutes("soon"), str)
    assert isinstance(parse_minutes("0"), str)
    assert isinstance(parse_minutes("25h"), str)


async def test_the_palette_offers_every_ticket_action(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        for action in ("Reply", "Note", "Status", "Assign", "Resolve", "Priority", "Log time",
                       "Theory", "Reopen", "Next", "Previous", "Unfold"):  # fmt: skip
            assert f"Ticket: {action}" in titles
