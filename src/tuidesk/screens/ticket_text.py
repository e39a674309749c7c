"""How a ticket reads on the ticket screen: its header, event headings, the escalation
path, the vendor's clock, a collision's changed fields, long bodies folded, and the
history as blocks for the history view; plain text, no widgets."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tuidesk.domain import escalation, sla, workflow
from tuidesk.domain.priority import priority_label
from tuidesk.services.ticket_reads import HistoryEntry, TicketDetail
from tuidesk.text import clean, one_line, plural
from tuidesk.widgets.history import Block

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
    workflow.EVENT_ARTICLE_SOLVED: "SOLVED BY ARTICLE",
    workflow.EVENT_SLA_WARNING: "SLA WARNING",
    workflow.EVENT_SLA_BREACH: "SLA BREACH",
    workflow.EVENT_MERGE: "MERGED",
    workflow.EVENT_TAGS: "TAGS",
    workflow.EVENT_VENDOR_UPDATE: "VENDOR UPDATE",
}


def local_time(moment: datetime, zone: str) -> str:
    """`moment` on the agent's wall clock, labelled with the zone (`2026-11-18 11:30
    CET`): event texts written by the desk give their times in UTC."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def event_label(kind: str) -> str:
    """The word a kind of event is shown as; never the raw name (`vendor_update`)."""
    return EVENT_LABELS.get(kind, kind.replace("_", " ").upper())


def _value_label(kind: str, value: str) -> str:
    """An event's old or new value as it reads on screen, through each enum's label."""
    if not value:
        return "—"
    if kind == workflow.EVENT_STATUS:
        return workflow.status_label(value)
    if kind in (workflow.EVENT_SLA_WARNING, workflow.EVENT_SLA_BREACH):
        return sla.clock_label(value)
    if kind == workflow.EVENT_PRIORITY and value.isdigit():
        return f"P{value}"
    return value


def event_heading(
    entry: HistoryEntry, zone: str = "UTC", label: str = "", customer: str = ""
) -> str:
    """`STATUS  ·  New → Open  ·  alex  ·  2026-11-18 11:30 CET`; `label` instead of the
    kind's; a customer's message is headed with `customer` (the requester's name), not
    the desk's `system`."""
    event = entry.event
    author = entry.author
    if event.kind == workflow.EVENT_CUSTOMER_REPLY and customer and author == "system":
        author = customer
    parts = [
        label or event_label(event.kind),
        author,
        local_time(event.created_at, zone),
    ]
    if event.kind in (workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION):
        parts.insert(1, f"L{event.old_value} → L{event.new_value}")
    elif event.kind in (workflow.EVENT_SLA_WARNING, workflow.EVENT_SLA_BREACH):
        parts.insert(1, _value_label(event.kind, event.new_value or event.old_value))
    elif event.kind != workflow.EVENT_CREATED and (event.old_value or event.new_value):
        old, new = (_value_label(event.kind, v) for v in (event.old_value, event.new_value))
        parts.insert(1, f"{old} → {new}")
    if event.minutes:
        parts.insert(1, f"{event.minutes} min")
    return "  ·  ".join(clean(part) for part in parts)


FOLD_LINES = 12  # a longer body shows this many lines until x unfolds it
FOLD_CHARS = 3000


def last_handoff(history: list[HistoryEntry]) -> HistoryEntry | None:
    """The newest escalation (or de-escalation) with its hand-off text."""
    for entry in reversed(history):
        if entry.event.kind in (workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION):
            return entry if entry.event.body else None
    return None


def time_per_tier(history: list[HistoryEntry], current_tier: int) -> list[tuple[int, int]]:
    """Minutes logged at each tier, following the escalations through the history."""
    events = [
        (e.event.kind, e.event.old_value, e.event.new_value, e.event.minutes) for e in history
    ]
    return escalation.time_per_tier(events, current_tier)


def escalation_path(detail: TicketDetail) -> str:
    """`L1 alice 25m → L2 bob 1h 10m → L4 vendor ACME #4711`; "" if never escalated."""
    history = detail.history
    moves = [e for e in history if e.event.kind in (workflow.EVENT_ESCALATION,
                                                    workflow.EVENT_DEESCALATION)]  # fmt: skip
    if not moves:
        return ""
    spent = dict(time_per_tier(history, detail.ticket.tier))
    ticket = detail.ticket
    vendor = f"L4 vendor {detail.vendor or '?'} #{ticket.vendor_ref}".rstrip(" #")
    parts = []
    for move in moves:
        tier = move.event.old_value
        if tier == str(workflow.VENDOR_TIER):  # back from the vendor: it stays in the path
            parts.append(vendor)
            continue
        minutes = spent.get(int(tier), 0) if tier.isdigit() else 0
        parts.append(f"L{tier} {move.author} {_minutes(minutes)}".rstrip())
    if ticket.tier == workflow.VENDOR_TIER:
        parts.append(vendor)
    else:
        parts.append(f"L{ticket.tier} {detail.assignee or 'queue'}")
    return " → ".join(parts)


def _minutes(minutes: int) -> str:
    return sla.format_remaining(timedelta(minutes=minutes)) if minutes else ""


def vendor_line(ticket: Any, vendor: str, now: datetime) -> str:
    """The vendor's contract clock: due in, overdue by, or met."""
    if ticket.vendor_id is None or ticket.vendor_due_at is None:
        return ""
    who = f"Vendor {vendor} #{ticket.vendor_ref}"
    if ticket.vendor_responded_at is not None:
        return f"{who}: responded {ticket.vendor_responded_at:%Y-%m-%d %H:%M} UTC ✔"
    left = ticket.vendor_due_at - now
    if left.total_seconds() >= 0:
        return f"{who}: response due in {sla.format_remaining(left)} ◷"
    return f"{who}: response overdue by {sla.format_remaining(-left)} ✖"


