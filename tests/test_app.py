"""The app as an agent sees it: started through the CLI's factory on demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO_OWNER, FIXED_NOW, Clock
from tests.helpers import demo_app, settle
from tuidesk.app import make_app
from tuidesk.config import Settings
from tuidesk.storage.database import open_database
from tuidesk.widgets.ticket_list import TicketList

OWNER = DEMO_OWNER


async def test_app_starts_on_the_demo_at_80x24_and_quits(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        assert ticket_list.total == 140  # every active demo ticket
        assert "[6 Open 140]" in str(app.screen.query_one("#queue-views").render())
        assert ticket_list.current is not None
        await pilot.press("j", "j")
        assert ticket_list.cursor == 2
        await pilot.press("k")
        assert ticket_list.cursor == 1
        await pilot.press("G")
        assert ticket_list.cursor == 139
        await pilot.press("g")
        assert ticket_list.cursor == 0
        await pilot.press("pagedown")
        assert ticket_list.cursor == ticket_list.page - 1
        await pilot.press("pageup")
        assert ticket_list.cursor == 0
        await pilot.press("q")
    assert app.return_code == 0


async def test_demo_is_created_on_first_use_through_the_factory(isolated_dirs: Path) -> None:
    from tuidesk.config import resolve_settings

    settings = resolve_settings(demo=True)
    assert settings.db.startswith(str(isolated_dirs / "data"))
    app = make_app(settings)
    assert app.desk.count_tickets() == 240
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_queue_snapshot(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(db_path), terminal_size=size, run_before=settle)


async def test_enter_opens_the_ticket_with_its_history_and_escape_returns(db_path: Path) -> None:
    from textual.widgets import Static

    from tuidesk.screens.queue import QueueScreen
    from tuidesk.screens.ticket import TicketScreen

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.screen.query_one(TicketList).current
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.ticket_id == first.id
        head = str(app.screen.query_one("#ticket-head", Static).render())
        assert f"#{first.id}" in head and first.subject in head
        from tuidesk.widgets.history import HistoryView

        blocks = app.screen.query_one(HistoryView).blocks
        texts = [b.heading for b in blocks if b.kind not in ("section", "field", "item", "handoff")]
        assert texts[0].startswith("CREATED")
        assert any(t.startswith("PUBLIC REPLY") for t in texts)
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)


async def test_hostile_text_is_shown_literally_in_queue_and_ticket(db_path: Path) -> None:
    from tests.test_text import HOSTILE
    from tuidesk.screens.ticket import TicketScreen
    from tuidesk.text import clean

    app = demo_app(db_path)
    customer = app.desk.find_or_create_customer("[red]Mallory[/red] \x1b[2J")
    ticket = app.desk.create_ticket(
        subject=HOSTILE.replace("\n", " "),
        requester_id=customer.id,
        description=HOSTILE,
        impact=1,
        urgency=1,
    )
    app.desk.reply(ticket.id, HOSTILE)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        position = next(p for p, row in ticket_list.rows.items() if row.id == ticket.id)
        line = ticket_list.render_line(position - ticket_list.scroll_offset.y + 1).text
        assert "[b]bold[/b] [link=https://evil.example]x[/link] [/] [31mred[0m" in line
        assert "\x1b" not in line
        assert "[red]Mallory[/r…" in line  # cut to the column, still literal
        ticket_list.cursor = position
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        from tuidesk.widgets.history import HistoryView

        view = app.screen.query_one(HistoryView)
        bodies = [b.body for b in view.blocks if b.body]
        assert any(clean(HOSTILE) in line for line in view.lines)  # drawn, cleaned
        assert clean(HOSTILE) in bodies


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_ticket_snapshot(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def open_second(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)

    assert snap_compare(demo_app(db_path), terminal_size=size, run_before=open_second)


async def test_number_keys_switch_views_with_counts(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 60)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        await pilot.press("5")
        await settle(pilot)
        assert app.screen.view.key == "waiting"
        assert ticket_list.total == app.screen.counts["waiting"] == 40
        statuses = {r.status for r in ticket_list.rows.values()}
        assert statuses == {"pending_customer", "pending_vendor"}
        await pilot.press("1")
        await settle(pilot)
        assert ticket_list.total == app.screen.counts["mine"] > 0
        assert {r.assignee for r in ticket_list.rows.values()} == {"alex"}


async def test_ordered_by_nearest_due_time_breached_first(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 60)) as pilot:
        await settle(pilot)
        rows = [r for _, r in sorted(app.screen.query_one(TicketList).rows.items())]
        dues = [r.sla_due_at for r in rows if r.sla_due_at is not None]
        assert dues == sorted(dues)
        assert dues[0] < FIXED_NOW  # breached first
        running = [r for r in rows if r.sla_due_at is not None]
        assert rows[: len(running)] == running  # tickets without a running clock last


async def test_take_assigns_the_ticket_under_the_cursor(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # unassigned in my tier
        await settle(pilot)
        row = app.screen.query_one(TicketList).current
        await pilot.press("a")
        await settle(pilot)
        assert app.desk.get_ticket(row.id).assignee_id == app.desk.actor.id
        assert all(r.id != row.id for r in app.screen.query_one(TicketList).rows.values())


async def test_another_agents_new_ticket_appears_without_a_keypress(db_path: Path) -> None:
    from tuidesk.services.desk import Desk
    from tuidesk.services.identity import resolve_actor

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        assert ticket_list.total == 140
        other_db = open_database(db_path)  # a second connection, as another agent's process
        other = Desk(other_db, resolve_actor(other_db, "amira"), Clock(FIXED_NOW))
        customer = other.find_or_create_customer("new.person@example.com")
        new = other.create_ticket(
            subject="Fresh from the phone", requester_id=customer.id, impact=1, urgency=1
        )
        other_db.dispose()
        for _ in range(30):  # no key is pressed: the poll finds the change
            await pilot.pause(0.1)
            if ticket_list.total == 141:
                break
        await settle(pilot)
        assert ticket_list.total == 141
        assert any(r.id == new.id for r in ticket_list.rows.values())


async def test_a_large_database_opens_without_reading_all_rows(tmp_path: Path) -> None:
    from tuidesk.seed import seed_database

    path = tmp_path / "big.db"
    db = open_database(path)
    seed_database(db, tickets=120_000)
    app = make_app(Settings(db=str(path)), db=db, clock=Clock(FIXED_NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        assert ticket_list.total > 30_000
        assert 0 < len(ticket_list.rows) <= 200  # the screen and a margin, not the view
        await pilot.press("G")
        await settle(pilot)
        assert ticket_list.current is not None
        assert len(ticket_list.rows) <= 400


async def test_the_running_app_sweeps_sla_breaches(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    import tuidesk.app

    monkeypatch.setattr(tuidesk.app, "SWEEP_FIRST_DELAY", 0.05)
    db = open_database(db_path)
    clock = Clock(FIXED_NOW)
    app = make_app(Settings(db=str(db_path)), db=db, clock=clock)
    customer = app.desk.find_or_create_customer("ops@example.com")
    ticket = app.desk.create_ticket(
        subject="Mail down", requester_id=customer.id, impact=1, urgency=3
    )
    clock.now = FIXED_NOW + timedelta(days=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
    # P3 on 12x5: the 4h first response breached (and raised the priority, as the
    # post-warranty policy says); the 36h resolution is only at risk by Saturday
    kinds = [e.event.kind for e in app.desk.history(ticket.id)]
    assert kinds == ["created", "sla_warning", "sla_breach", "priority", "sla_warning"]


async def test_sort_cycles_columns_and_reverses(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        assert "SLA↑" in ticket_list.render_line(0).text
        await pilot.press("s")  # priority
        await settle(pilot)
        assert app.screen.sort.key == "priority"
        priorities = [r.priority for _, r in sorted(ticket_list.rows.items())]
        assert priorities == sorted(priorities) and priorities[0] == 1
        assert "P↑" in ticket_list.render_line(0).text
        await pilot.press("S")
        await settle(pilot)
        priorities = [r.priority for _, r in sorted(ticket_list.rows.items())]
        assert priorities == sorted(priorities, reverse=True)
        assert ticket_list.total == 140


async def test_palette_offers_views_and_actions_of_the_queue(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "View: Escalated to my tier" in titles
        assert "Sort by priority" in titles and "Take the ticket" in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"waiting on")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.view.key == "waiting"


def test_parse_filter_checks_each_field() -> None:
    from tuidesk.errors import ValidationError
    from tuidesk.screens.modals.filter import parse_filter
    from tuidesk.storage.read.queue import Filter

    parsed = parse_filter(
        {"text": "  VPN  drops ", "status": "open, pending_customer", "priority": "P1,2",
         "tier": "2", "assignee": "me", "organization": "North", "tag": "VPN"}
    )  # fmt: skip
    assert parsed == Filter(
        statuses=("open", "pending_customer"),
        priorities=(1, 2),
        tiers=(2,),
        assignee="me",
        organization="North",
        tag="vpn",
        text="VPN drops",
    )
    assert not parse_filter({})
    for fields, field in [
        ({"status": "done"}, "status"),
        ({"priority": "P7"}, "priority"),
        ({"tier": "x"}, "tier"),
        ({"assignee": "a b"}, "assignee"),
        ({"tag": "two tags"}, "tag"),
    ]:
        with pytest.raises(ValidationError) as caught:
            parse_filter(fields)
        assert caught.value.field == field


async def test_filter_and_search_narrow_the_view_and_escape_clears(db_path: Path) -> None:
    from tuidesk.screens.modals.filter import FilterScreen

    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        await pilot.press("slash")
        assert isinstance(app.screen, FilterScreen)
        await pilot.press(*"printer")
        await pilot.press("enter")
        await settle(pilot)
        rows = list(ticket_list.rows.values())
        assert 0 < ticket_list.total < 140 and len(rows) == ticket_list.total
        assert all("printer" in (r.subject + r.requester).lower() for r in rows)
        assert 'filter "printer"' in str(app.screen.query_one("#queue-views").render())
        await pilot.press("f", "tab", "tab")  # from text (used last) past status to priority
        await pilot.press(*"P1,P2")
        await pilot.press("enter")
        await settle(pilot)
        assert all(r.priority in (1, 2) for r in ticket_list.rows.values())
        await pilot.press("escape")
        await settle(pilot)
        assert ticket_list.total == 140
        # a mistake is shown where it is typed and nothing is applied
        await pilot.press("f")  # back on priority, the field used last
        await pilot.press(*"P9")
        await pilot.press("enter")
        assert isinstance(app.screen, FilterScreen)
        assert "priority" in str(app.screen.query_one("#filter-error").render())
        await pilot.press("escape")
        assert ticket_list.total == 140


async def test_filter_text_with_sql_and_like_characters_is_data(db_path: Path) -> None:
    from tuidesk.storage.read.queue import VIEW_BY_KEY, Filter

    app = demo_app(db_path)
    reader = app.desk.queue_reader()
    for text in ("%", "_", "' OR 1=1 --", '"', "\\", "[b]"):
        rows = reader.window(
            VIEW_BY_KEY["open"], FIXED_NOW, offset=0, limit=500, narrow=Filter(text=text)
        )
        assert all(text.lower() in (r.subject + r.requester).lower() for r in rows)
    reader.close()


async def test_arrows_refresh_help_and_the_mouse(db_path: Path) -> None:
    from tuidesk.screens.ticket import TicketScreen

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        await pilot.press("down", "down", "up")
        assert ticket_list.cursor == 1
        kept = ticket_list.current
        app.desk.add_note(kept.id, "checked the cabling")  # changes it, moves nothing
        await pilot.press("r")
        await settle(pilot)
        assert ticket_list.current is not None and ticket_list.current.id == kept.id
        assert ticket_list.current.version == kept.version + 1  # read again
        from tuidesk.screens.help import HelpScreen

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.click(TicketList, offset=(10, 3))  # line 0 is the header, 3 is row 2
        assert ticket_list.cursor == 2
        await pilot.click(TicketList, offset=(10, 3), times=2)
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.ticket_id == ticket_list.rows[2].id


async def test_garbage_is_collected_between_frames_and_python_gets_its_collector_back(
    db_path: Path,
) -> None:
    import gc
    import weakref

    class Node:
        pass

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not gc.isenabled()  # not in the middle of a frame: on the app's timer
        cycle = Node()
        cycle.me = cycle  # type: ignore[attr-defined]
        gone = weakref.ref(cycle)
        del cycle
        for _ in range(700):  # enough new objects for a collection to be due
            Node().me = None  # type: ignore[attr-defined]
        keep = [Node() for _ in range(800)]  # noqa: F841 - allocated and alive
        for _ in range(30):
            await pilot.pause(0.1)
            if gone() is None:
                break
        assert gone() is None  # the cycle was collected while the app ran
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("view", ["3", "2"])
async def test_a_short_view_draws_under_no_color(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    """Below the last row the queue drew an unstyled blank line, which Textual's
    no-colour filter cannot take (AttributeError: 'NoneType' object has no attribute
    'color'), and the app died."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(view)
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        assert ticket_list.total < ticket_list.size.height  # rows end above the bottom
        assert app.screen.view.key == {"3": "escalated", "2": "unassigned"}[view]
        assert app.is_running
