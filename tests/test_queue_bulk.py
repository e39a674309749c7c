"""Selecting tickets in the queue with space and acting on them all at once."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import demo_app, settle
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
        numbers = ", ".join(f"#{i}" for i in sorted(ids))
        assert bulk_messages(app)[-1] == (
            f"Take: 0 changed, 3 refused ({numbers}: already assigned to alex)"
        )


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


def pick(app, *statuses: str) -> list[int]:  # type: ignore[no-untyped-def]
    """The first loaded tickets in these statuses, one for each, in the order given."""
    rows = [row for _, row in sorted(app.screen.query_one(TicketList).rows.items())]
    chosen: list[int] = []
    for status in statuses:
        chosen.append(next(r.id for r in rows if r.status == status and r.id not in chosen))
    return chosen


async def open_bulk_status(pilot, ids: list[int]) -> list[str]:  # type: ignore[no-untyped-def]
    """Select `ids`, open the bulk action's status list: its labels."""
    pilot.app.screen.query_one(TicketList).set_selection(set(ids))
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(pilot.app.screen, BulkScreen)
    await pilot.press("down", "down", "down", "enter")  # Change the status…
    return [str(o.prompt) for o in pilot.app.screen.query_one("OptionList").options]


def bulk_messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications if n.title == "Bulk"]


RAW_STATUS = re.compile(r"pending_|on_hold|\bnow new\b|\bfrom (new|open|resolved)\b")


async def test_bulk_status_offers_only_what_every_selected_ticket_may_become(
    db_path: Path,
) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        labels = await open_bulk_status(pilot, pick(app, "new", "open", "open"))
        # a New ticket cannot be closed, an Open one cannot be opened, but it is open already
        assert labels == ["Open", "Waiting on customer", "Waiting on vendor", "On hold", "Resolved"]
        why = str(app.screen.query_one("#bulk-why").render())
        assert why == "Not offered: Closed (not from New or Open, 3 tickets)"
        await pilot.press("escape", "escape")
        await settle(pilot)
        # every one new: New is where they are (Enter keeps it), and Closed is out
        labels = await open_bulk_status(pilot, pick(app, "new", "new"))
        assert labels[0] == "New  (now)" and "Closed" not in labels
        assert app.screen.query_one("OptionList").highlighted == 0


async def test_bulk_status_summarises_in_one_line_without_raw_names(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ids = pick(app, "open", "open", "new", "pending_customer")
        await open_bulk_status(pilot, ids)
        app.desk.resolve(ids[1], "Fixed on the phone")  # another agent, meanwhile
        await pilot.press("down", "enter")  # Waiting on customer
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert bulk_messages(app) == [
            "Status → waiting on customer: 2 changed, 1 already waiting on customer, "
            f"1 refused (#{ids[1]}: not allowed from Resolved)"
        ]
        assert not RAW_STATUS.search(bulk_messages(app)[0])
        assert [app.desk.get_ticket(i).status for i in ids] == [
            "pending_customer", "resolved", "pending_customer", "pending_customer",
        ]  # fmt: skip
        # only the refused one stays selected, for another try
        assert app.screen.query_one(TicketList).selected == {ids[1]}


async def test_bulk_refusals_are_counted_and_grouped_not_listed(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ids = pick(app, "open", "open", "open", "open", "open")
        await open_bulk_status(pilot, ids)
        for ticket_id in ids[:4]:  # all but one resolved under the agent's hands
            app.desk.resolve(ticket_id, "Fixed on the phone")
        await pilot.press("down", "down", "enter")  # Waiting on vendor
        await settle(pilot)
        assert bulk_messages(app) == [
            "Status → waiting on vendor: 1 changed, 4 refused (not allowed from Resolved)"
        ]


def test_status_choices_say_why_in_one_line() -> None:
    from tuidesk.screens.bulk import status_choices

    offered, why = status_choices({"new": 1, "open": 2, "pending_customer": 1})
    assert "closed" not in offered and "new" not in offered
    assert why == "Not offered: Closed (not from New, Open or Waiting on customer, 4 tickets)"
    offered, why = status_choices({"resolved": 2, "new": 1})
    assert offered == ["open", "resolved"]
    assert why == (
        "Not offered: Waiting on customer, Waiting on vendor, On hold (not from Resolved, "
        "2 tickets) · Closed (not from New, 1 ticket)"
    )
    # a closed ticket changes no more: that is the one reason, not every status it blocks
    assert status_choices({"closed": 2, "open": 3}) == (
        [], "Closed tickets do not change (2 of 5): unselect them for any other status"
    )  # fmt: skip
    assert status_choices({"closed": 1, "resolved": 1})[0] == ["closed"]  # closing them all
    assert status_choices({"closed": 1}) == (["closed"], "Closed tickets do not change")
    assert status_choices({"open": 4}) == (
        ["open", "pending_customer", "pending_vendor", "on_hold", "resolved"],
        "Not offered: Closed (not from Open, 4 tickets)",
    )


async def test_bulk_status_with_a_closed_ticket_says_so_and_stays(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7")  # recently resolved
        await settle(pilot)
        ids = pick(app, "resolved", "resolved")
        app.desk.change_status(ids[0], "closed")
        app.desk.change_status(ids[1], "open")  # reopened: it cannot be closed either
        await open_bulk_status(pilot, ids)
        assert app.screen.step == "action"  # no list to choose from
        error = str(app.screen.query_one("#bulk-error").render())
        assert error == (
            "Closed tickets do not change (1 of 2): unselect them for any other status"
        )
