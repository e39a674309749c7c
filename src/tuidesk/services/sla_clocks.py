"""SLA clocks of stored tickets: derive them from history, store their due times, and
sweep for warnings and breaches.

The clocks are always recomputed from the ticket's history (its status changes and
first public reply), so they can be rebuilt at any time; the due times are stored on
the ticket so the queue can sort by them with an index and count down without a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exc
from sqlmodel import Session, col, select

from tuidesk.domain import sla, workflow
from tuidesk.domain.priority import priority_for, priority_label
from tuidesk.domain.sla import TicketClocks
from tuidesk.domain.sla_policies import SlaRules
from tuidesk.storage.engine import Database
from tuidesk.storage.models import NEVER, Customer, Organization, Ticket, TicketEvent

SWEEP_BATCH = 200
_SLA_KINDS = (workflow.EVENT_SLA_WARNING, workflow.EVENT_SLA_BREACH)
# the events a ticket's clocks follow from, and those that say what the sweep wrote
_CLOCK_KINDS = (workflow.EVENT_STATUS, workflow.EVENT_REPLY, *_SLA_KINDS)
_TERMS = "tuidesk.organization_terms"  # the session.info key of _organization_terms


def ticket_policy(session: Session, rules: SlaRules, ticket: Ticket) -> sla.SlaPolicy:
    """The ticket's policy, its calendar in the requester organization's time zone."""
    plan, timezone = None, "UTC"
    if ticket.requester_id is not None:
        row = _organization_terms(session, ticket.requester_id)
        if row is not None:
            plan, timezone, org_policy = row
            plan = org_policy or plan
    return rules.policy(rules.policy_name(ticket.sla_policy or None, plan), timezone)


def _organization_terms(session: Session, requester_id: int) -> tuple[str, str, str] | None:
    """(plan, time zone, policy) of the requester's organization, read once per session:
    no use case changes them, and a session that writes many tickets asks often."""
    known = session.info.setdefault(_TERMS, {})
    if requester_id not in known:
        known[requester_id] = session.exec(
            select(Organization.plan, Organization.timezone, Organization.sla_policy)
            .join(Customer, col(Customer.organization_id) == Organization.id)
            .where(Customer.id == requester_id)
        ).first()
    return known[requester_id]


def compute_ticket_clocks(
    session: Session, rules: SlaRules, ticket: Ticket, now: datetime
) -> tuple[TicketClocks, sla.SlaPolicy]:
    """Both clocks of a stored ticket from its history, as of `now`, and its policy."""
    clocks, policy, _ = _compute(session, rules, ticket, now)
    return clocks, policy


def _compute(
    session: Session, rules: SlaRules, ticket: Ticket, now: datetime
) -> tuple[TicketClocks, sla.SlaPolicy, set[tuple[str, str]]]:
    """The clocks and policy, and the (kind, clock) of the SLA warnings and breaches
    already in the history: one read of the events for all three."""
    assert ticket.id is not None
    rows = session.exec(
        select(
            TicketEvent.kind, TicketEvent.created_at, TicketEvent.old_value, TicketEvent.new_value
        )
        .where(TicketEvent.ticket_id == ticket.id)
        .where(col(TicketEvent.kind).in_(_CLOCK_KINDS))
        .order_by(col(TicketEvent.id))
    ).all()
    changes = [
        sla.StatusChange(at, old, new)
        for kind, at, old, new in rows
        if kind == workflow.EVENT_STATUS
    ]
    first_reply = next((at for kind, at, _, _ in rows if kind == workflow.EVENT_REPLY), None)
    recorded = {(kind, new) for kind, _, _, new in rows if kind in _SLA_KINDS}
    policy = ticket_policy(session, rules, ticket)
    clocks = sla.compute_clocks(
        policy, ticket.priority, ticket.created_at, changes, first_reply, now
    )
    return clocks, policy, recorded


def store_clocks(
    session: Session, rules: SlaRules, ticket: Ticket, now: datetime
) -> tuple[TicketClocks, sla.SlaPolicy]:
    """Recompute the ticket's clocks and store their due times on it (not committed);
    returns them with the ticket's policy."""
    clocks, policy, _ = _store(session, rules, ticket, now)
    return clocks, policy


def _store(
    session: Session, rules: SlaRules, ticket: Ticket, now: datetime
) -> tuple[TicketClocks, sla.SlaPolicy, set[tuple[str, str]]]:
    clocks, policy, recorded = _compute(session, rules, ticket, now)
    first, resolution = clocks.first_response, clocks.resolution
    ticket.first_response_due_at = first.due_at
    ticket.resolution_due_at = resolution.due_at
    ticket.resolution_paused_left = (
        int(resolution.remaining.total_seconds()) if resolution.due_at is None else None
    )
    running = clocks.running()
    ticket.sla_due_at = min((c.due_at for c in running if c.due_at), default=None)
    ticket.queue_due_at = ticket.sla_due_at or NEVER
    ticket.sla_warn_at = min((c.warn_at for c in running if c.warn_at), default=None)
    checks = []
    for clock in running:
        if (workflow.EVENT_SLA_WARNING, clock.kind) not in recorded and clock.warn_at:
            checks.append(clock.warn_at)
        elif (workflow.EVENT_SLA_BREACH, clock.kind) not in recorded and clock.due_at:
            checks.append(clock.due_at)
    ticket.sla_next_check_at = min(checks, default=None)
    return clocks, policy, recorded


