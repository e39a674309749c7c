"""New ticket intake: find or add the requester, live priority and SLA, drafts, checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Select, Static, TextArea

from tests.conftest import FIXED_NOW, Clock
from tests.helpers import demo_app, settle
from tuidesk.app import make_app
from tuidesk.config import Settings
from tuidesk.screens.confirm_drop import ConfirmDropScreen
from tuidesk.screens.intake import IntakeScreen
from tuidesk.screens.intake_state import IntakeState, draft_state, warranty_note
from tuidesk.screens.modals.confirm import ConfirmScreen
from tuidesk.screens.modals.new_customer import NewCustomerScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.read.lookups import AssetHit, CustomerHit


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def open_intake(pilot) -> IntakeScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, IntakeScreen)
    return pilot.app.screen


async def pick_greta(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*"greta han")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_create_a_ticket_from_the_phone(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_intake(pilot)
        await pick_greta(pilot)
        assert screen.state.requester_label.startswith("Greta Hansen")
        customer_line = text_of(app, "#intake-customer")
        assert "Northwind Logistics · plan Warranty" in customer_line
        assert app.screen.focused is screen.query_one("#intake-subject", Input)
        await pilot.press(*"Server fan loud")
        screen.query_one("#intake-symptoms", TextArea).insert("Fan 4 alarm since 02:14")
        screen.query_one("#intake-goal", Input).value = "Keep the file server running"
        before = text_of(app, "#intake-preview")
        # urgency and impact start from the middle, never silently from the lowest
        assert before.startswith("P3 medium · SLA Warranty: response by")
        screen.query_one("#intake-impact", Select).value = 1
        screen.query_one("#intake-urgency", Select).value = 1
        await pilot.pause()
        after = text_of(app, "#intake-preview")
        assert after.startswith("P1 critical · SLA Warranty: response by") and "(1h 00m)" in after
        screen.query_one("#intake-tags", Input).value = "server fan"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        ticket = app.desk.get_ticket(app.screen.ticket_id)
        assert (ticket.subject, ticket.priority, ticket.channel) == ("Server fan loud", 1, "phone")
        assert ticket.description == "Fan 4 alarm since 02:14"
        assert ticket.goal == "Keep the file server running"
        assert app.desk.ticket_tags(ticket.id) == ["fan", "server"]
        # the agent who took the call has it, and it is open, not left new and unassigned
        detail = app.desk.ticket_detail(ticket.id)
        assert (detail.ticket.status, detail.assignee) == ("open", "alex")
        assert [e.event.kind for e in detail.history] == ["created", "assignment", "status"]
        assert app.drafts.load("new-ticket") is None


async def test_a_ticket_from_the_phone_can_be_left_for_the_queue(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_intake(pilot)
        assignee = screen.query_one("#intake-assignee", Select)
        assert assignee.value is True  # "Me (alex)" unless the agent chooses otherwise
        assert "Me (alex)" in str(assignee.query_one("SelectCurrent Static").render())
        await pick_greta(pilot)
        await pilot.press(*"Monitor flickers")
        assignee.value = False
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        detail = app.desk.ticket_detail(app.screen.ticket_id)
        assert (detail.ticket.status, detail.assignee) == ("new", "")
        assert (detail.ticket.urgency, detail.ticket.impact) == (2, 2)


async def test_each_field_is_checked_where_it_is_typed(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_intake(pilot)
        count = app.desk.count_tickets()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert "pick the requester" in text_of(app, "#intake-requester-error")
        assert "a subject" in text_of(app, "#intake-subject-error")
        screen.query_one("#intake-tags", Input).value = "ok bad;tag"
        await pilot.pause()
        assert "tag 'bad;tag'" in text_of(app, "#intake-tags-error")
        assert app.desk.count_tickets() == count
        await pilot.press(*"nobody-by-this-name")
        await settle(pilot)
        options = screen.query_one("#intake-hits")
        assert "No customer found: ctrl+n adds one" in str(options.get_option_at_index(0).prompt)


async def test_the_desks_limits_are_said_next_to_their_fields(db_path: Path) -> None:
    """A category, tags or a customer's name past the desk's limits: the form says so
    and creates nothing (issue #16)."""
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_intake(pilot)
        count = app.desk.count_tickets()
        await pick_greta(pilot)
        await pilot.press(*"Printer jams")
        screen.query_one("#intake-category", Input).value = "c" * 61
        screen.query_one("#intake-tags", Input).value = " ".join(f"t{n}" for n in range(21))
        await pilot.pause()
        assert "at most 60 characters" in text_of(app, "#intake-category-error")
        assert "at most 20 tags" in text_of(app, "#intake-tags-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and app.desk.count_tickets() == count
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewCustomerScreen)
        app.screen.query_one("#customer-name", Input).value = "Ines " * 50
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "at most 200 characters" in text_of(app, "#intake-requester-error")
        assert screen.customer is not None and screen.customer.name == "Greta Hansen"


async def test_a_new_customer_is_added_in_place(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_intake(pilot)
        await pilot.press(*"Ines Ortega", "ctrl+n")
        assert isinstance(app.screen, NewCustomerScreen)
        assert app.screen.query_one("#customer-name", Input).value == "Ines Ortega"
        app.screen.query_one("#customer-email", Input).value = "ines@ortega.example"
        app.screen.query_one("#customer-organization", Input).value = "northwind logistics"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.customer is not None and screen.customer.name == "Ines Ortega"
        assert screen.customer.organization == "Northwind Logistics"  # found, any case
        await pilot.press("ctrl+n")
        app.screen.query_one("#customer-name", Input).value = "Someone Else"
        app.screen.query_one("#customer-email", Input).value = "ines@ortega.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "belongs to Ines Ortega already" in text_of(app, "#intake-requester-error")


async def test_escape_asks_before_dropping_a_changed_form(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_intake(pilot)
        await pilot.press("escape")  # nothing typed: just closes
        assert isinstance(app.screen, QueueScreen)
        screen = await open_intake(pilot)
        screen.query_one("#intake-subject", Input).value = "Half a ticket"
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        await pilot.press("k")
        assert app.screen is screen
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.drafts.load("new-ticket") is None


async def test_an_unsent_ticket_is_offered_back_after_a_crash(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_intake(pilot)
        await pick_greta(pilot)
        screen.query_one("#intake-subject", Input).value = "Printer on fire [b]really[/b]"
        await pilot.pause(1.5)  # the autosave
        await settle(pilot)
    # the connection dropped: the next start of the same agent on the same database
    db = app.desk.db
    resolve_actor(db)  # the OS user exists, as after any earlier start
    settings = Settings(db=str(db_path), demo=True, as_login="alex")
    again = make_app(settings, clock=Clock(FIXED_NOW))
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ConfirmScreen)
        assert "Printer on fire [b]really[/b]" in " ".join(
            str(s.render()) for s in again.screen.query(Static)
        )
        await pilot.press("y")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, IntakeScreen)
        assert screen.query_one("#intake-subject", Input).value == "Printer on fire [b]really[/b]"
        assert screen.customer is not None and screen.customer.name == "Greta Hansen"
        assert "Restored the new ticket" in " ".join(
            str(s.render()) for s in screen.query(".notice")
        )


def test_an_out_of_warranty_asset_on_a_warranty_plan_is_pointed_out() -> None:
    customer = CustomerHit(
        1, "Greta", "", "", "", "Northwind", "warranty", date(2027, 1, 1), "UTC", ""
    )
    old = AssetHit(1, "laptop", "T14", "S1", date(2025, 5, 1))
    note = warranty_note(customer, old, date(2026, 11, 18))
    assert "asset OUT OF WARRANTY since 2025-05-01" in note
    assert "the warranty plan does not cover it" in note
    fine = AssetHit(2, "laptop", "T14", "S2", date(2027, 5, 1))
    assert "under warranty until 2027-05-01" in warranty_note(customer, fine, date(2026, 11, 18))


def test_a_broken_draft_gives_a_usable_form() -> None:
    state = draft_state({"subject": "x", "urgency": 9, "channel": "fax", "requester_id": "1"})
    assert state == IntakeState(subject="x")


def _intake_snapshot_app(db_path: Path):  # type: ignore[no-untyped-def]
    return demo_app(db_path)


async def _fill(pilot) -> None:  # type: ignore[no-untyped-def]
    await open_intake(pilot)
    await pick_greta(pilot)
    await pilot.press(*"Server fan loud")
    await settle(pilot)


def test_intake_snapshot_80x24(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_intake_snapshot_app(db_path), terminal_size=(80, 24), run_before=_fill)


def test_intake_snapshot_120x40(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_intake_snapshot_app(db_path), terminal_size=(120, 40), run_before=_fill)
