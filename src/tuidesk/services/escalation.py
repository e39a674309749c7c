"""Escalation through the tiers: the hand-off up, the note back down, the vendor (L4),
and the hand-off the next tier reads first."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from tuidesk.domain import escalation as rules
from tuidesk.domain import workflow
from tuidesk.errors import ValidationError
from tuidesk.services.agents import agent_by_login
from tuidesk.services.checks import required
from tuidesk.services.uow import UnitOfWork
from tuidesk.storage.engine import Database
from tuidesk.storage.models import HandoffSeen, Ticket, TicketEvent, Vendor


def escalate(
    uow: UnitOfWork,
    ticket_id: int,
    *,
    tier: int,
    tried: str,
    theory: str,
    needs: str,
    minutes: int | None = None,
    skip_reason: str = "",
    agent: str | None = None,
    vendor: str = "",
    vendor_ref: str = "",
    vendor_hours: int | None = None,
    expected_version: int | None = None,
) -> Ticket:
    """Hand the ticket up to `tier` with the hand-off the next tier reads first.

    One tier at a time; skipping needs a reason and a lead or admin. The ticket lands
    unassigned in the tier's queue unless `agent` (of that tier) is named. L4 is a
    vendor under contract: its name and reference number are required, the status
    becomes pending_vendor and the vendor's response clock starts.
    """
    rules.check_handoff(tried, theory, needs)
    workflow.check_tier(tier)
    if minutes is not None and (isinstance(minutes, bool) or not 0 <= minutes <= 100_000):
        raise ValidationError("time spent: minutes, from 0 up", field="minutes")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        if ticket.status == workflow.RESOLVED:
            raise ValidationError("the ticket is resolved; reopen it before escalating", "tier")
        rules.check_escalation(ticket.tier, tier, uow.actor.role, skip_reason)
        if tier == workflow.VENDOR_TIER:
            required(vendor, "vendor", "the vendor's name")
            required(vendor_ref, "vendor_ref", "the vendor's reference number for the case")
            if vendor_hours is not None and not 0 < vendor_hours <= 24 * 60:
                raise ValidationError(
                    "the contract response time: hours, at least 1", field="vendor_hours"
                )
        spent = ticket_minutes_at_tier(session, ticket) if minutes is None else minutes
        lines = [
            f"Tried: {tried.strip()}",
            f"Theory: {theory.strip()}",
            f"Customer needs: {needs.strip()}",
            f"Time spent at L{ticket.tier}: {spent} min",
        ]
        if tier - ticket.tier > 1:
            lines.append(f"Skipped L{ticket.tier + 1}: {skip_reason.strip()}")
        new_assignee = None
        if agent:
            target = agent_by_login(session, agent)
            if target.tier != tier or not target.active:
                raise ValidationError(
                    f"{agent} is not an active L{tier} agent; leave the agent empty to "
                    f"put the ticket in the L{tier} queue",
                    field="agent",
                )
            new_assignee = target.id
        if tier == workflow.VENDOR_TIER:
            record = session.exec(
                select(Vendor).where(func.lower(Vendor.name) == vendor.strip().lower())
            ).first()
            if record is None:
                record = Vendor(name=vendor.strip(), response_hours=vendor_hours or 8)
                session.add(record)
                session.flush()
            hours = vendor_hours or record.response_hours
            ticket.vendor_id = record.id
            ticket.vendor_ref = vendor_ref.strip()
            ticket.vendor_due_at = now + timedelta(hours=hours)
            ticket.vendor_responded_at = None
            lines.append(
                f"Vendor: {record.name}, reference {ticket.vendor_ref}, contract response {hours} h"
            )
        old_tier, ticket.tier = ticket.tier, tier
        ticket.assignee_id = new_assignee
        if theory.strip() != ticket.theory:
            ticket.theory = theory.strip()
        uow.event(
            session, ticket, workflow.EVENT_ESCALATION, now, body="\n".join(lines),
            old=str(old_tier), new=str(tier), minutes=spent,
        )  # fmt: skip
        uow.open_if_new(session, ticket, now, "escalated")
        if tier == workflow.VENDOR_TIER and ticket.status != workflow.PENDING_VENDOR:
            old_status, ticket.status = ticket.status, workflow.PENDING_VENDOR
            uow.event(
                session, ticket, workflow.EVENT_STATUS, now,
                body=f"Waiting for {record.name} ({ticket.vendor_ref})",
                old=old_status, new=ticket.status,
            )  # fmt: skip

    return uow.change(ticket_id, expected_version, change)


def deescalate(
    uow: UnitOfWork,
    ticket_id: int,
    note: str,
    *,
    tier: int | None = None,
    agent: str | None = None,
    expected_version: int | None = None,
) -> Ticket:
    """Send the ticket back down with a note for them: to the tier it was escalated
    from (L2 → L4 goes back to L2), unless `tier` says where."""
    text = required(note, "note", "a note for the tier it goes back to")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        target = tier if tier is not None else return_tier_of(session, ticket)
        rules.check_deescalation(ticket.tier, target)
        new_assignee = None
        if agent:
            person = agent_by_login(session, agent)
            if person.tier != target or not person.active:
                raise ValidationError(f"{agent} is not an active L{target} agent", "agent")
            new_assignee = person.id
        old_tier, ticket.tier = ticket.tier, target
        ticket.assignee_id = new_assignee
        uow.event(
            session, ticket, workflow.EVENT_DEESCALATION, now, body=text,
            old=str(old_tier), new=str(target),
        )  # fmt: skip
        if old_tier == workflow.VENDOR_TIER and ticket.status == workflow.PENDING_VENDOR:
            ticket.status = workflow.OPEN
            uow.event(
                session, ticket, workflow.EVENT_STATUS, now, body="Back from the vendor",
                old=workflow.PENDING_VENDOR, new=workflow.OPEN,
            )  # fmt: skip

    return uow.change(ticket_id, expected_version, change)


def vendor_update(
    uow: UnitOfWork, ticket_id: int, body: str, expected_version: int | None = None
) -> Ticket:
    """Log what the vendor said or did; the first one meets the vendor's clock."""
    text = required(body, "body", "what the vendor said or did")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        if ticket.vendor_id is None:
            raise ValidationError("the ticket has no vendor; escalate it to L4 first", field="body")
        if ticket.vendor_responded_at is None:
            ticket.vendor_responded_at = now
        uow.event(session, ticket, workflow.EVENT_VENDOR_UPDATE, now, body=text)

    return uow.change(ticket_id, expected_version, change)