# the ticket's fields a collision lists when another agent changed them
CHANGED_FIELDS = (
    ("subject", "Subject"),
    ("status", "Status"),
    ("priority", "Priority"),
    ("tier", "Tier"),
    ("assignee_id", "Assignee"),
    ("description", "Symptoms"),
    ("goal", "Trying to"),
    ("theory", "Theory"),
    ("resolution", "Resolution"),
    ("category", "Category"),
    ("vendor_ref", "Vendor reference"),
)


def changed_fields(seen: Any, now: Any, logins: dict[int, str]) -> list[str]:
    """`Status: Open → On hold` for each field that differs between two versions."""

    def shown(name: str, value: Any) -> str:
        if name == "status":
            return workflow.STATUS_LABELS.get(value, value)
        if name == "priority":
            return priority_label(value)
        if name == "tier":
            return f"L{value}"
        if name == "assignee_id":
            return logins.get(value, "—") if value is not None else "unassigned"
        return one_line(str(value), 50) if value else "—"

    return [
        f"{label}: {shown(name, getattr(seen, name))} → {shown(name, getattr(now, name))}"
        for name, label in CHANGED_FIELDS
        if getattr(seen, name) != getattr(now, name)
    ]


def fold(text: str, expanded: bool) -> str:
    """A long body cut to its first lines, saying how much is hidden and how to see it."""
    if expanded:
        return text
    lines = text.splitlines()
    if len(lines) <= FOLD_LINES and len(text) <= FOLD_CHARS:
        return text
    shown = "\n".join(lines[:FOLD_LINES])[:FOLD_CHARS]
    hidden = max(len(lines) - FOLD_LINES, 0)
    more = (
        plural(hidden, "more line", "more lines")
        if hidden
        else plural(len(text) - len(shown), "more character", "more characters")
    )
    return f"{shown}\n… {more} (x shows everything)"


def header_lines(detail: TicketDetail) -> list[str]:
    """The header above the history: subject, state, requester, asset, path and tags."""
    ticket = detail.ticket
    requester = detail.requester
    org = detail.organization
    who = clean(requester.name) if requester else "no requester"
    if org:
        who += f" · {clean(org.name)} ({workflow.PLAN_LABELS.get(org.plan, org.plan)})"
    contact = (
        " · ".join(clean(x) for x in (requester.email, requester.phone, requester.location) if x)
        if requester
        else ""
    )
    asset = detail.asset
    # one line each, cut at the edge: at 80×24 the header leaves the history the room
    lines = [
        f"#{ticket.id}  {clean(ticket.subject)}",
        f"{workflow.STATUS_LABELS[ticket.status]} · {priority_label(ticket.priority)} · "
        f"L{ticket.tier} · assignee {detail.assignee or '—'} · via {ticket.channel} · "
        f"{ticket.minutes_spent} min spent",
        " · ".join(part for part in (who, contact) if part),
    ]
    if detail.merged_requesters:
        also = ", ".join(
            f"{clean(person.name)} (#{duplicate})" for duplicate, person in detail.merged_requesters
        )
        lines.append(f"Also requested by: {also}")
    if asset:
        lines.append(
            f"Asset: {clean(asset.kind)} {clean(asset.model)} (serial {clean(asset.serial)})"
        )
    path = escalation_path(detail)
    more = [f"Path: {path}"] if path else []
    if detail.tags:
        more.append("Tags: " + " ".join(detail.tags))
    if more:
        lines.append(" · ".join(more))
    return lines


def body_blocks(
    detail: TicketDetail,
    zone: str,
    expanded: bool,
    articles: tuple[list[tuple[int, str, bool]], list[tuple[int, str]]],
) -> list[Block]:
    """The work order, the latest hand-off, time per tier, the articles and the history."""
    ticket = detail.ticket
    blocks = [Block("section", "WORK ORDER")]
    for label, text in (
        ("Symptoms", ticket.description),
        ("Trying to", ticket.goal),
        ("Theory", ticket.theory),
        ("Resolution", ticket.resolution),
    ):
        if text:
            blocks.append(Block("field", f"{label}: {fold(text, expanded)}"))
    handoff = last_handoff(detail.history)
    if handoff is not None:
        sent_back = handoff.event.kind == workflow.EVENT_DEESCALATION
        heading = event_heading(handoff, zone, "SENT BACK" if sent_back else "LATEST HAND-OFF")
        blocks.append(Block("handoff", heading, fold(handoff.event.body, expanded)))
    spent = time_per_tier(detail.history, ticket.tier)
    if spent:
        parts = [f"L{tier} {sla.format_remaining(timedelta(minutes=m))}" for tier, m in spent]
        blocks.append(Block("field", "Time spent: " + " · ".join(parts)))
    # each article on a line of its own, its title whole (wrapped under itself)
    linked, suggested = articles
    if linked:
        blocks.append(Block("field", "Articles used:"))
        blocks += [
            Block("item", f"#{i} {one_line(t)}" + (" (solved it)" if s else ""))
            for i, t, s in linked
        ]
    if suggested:
        blocks.append(Block("field", "Suggested articles (K):"))
        blocks += [Block("item", f"#{i} {one_line(t)}") for i, t in suggested]
    blocks.append(Block("section", f"HISTORY ({plural(len(detail.history), 'event')})"))
    customer = clean(detail.requester.name) if detail.requester else ""
    for entry in detail.history:
        kind = entry.event.kind
        body = entry.event.body if kind != workflow.EVENT_CREATED else ""
        heading = event_heading(entry, zone, customer=customer)
        blocks.append(Block(kind, heading, fold(body, expanded)))
    return blocks
