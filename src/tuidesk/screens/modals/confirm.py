"""A yes/no question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tuidesk.screens import DeskModalScreen
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.text import literal


class ConfirmScreen(DeskModalScreen[bool]):
    """A yes/no question: y or Enter for yes, n or Escape for no."""

    DEFAULT_CSS = MODAL_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question))
            if self.detail:
                yield Static(literal(self.detail), classes="hint")
            yield Static(literal("y yes · n no"), classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
