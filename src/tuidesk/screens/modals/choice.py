"""Pick one of a few choices from a list."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tuidesk.screens import DeskModalScreen
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.text import literal, one_line


class ChoiceScreen(DeskModalScreen[str | None]):
    """Pick one of `choices` ((id, label) pairs); Enter picks, Escape cancels.

    The list opens on `current` (the value the thing has now), so Enter keeps it."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChoiceScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, str]],
        hint: str = "",
        current: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.hint = hint
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = literal(one_line(self.title_text))
            yield OptionList(*(Option(literal(label), id=key) for key, label in self.choices))
            yield Static(literal(self.hint or "Enter picks · Escape cancels"), classes="hint")

    def on_mount(self) -> None:
        keys = [key for key, _ in self.choices]
        if self.current in keys:
            self.query_one(OptionList).highlighted = keys.index(self.current)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
