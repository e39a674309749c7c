"""Bulk actions on the tickets selected in the queue: a modal in two short steps.

First what to do (take, assign, unassign, status, priority, add or remove a tag), then,
where it needs one, the value: a status or priority from a list, a login or a tag typed
with inline checks. Enter goes on, Escape goes back a step. Only the statuses the
workflow allows for every selected ticket are offered; one line says why the others are
not. The run changes each ticket on its own and ends in one line of counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tuidesk.domain import workflow
from tuidesk.domain.priority import LEVEL_LABELS, LEVELS, priority_for, priority_label
from tuidesk.errors import TransitionError, TuideskError
from tuidesk.screens import DeskModalScreen
from tuidesk.text import literal, one_line, plural

if TYPE_CHECKING:  # the ORM stays off this module's imports
    from tuidesk.services.desk import Desk

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

    @property
    def target_status(self) -> str | None:
        """The status the action sets, None for an action that sets none."""
        if self.kind == "status":
            return self.value
        return workflow.RESOLVED if self.kind == "resolve" else None


ACTIONS = (  # id, label
    ("take", "Take them (assign to me)"),
    ("assign", "Assign to an agent…"),
    ("unassign", "Unassign"),
    ("status", "Change the status…"),
    ("priority", "Change the priority (impact × urgency)…"),
    ("tag", "Add a tag…"),
    ("untag", "Remove a tag…"),
)
PROMPTS = {
    "assign": "Login of the agent",
    "tag": "Tag to add",
    "untag": "Tag to remove",
    "resolve": "Resolution (what fixed it; the customers see it)",
}


def either(words: Iterable[str]) -> str:
    """`New`, `New or Open`, `New, Open or On hold`."""
    *rest, last = words
    return f"{', '.join(rest)} or {last}" if rest else last


def status_choices(counts: Mapping[str, int]) -> tuple[list[str], str]:
    """For selected tickets counted per status: the statuses every one of them may be set
    to (where they all are already comes too: Enter keeps it), and one line on the others.
    """
    shared = next(iter(counts)) if len(counts) == 1 else None
    final = {s: n for s, n in counts.items() if workflow.is_final(s)}
    offered = [
        s for s in workflow.STATUSES
        if s == shared or (s in workflow.SETTABLE and not workflow.blocking(counts, s))
    ]  # fmt: skip
    if final:  # nothing moves a closed ticket: say that, not every status it blocks
        total = sum(counts.values())
        closed = sum(final.values())
        labels = either(workflow.status_label(s) for s in final)
        if closed == total:
            return offered, f"{labels} tickets do not change"
        return offered, (
            f"{labels} tickets do not change ({closed} of {total}): "
            "unselect them for any other status"
        )
    groups: dict[tuple[tuple[str, int], ...], list[str]] = {}
    for status in workflow.SETTABLE:
        if status not in offered:
            blockers = tuple(workflow.blocking(counts, status).items())
            groups.setdefault(blockers, []).append(status)
    parts = []
    for blockers, statuses in groups.items():
        names = ", ".join(workflow.status_label(s) for s in statuses)
        froms = either(workflow.status_label(s) for s in workflow.STATUSES if s in dict(blockers))
        count = sum(n for _, n in blockers)
        parts.append(f"{names} (not from {froms}, {plural(count, 'ticket')})")
    return offered, "Not offered: " + " · ".join(parts) if parts else ""


@dataclass
class BulkOutcome:
    """What a bulk run did: the tickets changed, the ones there already, the refused
    ones by reason."""

    action: BulkAction
    changed: list[int] = field(default_factory=list)
    already: list[int] = field(default_factory=list)
    refused: dict[str, list[int]] = field(default_factory=dict)

    def refuse(self, ticket_id: int, reason: str) -> None:
        self.refused.setdefault(reason, []).append(ticket_id)

    @property
    def refused_ids(self) -> set[int]:
        return {i for ids in self.refused.values() for i in ids}

    def summary(self) -> str:
        """One line: `Status → open: 7 changed, 2 refused (not allowed from Closed)`."""
        what = self.action.describe()
        parts = [f"{len(self.changed):,} changed"]
        if self.already:
            target = workflow.status_label(self.action.target_status or "").lower()
            parts.append(f"{len(self.already):,} already {target}")
        refused = len(self.refused_ids)
        if refused:
            by_size = sorted(self.refused.items(), key=lambda item: -len(item[1]))
            if refused <= 3:  # few: which ones, so the agent can open them
                reasons = [f"{', '.join(f'#{i}' for i in ids)}: {why}" for why, ids in by_size]
            elif len(by_size) == 1:
                reasons = [by_size[0][0]]
            else:
                reasons = [f"{len(ids):,} {why}" for why, ids in by_size]
            more = "; …" if len(reasons) > 2 else ""
            parts.append(f"{refused:,} refused ({'; '.join(reasons[:2])}{more})")
        return f"{what[:1].upper()}{what[1:]}: {', '.join(parts)}"


def refusal(error: TuideskError, status: str | None) -> str:
    """Why one ticket was refused, short: said once for all the tickets it holds for."""
    if isinstance(error, TransitionError) and status is not None:
        if workflow.is_final(status):
            return f"{workflow.status_label(status)} tickets do not change"
        return f"not allowed from {workflow.status_label(status)}"
    return str(error).removeprefix("the ticket is ")


def run_bulk(
    desk: Desk,
    statuses_of: Callable[[list[int]], dict[int, str]],
    ids: list[int],
    action: BulkAction,
) -> BulkOutcome:
    """Apply `action` to each ticket in its own short transaction; one refused does not
    stop the rest. `statuses_of` reads tickets' statuses as they are now: a ticket in the
    status asked for already is left as it is, and a refusal says where the ticket was."""
    outcome = BulkOutcome(action)
    target = action.target_status
    before = statuses_of(ids) if target else {}
    for ticket_id in ids:
        if target and before.get(ticket_id) == target:
            outcome.already.append(ticket_id)
            continue
        try:
            apply_action(desk, ticket_id, action)
        except TransitionError as error:  # moved meanwhile, or closed: as it is now
            now = statuses_of([ticket_id]).get(ticket_id)
            if target and now == target:
                outcome.already.append(ticket_id)
            else:
                outcome.refuse(ticket_id, refusal(error, now))
        except TuideskError as error:
            outcome.refuse(ticket_id, refusal(error, None))
        else:
            outcome.changed.append(ticket_id)
    return outcome


def apply_action(desk: Desk, ticket_id: int, action: BulkAction) -> None:
    """One ticket's part of a bulk action, on the ticket as it is now (no stale version:
    the agent chose the outcome, whatever changed meanwhile)."""
    kind, value = action.kind, action.value
    if kind == "take":
        desk.take(ticket_id)
    elif kind == "assign":
        desk.assign(ticket_id, value)
    elif kind == "unassign":
        desk.assign(ticket_id, None)
    elif kind == "status":
        desk.change_status(ticket_id, value)
    elif kind == "resolve":
        desk.resolve(ticket_id, value)
    elif kind == "priority":
        impact, urgency = (int(x) for x in value.split(","))
        desk.change_priority(ticket_id, impact=impact, urgency=urgency)
    elif kind == "tag":
        desk.tag(ticket_id, add=value)
    elif kind == "untag":
        desk.tag(ticket_id, remove=value)
    else:
        raise ValueError(f"unknown bulk action {kind!r}")


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
    BulkScreen #bulk-why { height: auto; }
    """
    BINDINGS = [Binding("escape", "back", "Back", id="bulk.back")]

    def __init__(
        self,
        count: int,
        logins: list[str],
        statuses: Mapping[str, int] | None = None,
        priority: str | None = None,
    ) -> None:
        super().__init__()
        self.count = count
        self.logins = logins
        self.statuses = dict(statuses or {})  # how many of the selected are in each status
        self.shared: dict[str, str] = {}  # the status, "impact,urgency" every one has
        if len(self.statuses) == 1:
            self.shared["status"] = next(iter(self.statuses))
        if priority:
            self.shared["priority"] = priority
        self.step = "action"  # or the action whose value is asked for

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"{plural(self.count, 'selected ticket')}"
            yield OptionList(id="bulk-options")
            yield Static("", classes="hint", id="bulk-why")
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
        self.query_one("#bulk-why").display = False
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
        self.query_one("#bulk-why").display = False
        prompt = self.query_one("#bulk-prompt", Static)
        prompt.update(literal(PROMPTS[kind]))
        prompt.display = True
        value = self.query_one(Input)
        value.value = ""
        value.display = True
        value.focus()

    def _show_statuses(self) -> None:
        offered, why = status_choices(self.statuses)
        if not offered:  # nothing fits them all: say why where the agent is
            self.query_one("#bulk-error", Static).update(literal(why))
            return
        self.step = "status"
        now = self.shared.get("status")
        self._options(
            [Option(literal(workflow.status_label(s) + ("  (now)" if s == now else "")), id=s)
             for s in offered],
            now,
        )  # fmt: skip
        reason = self.query_one("#bulk-why", Static)
        reason.update(literal(why))
        reason.display = bool(why)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if self.step == "action":
            if key in {"take", "unassign"}:
                self.dismiss(BulkAction(key))
            elif key == "status":
                self._show_statuses()
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
