"""A new customer, taken down on the phone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from tuidesk.screens.modals.fields_form import FieldsForm
from tuidesk.text import literal


class NewCustomerScreen(FieldsForm):
    """A customer taken down on the phone: name, email, phone, organization, location."""

    FIELDS = (
        ("name", "Name"), ("email", "Email"), ("phone", "Phone"),
        ("organization", "Organization"), ("location", "Location"),
    )  # fmt: skip
    WHAT = "new customer"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "New customer"
            for key, label in self.FIELDS:
                with Horizontal():
                    yield Static(label, classes="label")
                    yield Input(self.initial if key == "name" else "", id=f"customer-{key}")
            yield Static("", classes="error", id="customer-error")
            yield Static(
                literal("ctrl+s creates · Tab next field · Escape cancels"), classes="hint"
            )

    def action_save(self) -> None:
        values = {key: self.query_one(f"#customer-{key}", Input).value for key, _ in self.FIELDS}
        if not values["name"].strip():
            self.query_one("#customer-error", Static).update(literal("name: who is calling?"))
            self.query_one("#customer-name", Input).focus()
            return
        self.dismiss(values)
