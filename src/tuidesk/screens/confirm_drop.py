"""The one question asked before typed work is dropped, by every editor and form.

Only the key it names drops the work: Enter, a stray key or a second Escape keep it,
since keeping a draft on disk is the side a mistake can be undone from.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Select, Static

from tuidesk.screens import DeskModalScreen
from tuidesk.text import literal

DROP_KEY = "d"
KEEP_KEYS = ("k", "escape")


class ConfirmDropScreen(DeskModalScreen[bool]):
    """`Drop this reply?` with what would be lost: d drops (True), k or Escape keeps
    editing (False); any other key, Enter included, only repeats which keys answer."""

    BINDINGS = [
        Binding(DROP_KEY, "answer(True)", "Drop it", id="drop.drop"),
        Binding(",".join(KEEP_KEYS), "answer(False)", "Keep editing", id="drop.keep"),
    ]

    def __init__(self, what: str, detail: str = "") -> None:
        super().__init__()
        self.what = what
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Unsent"
            yield Static(literal(f"Drop this {self.what}?"), classes="question")
            if self.detail:
                yield Static(literal(self.detail), classes="hint")
            yield Static(literal("d drop · k keep editing"), id="drop-keys")
            yield Static("", classes="nudge", id="drop-nudge")

    def on_mount(self) -> None:
        self.query_one("#drop-nudge").display = False

    def on_key(self, event: events.Key) -> None:
        if event.key == DROP_KEY or event.key in KEEP_KEYS:
            return  # the bindings answer
        event.stop()  # nothing else answers, not even the app's own keys (q quits)
        nudge = self.query_one("#drop-nudge", Static)
        name = "Enter" if event.key == "enter" else event.key
        nudge.update(literal(f"{name} does not answer: d drops it, k keeps editing"))
        nudge.display = True

    def action_answer(self, drop: bool) -> None:
        self.dismiss(drop)


def size_of(text: str) -> str:
    """`34 characters on 2 lines`: what dropping would lose, for the question's detail."""
    characters, lines = len(text), text.count("\n") + 1
    return (
        f"{characters} character{'s' if characters != 1 else ''} on "
        f"{lines} line{'s' if lines != 1 else ''}"
    )


def close_open_dropdown(screen: Screen[object]) -> bool:
    """Close the screen's open dropdown, if one is open: Escape there means the list."""
    for select in screen.query(Select):
        if select.expanded:
            select.expanded = False
            select.focus()
            return True
    return False
