"""Narrow the knowledge base: status, visibility, category, tag."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from tuidesk.screens import BoxedModal
from tuidesk.screens.confirm_drop import close_open_dropdown
from tuidesk.storage.read.kb_search import STATUSES, KbFilter
from tuidesk.text import literal

STATUS_CHOICES = (
    ("Draft and published", ("draft", "published")),
    ("Published", ("published",)),
    ("Drafts", ("draft",)),
    ("Archived", ("archived",)),
    ("All", STATUSES),
)


class KbFilterScreen(BoxedModal[KbFilter | None]):
    """Narrow the knowledge base by status, visibility, category and tag: Enter applies,
    ctrl+r clears every field, Escape closes, as the queue's filter form does. Enter in an
    open dropdown picks its option; the form opens on the field `focus`."""

    BINDINGS = [
        Binding("enter", "apply", "Apply", priority=True, id="kbfilter.apply"),
        Binding("ctrl+r", "clear", "Clear all", id="kbfilter.clear"),
        Binding("escape", "cancel", "Close", priority=True, id="kbfilter.cancel"),
    ]
    FIELDS = ("kbf-status", "kbf-visibility", "kbf-category", "kbf-tag")

    def __init__(self, narrow: KbFilter, focus: str = FIELDS[0]) -> None:
        super().__init__()
        self.narrow = narrow
        self.last_field = focus if focus in self.FIELDS else self.FIELDS[0]

    def compose(self) -> ComposeResult:
        statuses = [(label, n) for n, (label, _) in enumerate(STATUS_CHOICES)]
        current = next(
            (n for n, (_, s) in enumerate(STATUS_CHOICES) if s == self.narrow.statuses), 0
        )
        with Vertical() as box:
            box.border_title = "Filter articles"
            yield Static("Status")
            yield Select(statuses, value=current, allow_blank=False, id="kbf-status")
            yield Static("Visibility")
            yield Select(
                [("Any", ""), ("Internal", "internal"), ("Public", "public")],
                value=self.narrow.visibility,
                allow_blank=False,
                id="kbf-visibility",
            )
            yield Static("Category")
            yield Input(self.narrow.category, placeholder="any", id="kbf-category")
            yield Static("Tag")
            yield Input(self.narrow.tag, placeholder="any", id="kbf-tag")
            yield Static(
                literal("Enter applies · Ctrl+R clears all · Escape closes · Space opens a list"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(f"#{self.last_field}").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter in an open dropdown is the dropdown's: it picks the option
        if action == "apply":
            return not any(select.expanded for select in self.query(Select))
        return True

    def _remember_field(self) -> None:
        node = self.focused
        while node is not None and node is not self:
            if node.id in self.FIELDS:
                self.last_field = node.id
                return
            node = node.parent

    def action_apply(self) -> None:
        self._remember_field()
        status = self.query_one("#kbf-status", Select).value
        visibility = self.query_one("#kbf-visibility", Select).value
        self.dismiss(
            KbFilter(
                statuses=STATUS_CHOICES[int(status)][1],  # type: ignore[arg-type]
                visibility=str(visibility),
                category=self.query_one("#kbf-category", Input).value.strip().lower(),
                tag=self.query_one("#kbf-tag", Input).value.strip().lower(),
            )
        )

    def action_clear(self) -> None:
        self.query_one("#kbf-status", Select).value = 0
        self.query_one("#kbf-visibility", Select).value = ""
        for field in ("#kbf-category", "#kbf-tag"):
            self.query_one(field, Input).value = ""

    def action_cancel(self) -> None:
        if close_open_dropdown(self):
            return
        self._remember_field()
        self.dismiss(None)
