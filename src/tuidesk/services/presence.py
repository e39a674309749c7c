"""Who has a ticket open: each agent's heartbeat while a ticket is on their screen."""

from __future__ import annotations

from tuidesk.services.uow import UnitOfWork
from tuidesk.storage.models import TicketPresence


def be_present(uow: UnitOfWork, ticket_id: int, activity: str = "viewing") -> None:
    """Say that the acting agent has `ticket_id` open (a heartbeat, every few s)."""
    now = uow.clock()
    with uow.db.write() as session:
        row = session.get(TicketPresence, (ticket_id, uow.actor.id))
        if row is None:
            row = TicketPresence(ticket_id=ticket_id, agent_id=uow.actor.id)
        row.activity = activity[:40]
        row.seen_at = now
        session.add(row)


def leave(uow: UnitOfWork, ticket_id: int) -> None:
    """The acting agent closed `ticket_id`: others no longer see them on it."""
    with uow.db.write() as session:
        row = session.get(TicketPresence, (ticket_id, uow.actor.id))
        if row is not None:
            session.delete(row)
