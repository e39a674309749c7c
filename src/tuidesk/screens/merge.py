"""Merge a duplicate: ask for the number of the ticket to keep; Enter merges, Escape cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tuidesk.screens import DeskModalScreen
from tuidesk.screens.editor import MODAL_CSS
from tuidesk.text import literal


def target_problem(value: str, source: int) -> tuple[int | None, str]:
    """The ticket number typed ("#" allowed) and the problem with it ("" when none)."""
    text = value.strip().removeprefix("#").strip()
    if not text:
        return None, "type the number of the ticket to keep"
    if not text.isdigit() or not text.isascii():
        return None, "a ticket number is digits only, e.g. 1042"
    number = int(text)
    if number == source:
        return None, "that is this ticket: type the number of the one to keep"
    return number, ""


class MergeScreen(DeskModalScreen[int | None]):
    """Which ticket the duplicate `source` goes into; the desk checks the rest."""

    DEFAULT_CSS = MODAL_CSS.format(name="MergeScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="merge.cancel")]

    def __init__(self, source: int, subject: str) -> None:
        super().__init__()
        self.source = source
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Merge #{self.source} into another ticket"
            yield Static(literal(f"#{self.source} {self.subject}"))
            yield Static(
                literal(
                    "It is closed as a duplicate; the ticket kept gets its subject, symptoms "
                    "and tags. Leads and admins only."
                ),
                classes="hint",
            )
            yield Input(placeholder="the ticket to keep, e.g. 1042", id="merge-target")
            yield Static("", classes="error", id="merge-error")
            yield Static(literal("Enter merges · Escape cancels"), classes="hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        number, problem = target_problem(event.value, self.source)
        if problem:
            self.query_one("#merge-error", Static).update(literal(problem))
            return
        self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)