def unseen_handoff(uow: UnitOfWork, ticket_id: int) -> TicketEvent | None:
    """The escalation into the acting agent's tier they have not read yet, if any."""
    with uow.db.read() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None or ticket.tier != uow.actor.tier:
            return None
        last = session.exec(
            select(TicketEvent)
            .where(
                TicketEvent.ticket_id == ticket_id,
                col(TicketEvent.kind).in_([workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION]),
            )
            .order_by(col(TicketEvent.id).desc())
            .limit(1)
        ).first()
        if last is None or last.new_value != str(uow.actor.tier):
            return None
        seen = session.get(HandoffSeen, (uow.actor.id, last.id))
        return None if seen is not None else TicketEvent(**last.model_dump())


def mark_handoff_seen(uow: UnitOfWork, event_id: int) -> None:
    """The acting agent has read the hand-off `event_id` (it is not shown first again)."""
    with uow.db.write() as session:
        if session.get(HandoffSeen, (uow.actor.id, event_id)) is None:
            session.add(HandoffSeen(agent_id=uow.actor.id, event_id=event_id, seen_at=uow.clock()))


def list_vendors(db: Database) -> list[Vendor]:
    """The known vendors (L4), by name."""
    with db.read() as session:
        return list(session.exec(select(Vendor).order_by(Vendor.name)))


def return_tier_of(session: Session, ticket: Ticket) -> int:
    """Where a de-escalation of `ticket` goes by default (see escalation.return_tier)."""
    moves = [(kind, old, new) for kind, old, new, _ in tier_history(session, ticket)]
    return rules.return_tier(ticket.tier, moves)


def ticket_minutes_at_tier(session: Session, ticket: Ticket) -> int:
    """Minutes logged on the ticket since it came to its current tier."""
    return rules.minutes_at_current_tier(tier_history(session, ticket))


def tier_history(session: Session, ticket: Ticket) -> list[rules.Event]:
    """The ticket's moves between tiers and its work logs, oldest first, as the rules of
    tuidesk.domain.escalation read them."""
    rows = session.exec(
        select(TicketEvent.kind, TicketEvent.old_value, TicketEvent.new_value, TicketEvent.minutes)
        .where(
            TicketEvent.ticket_id == ticket.id,
            col(TicketEvent.kind).in_([*rules.MOVES, workflow.EVENT_WORKLOG]),
        )
        .order_by(col(TicketEvent.id))
    ).all()
    return [(kind, old, new, minutes or 0) for kind, old, new, minutes in rows]
