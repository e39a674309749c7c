"""Merge a duplicate: the number of the ticket to keep, then both side by side and a
question answered only by its key (y). Different requesters or organizations are
said before anything happens; the duplicate's requester is kept on the ticket kept.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tuidesk.domain import workflow
from tuidesk.domain.priority import priority_label
from tuidesk.errors import TuideskError
from tuidesk.screens import DeskModalScreen
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.text import literal, one_line

MAX_DIGITS = 9  # more than any desk has tickets; a longer number is a typing slip


def target_problem(value: str, source: int) -> tuple[int | None, str]:
    """The ticket number typed ("#" allowed) and the problem with it ("" when none)."""
    text = value.strip().removeprefix("#").strip()
    if not text:
        return None, "type the number of the ticket to keep"
    if not text.isdigit() or not text.isascii():
        return None, "a ticket number is digits only, e.g. 1042"
    if len(text) > MAX_DIGITS:
        return None, f"a ticket number has at most {MAX_DIGITS} digits"
    number = int(text)
    if number == source:
        return None, "that is this ticket: type the number of the one to keep"
    return number, ""


def _people(detail: Any) -> tuple[str, str]:
    requester = detail.requester
    who = one_line(requester.name) if requester else "no requester"
    org = one_line(detail.organization.name) if detail.organization else "no organization"
    return who, org


def comparison(
    source: Any, target: Any, zone_time: Any, width: int = 76
) -> tuple[list[str], list[str]]:
    """Both tickets side by side in `width` columns (lines), and the warnings about
    their customers."""
    source_who, source_org = _people(source)
    target_who, target_org = _people(target)
    rows = (
        ("Ticket", f"#{source.ticket.id} duplicate", f"#{target.ticket.id} kept"),
        ("Subject", source.ticket.subject, target.ticket.subject),
        ("Requester", source_who, target_who),
        ("Organization", source_org, target_org),
        ("Status", workflow.STATUS_LABELS[source.ticket.status],
         workflow.STATUS_LABELS[target.ticket.status]),
        ("Priority", priority_label(source.ticket.priority),
         priority_label(target.ticket.priority)),
        ("Opened", zone_time(source.ticket.created_at), zone_time(target.ticket.created_at)),
    )  # fmt: skip
    cell = max((width - 13 - 3) // 2, 12)
    lines = [
        f"{label:<13}{one_line(left, cell):<{cell}} │ {one_line(right, cell)}"
        for label, left, right in rows
    ]
    warnings = []
    if source.ticket.requester_id != target.ticket.requester_id:
        warnings.append(
            f"⚠ Different requesters: {one_line(source_who, 30)} is kept on "
            f"#{target.ticket.id} as a requester too."
        )
    source_org_id = source.organization.id if source.organization else None
    target_org_id = target.organization.id if target.organization else None
    if source_org_id != target_org_id:
        warnings.append(
            f"⚠ Different organizations: {one_line(source_org, 24)} / "
            f"{one_line(target_org, 24)}. The same problem?"
        )
    return lines, warnings


class MergeScreen(DeskModalScreen[tuple[int, int] | None]):
    """Which ticket the duplicate goes into, shown and confirmed; dismisses with
    (ticket kept, its version as shown) or None."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="MergeScreen")
        + """
    MergeScreen > Vertical { width: 100; }
    MergeScreen #merge-preview { height: auto; }
    MergeScreen .warning { color: $warning; text-style: bold; height: auto; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Back", id="merge.cancel"),
        Binding("y", "merge", "Merge", id="merge.confirm"),
    ]

    def __init__(self, source: Any, zone_time: Any) -> None:
        super().__init__()
        self.source = source  # the duplicate's TicketDetail
        self.zone_time = zone_time  # a moment as the agent's wall clock reads it
        self.target: Any = None  # the ticket to keep, once shown

    def compose(self) -> ComposeResult:
        ticket = self.source.ticket
        with Vertical() as box:
            box.border_title = f"Merge #{ticket.id} into another ticket"
            yield Static(literal(f"#{ticket.id} {one_line(ticket.subject, 80)}"))
            yield Static(
                literal(
                    "It is closed as a duplicate; the ticket kept gets its subject, symptoms, "
                    "tags and requester. Leads and admins only."
                ),
                classes="hint",
            )
            yield Input(
                placeholder="the ticket to keep, e.g. 1042",
                max_length=MAX_DIGITS + 4,
                id="merge-target",
            )
            yield Static("", classes="error", id="merge-error")
            yield Static("", id="merge-preview")
            yield Static("", classes="warning", id="merge-warnings")
            yield Static(literal("Enter shows the ticket · Escape cancels"), classes="hint",
                         id="merge-hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#merge-preview").display = False
        self.query_one("#merge-warnings").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "merge":
            return self.target is not None  # y is a letter of the number box until then
        return True

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        if self.target is not None:
            self._forget_target()
        problem = target_problem(event.value, self.source.ticket.id)[1] if event.value else ""
        if problem.startswith("type the number"):
            problem = ""
        self.query_one("#merge-error", Static).update(literal(problem))

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        number, problem = target_problem(event.value, self.source.ticket.id)
        if problem or number is None:
            self.query_one("#merge-error", Static).update(literal(problem))
            return
        self.query_one("#merge-error", Static).update(literal(f"reading #{number}…"))
        self.read_target(number)

    @work(thread=True, exclusive=True, exit_on_error=False, group="merge-read")
    def read_target(self, number: int) -> None:
        try:
            target = self.app.desk.ticket_detail(number)
        except TuideskError as error:
            self.app.call_from_thread(self._not_found, str(error))
            return
        self.app.call_from_thread(self._show, target)

    def _not_found(self, why: str) -> None:
        self.query_one("#merge-error", Static).update(literal(why))

    def _show(self, target: Any) -> None:
        if target.ticket.id == self.source.ticket.id:
            return
        error = self.query_one("#merge-error", Static)
        if target.ticket.status == workflow.CLOSED:
            error.update(literal(f"#{target.ticket.id} is closed; merge into an open ticket"))
            return
        error.update("")
        self.target = target
        width = self.query_one(Vertical).container_size.width or 76
        lines, warnings = comparison(self.source, target, self.zone_time, width)
        preview = self.query_one("#merge-preview", Static)
        preview.update(literal("\n".join(lines)))
        preview.display = True
        box = self.query_one("#merge-warnings", Static)
        box.update(literal("\n".join(warnings)))
        box.display = bool(warnings)
        source, kept = self.source.ticket.id, target.ticket.id
        self.query_one("#merge-hint", Static).update(
            literal(f"Merge #{source} into #{kept}? y merges · Escape goes back to the number")
        )
        self.refresh_bindings()
        self.set_focus(None)  # keys answer the question now, not the number box

    def _forget_target(self) -> None:
        self.target = None
        self.query_one("#merge-preview").display = False
        self.query_one("#merge-warnings").display = False
        self.query_one("#merge-hint", Static).update(
            literal("Enter shows the ticket · Escape cancels")
        )
        self.refresh_bindings()

    def action_merge(self) -> None:
        if self.target is not None:
            self.dismiss((self.target.ticket.id, self.target.ticket.version))

    def action_cancel(self) -> None:
        if self.target is not None:  # back to the number, still typed
            self._forget_target()
            self.query_one(Input).focus()
            return
        self.dismiss(None)
