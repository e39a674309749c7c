"""Selecting tickets in the queue with space and acting on them all at once."""

from __future__ import annotations

from pathlib import Path

from tests.test_app import demo_app, settle
from tuidesk.screens.bulk import BulkScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.widgets.ticket_list import TicketList


async def select_three(pilot) -> list[int]:  # type: ignore[no-untyped-def]
    ticket_list = pilot.app.screen.query_one(TicketList)
    ids = [ticket_list.rows[p].id for p in range(3)]
    await pilot.press("space", "space", "space")
    assert ticket_list.selected == set(ids)
    assert ticket_list.cursor == 3  # space moves on, like marking mail
    return ids


def views_bar(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#queue-views").render())


async def test_space_selects_and_escape_clears_the_selection_first(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        ids = await select_three(pilot)
        assert "3 selected (b: bulk action)" in views_bar(app)
        first_line = ticket_list.render_line(1).text
        assert first_line.startswith(f"●{ids[0]}")  # the mark, also without colour
        await pilot.press("k", "space")  # unselect the third again
        assert ticket_list.selected == set(ids[:2])
        await pilot.press("escape")
        assert ticket_list.selected == set()
        assert "selected" not in views_bar(app)


async def test_bulk_without_a_selection_says_how(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert any("select tickets with space" in str(n.message) for n in app._notifications)


async def test_bulk_status_changes_every_selected_ticket(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ids = await select_three(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BulkScreen)
        await pilot.press("down", "down", "down", "enter")  # Change the status…
        labels = [str(o.prompt) for o in app.screen.query_one("OptionList").options]
        assert [label.removesuffix("  (now)") for label in labels[:2]] == [
            "Open",
            "Waiting on customer",
        ]
        await pilot.press("down", "down", "down", "enter")  # On hold
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        for ticket_id in ids:
            history = app.desk.history(ticket_id)
            last = history[-1].event
            if app.desk.get_ticket(ticket_id).status == "on_hold":
                assert (last.kind, last.new_value) == ("status", "on_hold")
        assert {app.desk.get_ticket(i).status for i in ids} == {"on_hold"}
        assert app.screen.query_one(TicketList).selected == set()


async def test_bulk_take_with_a_then_refused_ones_stay_selected(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # unassigned in my tier
        await settle(pilot)
        ids = await select_three(pilot)
        await pilot.press("a")
        await settle(pilot)
        me = app.desk.actor.id
        assert all(app.desk.get_ticket(i).assignee_id == me for i in ids)
        # again, on tickets that are mine already: refused, kept selected, said why
        ticket_list = app.screen.query_one(TicketList)
        ticket_list.set_selection(set(ids))
        await pilot.press("a")
        await settle(pilot)
        assert ticket_list.selected == set(ids)
        messages = [str(n.message) for n in app._notifications]
        assert any("take: 0 of 3 tickets" in m and "already assigned" in m for m in messages)


async def test_bulk_priority_and_tags(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ids = await select_three(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # priority…
        await pilot.press("enter")  # the first: P1, impact high, urgency high
        await settle(pilot)
        assert {app.desk.get_ticket(i).priority for i in ids} == {1}

        app.screen.query_one(TicketList).set_selection(set(ids))
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "down", "enter")  # add a tag…
        await pilot.press(*"bad;tag")
        error = str(app.screen.query_one("#bulk-error").render())
        assert "not a tag" in error
        await pilot.press("enter")
        assert isinstance(app.screen, BulkScreen)  # refused where it was typed
        for _ in range(7):
            await pilot.press("backspace")
        await pilot.press(*"outage-0922", "enter")
        await settle(pilot)
        assert all("outage-0922" in app.desk.ticket_tags(i) for i in ids)


async def test_bulk_assign_checks_the_login_and_escape_goes_back(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ids = await select_three(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("down", "enter")  # assign to an agent…
        await pilot.press(*"nobody")
        assert "no agent 'nobody'" in str(app.screen.query_one("#bulk-error").render())
        await pilot.press("escape")  # back to the actions
        options = app.screen.query_one("OptionList")
        assert options.display
        assert options.highlighted == 1  # back on the action left, not the top
        await pilot.press("enter")
        await pilot.press(*"amira", "enter")
        await settle(pilot)
        assert {app.desk.ticket_detail(i).assignee for i in ids} == {"amira"}
        await pilot.press("space", "b")
        await settle(pilot)
        await pilot.press("escape")  # Escape on the first step closes, changing nothing
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
