"""Merging a duplicate from the ticket screen: M, the number of the ticket to keep, Enter."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXED_NOW, Clock
from tests.helpers import demo_app, settle
from tests.test_ticket_screen import kinds, open_first
from tuidesk.app import make_app
from tuidesk.config import Settings
from tuidesk.screens.merge import MergeScreen, target_problem
from tuidesk.storage.database import open_database


def test_the_target_is_a_number_other_than_this_ticket() -> None:
    assert target_problem(" #42 ", 7) == (42, "")
    assert target_problem("", 7)[1] == "type the number of the ticket to keep"
    assert target_problem("4x2", 7)[1] == "a ticket number is digits only, e.g. 1042"
    assert target_problem("٤٢", 7)[1] == "a ticket number is digits only, e.g. 1042"
    assert target_problem("7", 7)[1].startswith("that is this ticket")


async def test_a_lead_merges_a_duplicate_from_the_ticket_screen(db_path: Path) -> None:
    app = demo_app(db_path)  # alex, the demo's admin
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot)
        source = screen.ticket_id
        target = next(t.id for t in app.desk.list_tickets(statuses=["open"]) if t.id != source)
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, MergeScreen)
        await pilot.press(*str(source), "enter")  # itself: refused in the box
        await settle(pilot)
        assert isinstance(app.screen, MergeScreen)
        await pilot.press(*["backspace"] * 6, *str(target), "enter")
        await settle(pilot)
        await pilot.press("y")  # both shown: the question answered
        await settle(pilot)
        assert app.screen is screen
        assert app.desk.get_ticket(source).status == "closed"
        assert kinds(app, source)[-2:] == ["merge", "status"]
        assert kinds(app, target)[-1] in ("merge", "tags")
        messages = [str(n.message) for n in app._notifications]
        assert any(m.endswith("merged") for m in messages)


async def test_an_agent_is_told_who_may_merge_and_nothing_changes(db_path: Path) -> None:
    demo_app(db_path).desk.db.dispose()  # the demo desk, then open it as an L1 agent
    db = open_database(db_path)
    settings = Settings(db=str(db_path), demo=True, as_login="amira")
    app = make_app(settings, db=db, clock=Clock(FIXED_NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, "6")
        before = app.desk.get_ticket(screen.ticket_id)
        target = next(  # an open ticket to merge into: the refusal is about who asks
            t.id
            for t in app.desk.list_tickets()
            if t.id != screen.ticket_id and t.status not in ("resolved", "closed")
        )
        await pilot.press("M")
        await settle(pilot)
        await pilot.press(*str(target), "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications if n.title == "Not saved"]
        assert any("only leads and admins may merge tickets" in m for m in messages)
        assert app.desk.get_ticket(screen.ticket_id).version == before.version
