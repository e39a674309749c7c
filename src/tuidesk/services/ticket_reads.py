"""What the screens and the CLI read of tickets through the ORM: one ticket with all it
shows, its history, lists and counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from tuidesk.domain import workflow
from tuidesk.errors import NotFoundError
from tuidesk.services.agents import agent_by_login
from tuidesk.storage.engine import Database
from tuidesk.storage.models import (
    Agent,
    Asset,
    Customer,
    Organization,
    Ticket,
    TicketEvent,
    TicketTag,
    Vendor,
)


@dataclass(frozen=True)
class TicketDetail:
    """Everything the ticket screen shows, read in one short session."""

    ticket: Ticket
    requester: Customer | None
    organization: Organization | None
    asset: Asset | None
    assignee: str  # login, "" when unassigned
    tags: list[str]
    history: list[HistoryEntry]
    vendor: str = ""  # the L4 vendor's name, when there is one
    # requesters of the duplicates merged into this ticket: (duplicate's id, its requester)
    merged_requesters: tuple[tuple[int, Customer], ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    """A TicketEvent with its author's login, ready to show."""

    event: TicketEvent
    author: str  # login, or "system"


def get_ticket(db: Database, ticket_id: int) -> Ticket:
    """The ticket; NotFoundError if there is none."""
    with db.read() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise NotFoundError(f"there is no ticket #{ticket_id}")
        return ticket


def ticket_tags(db: Database, ticket_id: int) -> list[str]:
    """The ticket's tags, sorted."""
    with db.read() as session:
        rows = session.exec(
            select(TicketTag.tag).where(TicketTag.ticket_id == ticket_id).order_by(TicketTag.tag)
        )
        return list(rows)


def history(db: Database, ticket_id: int) -> list[HistoryEntry]:
    """Every event of the ticket, oldest first."""
    with db.read() as session:
        if session.get(Ticket, ticket_id) is None:
            raise NotFoundError(f"there is no ticket #{ticket_id}")
        return _history(session, ticket_id)


def ticket_detail(db: Database, ticket_id: int) -> TicketDetail:
    """The ticket with its requester, organization, asset, tags and history."""
    with db.read() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise NotFoundError(f"there is no ticket #{ticket_id}")
        requester = session.get(Customer, ticket.requester_id) if ticket.requester_id else None
        org = None
        if requester is not None and requester.organization_id is not None:
            org = session.get(Organization, requester.organization_id)
        asset = session.get(Asset, ticket.asset_id) if ticket.asset_id else None
        assignee = session.get(Agent, ticket.assignee_id) if ticket.assignee_id else None
        vendor = session.get(Vendor, ticket.vendor_id) if ticket.vendor_id else None
        tags = session.exec(
            select(TicketTag.tag).where(TicketTag.ticket_id == ticket_id).order_by(TicketTag.tag)
        )
        history = _history(session, ticket_id)
        merged: list[tuple[int, Customer]] = []
        for entry in history:  # the target's merge events name their duplicate
            event = entry.event
            if event.kind == workflow.EVENT_MERGE and event.old_value.isdigit():
                duplicate = session.get(Ticket, int(event.old_value))
                if duplicate is None or duplicate.requester_id in (None, ticket.requester_id):
                    continue
                person = session.get(Customer, duplicate.requester_id)
                if person is not None and person.id not in {c.id for _, c in merged}:
                    merged.append((int(event.old_value), person))
        return TicketDetail(
            ticket=ticket,
            requester=requester,
            organization=org,
            asset=asset,
            assignee=assignee.login if assignee else "",
            tags=list(tags),
            history=history,
            vendor=vendor.name if vendor else "",
            merged_requesters=tuple(merged),
        )


@staticmethod
def _history(session: Session, ticket_id: int) -> list[HistoryEntry]:
    rows = session.exec(
        select(TicketEvent, Agent.login)
        .join(Agent, col(TicketEvent.author_id) == Agent.id, isouter=True)
        .where(TicketEvent.ticket_id == ticket_id)
        .order_by(col(TicketEvent.id))
    )
    return [HistoryEntry(event, login or "system") for event, login in rows]


def list_tickets(
    db: Database,
    *,
    statuses: Sequence[str] | None = None,
    assignee: str | None = None,
    tier: int | None = None,
    limit: int = 100,
    before_id: int | None = None,
) -> list[Ticket]:
    """Tickets newest first, filtered; `before_id` pages on (keyset pagination)."""
    for status in statuses or ():
        workflow.check_status(status)
    query = select(Ticket).order_by(col(Ticket.id).desc()).limit(limit)
    if statuses:
        query = query.where(col(Ticket.status).in_(list(statuses)))
    if tier is not None:
        query = query.where(Ticket.tier == workflow.check_tier(tier))
    if before_id is not None:
        query = query.where(col(Ticket.id) < before_id)
    with db.read() as session:
        if assignee is not None:
            agent = agent_by_login(session, assignee)
            query = query.where(Ticket.assignee_id == agent.id)
        return list(session.exec(query))


def count_tickets(
    db: Database, statuses: Sequence[str] | None = None, assignee: str | None = None
) -> int:
    """How many tickets there are in `statuses`, of the agent `assignee` if given."""
    query = select(func.count()).select_from(Ticket)
    if statuses:
        query = query.where(col(Ticket.status).in_(list(statuses)))
    with db.read() as session:
        if assignee is not None:
            agent = agent_by_login(session, assignee)
            query = query.where(Ticket.assignee_id == agent.id)
        return session.exec(query).one()


def read_target(db: Database) -> object:
    """What the plain-SQL read models read: the SQLite file, or the engine."""
    return str(db.path) if db.path is not None else db.engine
