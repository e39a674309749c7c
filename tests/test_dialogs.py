"""Dialogs open on the value the ticket has now, and ask before they do anything big."""

from __future__ import annotations

from pathlib import Path

from textual.containers import Vertical
from textual.widgets import Input, OptionList, Select, Static, TextArea

from tests.helpers import demo_app, settle
from tests.test_escalate_screen import error_of, open_form
from tests.test_kb_screen import open_kb
from tests.test_ticket_screen import head, kinds, open_first, other_agent, write
from tuidesk.markdown_plain import markdown_to_plain
from tuidesk.screens.bulk import BulkScreen
from tuidesk.screens.merge import MergeScreen
from tuidesk.screens.modals.choice import ChoiceScreen
from tuidesk.screens.modals.conflict import ConflictScreen
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.widgets.history import HistoryView
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
        ticket_list.set_selection(set(ids))
        await pilot.press("b")
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


def shown(select: Select) -> str:  # type: ignore[type-arg]
    """What a dropdown shows while closed."""
    return str(select.query_one("SelectCurrent").query_one("#label", Static).render())


async def test_the_escalate_form_follows_the_tier_and_tab_completes_the_vendor(
    db_path: Path,
) -> None:
    app = demo_app(db_path)  # alex, the demo's admin: may skip a tier
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        form = await open_form(pilot)
        agent = form.query_one("#escalate-agent", Select)
        assert shown(agent) == "the L2 queue (unassigned)"
        form.query_one("#escalate-tier", Select).value = 4
        await pilot.pause()
        assert shown(agent) == "the L4 queue (unassigned)"
        form.query_one("#escalate-tried", TextArea).insert("Everything in the runbook")
        form.query_one("#escalate-theory", Input).value = "Firmware bug"
        form.query_one("#escalate-needs", Input).value = "Printing today"
        form.query_one("#escalate-skip_reason", Input).value = "Known firmware fault"
        vendor = form.query_one("#escalate-vendor", Input)
        vendor.focus()
        await pilot.press(*"ironb")
        await pilot.press("ctrl+s")  # a prefix would add a new vendor "ironb": refused
        assert "'ironb' is the start of 'Ironbark Hardware Repair'; Tab completes it" in (
            error_of(form)
        )
        await pilot.press("tab")
        assert vendor.value == "Ironbark Hardware Repair"
        assert vendor.has_focus  # completing, not moving on
        await pilot.press("tab")
        assert form.query_one("#escalate-vendor_ref", Input).has_focus
        assert form.query_one("#escalate-vendor_hours", Input).value != ""  # the contract's


async def test_sending_back_returns_to_the_tier_it_came_from_with_the_vendor_in_the_path(
    db_path: Path,
) -> None:
    app = demo_app(db_path)
    ticket = app.desk.list_tickets(statuses=["new"], tier=1, limit=1)[0]
    handoff = {"tried": "Reset it", "theory": "Board fault", "needs": "Printing"}
    app.desk.escalate(ticket.id, tier=2, **handoff)
    vendor = {"vendor": "Ironbark Hardware Repair", "vendor_ref": "IRON-7"}
    app.desk.escalate(ticket.id, tier=4, skip_reason="Known fault", **vendor, **handoff)
    app.desk.vendor_update(ticket.id, "New board ships Friday")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(ticket.id))
        await settle(pilot)
        blocks = app.screen.query_one(HistoryView).blocks
        assert blocks[-1].heading.startswith("VENDOR UPDATE  ·  alex")
        await pilot.press("d")
        assert isinstance(app.screen, EditorScreen)
        assert "Send back to L2" in app.screen.query_one(Vertical).border_title
        await write(pilot, "Board replaced by Ironbark; confirm with the customer")
        assert isinstance(app.screen, TicketScreen)
        assert app.desk.get_ticket(ticket.id).tier == 2
        headings = [b.heading for b in app.screen.query_one(HistoryView).blocks]
        assert any(h.startswith("SENT BACK  ·  L4 → L2  ·  alex") for h in headings)
        assert not any("DE-LATEST" in h for h in headings)
        assert any(h.startswith("DE-ESCALATED  ·  L4 → L2  ·  alex") for h in headings)
        path = next(line for line in head(app).splitlines() if line.startswith("Path: "))
        assert path.startswith("Path: L1 alex")
        path = path.split(" · ")[0]  # the tags follow on the same line
        assert path.endswith("→ L2 alex → L4 vendor Ironbark Hardware Repair #IRON-7 → L2 queue")


