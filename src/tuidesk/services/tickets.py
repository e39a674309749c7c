"""A ticket's life at one tier: created, answered, noted, moved along the workflow,
assigned, tagged, merged, prioritized, its work logged and its theory written.

Every change goes through the one write path (services/uow.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, select

from tuidesk.domain import workflow
from tuidesk.domain.permissions import require_lead
from tuidesk.domain.priority import priority_for, priority_label
from tuidesk.errors import NotFoundError, ValidationError
from tuidesk.services.agents import active_agent
from tuidesk.services.checks import (
    MAX_TAGS,
    MAX_WORK_MINUTES,
    check_new_ticket,
    normalize_tags,
    required,
)
from tuidesk.services.history_replay import created_record
from tuidesk.services.sla_clocks import store_clocks
from tuidesk.services.uow import UnitOfWork, copy_ticket, lock_ticket
from tuidesk.storage.models import Customer, Ticket, TicketTag


def create_ticket(
    uow: UnitOfWork,
    *,
    subject: str,
    requester_id: int,
    description: str = "",
    goal: str = "",
    channel: str = "phone",
    urgency: int = workflow.DEFAULT_LEVEL,
    impact: int = workflow.DEFAULT_LEVEL,
    category: str = "",
    tags: Sequence[str] | str | None = None,
    asset_id: int | None = None,
    tier: int = 1,
    assignee: str | None = None,
) -> Ticket:
    """Open a new ticket; its history starts with a `created` event holding the symptoms.

    Urgency and impact default to the middle (P3), never silently to the lowest. With
    `assignee` (an active agent's login) the ticket is theirs and open from the start,
    as for an agent who takes it on the phone; without, it is new in the tier's queue.
    """
    subject, category, tag_list = check_new_ticket(
        subject, channel=channel, urgency=urgency, impact=impact, category=category,
        tags=tags, tier=tier,
    )  # fmt: skip
    now = uow.clock()
    with uow.db.write() as session:
        if session.get(Customer, requester_id) is None:
            raise NotFoundError(f"there is no customer #{requester_id}")
        ticket = Ticket(
            subject=subject,
            description=description,
            goal=goal,
            requester_id=requester_id,
            asset_id=asset_id,
            channel=channel,
            status=workflow.NEW,
            tier=tier,
            urgency=urgency,
            impact=impact,
            priority=priority_for(impact, urgency),
            category=category,
            created_at=now,
            updated_at=now,
        )
        session.add(ticket)
        session.flush()
        assert ticket.id is not None
        session.add_all(TicketTag(ticket_id=ticket.id, tag=tag) for tag in tag_list)
        uow.event(session, ticket, workflow.EVENT_CREATED, now, body=description,
                  new=created_record(ticket, tag_list))  # fmt: skip
        if assignee:
            uow.assign_to(session, ticket, active_agent(session, assignee), now)
            uow.open_if_new(session, ticket, now, "taken when it was created")
        session.flush()
        store_clocks(session, uow.rules, ticket, now)
        return copy_ticket(ticket)


def reply(
    uow: UnitOfWork,
    ticket_id: int,
    body: str,
    expected_version: int | None = None,
    *,
    take_on_first_reply: bool = True,
) -> Ticket:
    """A public reply to the customer; the first one meets the first-response clock.

    With `take_on_first_reply`, the first agent of the ticket's tier to answer an
    unassigned ticket takes it."""
    text = required(body, "body", "the reply text")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        if ticket.first_responded_at is None:
            ticket.first_responded_at = now
        uow.event(session, ticket, workflow.EVENT_REPLY, now, body=text)
        if (
            take_on_first_reply
            and ticket.assignee_id is None
            and ticket.tier == uow.actor.tier
            and uow.actor.active
        ):
            uow.assign_to(session, ticket, uow.actor, now)
        uow.open_if_new(session, ticket, now, "answered")

    return uow.change(ticket_id, expected_version, change)


def add_note(
    uow: UnitOfWork, ticket_id: int, body: str, expected_version: int | None = None
) -> Ticket:
    """An internal note: for agents only, does not count as a response."""
    text = required(body, "body", "the note text")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        uow.event(session, ticket, workflow.EVENT_NOTE, now, body=text)
        uow.open_if_new(session, ticket, now, "worked on")

    return uow.change(ticket_id, expected_version, change)


def change_status(
    uow: UnitOfWork,
    ticket_id: int,
    status: str,
    note: str = "",
    expected_version: int | None = None,
) -> Ticket:
    """Move the ticket along the workflow; resolving needs `resolve()`'s text."""
    workflow.check_status(status)
    if status == workflow.RESOLVED:
        return resolve(uow, ticket_id, note, expected_version)

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        old = ticket.status
        workflow.check_transition(old, status)
        ticket.status = status
        if status == workflow.CLOSED:
            ticket.closed_at = now
        if old == workflow.RESOLVED and status == workflow.OPEN:
            ticket.resolved_at = None
        uow.event(
            session, ticket, workflow.EVENT_STATUS, now, body=note.strip(), old=old, new=status
        )

    return uow.change(ticket_id, expected_version, change)


def resolve(
    uow: UnitOfWork, ticket_id: int, resolution: str, expected_version: int | None = None
) -> Ticket:
    """Resolve with the text that tells the customer what fixed it."""
    text = required(resolution, "resolution", "a resolution text (what fixed it)")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        old = ticket.status
        workflow.check_transition(old, workflow.RESOLVED)
        ticket.status = workflow.RESOLVED
        ticket.resolution = text
        ticket.resolved_at = now
        uow.event(
            session, ticket, workflow.EVENT_STATUS, now, body=text, old=old, new=ticket.status
        )

    return uow.change(ticket_id, expected_version, change)


def reopen(
    uow: UnitOfWork, ticket_id: int, reason: str = "", expected_version: int | None = None
) -> Ticket:
    """Reopen a resolved ticket; its resolution clock resumes."""
    return change_status(uow, ticket_id, workflow.OPEN, reason, expected_version)


def assign(
    uow: UnitOfWork, ticket_id: int, login: str | None, expected_version: int | None = None
) -> Ticket:
    """Give the ticket to the agent `login`, or unassign it with None. Taking a new
    ticket yourself opens it; giving it to someone else leaves it new for them."""

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        agent = active_agent(session, login) if login else None
        if (agent.id if agent else None) == ticket.assignee_id:
            who = agent.login if agent else "nobody"
            raise ValidationError(f"the ticket is already assigned to {who}", "assignee")
        uow.assign_to(session, ticket, agent, now)
        if agent is not None and agent.id == uow.actor.id:
            uow.open_if_new(session, ticket, now, "taken")

    return uow.change(ticket_id, expected_version, change)


def take(uow: UnitOfWork, ticket_id: int, expected_version: int | None = None) -> Ticket:
    """Assign the ticket to the acting agent; a new ticket becomes open."""
    return assign(uow, ticket_id, uow.actor.login, expected_version)


def tag(
    uow: UnitOfWork,
    ticket_id: int,
    add: Sequence[str] | str = (),
    remove: Sequence[str] | str = (),
    expected_version: int | None = None,
) -> Ticket:
    """Add and remove tags; one `tags` event holds the lists before and after."""
    adding, removing = normalize_tags(add), normalize_tags(remove)
    if not adding and not removing:
        raise ValidationError("name a tag to add or remove", field="tags")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        rows = session.exec(select(TicketTag).where(TicketTag.ticket_id == ticket_id)).all()
        old = sorted(row.tag for row in rows)
        new = sorted((set(old) | set(adding)) - set(removing))
        if len(new) > max(MAX_TAGS, len(old)):  # (a merge may have left more)
            raise ValidationError(
                f"at most {MAX_TAGS} tags on a ticket; it has {len(old)}", field="tags"
            )
        if new == old:
            raise ValidationError(
                f"the ticket's tags are already {' '.join(old) or 'none'}", field="tags"
            )
        for row in rows:
            if row.tag not in new:
                session.delete(row)
        session.add_all(TicketTag(ticket_id=ticket_id, tag=tag) for tag in new if tag not in old)
        uow.event(session, ticket, workflow.EVENT_TAGS, now, old=" ".join(old), new=" ".join(new))

    return uow.change(ticket_id, expected_version, change)


def merge(
    uow: UnitOfWork,
    source_id: int,
    target_id: int,
    expected_version: int | None = None,
    target_version: int | None = None,
) -> Ticket:
    """Merge a duplicate ticket into another (leads and admins); returns the target.

    Nothing is rewritten: the duplicate gets a `merge` event naming the target and
    is closed; the target gets a `merge` event holding the duplicate's subject and
    symptoms, and its tags. Both in one transaction, both versions checked.
    """
    require_lead(uow.actor, "merge tickets", "ask a lead")
    if source_id == target_id:
        raise ValidationError("a ticket cannot be merged into itself", field="target")
    now = uow.clock()
    with uow.db.write() as session:
        expected = {source_id: expected_version, target_id: target_version}
        tickets = {  # locked in one order: two merges crossing cannot deadlock
            ticket_id: lock_ticket(session, ticket_id, expected[ticket_id])
            for ticket_id in sorted(expected)
        }
        source, target = tickets[source_id], tickets[target_id]
        for ticket in (source, target):
            if ticket.status == workflow.CLOSED:
                raise ValidationError(
                    f"ticket #{ticket.id} is closed; merge open tickets only",
                    field="target",
                )
        old_status = source.status
        source.status = workflow.CLOSED
        source.closed_at = now
        into = f"#{target_id}"
        uow.event(session, source, workflow.EVENT_MERGE, now, body=f"merged into {into}",
                  new=str(target_id))  # fmt: skip
        uow.event(session, source, workflow.EVENT_STATUS, now, body=f"duplicate of {into}",
                  old=old_status, new=workflow.CLOSED)  # fmt: skip
        details = f"merged from #{source_id}: {source.subject}"
        if source.requester_id is not None and source.requester_id != target.requester_id:
            person = session.get(Customer, source.requester_id)
            if person is not None:  # kept here: they asked too, and hear about it
                contact = f" <{person.email}>" if person.email else ""
                details += f"\nRequester of #{source_id} kept here: {person.name}{contact}"
        if source.description:
            details += f"\n\n{source.description}"
        uow.event(session, target, workflow.EVENT_MERGE, now, body=details,
                  old=str(source_id))  # fmt: skip
        theirs = session.exec(select(TicketTag).where(TicketTag.ticket_id == source_id)).all()
        ours = {row.tag for row in session.exec(
            select(TicketTag).where(TicketTag.ticket_id == target_id)
        )}  # fmt: skip
        added = sorted({row.tag for row in theirs} - ours)
        if added:
            session.add_all(TicketTag(ticket_id=target_id, tag=tag) for tag in added)
            after = " ".join(sorted(ours | set(added)))
            uow.event(session, target, workflow.EVENT_TAGS, now,
                      old=" ".join(sorted(ours)), new=after)  # fmt: skip
        for ticket in (source, target):
            uow.changed(session, ticket, now)
        return copy_ticket(target)


def change_priority(
    uow: UnitOfWork,
    ticket_id: int,
    *,
    impact: int,
    urgency: int,
    reason: str = "",
    expected_version: int | None = None,
) -> Ticket:
    """Set impact and urgency; the priority follows from the matrix."""
    new_priority = priority_for(impact, urgency)

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        if (ticket.impact, ticket.urgency) == (impact, urgency):
            raise ValidationError("impact and urgency are unchanged", field="impact")
        old = (
            f"{priority_label(ticket.priority)} (impact {ticket.impact}, urgency {ticket.urgency})"
        )
        ticket.impact, ticket.urgency, ticket.priority = impact, urgency, new_priority
        new = f"{priority_label(new_priority)} (impact {impact}, urgency {urgency})"
        uow.event(
            session, ticket, workflow.EVENT_PRIORITY, now, body=reason.strip(), old=old, new=new
        )

    return uow.change(ticket_id, expected_version, change)


def log_work(
    uow: UnitOfWork,
    ticket_id: int,
    minutes: int,
    note: str = "",
    expected_version: int | None = None,
) -> Ticket:
    """Record minutes spent on the ticket by the acting agent."""
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not (0 < minutes <= MAX_WORK_MINUTES)
    ):
        raise ValidationError(
            f"minutes spent must be a whole number from 1 to {MAX_WORK_MINUTES}, not {minutes!r}",
            field="minutes",
        )

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        ticket.minutes_spent += minutes
        uow.event(session, ticket, workflow.EVENT_WORKLOG, now, body=note.strip(), minutes=minutes)
        uow.open_if_new(session, ticket, now, "worked on")

    return uow.change(ticket_id, expected_version, change)


def set_theory(
    uow: UnitOfWork, ticket_id: int, theory: str, expected_version: int | None = None
) -> Ticket:
    """Write or update the current theory: the likely cause and the plan."""
    text = required(theory, "theory", "the theory (likely cause and plan)")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        old = ticket.theory
        ticket.theory = text
        uow.event(session, ticket, workflow.EVENT_THEORY, now, body=text, old=old)
        uow.open_if_new(session, ticket, now, "worked on")

    return uow.change(ticket_id, expected_version, change)
