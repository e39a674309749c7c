"""The escalate form from the queue and the ticket, the first-open review, the path."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static, TextArea

from tests.conftest import FIXED_NOW, Clock
from tests.helpers import demo_app, settle
from tuidesk.app import make_app
from tuidesk.config import Settings
from tuidesk.screens.escalate import EscalateScreen
from tuidesk.screens.modals.handoff_review import HandoffReviewScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.storage.database import open_database
from tuidesk.widgets.ticket_list import TicketList


async def open_form(pilot) -> EscalateScreen:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EscalateScreen)
    return pilot.app.screen


def error_of(screen: EscalateScreen) -> str:
    line = screen.query_one("#escalate-error", Static)
    return str(line.render()) if line.display else ""


async def test_escalate_from_the_queue_with_a_hand_off(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # unassigned in my tier (L1)
        await settle(pilot)
        row = app.screen.query_one(TicketList).current
        form = await open_form(pilot)
        assert form.tier == 2
        await pilot.press("ctrl+s")
        assert "the hand-off needs what was tried" in error_of(form)
        form.query_one("#escalate-tried", TextArea).insert("Restarted the print spooler")
        form.query_one("#escalate-theory", Input).value = "Driver corrupt"
        await pilot.pause()
        assert error_of(form) == "" or "needs" in error_of(form)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        ticket = app.desk.get_ticket(row.id)
        assert (ticket.tier, ticket.assignee_id) == (2, None)
        history = app.desk.history(row.id)
        body = [e.event for e in history if e.event.kind == "escalation"][-1].body
        assert "Tried: Restarted the print spooler" in body and "Theory: Driver corrupt" in body
        assert any(f"#{row.id} escalated to L2 queue" in str(n.message)
                   for n in app._notifications)  # fmt: skip


async def test_skipping_asks_for_the_reason_and_l4_for_the_vendor(db_path: Path) -> None:
    app = demo_app(db_path)  # alex is the demo's admin: may skip with a reason
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        row = app.screen.query_one(TicketList).current
        form = await open_form(pilot)
        form.query_one("#escalate-tried", TextArea).insert("Everything in the runbook")
        form.query_one("#escalate-theory", Input).value = "Firmware bug"
        form.query_one("#escalate-needs", Input).value = "Printing today"
        form.query_one("#escalate-tier", Select).value = 4
        await pilot.pause()
        assert form.query_one("#escalate-skip-row").display
        assert form.query_one("#escalate-vendor-row").display
        await pilot.press("ctrl+s")
        assert "skips L2: give the reason" in error_of(form)
        form.query_one("#escalate-skip_reason", Input).value = "Known firmware fault"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "the vendor's name is required" in error_of(form)
        form.query_one("#escalate-vendor", Input).value = "Ironbark Hardware Repair"
        form.query_one("#escalate-vendor_ref", Input).value = "IRON-1"
        await pilot.pause()
        assert form.query_one("#escalate-vendor_hours", Input).value != ""  # from the contract
        await pilot.press("ctrl+s")
        await settle(pilot)
        ticket = app.desk.get_ticket(row.id)
        assert (ticket.tier, ticket.status, ticket.vendor_ref) == (4, "pending_vendor", "IRON-1")
        # the ticket shows the path and the vendor's clock
        ticket_list = app.screen.query_one(TicketList)
        await pilot.press("6")
        await settle(pilot)
        position = next(p for p, r in ticket_list.rows.items() if r.id == row.id)
        ticket_list.cursor = position
        await pilot.press("enter")
        await settle(pilot)
        head = str(app.screen.query_one("#ticket-head", Static).render())
        assert "Path: L1 alex → L4 vendor Ironbark Hardware Repair #IRON-1" in head
        vendor = str(app.screen.query_one("#ticket-vendor", Static).render())
        assert vendor.startswith("Vendor Ironbark Hardware Repair #IRON-1: response due in")
        await pilot.press("u")  # log what the vendor said: their clock is met
        app.screen.query_one(TextArea).insert("Part ships tomorrow")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "responded" in str(app.screen.query_one("#ticket-vendor", Static).render())
        await pilot.press("d")  # send it back down with a note
        app.screen.query_one(TextArea).insert("Fitted by the vendor; confirm with Greta")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.desk.get_ticket(row.id).tier == 1  # back where it came from


async def test_a_refused_escalation_comes_back_filled_in(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        row = app.screen.query_one(TicketList).current
        form = await open_form(pilot)
        form.query_one("#escalate-tried", TextArea).insert("Checked cables")
        form.query_one("#escalate-theory", Input).value = "Switch port"
        form.query_one("#escalate-needs", Input).value = "Network at the desk"
        app.desk.escalate(row.id, tier=2, tried="a", theory="b", needs="c")  # someone else
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EscalateScreen)
        assert "someone changed the ticket meanwhile" in error_of(form)
        assert form.query_one("#escalate-tried", TextArea).text == "Checked cables"


async def test_the_new_tier_reviews_the_hand_off_first_and_once(db_path: Path) -> None:
    app = demo_app(db_path)
    ticket = app.desk.list_tickets(statuses=["new"], tier=1, limit=1)[0]
    app.desk.escalate(ticket.id, tier=2, tried="Reset the profile", theory="Sync bug",
                      needs="Mail on the phone")  # fmt: skip
    db = open_database(db_path)
    with db.engine.connect() as conn:
        login = conn.exec_driver_sql(
            "SELECT login FROM agent WHERE tier = 2 AND active ORDER BY login LIMIT 1"
        ).scalar_one()
    db.dispose()
    settings = Settings(db=str(db_path), demo=True, as_login=login)
    second = make_app(settings, db=open_database(db_path), clock=Clock(FIXED_NOW))
    for attempt in range(2):
        async with second.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            second.push_screen(TicketScreen(ticket.id))
            await settle(pilot)
            if attempt == 0:
                assert isinstance(second.screen, HandoffReviewScreen)
                text = " ".join(str(s.render()) for s in second.screen.query(Static))
                assert "Tried: Reset the profile" in text and "Escalated L1 → L2" in text
                await pilot.press("enter")
                await settle(pilot)
            assert isinstance(second.screen, TicketScreen)
        second = make_app(settings, db=open_database(db_path), clock=Clock(FIXED_NOW))


def test_escalate_form_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def open_it(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False  # the cursor shown steadily, not wherever the blink is
        await pilot.pause()

    assert snap_compare(demo_app(db_path), terminal_size=(80, 24), run_before=open_it)