@dataclass
class SweepResult:
    warnings: int = 0
    breaches: int = 0
    actions: int = 0
    tickets: int = 0


def _write_once(session: Session, event: TicketEvent) -> bool:
    """Insert an SLA event unless this clock has one of its kind; True if written.

    The unique index on (ticket, kind, clock) is what makes it once: a second process
    that gets here at the same moment fails the insert, and only its savepoint rolls back.
    """
    try:
        with session.begin_nested():
            session.add(event)
            session.flush()
    except exc.IntegrityError:
        return False
    return True


def _breach_action(
    session: Session, ticket: Ticket, policy: sla.SlaPolicy, clock: sla.ClockState, now: datetime
) -> bool:
    """Carry out the policy's breach action; True if the ticket changed."""
    label = sla.clock_label(clock.kind)
    if policy.breach_action == "raise_priority" and ticket.priority > 1:
        old = priority_label(ticket.priority)
        if ticket.urgency > 1:
            ticket.urgency -= 1
        else:
            ticket.impact -= 1
        ticket.priority = priority_for(ticket.impact, ticket.urgency)
        session.add(
            TicketEvent(
                ticket_id=ticket.id or 0,
                kind=workflow.EVENT_PRIORITY,
                created_at=now,
                body=f"SLA breach of the {label} clock ({policy.name} policy): priority raised",
                old_value=old,
                new_value=priority_label(ticket.priority),
            )
        )
        return True
    if policy.breach_action == "escalate" and ticket.tier < 3:
        old_tier = ticket.tier
        ticket.tier += 1
        ticket.assignee_id = None
        session.add(
            TicketEvent(
                ticket_id=ticket.id or 0,
                kind=workflow.EVENT_ESCALATION,
                created_at=now,
                body=(
                    f"Escalated by the SLA sweep: the {label} clock of the {policy.name} "
                    f"policy breached at {clock.due_at:%Y-%m-%d %H:%M} UTC.\n"
                    f"Tried: see the history. Theory: {ticket.theory or 'none written yet'}\n"
                    f"Time spent: {ticket.minutes_spent} min"
                ),
                old_value=str(old_tier),
                new_value=str(ticket.tier),
                minutes=ticket.minutes_spent,
            )
        )
        return True
    return False


def sweep_ticket(
    session: Session, rules: SlaRules, ticket: Ticket, now: datetime, result: SweepResult
) -> None:
    """Write the warnings and breaches that have fallen due for one locked ticket."""
    clocks, policy, recorded = _store(session, rules, ticket, now)
    changed = False
    for clock in (clocks.first_response, clocks.resolution):
        if clock.stopped_at is not None or clock.due_at is None or clock.warn_at is None:
            continue
        label = sla.clock_label(clock.kind)
        if now >= clock.warn_at and (workflow.EVENT_SLA_WARNING, clock.kind) not in recorded:
            left = sla.format_business(
                clock.target - (clock.target * policy.warn_share), policy.calendar
            )
            warning = TicketEvent(
                ticket_id=ticket.id or 0,
                kind=workflow.EVENT_SLA_WARNING,
                created_at=now,
                body=f"The {label} clock reached {policy.warn_share:.0%} of its target at "
                f"{clock.warn_at:%Y-%m-%d %H:%M} UTC; {left} of business time was left",
                new_value=clock.kind,
            )
            result.warnings += _write_once(session, warning)
        if now >= clock.due_at and (workflow.EVENT_SLA_BREACH, clock.kind) not in recorded:
            breach = TicketEvent(
                ticket_id=ticket.id or 0,
                kind=workflow.EVENT_SLA_BREACH,
                created_at=now,
                body=f"The {label} target of {sla.format_business(clock.target, policy.calendar)} "
                f"({policy.name} policy, P{ticket.priority}) was missed at "
                f"{clock.due_at:%Y-%m-%d %H:%M} UTC",
                new_value=clock.kind,
            )
            if _write_once(session, breach):
                result.breaches += 1
                if _breach_action(session, ticket, policy, clock, now):
                    result.actions += 1
                    changed = True
    if changed:
        ticket.version += 1
        ticket.updated_at = now
    store_clocks(session, rules, ticket, now)


def sweep(db: Database, rules: SlaRules, now: datetime) -> SweepResult:
    """Write every SLA warning and breach that has fallen due, each exactly once.

    Safe to run from several processes at once: each ticket is handled in its own
    short write transaction, and the database refuses a duplicate event.
    """
    result = SweepResult()
    seen: set[int] = set()
    while True:
        with db.read() as session:
            ids = [
                i
                for i in session.exec(
                    select(Ticket.id)
                    .where(col(Ticket.sla_next_check_at) <= now)
                    .order_by(col(Ticket.sla_next_check_at))
                    .limit(SWEEP_BATCH)
                )
                if i not in seen
            ]
        if not ids:
            return result
        for ticket_id in ids:
            seen.add(ticket_id)
            with db.write() as session:
                ticket = session.get(Ticket, ticket_id, with_for_update=True)
                if ticket is None or ticket.sla_next_check_at is None:
                    continue
                if ticket.sla_next_check_at > now:
                    continue  # another process swept it first
                sweep_ticket(session, rules, ticket, now, result)
                result.tickets += 1
