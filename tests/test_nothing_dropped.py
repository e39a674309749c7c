"""Nothing typed is dropped without a question that only its named key answers: the
editors with restored or inserted text, the escalate form (with its own draft), the
intake form, the article editor; Escape on an open dropdown closes only the dropdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static, TextArea

from tests.conftest import FIXED_NOW, Clock
from tests.helpers import demo_app, settle
from tuidesk.app import TuideskApp, make_app
from tuidesk.config import Settings
from tuidesk.screens.confirm_drop import ConfirmDropScreen
from tuidesk.screens.escalate import EscalateScreen
from tuidesk.screens.intake import IntakeScreen
from tuidesk.screens.kb import KbScreen
from tuidesk.screens.modals.article_editor import ArticleEditorScreen
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.screens.modals.new_customer import NewCustomerScreen
from tuidesk.screens.modals.work_log import WorkLogScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.widgets.ticket_list import TicketList


def texts(app: TuideskApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query(Static) if s.display)


async def open_ticket(pilot) -> TicketScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TicketScreen)
    return pilot.app.screen


async def first_of_my_tickets(pilot) -> int:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("1")
    await settle(pilot)
    row = pilot.app.screen.query_one(TicketList).current
    assert row is not None
    return int(row.id)


async def answers_only_to_d(pilot, app: TuideskApp, draft_key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Escape on the editor asks; Enter, a stray key and k keep the text, d drops it."""
    editor = app.screen
    await pilot.press("escape")
    assert isinstance(app.screen, ConfirmDropScreen)
    assert "d drop · k keep editing" in texts(app)
    await pilot.press("enter", "y", "q")  # none of these answers, q does not quit either
    await settle(pilot)
    assert isinstance(app.screen, ConfirmDropScreen)
    assert "does not answer: d drops it, k keeps editing" in texts(app)
    assert app.drafts.load(draft_key) is not None
    await pilot.press("k")
    assert app.screen is editor
    assert text in app.screen.query_one(TextArea).text
    await pilot.press("escape", "escape")  # Escape in the question keeps editing too
    assert app.screen is editor
    await pilot.press("escape", "d")
    await settle(pilot)
    assert isinstance(app.screen, TicketScreen)
    assert app.drafts.load(draft_key) is None


