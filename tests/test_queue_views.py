"""Saved views: an agent names a filtered, sorted view and gets it back with v."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.content import Content

from tests.conftest import Clock
from tests.helpers import demo_app, settle
from tuidesk.errors import NotFoundError, ValidationError
from tuidesk.screens.modals.save_view import SaveViewScreen
from tuidesk.screens.modals.views import ViewsScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Customer
from tuidesk.storage.read.queue import SORT_BY_KEY, VIEW_BY_KEY, Filter, QueueReader
from tuidesk.widgets.ticket_list import TicketList


def test_saved_views_belong_to_their_agent(db: Database, desk: Desk, clock: Clock) -> None:
    narrow = Filter(priorities=(1, 2), text="printer")
    assert desk.save_view("Printers", "open", narrow, "priority", True) is False
    assert desk.save_view(" Printers ", "open", Filter(tag="vpn"), "due", False) is True
    other = Desk(db, desk.add_agent("kim", name="Kim Lee"), clock)
    other.save_view("Printers", "mine", narrow, "due", False)  # the same name, hers
    reader = QueueReader(str(db.path), me=desk.actor.id or 0, tier=1)
    [mine] = reader.saved_views()
    assert (mine.name, mine.base_view, mine.narrow, mine.sort.key) == (
        "Printers", "open", Filter(tag="vpn"), "due"
    )  # fmt: skip
    with pytest.raises(ValidationError, match="name"):
        desk.save_view("  ", "open", narrow, "due", False)
    with pytest.raises(ValidationError, match="unknown view"):
        desk.save_view("x", "nonsense", narrow, "due", False)
    with pytest.raises(ValidationError, match="unknown sort"):
        desk.save_view("x", "open", narrow, "t.id; DROP TABLE ticket", False)
    desk.delete_view("Printers")
    assert reader.saved_views() == []
    with pytest.raises(NotFoundError):
        desk.delete_view("Printers")
    reader.close()


def test_filter_round_trips_through_json() -> None:
    narrow = Filter(("open",), (1, 2), (2,), "me", "Northwind", "vpn", 'say "hi" [b]')
    assert Filter.from_json(narrow.to_json()) == narrow
    assert Filter.from_json("not json") == Filter()
    assert Filter.from_json('{"priorities": "1"}') == Filter()


async def test_save_a_filtered_view_and_pick_it_again(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        ticket_list = screen.query_one(TicketList)
        await pilot.press("slash")  # search: the filter's text field
        await pilot.press(*"printer", "enter")
        await settle(pilot)
        filtered = ticket_list.total
        assert 0 < filtered < 140
        await pilot.press("w")
        assert isinstance(app.screen, SaveViewScreen)
        await pilot.press(*"Printers [b]", "enter")
        await settle(pilot)
        assert "★ Printers [b]" in str(screen.query_one("#queue-views").render())
        await pilot.press("6")  # all open: the typed filter stays, the name goes
        await settle(pilot)
        await pilot.press("escape")  # clear the filter
        await settle(pilot)
        assert ticket_list.total == 140
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen)
        labels = [str(o.prompt) for o in app.screen.query_one("OptionList").options]
        mine = screen.counts["mine"]  # the demo's tickets of alex
        assert mine > 0 and labels[0] == f"1  My tickets ({mine})"
        assert labels[-1].startswith('★  Printers [b] — Open · "printer"')
        await pilot.press("end", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert ticket_list.total == filtered
        assert screen.saved_name == "Printers [b]"
        # the palette lists it too
        titles = [Content.from_markup(c.title).plain for c in screen.commands()]
        assert "View: ★ Printers [b]" in titles  # shown as named: the palette parses markup


async def test_delete_a_saved_view_from_the_list(db_path: Path) -> None:
    app = demo_app(db_path)
    app.desk.save_view("Mine, oldest first", "mine", Filter(), "created", False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("home", "d")  # a built-in view: refused
        assert isinstance(app.screen, ViewsScreen)
        await pilot.press("end", "d")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.saved == []
        other_login = resolve_actor(app.desk.db).login  # the database is still fine
        assert other_login


async def test_a_saved_view_keeps_its_order(db_path: Path) -> None:
    app = demo_app(db_path)
    app.desk.save_view("Newest", "open", Filter(), "created", True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.show_saved("Newest")
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        ids = [ticket_list.rows[p].id for p in range(5)]
        assert ids == sorted(ids, reverse=True)
        assert app.screen.sort.key == SORT_BY_KEY["created"].key
        assert app.screen.sort.descending


def changed_within(reader: QueueReader, seconds: float = 2.0) -> bool:
    """Whether the reader notices a change within the queue's promise (a notification
    from PostgreSQL is on its way for a moment after the commit)."""
    deadline = time.monotonic() + seconds
    while not reader.changed():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True
)
def test_the_queue_notices_ticket_changes_not_heartbeats(
    db: Database, desk: Desk, customer_id: int
) -> None:
    """On SQLite from `PRAGMA data_version` and the newest event, on PostgreSQL from the
    notifications of a LISTEN; the queue's own reader either way."""
    reader = desk.queue_reader()
    reader.changed()
    ticket = desk.create_ticket(subject="Printer jam", requester_id=customer_id)
    assert changed_within(reader) is True
    assert reader.changed() is False
    desk.be_present(ticket.id, "viewing")  # written, but nothing the queue shows
    desk.save_view("Mine", "mine", Filter(), "due", False)
    time.sleep(0.1)
    assert reader.changed() is False
    desk.take(ticket.id)
    assert changed_within(reader) is True
    assert reader.changed() is False
    reader.close()


