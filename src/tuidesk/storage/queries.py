"""Read queries that screens need, shaped for display and bounded in size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from tuidesk.storage.models import Agent, Customer, Organization, Ticket


@dataclass(frozen=True)
class QueueRow:
    """One line of the ticket queue."""

    id: int
    priority: int
    status: str
    tier: int
    subject: str
    requester: str
    organization: str
    assignee: str
    updated_at: datetime
    sla_due_at: datetime | None
    version: int
    created_at: datetime
    first_response_due_at: datetime | None
    resolution_due_at: datetime | None
    resolution_paused_left: int | None
    sla_policy: str
    plan: str
    timezone: str


def queue_page(
    session: Session,
    *,
    statuses: Sequence[str],
    limit: int,
    before_id: int | None = None,
) -> list[QueueRow]:
    """A page of tickets in `statuses`, newest first, starting below `before_id`.

    Keyset pagination on the primary key: the cost does not grow with the page number.
    """
    query = (
        select(
            Ticket.id,
            Ticket.priority,
            Ticket.status,
            Ticket.tier,
            Ticket.subject,
            Customer.name,
            Organization.name,
            Agent.login,
            Ticket.updated_at,
            Ticket.sla_due_at,
            Ticket.version,
            Ticket.created_at,
            Ticket.first_response_due_at,
            Ticket.resolution_due_at,
            Ticket.resolution_paused_left,
            Ticket.sla_policy,
            Organization.plan,
            Organization.timezone,
        )
        .join(Customer, col(Ticket.requester_id) == Customer.id, isouter=True)
        .join(Organization, col(Customer.organization_id) == Organization.id, isouter=True)
        .join(Agent, col(Ticket.assignee_id) == Agent.id, isouter=True)
        .where(col(Ticket.status).in_(list(statuses)))
        .order_by(col(Ticket.id).desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(col(Ticket.id) < before_id)
    return [
        QueueRow(
            id=row[0],
            priority=row[1],
            status=row[2],
            tier=row[3],
            subject=row[4],
            requester=row[5] or "",
            organization=row[6] or "",
            assignee=row[7] or "",
            updated_at=row[8],
            sla_due_at=row[9],
            version=row[10],
            created_at=row[11],
            first_response_due_at=row[12],
            resolution_due_at=row[13],
            resolution_paused_left=row[14],
            sla_policy=row[15],
            plan=row[16] or "",
            timezone=row[17] or "UTC",
        )
        for row in session.exec(query)
    ]
