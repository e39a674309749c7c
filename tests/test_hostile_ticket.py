"""Hostile text from people on the ticket screen: header, timeline, notifications."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.helpers import demo_app, settle
from tests.test_text import HOSTILE
from tuidesk.screens.modals.save_view import SaveViewScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.storage.read.queue import Filter
from tuidesk.text import clean, one_line
from tuidesk.widgets.history import HistoryView
from tuidesk.widgets.ticket_list import TicketList

CORPUS = (
    HOSTILE
    + " [$accent]accent[/] [@click=app.quit]quit[/] "
    + "\u05e9\u05dc\u05d5\u05dd \u200b\u200d zero-width 👍🏽 \x00 \x1b[2J\x1b]0;title\x07"
)


async def open_ticket(pilot, ticket_id: int) -> TicketScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    ticket_list = pilot.app.screen.query_one(TicketList)
    position = next(p for p, r in ticket_list.rows.items() if r.id == ticket_id)
    ticket_list.cursor = position
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TicketScreen)
    return pilot.app.screen


async def test_hostile_text_in_header_and_timeline_is_literal(db_path: Path) -> None:
    app = demo_app(db_path)
    customer = app.desk.create_customer(name=CORPUS, location=CORPUS, phone="[b]+49[/b]")
    ticket = app.desk.create_ticket(
        subject=one_line(CORPUS)[:200], requester_id=customer.id, description=CORPUS,
        goal=CORPUS, impact=1, urgency=1,
    )  # fmt: skip
    app.desk.add_note(ticket.id, CORPUS)
    app.desk.set_theory(ticket.id, CORPUS)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_ticket(pilot, ticket.id)
        head = str(screen.query_one("#ticket-head", Static).render())
        assert one_line(CORPUS)[:150] in head.replace("\n", " ")
        assert "\x1b" not in head and "\x00" not in head and "\x07" not in head
        view = screen.query_one(HistoryView)
        drawn = "\n".join(view.lines)
        assert "[$accent]accent[/]" in drawn and "[@click=app.quit]quit[/]" in drawn
        assert "\x1b" not in drawn and "\x00" not in drawn
        assert clean(CORPUS).split("\n")[0][:60] in drawn
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)  # [@click=app.quit] did nothing


async def test_hostile_text_in_a_notification_is_literal(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        assert isinstance(app.screen, SaveViewScreen)
        await pilot.press(*"[b]x[/b] [$accent]")
        await pilot.press("enter")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("'[b]x[/b] [$accent]'" in m for m in messages)
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)  # rendered, no MarkupError
        app.screen.show_saved("[b]x[/b] [$accent]")
        await settle(pilot)
        assert "★ [b]x[/b] [$accent]" in str(app.screen.query_one("#queue-views").render())
        assert app.desk.save_view("[b]x[/b] [$accent]", "open", Filter(), "due", False)


async def test_a_megabyte_body_is_folded_and_the_app_stays_responsive(db_path: Path) -> None:
    app = demo_app(db_path)
    customer = app.desk.find_or_create_customer("big.mail@example.com")
    ticket = app.desk.create_ticket(subject="Huge log pasted", requester_id=customer.id)
    line = "ERROR 0x80070005 access denied while syncing C:\\Users\\a\\OneDrive [x] \x1b[1m\n"
    app.desk.add_note(ticket.id, line * (1_000_000 // len(line)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ticket(pilot, ticket.id)
        view = screen.query_one(HistoryView)
        assert any("more lines (x shows everything)" in text for text in view.lines)
        assert len(view.lines) < 100
        await pilot.press("x")
        await settle(pilot)
        assert len(view.lines) > 12_000  # all of it, still one widget
        await pilot.press("end", "pageup", "home")
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)
