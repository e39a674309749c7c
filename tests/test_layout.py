"""What the screens show at 80×24 and without colour: focus, columns, headers, wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from tests.test_app import demo_app, settle


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