async def test_a_collision_lists_the_events_and_fields_changed_after_a_reload(
    db_path: Path,
) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        other, other_db = other_agent(db_path)
        await pilot.press("r")
        app.screen.query_one(TextArea).insert("My careful reply")
        other.add_note(ticket_id, "Customer called: [b]it works[/b] again")
        other.change_status(ticket_id, "on_hold")
        # the screen below picks their change up (its poll) while the reply is open
        for _ in range(600):
            if screen.detail is not None and screen.detail.ticket.status == "on_hold":
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert screen.detail is not None and screen.detail.ticket.status == "on_hold"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        shown = [str(s.render()) for s in app.screen.query(Static)]
        assert "(fields of the ticket; no new history events)" not in shown
        assert "Status: Open → On hold" in shown
        assert any(s.startswith("INTERNAL NOTE  ·  amira  ·  2026-11-18") for s in shown)
        assert "Customer called: [b]it works[/b] again" in shown  # literally
        assert "My careful reply" not in [e.event.body for e in app.desk.history(ticket_id)]
        await pilot.press("a")  # mine on top of theirs
        await settle(pilot)
        assert app.desk.history(ticket_id)[-1].event.body == "My careful reply"
        other_db.dispose()  # type: ignore[attr-defined]


async def test_inserting_an_internal_article_asks_and_puts_in_plain_text(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        ticket_screen = await open_first(pilot)
        ticket_id = ticket_screen.ticket_id
        kb = await open_kb(pilot)
        kb.query_one(Input).value = "BitLocker recovery key"
        await settle(pilot)
        article = kb.view
        assert article is not None and article.title == "Provide a BitLocker recovery key"
        assert "internal" in article.line and "**Key ID**" in article.resolution
        await pilot.press("down", "i")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)  # asked, not put into the reply
        hint = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "“Provide a BitLocker recovery key” is written for agents" in hint
        assert highlighted(app) == "Into an internal note (agents only)"
        await pilot.press("down", "enter")  # the public reply, knowingly
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert "Public reply" in editor.query_one(Vertical).border_title
        text = editor.query_one(TextArea).text
        assert "the first 8 characters of the Key ID shown" in text
        assert "**" not in text and "`" not in text
        assert text.startswith("1. Verify the caller's identity")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.desk.history(ticket_id)[-1].event.body == text.strip()


def test_markdown_becomes_text_a_customer_reads() -> None:
    source = (
        "# Clear the queue\n\n"
        "1. **Open print queue**\n"
        "2. Click *Cancel all*, then `Restart`\n"
        "   - on a Mac: _System Settings_\n"
        "3. See [the guide](https://help.example/print) or <https://help.example>\n\n"
        "> Tell us if it **still** jams\n\n"
        "- [b]not markup[/b] \\*not emphasis\\*\n"
    )
    assert markdown_to_plain(source) == (
        "Clear the queue\n\n"
        "1. Open print queue\n"
        "2. Click Cancel all, then Restart\n"
        "   - on a Mac: System Settings\n"
        "3. See the guide (https://help.example/print) or https://help.example\n\n"
        "> Tell us if it still jams\n\n"
        "- [b]not markup[/b] *not emphasis*"
    )


async def test_merge_shows_both_warns_about_the_customer_and_asks(db_path: Path) -> None:
    app = demo_app(db_path)  # alex, the demo's admin
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_first(pilot)
        source = app.desk.ticket_detail(screen.ticket_id)
        assert source.requester is not None and source.organization is not None
        target = next(
            detail
            for t in app.desk.list_tickets(statuses=["open"])
            if t.id != source.ticket.id
            and (detail := app.desk.ticket_detail(t.id)).organization is not None
            and detail.organization.id != source.organization.id
        )
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, MergeScreen)
        error = app.screen.query_one("#merge-error", Static)
        await pilot.press(*"12ab")
        assert str(error.render()) == "a ticket number is digits only, e.g. 1042"
        await pilot.press(*["backspace"] * 4, *"1234567890")
        assert str(error.render()) == "a ticket number has at most 9 digits"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MergeScreen)  # refused where it was typed
        await pilot.press(*["backspace"] * 10, *str(target.ticket.id), "enter")
        await settle(pilot)
        preview = str(app.screen.query_one("#merge-preview", Static).render())
        assert f"#{source.ticket.id} duplicate" in preview
        assert f"#{target.ticket.id} kept" in preview
        for text in (source.ticket.subject[:30], target.ticket.subject[:30],
                     source.requester.name, target.organization.name):  # fmt: skip
            assert text in preview
        warnings = str(app.screen.query_one("#merge-warnings", Static).render())
        assert "⚠ Different requesters" in warnings and "⚠ Different organizations" in warnings
        hint = str(app.screen.query_one("#merge-hint", Static).render())
        assert f"Merge #{source.ticket.id} into #{target.ticket.id}? y merges" in hint
        await pilot.press("enter")  # not the key named: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, MergeScreen)
        assert app.desk.get_ticket(source.ticket.id).status != "closed"
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert app.desk.get_ticket(source.ticket.id).status == "closed"
        kept = app.desk.ticket_detail(target.ticket.id)
        assert [p.id for _, p in kept.merged_requesters] == [source.requester.id]
        merge_event = next(e.event for e in kept.history if e.event.kind == "merge")
        assert f"Requester of #{source.ticket.id} kept here: {source.requester.name}" in (
            merge_event.body
        )
        app.push_screen(TicketScreen(target.ticket.id))
        await settle(pilot)
        assert f"Also requested by: {source.requester.name} (#{source.ticket.id})" in head(app)