@pytest.mark.parametrize(("key", "kind"), [("r", "reply"), ("i", "note")])
async def test_a_restored_draft_is_not_dropped_by_escape(
    db_path: Path, key: str, kind: str
) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        ticket_id = await first_of_my_tickets(pilot)
        # what a killed terminal left behind: the editor's draft, kept on disk
        text = "Dear customer, the part ships toda"
        app.drafts.save(f"{kind}-{ticket_id}", {"ticket": ticket_id, "kind": kind, "text": text})
        await open_ticket(pilot)
        await pilot.press(key)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.text == text
        assert "Your unsent draft" in texts(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert f"Drop this {kind}?" in texts(app)
        await pilot.press("k")
        await answers_only_to_d(pilot, app, f"{kind}-{ticket_id}", text)


async def test_text_inserted_from_an_article_is_not_dropped_by_escape(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        ticket_id = await first_of_my_tickets(pilot)
        await open_ticket(pilot)
        await pilot.press("K")
        await settle(pilot)
        kb = app.screen
        assert isinstance(kb, KbScreen)
        kb.query_one(Input).value = "printer jam"
        await settle(pilot)
        assert kb.view is not None
        await pilot.press("down", "i")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        inserted = app.screen.text.strip()
        assert inserted
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert "Drop this reply?" in texts(app)
        await pilot.press("k")
        await answers_only_to_d(pilot, app, f"reply-{ticket_id}", inserted.splitlines()[0])


async def test_the_theory_as_it_is_saved_closes_without_a_question(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await first_of_my_tickets(pilot)
        screen = await open_ticket(pilot)
        await pilot.press("h")
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.text.strip()  # the theory saved on the ticket
        await pilot.press("escape")  # nothing unsent: the saved theory is still there
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("h")
        app.screen.query_one(TextArea).insert(" Or the toner.")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert "Drop this theory?" in texts(app)


def test_confirm_drop_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def ask(pilot):  # type: ignore[no-untyped-def]
        await first_of_my_tickets(pilot)
        await open_ticket(pilot)
        await pilot.press("r")
        pilot.app.screen.query_one(TextArea).insert("Dear customer,\nthe part ships today.")
        await pilot.press("escape", "enter")
        await settle(pilot)

    assert snap_compare(demo_app(db_path), terminal_size=(80, 24), run_before=ask)


async def open_escalate(pilot) -> EscalateScreen:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EscalateScreen)
    return pilot.app.screen


def again(db_path: Path) -> TuideskApp:
    """The next start of the same agent on the same database."""
    return make_app(Settings(db=str(db_path), demo=True, as_login="alex"), clock=Clock(FIXED_NOW))


async def test_the_hand_off_survives_an_exit_mid_form_and_comes_back(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        ticket_id = await first_of_my_tickets(pilot)
        form = await open_escalate(pilot)
        form.query_one("#escalate-tried", TextArea).insert("Swapped the toner [b]twice[/b]")
        form.query_one("#escalate-theory", Input).value = "Fuser worn out"
        await pilot.pause()
        await pilot.press("ctrl+q")  # the agent quits (or the terminal goes) mid-form
    assert app.drafts.load(f"escalate-{ticket_id}") is not None
    second = again(db_path)
    async with second.run_test(size=(100, 40)) as pilot:
        assert await first_of_my_tickets(pilot) == ticket_id
        form = await open_escalate(pilot)
        assert "Your unsent hand-off from" in texts(second)
        assert form.query_one("#escalate-tried", TextArea).text == "Swapped the toner [b]twice[/b]"
        assert form.query_one("#escalate-theory", Input).value == "Fuser worn out"
        # escalating it uses the draft up
        form.query_one("#escalate-needs", Input).value = "Print the invoices today"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(second.screen, EscalateScreen)
        assert second.desk.get_ticket(ticket_id).tier == 2
        assert second.drafts.load(f"escalate-{ticket_id}") is None


async def test_escape_on_the_escalate_form_closes_its_dropdown_then_asks(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        ticket_id = await first_of_my_tickets(pilot)
        await open_ticket(pilot)
        form = await open_escalate(pilot)
        await pilot.press("escape")  # nothing typed: closes without a question
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        form = await open_escalate(pilot)
        await pilot.press(*"Reset the spooler")
        tier = form.query_one("#escalate-tier", Select)
        tier.focus()
        await pilot.press("enter")  # opens the "To tier" dropdown
        assert tier.expanded
        await pilot.press("escape")  # closes only the dropdown
        await settle(pilot)
        assert app.screen is form and not tier.expanded
        assert form.query_one("#escalate-tried", TextArea).text == "Reset the spooler"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert "Drop this hand-off?" in texts(app)
        await pilot.press("enter")  # does not drop
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDropScreen)
        await pilot.press("k")
        assert app.screen is form
        form.save_draft_now()
        assert app.drafts.load(f"escalate-{ticket_id}") is not None
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.drafts.load(f"escalate-{ticket_id}") is None
        assert app.desk.get_ticket(ticket_id).tier == 1


async def test_escape_on_the_intake_form_closes_its_dropdown_then_asks(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, IntakeScreen)
        form.query_one("#intake-subject", Input).value = "Scanner jams"
        channel = form.query_one("#intake-channel", Select)
        channel.focus()
        await pilot.press("enter")
        assert channel.expanded
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and not channel.expanded
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert "Drop this new ticket?" in texts(app)
        await pilot.press("enter", "y")  # the old question's yes: neither drops now
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDropScreen)
        await pilot.press("k")
        assert app.screen is form
        assert form.query_one("#intake-subject", Input).value == "Scanner jams"
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.drafts.load("new-ticket") is None


async def test_picking_a_requester_from_the_list_goes_on_to_the_subject(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, IntakeScreen)
        await pilot.press(*"greta han")
        await settle(pilot)
        await pilot.press("down")  # into the list of customers found
        assert form.focused is form.query_one("#intake-hits")
        await pilot.press("enter")
        await settle(pilot)
        assert form.state.requester_label.startswith("Greta Hansen")
        assert form.focused is form.query_one("#intake-subject", Input)
        await pilot.press(*"Fan loud")
        assert form.query_one("#intake-subject", Input).value == "Fan loud"


async def test_the_article_editor_asks_for_a_restored_draft_and_minds_its_dropdown(
    db_path: Path,
) -> None:
    app = demo_app(db_path)  # alex is the demo's admin: may write articles
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        values = {"title": "Badge reader [b]offline[/b]", "symptoms": "Door stays shut"}
        app.drafts.save("article-new", {"values": values})  # left by a killed terminal
        await pilot.press("K")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ArticleEditorScreen)
        assert editor.query_one("#ae-title", Input).value == "Badge reader [b]offline[/b]"
        assert "Your unsaved edit of this article is back." in texts(app)
        visibility = editor.query_one("#ae-visibility", Select)
        visibility.focus()
        await pilot.press("enter")
        assert visibility.expanded
        await pilot.press("escape")  # closes only the dropdown
        await settle(pilot)
        assert app.screen is editor and not visibility.expanded
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert "Drop this new article?" in texts(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDropScreen)
        assert app.drafts.load("article-new") is not None
        await pilot.press("k")
        assert app.screen is editor
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, KbScreen)
        assert app.drafts.load("article-new") is None


async def test_the_new_customer_and_time_log_forms_ask_before_dropping(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Ines Ortega", "ctrl+n")
        customer = app.screen
        assert isinstance(customer, NewCustomerScreen)
        await pilot.press("escape")  # only the name it was opened with: nothing typed here
        assert isinstance(app.screen, IntakeScreen)
        await pilot.press("ctrl+n")
        customer = app.screen
        assert isinstance(customer, NewCustomerScreen)
        customer.query_one("#customer-phone", Input).value = "+49 40 5550 2000"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert "Drop this new customer?" in texts(app)
        await pilot.press("enter", "k")
        assert app.screen is customer
        assert customer.query_one("#customer-phone", Input).value == "+49 40 5550 2000"
        await pilot.press("escape", "d")
        assert isinstance(app.screen, IntakeScreen)
        await pilot.press("escape")  # the list of customers found closes first
        await pilot.press("escape")
        assert "Drop this new ticket?" in texts(app)  # the name typed is asked about too
        await pilot.press("d")
        await settle(pilot)
        await first_of_my_tickets(pilot)
        await open_ticket(pilot)
        await pilot.press("t")
        log = app.screen
        assert isinstance(log, WorkLogScreen)
        await pilot.press("escape")  # empty: closes
        assert isinstance(app.screen, TicketScreen)
        await pilot.press("t", *"25", "tab", *"reseated the toner")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDropScreen)
        assert "Drop this time log?" in texts(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDropScreen)
        await pilot.press("k")
        assert isinstance(app.screen, WorkLogScreen)
        await pilot.press("escape", "d")
        assert isinstance(app.screen, TicketScreen)
