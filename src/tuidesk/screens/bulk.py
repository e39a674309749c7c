"""Bulk actions on the tickets selected in the queue: a modal in two short steps.

First what to do (take, assign, unassign, status, priority, add or remove a tag), then,
where it needs one, the value: a status or priority from a list, a login or a tag typed
with inline checks. Enter goes on, Escape goes back a step.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tuidesk import workflow
from tuidesk.priority import LEVEL_LABELS, LEVELS, priority_for, priority_label
from tuidesk.screens import DeskModalScreen
from tuidesk.text import literal, one_line, plural

TAG_HINT = "letters, digits, '.', '+', '-' or '_'"


@dataclass(frozen=True)
class BulkAction:
    """What to do to each selected ticket."""

    kind: str  # take, assign, unassign, status, resolve, priority, tag, untag
    value: str = ""  # a login, a status, "impact,urgency", a tag, a resolution

    def describe(self) -> str:
        if self.kind == "take":
            return "take"
        if self.kind == "assign":
            return f"assign to {self.value}"
        if self.kind == "unassign":
            return "unassign"
        if self.kind == "status":
            return f"status → {workflow.STATUS_LABELS[self.value].lower()}"
        if self.kind == "resolve":
            return "resolve"
        if self.kind == "priority":
            impact, urgency = (int(x) for x in self.value.split(","))
            return f"priority → {priority_label(priority_for(impact, urgency))}"
        return f"{'add' if self.kind == 'tag' else 'remove'} tag {self.value}"


ACTIONS = (  # id, label
    ("take", "Take them (assign to me)"),
    ("assign", "Assign to an agent…"),
    ("unassign", "Unassign"),
    ("status", "Change the status…"),
    ("priority", "Change the priority (impact × urgency)…"),
    ("tag", "Add a tag…"),
    ("untag", "Remove a tag…"),
)
BULK_STATUSES = tuple(s for s in workflow.STATUSES if s != workflow.NEW)
PROMPTS = {
    "assign": "Login of the agent",
    "tag": "Tag to add",
    "untag": "Tag to remove",
    "resolve": "Resolution (what fixed it; the customers see it)",
}


def check_value(kind: str, value: str, logins: list[str]) -> str:
    """The problem with a typed value, "" when there is none."""
    import re

    value = value.strip()
    if not value:
        return "type a value, or Escape to go back"
    if kind == "assign" and value not in logins:
        return f"no agent {one_line(value)!r}; Tab completes a login"
    if kind in {"tag", "untag"} and not re.fullmatch(r"[a-z0-9][a-z0-9._+-]{0,39}", value.lower()):
        return f"not a tag: use {TAG_HINT}"
    return ""


class BulkScreen(DeskModalScreen[BulkAction | None]):
    """Choose an action for `count` selected tickets."""

    DEFAULT_CSS = """
    BulkScreen { align: center middle; }
    BulkScreen > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    BulkScreen OptionList { height: auto; max-height: 14; border: none; padding: 0; }
    BulkScreen Input, BulkScreen Input:focus { border: none; height: 1; padding: 0 1; }
    BulkScreen .error { color: $error; height: auto; }
    BulkScreen .hint { color: $text-muted; }
    BulkScreen #bulk-prompt { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "back", "Back", id="bulk.back")]

    def __init__(self, count: int, logins: list[str], shared: dict[str, str] | None = None) -> None:
        super().__init__()
        self.count = count
        self.logins = logins
        self.shared = shared or {}  # the status, "impact,urgency" every selected one has
        self.step = "action"  # or the action whose value is asked for

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"{plural(self.count, 'selected ticket')}"
            yield OptionList(id="bulk-options")
            yield Static("", id="bulk-prompt")
            yield Input(id="bulk-value", suggester=SuggestFromList(self.logins))
            yield Static("", classes="error", id="bulk-error")
            yield Static(literal("Enter chooses · Escape goes back"), classes="hint")

    def on_mount(self) -> None:
        self._show_actions()

    def _options(self, options: list[Option], current: str | None = None) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        keys = [option.id for option in options]
        option_list.highlighted = keys.index(current) if current in keys else 0
        option_list.display = True
        self.query_one("#bulk-prompt").display = False
        self.query_one(Input).display = False
        self.query_one("#bulk-error", Static).update("")
        option_list.focus()

    def _show_actions(self) -> None:
        back_from = {"resolve": "status"}.get(self.step, self.step)  # back onto the action left
        self.step = "action"
        self._options([Option(literal(label), id=key) for key, label in ACTIONS], back_from)

    def _ask(self, kind: str) -> None:
        self.step = kind
        self.query_one(OptionList).display = False
        prompt = self.query_one("#bulk-prompt", Static)
        prompt.update(literal(PROMPTS[kind]))
        prompt.display = True
        field = self.query_one(Input)
        field.value = ""
        field.display = True
        field.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if self.step == "action":
            if key in {"take", "unassign"}:
                self.dismiss(BulkAction(key))
            elif key == "status":
                self.step = "status"
                now = self.shared.get("status")
                self._options(
                    [
                        Option(literal(workflow.STATUS_LABELS[s] + ("  (now)" if s == now else "")),
                               id=s)
                        for s in BULK_STATUSES
                    ],
                    now,
                )  # fmt: skip
            elif key == "priority":
                self.step = "priority"
                pairs = sorted(((i, u) for i in LEVELS for u in LEVELS), key=lambda p: (sum(p), p))
                now = self.shared.get("priority")
                self._options(
                    [
                        Option(
                            literal(
                                f"{priority_label(priority_for(i, u)):<12} impact "
                                f"{LEVEL_LABELS[i]}, urgency {LEVEL_LABELS[u]}"
                                + ("  (now)" if f"{i},{u}" == now else "")
                            ),
                            id=f"{i},{u}",
                        )
                        for i, u in pairs
                    ],
                    now,
                )
            else:
                self._ask(key)
        elif self.step in self.shared and key == self.shared[self.step]:
            self.dismiss(None)  # what they all have already: Enter keeps it
        elif self.step == "status":
            if key == workflow.RESOLVED:
                self._ask("resolve")  # resolving needs its text
            else:
                self.dismiss(BulkAction("status", key))
        elif self.step == "priority":
            self.dismiss(BulkAction("priority", key))

    @on(Input.Changed)
    def check(self, event: Input.Changed) -> None:
        if self.step in PROMPTS and event.value:
            problem = check_value(self.step, event.value, self.logins)
            self.query_one("#bulk-error", Static).update(literal(problem))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        problem = check_value(self.step, event.value, self.logins)
        if problem:
            self.query_one("#bulk-error", Static).update(literal(problem))
            return
        value = event.value.strip()
        self.dismiss(BulkAction(self.step, value.lower() if "tag" in self.step else value))

    def action_back(self) -> None:
        if self.step == "action":
            self.dismiss(None)
        else:
            self._show_actions()
