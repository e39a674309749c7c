"""The hand-off an agent of the new tier reads first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tuidesk.screens import DeskModalScreen
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.text import literal


class HandoffReviewScreen(DeskModalScreen[None]):
    """The hand-off an agent of the new tier reads before anything else (once)."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="HandoffReviewScreen")
        + """
    HandoffReviewScreen VerticalScroll { height: auto; max-height: 20; }
    HandoffReviewScreen .path { text-style: bold; }
    """
    )
    BINDINGS = [Binding("enter,escape", "done", "Read it", id="review.done")]

    def __init__(self, ticket_id: int, heading: str, path: str, body: str) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.heading = heading
        self.path = path
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"#{self.ticket_id}: review the hand-off first"
            yield Static(literal(self.heading), classes="path")
            if self.path:
                yield Static(literal(f"Path: {self.path}"))
            with VerticalScroll():
                yield Static(literal(self.body))
            yield Static(literal("Enter: read, on to the ticket"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_done(self) -> None:
        self.dismiss(None)
