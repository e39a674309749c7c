"""The short forms taken down on the phone: a label and a one-line field a row."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from tuidesk.screens import BoxedModal
from tuidesk.screens.confirm_drop import ConfirmDropScreen


class FieldsForm(BoxedModal[dict[str, str] | None]):
    """A short form taken down on the phone, a label and a one-line field a row:
    ctrl+s dismisses with the values by field, Escape asks before dropping what was typed."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="customer.cancel"),
        Binding("ctrl+s", "save", "Create", priority=True, id="customer.save"),
    ]
    FIELDS: tuple[tuple[str, str], ...] = ()  # (key, label)
    WHAT = ""  # what is dropped, for the question

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.initial = name

    def action_cancel(self) -> None:
        typed = [
            self.query_one(f"#customer-{key}", Input).value.strip()
            != (self.initial.strip() if key == "name" else "")
            for key, _ in self.FIELDS
        ]
        if not any(typed):
            self.dismiss(None)
            return

        def answer(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        detail = "Not added yet: what you typed here is gone once dropped."
        self.app.push_screen(ConfirmDropScreen(self.WHAT, detail), answer)
