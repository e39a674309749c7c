"""The app-building and waiting helpers the test files share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import DEMO_OWNER, FIXED_NOW, Clock, copy_of_demo
from tuidesk.app import TuideskApp, make_app
from tuidesk.config import Settings
from tuidesk.demo.build import ensure_demo
from tuidesk.storage.database import open_database


def demo_app(path: Path) -> TuideskApp:
    """The app on the demo desk at `path`, which is made there unless it exists."""
    if not path.exists():
        copy_of_demo(path)
    db = open_database(path)
    ensure_demo(db, now=FIXED_NOW, owner=DEMO_OWNER)
    settings = Settings(db=str(path), demo=True, as_login="alex")
    return make_app(settings, db=db, clock=Clock(FIXED_NOW))


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the workers read and the screen draw what they read."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot, condition: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    """Wait, a frame at a time, until `condition()` holds (five seconds at most)."""
    for _ in range(500):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError("the screen did not get there")
