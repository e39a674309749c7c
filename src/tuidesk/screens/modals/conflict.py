"""The collision view: what another agent changed while this one wrote."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tuidesk.screens import DeskModalScreen
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.text import literal, plural


class ConflictScreen(DeskModalScreen[str | None]):
    """Someone changed the ticket while you wrote: what they did, and what to do now.

    Dismisses with "apply" (save yours on top of theirs) or "edit" (keep editing).
    """

    DEFAULT_CSS = (
        MODAL_CSS.format(name="ConflictScreen")
        + """
    ConflictScreen VerticalScroll { height: auto; max-height: 16; }
    ConflictScreen .event-head { text-style: bold; }
    ConflictScreen .event-body { padding-left: 2; }
    """
    )
    BINDINGS = [
        Binding("a", "choose('apply')", "Apply mine on top", id="conflict.apply"),
        Binding("e,escape", "choose('edit')", "Keep editing", id="conflict.edit"),
    ]

    def __init__(
        self, what: str, changes: Sequence[tuple[str, str]], fields: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.what = what
        self.changes = list(changes)  # (event heading: what, who, when; its text)
        self.fields = list(fields)  # "Status: Open → On hold"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Changed while you were writing"
            yield Static(
                literal(
                    f"Someone changed this ticket after you opened it. Your {self.what} is "
                    "not saved yet and not lost. What changed:"
                ),
                classes="notice",
            )
            with VerticalScroll():
                if self.fields:
                    yield Static(literal("Fields"), classes="event-head")
                    for line in self.fields:
                        yield Static(literal(line), classes="event-body")
                if not self.changes and not self.fields:
                    yield Static(literal("(no new history event and no field shown here changed)"))
                for head, body in self.changes:
                    yield Static(literal(head), classes="event-head")
                    if body:
                        yield Static(literal(_fold(body)), classes="event-body")
            yield Static(
                literal("a applies yours on top of these · e (or Escape) goes back to editing"),
                classes="hint",
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def _fold(text: str, lines: int = 6) -> str:
    parts = text.splitlines()
    if len(parts) <= lines:
        return text
    return (
        "\n".join(parts[:lines]) + f"\n… ({plural(len(parts) - lines, 'more line', 'more lines')})"
    )
