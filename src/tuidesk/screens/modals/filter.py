"""The queue's filter: a modal form, each field checked where it is typed."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from tuidesk.domain import workflow
from tuidesk.errors import ValidationError
from tuidesk.screens import BoxedModal
from tuidesk.storage.read.queue import Filter
from tuidesk.text import literal

FIELDS = (  # field, label, placeholder
    ("text", "Text", "words in the subject or the requester's name"),
    ("status", "Status", "open, pending_customer … (comma-separated)"),
    ("priority", "Priority", "1,2 or P1,P2"),
    ("tier", "Tier", "1 to 4, comma-separated"),
    ("assignee", "Assignee", "a login, me, or none"),
    ("organization", "Organization", "part of its name"),
    ("tag", "Tag", "one tag"),
)
FIELD_NAMES = tuple(field for field, _, _ in FIELDS)


def _numbers(raw: str, field: str, allowed: range, prefix: str) -> tuple[int, ...]:
    values = []
    for part in raw.replace(" ", ",").split(","):
        part = part.strip().upper().removeprefix(prefix)
        if not part:
            continue
        if not part.isdigit() or int(part) not in allowed:
            raise ValidationError(
                f"{part!r} is not a {field}; use {allowed.start} to {allowed.stop - 1}", field
            )
        values.append(int(part))
    return tuple(sorted(set(values)))


def parse_filter(fields: dict[str, str]) -> Filter:
    """A Filter from the form's text; ValidationError names the field that is wrong."""
    statuses = []
    for part in fields.get("status", "").replace(" ", ",").split(","):
        part = part.strip().lower()
        if part:
            try:
                statuses.append(workflow.check_status(part))
            except ValidationError as error:
                raise ValidationError(str(error), "status") from None
    assignee = fields.get("assignee", "").strip()
    if assignee and not all(ch.isalnum() or ch in "._-" for ch in assignee):
        raise ValidationError(f"{assignee!r} is not a login", "assignee")
    tag = fields.get("tag", "").strip().lower()
    if " " in tag:
        raise ValidationError("give one tag, without spaces", "tag")
    return Filter(
        statuses=tuple(sorted(set(statuses))),
        priorities=_numbers(fields.get("priority", ""), "priority", range(1, 6), "P"),
        tiers=_numbers(fields.get("tier", ""), "tier", range(1, 5), "L"),
        assignee=assignee,
        organization=fields.get("organization", "").strip(),
        tag=tag,
        text=" ".join(fields.get("text", "").split()),
    )


def filter_fields(current: Filter) -> dict[str, str]:
    return {
        "text": current.text,
        "status": ", ".join(current.statuses),
        "priority": ", ".join(f"P{p}" for p in current.priorities),
        "tier": ", ".join(str(t) for t in current.tiers),
        "assignee": current.assignee,
        "organization": current.organization,
        "tag": current.tag,
    }


class FilterScreen(BoxedModal[Filter | None]):
    """Narrow the queue; Enter applies, ctrl+r clears, Escape closes leaving the filter as
    it was (the keys of every filter form). `last_field` is the field that had the focus
    at the end, for the queue to reopen the form there."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="filter.cancel"),
        Binding("ctrl+r", "clear", "Clear all", id="filter.clear"),
        Binding("enter", "apply", "Apply", id="filter.apply", priority=True),
    ]

    def __init__(self, current: Filter, focus: str = "text") -> None:
        super().__init__()
        self.current = current
        self.last_field = focus if focus in FIELD_NAMES else "text"

    def compose(self) -> ComposeResult:
        values = filter_fields(self.current)
        with Vertical() as box:
            box.border_title = "Filter the queue"
            with Grid():
                for field, label, placeholder in FIELDS:
                    yield Label(label)
                    yield Input(values[field], placeholder=placeholder, id=f"filter-{field}")
            yield Static("", classes="error", id="filter-error")
            yield Static(literal("Enter applies · ctrl+r clears · Escape closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(f"#filter-{self.last_field}", Input).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        name = (event.widget.id or "").removeprefix("filter-")
        if name in FIELD_NAMES:
            self.last_field = name

    def _values(self) -> dict[str, str]:
        return {field: self.query_one(f"#filter-{field}", Input).value for field, _, _ in FIELDS}

    @on(Input.Changed)
    def check(self) -> None:
        error = self.query_one("#filter-error", Static)
        try:
            parse_filter(self._values())
        except ValidationError as problem:
            error.update(literal(f"{problem.field}: {problem}"))
        else:
            error.update("")

    def action_apply(self) -> None:
        try:
            chosen = parse_filter(self._values())
        except ValidationError as problem:
            self.query_one(f"#filter-{problem.field}", Input).focus()
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_clear(self) -> None:
        for field, _, _ in FIELDS:
            self.query_one(f"#filter-{field}", Input).value = ""
