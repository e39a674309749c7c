"""Every screen and modal at 80×24 in colour, reached the way a user reaches it: keys on
the demo desk (fixed at FIXED_NOW, cursors steady), so a change of look shows here.

Those without colour are in test_layout's test_screens_without_colour_snapshot; the
queue, ticket, intake, escalate, knowledge base, help and article editor have their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import demo_app, settle

# the keys from the queue of the demo desk
SCREENS = {
    "reply_editor": ("enter", "r"),
    "status_choice": ("enter", "s"),
    "assign_choice": ("enter", "a"),
    "priority_choice": ("enter", "p"),
    "work_log": ("enter", "t"),
    "reopen_confirm": ("7", "enter", "o"),
    "merge": ("enter", "M"),
    "filter": ("f",),
    "views": ("v",),
    "save_view": ("w",),
    "bulk": ("space", "b"),
    "new_customer": ("n", *"Ines Ortega", "ctrl+n"),
    "kb_revisions": ("K", "down", "H"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(snap_compare, db_path: Path, screen: str) -> None:  # type: ignore[no-untyped-def]
    async def reach(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in SCREENS[screen]:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(demo_app(db_path), terminal_size=(80, 24), run_before=reach)


def test_hand_off_review_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The hand-off an L2 agent reads first when they open a ticket escalated to them."""
    from tests.conftest import FIXED_NOW, Clock
    from tuidesk.app import make_app
    from tuidesk.config import Settings
    from tuidesk.screens.ticket import TicketScreen
    from tuidesk.storage.database import open_database

    first = demo_app(db_path)
    ticket = first.desk.list_tickets(statuses=["new"], tier=1, limit=1)[0]
    first.desk.escalate(ticket.id, tier=2, tried="Reset the profile", theory="Sync bug",
                        needs="Mail on the phone")  # fmt: skip
    db = open_database(db_path)
    with db.engine.connect() as conn:
        login = conn.exec_driver_sql(
            "SELECT login FROM agent WHERE tier = 2 AND active ORDER BY login LIMIT 1"
        ).scalar_one()
    settings = Settings(db=str(db_path), demo=True, as_login=login)
    second = make_app(settings, db=db, clock=Clock(FIXED_NOW))

    async def open_ticket(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        second.push_screen(TicketScreen(ticket.id))
        await settle(pilot)

    assert snap_compare(second, terminal_size=(80, 24), run_before=open_ticket)
