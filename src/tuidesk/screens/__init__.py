"""One screen per file."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


class QuietBeneath:
    """For a screen that others open over: its changes go up to the screen on top once.

    Textual (8.x) hands the changes of a visible screen beneath to the top screen and
    marks the screen beneath changed again as it does so, which hands them up again on
    the next frame, for as long as the top screen is open: with the filter form or a
    reply editor over the queue or a ticket, the whole screen was written to the
    terminal three times a second (27 KB/s over SSH, idle)."""

    def _compositor_refresh(self) -> None:
        screen: Any = self
        app, dirty = screen.app, screen._compositor._dirty_regions
        if screen is not app.screen and screen in app._background_screens and dirty:
            app.screen.refresh(*dirty)
            dirty.clear()
            screen._dirty_widgets.clear()
            return
        super()._compositor_refresh()  # type: ignore[misc]


def binding_commands(screen: Screen[object], prefix: str) -> Iterable[SystemCommand]:
    """A command-palette entry for each of the screen's described bindings."""
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.description and binding.id:
            key = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                f"{prefix}: {binding.description}",
                f"Key {key}",
                partial(screen.run_action, binding.action),
            )
