"""A snapshot of every screen and modal that has none elsewhere, in colour at 80×24,
reached the way an agent reaches it: keys from the queue of the demo desk (now fixed,
cursors steady), so the pictures check that moved code and styles still look the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import demo_app, settle

# The keys that reach each screen from the queue of the demo desk.
SCREENS = {
    "reply_editor": ("enter", "r"),
    "status_choice": ("enter", "s"),
    "assign_choice": ("enter", "a"),
    "work_log": ("enter", "t"),
    "merge": ("enter", "M"),
    "filter": ("f",),
    "views": ("v",),
    "bulk": ("space", "b"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(snap_compare, db_path: Path, screen: str) -> None:  # type: ignore[no-untyped-def]
    async def reach(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in SCREENS[screen]:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(demo_app(db_path), terminal_size=(80, 24), run_before=reach)
