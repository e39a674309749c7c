"""Save the queue's current view, filter and order under a name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tuidesk.screens import BoxedModal
from tuidesk.text import literal, one_line

MAX_NAME = 40


def check_name(name: str) -> str:
    """The problem with a view name, "" when there is none."""
    name = " ".join(name.split())
    if not name:
        return "give the view a name"
    if len(name) > MAX_NAME:
        return f"keep the name under {MAX_NAME} characters"
    return ""


class SaveViewScreen(BoxedModal[str | None]):
    """Ask for the name to save the current view under; Enter saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save_view.cancel")]

    def __init__(self, what: str, name: str = "", taken: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.what = what  # the view and filter being saved, described
        self.initial = name
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Save this view"
            yield Static(literal(self.what))
            yield Input(self.initial, placeholder="a name, e.g. Printers P1-P2", id="view-name")
            yield Static("", classes="error", id="view-error")
            yield Static(literal("Enter saves · Escape cancels"), classes="hint")

    @on(Input.Changed)
    def check(self, event: Input.Changed) -> None:
        name = " ".join(event.value.split())
        problem = check_name(event.value) if event.value else ""
        if not problem and name in self.taken:
            problem = f"replaces your view {one_line(name)!r}"
        self.query_one("#view-error", Static).update(literal(problem))

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        problem = check_name(event.value)
        if problem:
            self.query_one("#view-error", Static).update(literal(problem))
            return
        self.dismiss(" ".join(event.value.split()))

    def action_cancel(self) -> None:
        self.dismiss(None)
