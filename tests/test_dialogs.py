"""Dialogs open on the value the ticket has now, and ask before they do anything big."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.test_app import demo_app, settle
from tests.test_ticket_screen import kinds, open_first
from tuidesk.screens.bulk import BulkScreen
from tuidesk.screens.editor import ChoiceScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.widgets.ticket_list import TicketList


def highlighted(app) -> str:  # type: ignore[no-untyped-def]
    """The label of the option under the cursor, as the agent reads it."""
    options = app.screen.query_one(OptionList)
    assert options.highlighted is not None
    return str(options.get_option_at_index(options.highlighted).prompt)


async def test_choice_dialogs_open_on_the_current_value_and_enter_keeps_it(
    db_path: Path,
) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        app.desk.change_priority(ticket_id, impact=2, urgency=3)
        screen.load()
        await settle(pilot)
        before = kinds(app, ticket_id)

        await pilot.press("p")
        assert isinstance(app.screen, ChoiceScreen)
        assert highlighted(app).startswith("P4") and "(now)" in highlighted(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.desk.get_ticket(ticket_id).priority == 4

        await pilot.press("s")
        assert isinstance(app.screen, ChoiceScreen)
        assert highlighted(app).startswith("Open") and "now" in highlighted(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.desk.get_ticket(ticket_id).status == "open"

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert highlighted(app).startswith("Take it (alex)") and "now" in highlighted(app)
        await pilot.press("enter")
        await settle(pilot)
        assert kinds(app, ticket_id) == before  # nothing was written by keeping

        await pilot.press("p", "up", "enter")  # one up from the current: P3
        await settle(pilot)
        assert app.desk.get_ticket(ticket_id).priority == 3


async def test_bulk_opens_on_the_value_every_selected_ticket_has(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        ids = [ticket_list.rows[p].id for p in range(3)]
        for ticket_id in ids:
            ticket = app.desk.get_ticket(ticket_id)
            if (ticket.impact, ticket.urgency) != (2, 2):
                app.desk.change_priority(ticket_id, impact=2, urgency=2)
            if ticket.status != "on_hold":
                app.desk.change_status(ticket_id, "on_hold")
        before = {i: kinds(app, i) for i in ids}
        await pilot.press("space", "space", "space", "b")
        await settle(pilot)
        assert isinstance(app.screen, BulkScreen)
        await pilot.press("down", "down", "down", "enter")  # Change the status…
        assert highlighted(app) == "On hold  (now)"
        await pilot.press("escape", "down", "enter")  # back; Change the priority…
        assert highlighted(app).startswith("P3") and highlighted(app).endswith("(now)")
        await pilot.press("enter")  # keeps it
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert {i: kinds(app, i) for i in ids} == before
