"""One ticket: its header, the work order, and the whole history, read-only for now."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from tuidesk import workflow
from tuidesk.priority import priority_label
from tuidesk.services.desk import HistoryEntry, TicketDetail
from tuidesk.text import clean, literal, notify_literal
from tuidesk.widgets.sla_badge import LiveClock, SlaBadge

# How each kind of event is labelled; words, not colours, so it reads without colour too.
EVENT_LABELS = {
    workflow.EVENT_CREATED: "CREATED",
    workflow.EVENT_REPLY: "PUBLIC REPLY",
    workflow.EVENT_CUSTOMER_REPLY: "CUSTOMER WROTE",
    workflow.EVENT_NOTE: "INTERNAL NOTE",
    workflow.EVENT_STATUS: "STATUS",
    workflow.EVENT_ASSIGNMENT: "ASSIGNED",
    workflow.EVENT_ESCALATION: "ESCALATED",
    workflow.EVENT_DEESCALATION: "DE-ESCALATED",
    workflow.EVENT_PRIORITY: "PRIORITY",
    workflow.EVENT_WORKLOG: "WORK LOGGED",
    workflow.EVENT_THEORY: "THEORY",
    workflow.EVENT_ARTICLE_LINKED: "ARTICLE LINKED",
    workflow.EVENT_SLA_WARNING: "SLA WARNING",
    workflow.EVENT_SLA_BREACH: "SLA BREACH",
    workflow.EVENT_MERGE: "MERGED",
    workflow.EVENT_TAGS: "TAGS",
}


def local_time(moment: datetime, zone: str) -> str:
    """`moment` on the agent's wall clock (times are UTC everywhere else)."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def event_heading(entry: HistoryEntry, zone: str = "UTC") -> str:
    event = entry.event
    parts = [
        EVENT_LABELS.get(event.kind, event.kind.upper()),
        entry.author,
        local_time(event.created_at, zone),
    ]
    if event.kind == workflow.EVENT_ESCALATION:
        parts.insert(1, f"L{event.old_value} → L{event.new_value}")
    elif event.old_value or event.new_value:
        parts.insert(1, f"{event.old_value or '—'} → {event.new_value or '—'}")
    if event.minutes:
        parts.insert(1, f"{event.minutes} min")
    return "  ·  ".join(clean(part) for part in parts)


class TicketScreen(Screen[None]):
    """A ticket's work order and history."""

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", id="ticket.back"),
        Binding("f5", "reload", "Reload", id="ticket.reload"),
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
    ]

    class Loaded(Message):
        def __init__(self, detail: TicketDetail, clocks: list[LiveClock], policy: str) -> None:
            super().__init__()
            self.detail = detail
            self.clocks = clocks
            self.policy = policy

    def __init__(self, ticket_id: int) -> None:
        super().__init__()
        self.ticket_id = ticket_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Loading ticket #{self.ticket_id}…", id="ticket-head")
        yield Horizontal(id="ticket-sla")
        yield VerticalScroll(id="ticket-body")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="ticket")
    def load(self) -> None:
        desk = self.app.desk  # type: ignore[attr-defined]
        detail = desk.ticket_detail(self.ticket_id)
        clocks, policy = desk.clocks(self.ticket_id)
        live = [LiveClock(c, policy.calendar) for c in (clocks.first_response, clocks.resolution)]
        self.post_message(self.Loaded(detail, live, policy.name))

    @on(Loaded)
    def show_ticket(self, message: Loaded) -> None:
        detail = message.detail
        ticket = detail.ticket
        requester = detail.requester
        org = detail.organization
        who = clean(requester.name) if requester else "no requester"
        if org:
            who += f" · {clean(org.name)} ({workflow.PLAN_LABELS.get(org.plan, org.plan)})"
        contact = (
            " · ".join(
                clean(x) for x in (requester.email, requester.phone, requester.location) if x
            )
            if requester
            else ""
        )
        asset = detail.asset
        lines = [
            f"#{ticket.id}  {clean(ticket.subject)}",
            f"{workflow.STATUS_LABELS[ticket.status]} · {priority_label(ticket.priority)} · "
            f"L{ticket.tier} · assignee {detail.assignee or '—'} · via {ticket.channel} · "
            f"{ticket.minutes_spent} min spent",
            f"Requester: {who}",
        ]
        if contact:
            lines.append(f"Contact: {contact}")
        if asset:
            lines.append(
                f"Asset: {clean(asset.kind)} {clean(asset.model)} (serial {clean(asset.serial)})"
            )
        if detail.tags:
            lines.append("Tags: " + " ".join(detail.tags))
        self.sub_title = f"#{ticket.id}"
        self.query_one("#ticket-head", Static).update(literal("\n".join(lines)))
        strip = self.query_one("#ticket-sla", Horizontal)
        strip.remove_children()
        now = self.app.desk.clock  # type: ignore[attr-defined]
        strip.mount_all(
            [
                Static(literal(f"SLA {message.policy}"), classes="sla-policy"),
                *(SlaBadge(live, now) for live in message.clocks),
            ]
        )
        body = self.query_one("#ticket-body", VerticalScroll)
        body.remove_children()
        zone = self.app.actor.timezone  # type: ignore[attr-defined]
        widgets = [Static(literal("WORK ORDER"), classes="section")]
        for label, text in (
            ("Symptoms", ticket.description),
            ("Trying to", ticket.goal),
            ("Theory", ticket.theory),
            ("Resolution", ticket.resolution),
        ):
            if text:
                widgets.append(Static(literal(f"{label}: {text}"), classes="field"))
        widgets.append(
            Static(literal(f"HISTORY ({len(detail.history)} events)"), classes="section")
        )
        for entry in detail.history:
            kind = entry.event.kind
            widgets.append(
                Static(literal(event_heading(entry, zone)), classes=f"event-head {kind}")
            )
            if entry.event.body and kind != workflow.EVENT_CREATED:
                widgets.append(Static(literal(entry.event.body), classes=f"event-body {kind}"))
        body.mount_all(widgets)

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            notify_literal(self, event.worker.error, severity="error", title="Ticket")

    def action_back(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.load()

    def action_scroll_down(self) -> None:
        self.query_one("#ticket-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#ticket-body", VerticalScroll).scroll_up()
