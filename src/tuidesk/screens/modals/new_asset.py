"""New equipment of the requester."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from tuidesk.screens.modals.fields_form import FieldsForm
from tuidesk.text import literal


class NewAssetScreen(FieldsForm):
    """Equipment of the requester: kind, model, serial, warranty end."""

    FIELDS = (
        ("kind", "Kind"), ("model", "Model"), ("serial", "Serial"),
        ("warranty", "Warranty to"),
    )  # fmt: skip
    WHAT = "new equipment"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "New equipment"
            for key, label in self.FIELDS:
                with Horizontal():
                    yield Static(label, classes="label")
                    placeholder = "YYYY-MM-DD" if key == "warranty" else ""
                    yield Input(placeholder=placeholder, id=f"customer-{key}")
            yield Static("", classes="error", id="customer-error")
            yield Static(literal("ctrl+s adds it · Escape cancels"), classes="hint")

    def action_save(self) -> None:
        values = {key: self.query_one(f"#customer-{key}", Input).value for key, _ in self.FIELDS}
        error = ""
        if not values["kind"].strip():
            error = "kind: laptop, printer, phone …"
        elif values["warranty"].strip():
            try:
                date.fromisoformat(values["warranty"].strip())
            except ValueError:
                error = "warranty to: a date like 2027-03-31"
        if error:
            self.query_one("#customer-error", Static).update(literal(error))
            return
        self.dismiss(values)