def test_a_pasted_page_filters_without_an_error(desk: Desk, customer_id: int) -> None:
    """SQLite refuses LIKE patterns over 50,000 bytes: the filter looks for the first
    thousand characters, which finds the same tickets and maybe more, never fewer."""
    long_name = "Ölwerk " * 500
    customer = desk.find_or_create_customer("Ölwerk")
    with desk.db.write() as session:  # as stored before names had a limit of 200
        stored = session.get(Customer, customer.id)
        assert stored is not None
        stored.name = long_name.strip()
    ticket = desk.create_ticket(subject="Boiler", requester_id=customer.id)
    desk.create_ticket(subject="Other", requester_id=customer_id)
    reader = desk.queue_reader()
    try:
        for text in (long_name, "Ölwerk " * 20_000):
            rows = reader.window(
                VIEW_BY_KEY["open"], desk.clock(), offset=0, limit=5, narrow=Filter(text=text)
            )
            assert [r.id for r in rows] == [ticket.id]
    finally:
        reader.close()


async def test_switching_views_counts_again_only_what_may_have_changed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[str] = []
    count = QueueReader.count

    def spy(self, view, now, narrow=None):  # type: ignore[no-untyped-def]
        counted.append(view.key)
        return count(self, view, now, narrow)

    monkeypatch.setattr(QueueReader, "count", spy)
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        ticket_list = screen.query_one(TicketList)
        known = dict(screen.counts)
        counted.clear()
        await pilot.press("5")  # waiting on customer or vendor: counted a moment ago
        await settle(pilot)
        assert screen.view.key == "waiting" and ticket_list.total == known["waiting"]
        assert counted == []
        await pilot.press("4")  # breached or at risk: the clock alone changes it
        await settle(pilot)
        assert screen.view.key == "at_risk" and counted == ["at_risk"]
        assert ticket_list.total == known["at_risk"]
        await pilot.press("slash", *"printer", "enter")  # a typed filter stays on switching
        await settle(pilot)
        counted.clear()
        await pilot.press("6")
        await settle(pilot)
        assert "open" in counted  # narrowed: the view's own count does not apply
        assert 0 < ticket_list.total < known["open"]


async def test_the_filter_form_reopens_on_the_field_used_last(db_path: Path) -> None:
    from tuidesk.screens.modals.filter import FilterScreen

    def focused() -> str:
        assert isinstance(app.screen, FilterScreen)
        return app.screen.focused.id if app.screen.focused else ""

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        await pilot.press("f")
        assert focused() == "filter-status"  # the first time: the first field after text
        await pilot.press("tab", *"P1", "enter")  # Enter applies
        await settle(pilot)
        narrowed = ticket_list.total
        assert 0 < narrowed < 140
        await pilot.press("f")
        assert focused() == "filter-priority"  # where the agent left it
        await pilot.press("tab", *"2", "escape")  # Escape closes: nothing applied
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen) and ticket_list.total == narrowed
        await pilot.press("f")
        assert focused() == "filter-tier"  # closed there, reopened there
        assert app.screen.query_one("#filter-tier").value == ""  # the typed 2 was not kept
        await pilot.press("ctrl+r")  # clears every field
        assert app.screen.query_one("#filter-priority").value == ""
        await pilot.press("enter")
        await settle(pilot)
        assert ticket_list.total == 140
        await pilot.press("slash")  # search is the text field, whatever was used last
        assert focused() == "filter-text"
        await pilot.press("escape")
        await pilot.press("f")
        assert focused() == "filter-text"
