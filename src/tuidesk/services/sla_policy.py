"""A ticket's SLA policy, which leads and admins may change, and its clocks as of now."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from tuidesk.domain import workflow
from tuidesk.domain.permissions import require_lead
from tuidesk.domain.sla import SlaPolicy, TicketClocks
from tuidesk.errors import NotFoundError, ValidationError
from tuidesk.services.sla_clocks import SweepResult, compute_ticket_clocks, sweep
from tuidesk.services.uow import UnitOfWork
from tuidesk.storage.models import Ticket


def set_policy(
    uow: UnitOfWork, ticket_id: int, policy: str | None, expected_version: int | None = None
) -> Ticket:
    """Put the ticket under another SLA policy (None: its organization's); clocks follow."""
    if policy is not None and policy not in uow.rules.policies:
        raise ValidationError(
            f"no SLA policy {policy!r}; known: {', '.join(sorted(uow.rules.policies))}",
            field="policy",
        )
    require_lead(uow.actor, "change a ticket's SLA policy")

    def change(session: Session, ticket: Ticket, now: datetime) -> None:
        old = ticket.sla_policy
        ticket.sla_policy = policy or ""
        uow.event(
            session,
            ticket,
            workflow.EVENT_SLA_POLICY,
            now,
            old=old or workflow.ORGANIZATION_POLICY,
            new=policy or workflow.ORGANIZATION_POLICY,
        )

    return uow.change(ticket_id, expected_version, change)


def clocks(uow: UnitOfWork, ticket_id: int) -> tuple[TicketClocks, SlaPolicy]:
    """The ticket's SLA clocks as of now, recomputed from its history."""
    with uow.db.read() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise NotFoundError(f"there is no ticket #{ticket_id}")
        return compute_ticket_clocks(session, uow.rules, ticket, uow.clock())


def sweep_sla(uow: UnitOfWork) -> SweepResult:
    """Write the SLA warnings and breaches that have fallen due (each once)."""
    return sweep(uow.db, uow.rules, uow.clock())
