"""What the screens show at 80×24 and without colour: focus, columns, headers, wording."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from tests.helpers import demo_app, settle


def drawn(widget: Widget) -> list[str]:
    """The lines a widget draws, borders included (a Select draws in its current value)."""
    if isinstance(widget, Select):
        widget = widget.query_one("SelectCurrent")
    width, height = widget.outer_size
    return [line.text for line in widget.render_lines(Region(0, 0, width, height))]


FOCUS_BAR = "█"


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_the_focused_field_has_a_bar_dropdowns_included(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    """Tab through the intake form and the escalate form: exactly the focused field shows
    the bar at its left edge, in colour and without."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for open_keys, close_keys in ((("n",), ("escape", "y")), (("enter", "e"), ())):
            for key in open_keys:
                await pilot.press(key)
                await settle(pilot)
            fields = [w for w in app.screen.query("Input, Select, TextArea") if w.display]
            assert any(isinstance(w, Select) for w in fields)
            seen = set()
            for _ in range(len(fields) + 2):
                focused = app.screen.focused
                if isinstance(focused, Input | Select | TextArea) and focused.region:
                    seen.add(focused)
                    for field in fields:
                        if not field.region:
                            continue  # scrolled out of view
                        edge = drawn(field)[field.outer_size.height // 2][0]
                        assert (edge == FOCUS_BAR) == (field is focused), (field, focused)
                await pilot.press("tab")
                await pilot.pause()
            assert any(isinstance(w, Select) for w in seen)
            for key in close_keys:
                await pilot.press(key)
                await settle(pilot)


def _duration(text: str) -> int:
    """`-9d 12h`, `6h 35m`, `56m`, `due` as signed minutes."""
    import re

    if text == "due":
        return 0
    sign = -1 if text.startswith("-") else 1
    units = {"d": 1440, "h": 60, "m": 1}
    return sign * sum(int(n) * units[u] for n, u in re.findall(r"(\d+)([dhm])", text))


async def test_the_sla_column_reads_in_the_order_it_is_sorted(db_path: Path) -> None:
    """Sorted by due moment, the countdowns shown never go back up (business time left
    did: `✖ -3d 0h` above `✖ -7d 22h`, on calendars of different hours)."""
    from tuidesk.widgets.ticket_list import TicketList

    app = demo_app(db_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        assert ticket_list.sort_key == "due"
        start = ticket_list.header_text().index("SLA")
        shown = []
        for line in range(1, ticket_list.page + 1):
            cell = ticket_list.render_line(line).text[start : start + 10].strip()
            if cell[:1] in "◷⚠✖":  # running clocks; paused ones (‖) sort by their own rule
                shown.append(_duration(cell[2:]))
        assert len(shown) > 30
        assert shown == sorted(shown)


def test_business_days_are_not_24_hour_days_on_a_12x5_calendar() -> None:
    from datetime import timedelta

    from tuidesk.domain.sla import BusinessCalendar, format_business

    twelve_five = BusinessCalendar.preset("12x5", tz="Europe/Berlin")
    always = BusinessCalendar.preset("24x7")
    assert format_business(timedelta(hours=36), twelve_five) == "36h"
    assert format_business(timedelta(hours=36), always) == "1d 12h"
    assert format_business(-timedelta(hours=50, minutes=5), twelve_five) == "-50h 05m"
    assert format_business(timedelta(hours=3, minutes=5), twelve_five) == "3h 05m"


async def test_the_ticket_says_which_zone_its_times_are_in(db_path: Path) -> None:
    """History headings and the SLA due moments carry the agent's zone; the due moment
    stands beside the business time left."""
    from tuidesk.widgets.history import HistoryView
    from tuidesk.widgets.sla_badge import SlaBadge

    app = demo_app(db_path)
    app.actor = dataclasses.replace(app.actor, timezone="Europe/Berlin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        headings = [b.heading for b in app.screen.query_one(HistoryView).blocks
                    if b.kind not in ("section", "field", "item", "handoff")]  # fmt: skip
        assert headings and all(h.endswith((" CET", " CEST")) for h in headings)
        badges = [str(b.render()) for b in app.screen.query(SlaBadge)]
        running = [text for text in badges if ", due " in text]
        assert running and all(text.endswith((" CET", " CEST")) for text in running)


async def test_at_80x24_the_subject_has_the_room_and_the_bars_one_line(db_path: Path) -> None:
    """The queue's Subject gets the room Upd and Assignee had; sorted by last update the
    Upd column stays (its arrow says the sort) and the view bar stays on one line; the
    ticket header is compact."""
    from textual.widgets import Static

    from tuidesk.widgets.ticket_list import TicketList

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        subject = dict((c.key, w) for c, w in ticket_list.columns)["subject"]
        assert subject >= 24
        for _ in range(2):  # SLA due → priority → last update
            await pilot.press("s")
            await settle(pilot)
        assert ticket_list.sort_key == "updated"
        assert "Upd↓" in ticket_list.header_text()
        assert dict((c.key, w) for c, w in ticket_list.columns)["subject"] >= 22
        assert app.screen.query_one("#queue-views", Static).outer_size.height == 1
        await pilot.press("enter")
        await settle(pilot)
        head = app.screen.query_one("#ticket-head", Static)
        sla_strip = app.screen.query_one("#ticket-sla")
        assert head.outer_size.height + sla_strip.outer_size.height <= 7
        assert app.screen.query_one("#ticket-body").outer_size.height >= 14


async def test_counts_and_names_read_as_words(db_path: Path) -> None:
    """`1 event`, not `1 events`; statuses and clocks by their labels, never their raw
    names; a customer's message headed with the customer's name, not `system`."""
    from tuidesk.domain import workflow
    from tuidesk.screens.ticket import TicketScreen
    from tuidesk.widgets.history import HistoryView

    app = demo_app(db_path)
    customer = app.desk.find_or_create_customer("ines.ortiz@example.org")
    lone = app.desk.create_ticket(
        subject="One event", requester_id=customer.id, impact=2, urgency=2
    )
    talked = next(
        t.id
        for t in app.desk.list_tickets()
        if any(e.event.kind == workflow.EVENT_CUSTOMER_REPLY for e in app.desk.history(t.id))
        and any(
            e.event.kind in (workflow.EVENT_SLA_WARNING, workflow.EVENT_SLA_BREACH)
            for e in app.desk.history(t.id)
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(lone.id))
        await settle(pilot)
        view = app.screen.query_one(HistoryView)
        assert "HISTORY (1 event)" in [b.heading for b in view.blocks]
        await pilot.press("escape")
        app.push_screen(TicketScreen(talked))
        await settle(pilot)
        detail = app.screen.detail
        headings = [b.heading for b in app.screen.query_one(HistoryView).blocks]
        wrote = [h for h in headings if h.startswith("CUSTOMER WROTE")]
        assert wrote and all(f"·  {detail.requester.name}  ·" in h for h in wrote)
        raw = {*workflow.STATUSES, "first_response"} - {"new", "open", "resolved", "closed"}
        assert not [h for h in headings if any(name in h for name in raw)]
        sla_heading = re.compile(r"SLA (BREACH|WARNING)  ·  (first response|resolution)  ·  ")
        assert any(sla_heading.match(h) for h in headings)


# Every screen and modal once more without colour (NO_COLOR=1), at 80×24: the keys
# that reach it from the queue of the demo desk.
SCREENS_WITHOUT_COLOUR = {
    "queue": (),
    "ticket": ("enter",),
    "reply_editor": ("enter", "r"),
    "status_choice": ("enter", "s"),
    "escalate": ("enter", "e"),
    "merge": ("enter", "M"),
    "intake": ("n",),
    "filter": ("f",),
    "views": ("v",),
    "bulk": ("space", "b"),
    "knowledge_base": ("K",),
}


@pytest.mark.parametrize("screen", list(SCREENS_WITHOUT_COLOUR))
def test_screens_without_colour_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, db_path: Path, monkeypatch: pytest.MonkeyPatch, screen: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def reach(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in SCREENS_WITHOUT_COLOUR[screen]:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(demo_app(db_path), terminal_size=(80, 24), run_before=reach)


async def test_the_escalate_form_keeps_its_keys_in_view_at_80x24(db_path: Path) -> None:
    """To L4 the form is longer than the screen: its `ctrl+s` hint stays on the frame
    and the `Response hours` label is whole."""
    from textual.containers import Vertical
    from textual.widgets import Static

    from tuidesk.screens.escalate import EscalateScreen

    app = demo_app(db_path)  # alex is the demo's admin: may skip tiers with a reason
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EscalateScreen)
        form.query_one("#escalate-tier", Select).value = 4
        await settle(pilot)
        box = form.query_one(Vertical)
        assert "ctrl+s" in str(box.border_subtitle)
        assert box.region.bottom <= 24  # the frame, and the hint on it, are on screen
        labels = [str(s.render()) for s in form.query(Static) if s.has_class("label")]
        assert "Response hours" in labels


async def test_the_article_editor_labels_tags_and_category(db_path: Path) -> None:
    """Typed-in tags and category keep a label above them (a placeholder hides)."""
    from textual.widgets import Static

    from tuidesk.screens.modals.article_editor import ArticleEditorScreen

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleEditorScreen(None))
        await settle(pilot)
        for field, label in (("#ae-tags", "Tags"), ("#ae-category", "Category")):
            entry = app.screen.query_one(field, Input)
            entry.focus()
            entry.value = "network"
            await settle(pilot)
            above = [s for s in app.screen.query(Static) if str(s.render()) == label]
            assert above and above[0].region.height == 1  # on screen
            assert above[0].region.bottom <= entry.region.y


async def test_help_shows_every_key_of_the_screen_at_80x24_without_scrolling(
    db_path: Path,
) -> None:
    """`?` on the queue and on a ticket: every key of that screen (the footer's and the
    hidden ones), the list's and the App's are on the first screen, nothing cut off."""
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from tuidesk.screens.help import HelpScreen

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in ((), ("enter",)):
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            screen = app.screen
            described = {  # the screen's own keys it offers now (Esc clears only a filter)
                a.binding.description
                for a in screen.active_bindings.values()
                if a.node is screen and a.binding.description
            }
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            box = app.screen.query_one(VerticalScroll)
            assert box.max_scroll_y == 0  # all of it on the first screen
            assert box.region.right <= 80 and box.region.bottom <= 24
            text = "\n".join(str(s.render()) for s in app.screen.query(Static))
            for description in described:  # "(Reopen: not now)" counts: it is named
                assert description in text, description
            assert "Quit" in text and "Command palette" in text
            for column in app.screen.query(".help-column"):
                lines = [line.text.rstrip() for line in column.render_lines(column.region)]
                assert all(len(line) <= column.size.width for line in lines)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen


@pytest.mark.parametrize(
    ("keys", "size"),
    [((), (80, 24)), (("enter",), (80, 24)), (("enter",), (120, 40))],
    ids=["queue-80x24", "ticket-80x24", "ticket-120x40"],
)
def test_help_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, db_path: Path, keys: tuple[str, ...], size: tuple[int, int]
) -> None:
    async def reach(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in (*keys, "question_mark"):
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(demo_app(db_path), terminal_size=size, run_before=reach)


def vertical_scrollbars(screen: Widget) -> list[Region]:
    """Where vertical scrollbars are drawn on `screen`: Textual's, and the one the
    ticket history draws itself at its right edge (before its margin)."""
    from textual.scrollbar import ScrollBar

    from tuidesk.widgets.history import BAR_WIDTH, HistoryView

    bars = [
        region
        for widget, (region, _) in screen._compositor.visible_widgets.items()
        if isinstance(widget, ScrollBar) and widget.vertical and region.width
    ]
    for view in screen.query(HistoryView):
        if view.has_scrollbar:
            right = view.region.right - 1  # its margin
            bars.append(Region(right - BAR_WIDTH, view.region.y, BAR_WIDTH, view.region.height))
    return bars


def assert_no_scrollbars_side_by_side(screen: Widget) -> None:
    bars = vertical_scrollbars(screen)
    for row in range(screen.size.height):
        on_row = [bar for bar in bars if bar.y <= row < bar.bottom]
        assert len(on_row) <= 1, (row, on_row)


LONG = "\n".join(f"{n}. Step {n}: check the cable, the port and the driver." for n in range(30))


async def test_the_article_editor_and_the_ticket_draw_no_scrollbars_side_by_side(
    db_path: Path,
) -> None:
    """Long symptoms, cause and resolution: each text area scrolls its own text, and no
    other scrollbar is drawn beside its scrollbar (the form scrolled too, beside it);
    the ticket's history scrolls alone, whatever its header holds."""
    from tuidesk.screens.modals.article_editor import ArticleEditorScreen
    from tuidesk.screens.ticket import TicketScreen

    app = demo_app(db_path)
    article = app.desk.kb.create(
        title="Docking station drops the monitors", symptoms=LONG, cause=LONG, resolution=LONG
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleEditorScreen(article.id))
        await settle(pilot)
        editor = app.screen
        areas = list(editor.query(TextArea))
        assert areas and all(area.show_vertical_scrollbar for area in areas)  # all long
        assert_no_scrollbars_side_by_side(editor)
        for area in areas:  # every field and the hint are on the screen
            assert area.region.height >= 2 and area.region.bottom <= 23
        hint = [s for s in editor.query(Static) if "ctrl+s saves" in str(s.render())]
        assert hint and hint[0].region.bottom <= 24
        await pilot.press("escape")
        await settle(pilot)
        busiest = max(app.desk.list_tickets(), key=lambda t: len(app.desk.history(t.id)))
        app.push_screen(TicketScreen(busiest.id))
        await settle(pilot)
        assert vertical_scrollbars(app.screen)  # its history is longer than the screen
        assert_no_scrollbars_side_by_side(app.screen)


def test_article_editor_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tuidesk.screens.modals.article_editor import ArticleEditorScreen

    app = demo_app(db_path)
    article = app.desk.kb.create(
        title="Docking station drops the monitors", symptoms=LONG, cause="Firmware.",
        resolution=LONG, tags="dock monitor", category="hardware",
    )  # fmt: skip

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        app.push_screen(ArticleEditorScreen(article.id))
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)


async def test_kb_titles_on_a_ticket_are_whole_at_80x24(db_path: Path) -> None:
    """The articles suggested for a ticket and linked to it: each on a line of its own,
    its title whole, not run into the next one across a line break."""
    from tuidesk.screens.ticket import TicketScreen
    from tuidesk.widgets.history import HistoryView

    app = demo_app(db_path)
    title = "Docking station drops both external monitors after the laptop wakes from sleep"
    article = app.desk.kb.create(title=title, resolution="Update the dock's firmware.")
    ticket = app.desk.list_tickets()[0]
    app.desk.kb.link(ticket.id, article.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(ticket.id))
        await settle(pilot)
        screen = app.screen
        linked, suggested = screen.articles
        assert linked and suggested
        lines = [line.strip() for line in screen.query_one(HistoryView).lines]
        for article_id, name, *_ in [*linked, *suggested]:
            starts = [n for n, line in enumerate(lines) if line.startswith(f"#{article_id} ")]
            assert starts, (name, lines)  # on a line of its own
            start = starts[0]
            shown = " ".join(lines[start : start + 3])
            assert shown.startswith(f"#{article_id} {name}"), (name, lines[start : start + 3])
