"""One screen per file."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.actions import parse
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


def binding_commands(screen: Screen[object], prefix: str) -> Iterable[SystemCommand]:
    """A command-palette entry for each of the screen's described bindings, but for
    what the agent may not do here (the screen's `check_action` says False)."""
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.description and binding.id:
            _, name, parameters = parse(binding.action)
            if screen.check_action(name, parameters) is False:
                continue
            key = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                f"{prefix}: {binding.description}",
                f"Key {key}",
                partial(screen.run_action, binding.action),
            )
