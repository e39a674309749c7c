"""The one public write path of a ticket, which every service uses.

A change is one short transaction: lock the ticket at the version the agent saw (a
write based on an older one raises ConflictError carrying the ticket as it is now, and
writes nothing), apply the change, append its event(s) to the history, count the
version and recompute the SLA clocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from tuidesk.clock import utcnow
from tuidesk.domain import workflow
from tuidesk.domain.sla_policies import SlaRules, default_rules
from tuidesk.errors import ConflictError, NotFoundError
from tuidesk.services.sla_clocks import store_clocks
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent, Ticket, TicketEvent

Change = Callable[[Session, Ticket, datetime], None]


@dataclass
class UnitOfWork:
    """Writes by `actor` on `db`; `clock` gives "now" (tests fix it), `rules` the SLA."""

    db: Database
    actor: Agent
    clock: Callable[[], datetime] = utcnow
    rules: SlaRules = field(default_factory=default_rules)

    def change(
        self,
        ticket_id: int,
        expected_version: int | None,
        change: Change,
        *,
        closed_ok: bool = False,
    ) -> Ticket:
        """Lock the ticket at the version seen, refuse a closed one (unless `closed_ok`),
        apply `change`, count the version, recompute clocks; the ticket as written."""
        now = self.clock()
        with self.db.write() as session:
            ticket = lock_ticket(session, ticket_id, expected_version)
            if not closed_ok:
                workflow.check_changeable(ticket.status)
            change(session, ticket, now)
            self.changed(session, ticket, now)
            return copy_ticket(ticket)

    def changed(self, session: Session, ticket: Ticket, now: datetime) -> None:
        """Count a changed ticket's version and recompute its clocks (in the session)."""
        ticket.version += 1
        ticket.updated_at = now
        session.flush()
        store_clocks(session, self.rules, ticket, now)

    def event(
        self,
        session: Session,
        ticket: Ticket,
        kind: str,
        now: datetime,
        *,
        body: str = "",
        old: str = "",
        new: str = "",
        minutes: int = 0,
    ) -> None:
        """Append an event by the acting agent to the ticket's history."""
        assert ticket.id is not None
        session.add(
            TicketEvent(
                ticket_id=ticket.id,
                kind=kind,
                author_id=self.actor.id,
                created_at=now,
                body=body,
                old_value=old,
                new_value=new,
                minutes=minutes,
            )
        )

    def assign_to(
        self, session: Session, ticket: Ticket, agent: Agent | None, now: datetime
    ) -> None:
        """Give the ticket to `agent` (None: nobody), with its assignment event."""
        old_login = ""
        if ticket.assignee_id is not None:
            old_agent = session.get(Agent, ticket.assignee_id)
            old_login = old_agent.login if old_agent else ""
        ticket.assignee_id = agent.id if agent else None
        self.event(
            session, ticket, workflow.EVENT_ASSIGNMENT, now, old=old_login,
            new=agent.login if agent else "",
        )  # fmt: skip

    def open_if_new(self, session: Session, ticket: Ticket, now: datetime, why: str) -> None:
        """An agent took up a new ticket: it is open now, and its history says why."""
        if ticket.status == workflow.NEW:
            ticket.status = workflow.OPEN
            self.event(
                session, ticket, workflow.EVENT_STATUS, now, body=f"Opened: {why}",
                old=workflow.NEW, new=workflow.OPEN,
            )  # fmt: skip


def copy_ticket(ticket: Ticket) -> Ticket:
    """A detached copy that stays readable after the session is gone."""
    return Ticket(**ticket.model_dump())


def lock_ticket(session: Session, ticket_id: int, expected_version: int | None) -> Ticket:
    """The ticket, locked for this write transaction, at the version the agent saw.

    FOR UPDATE locks the row on PostgreSQL; SQLite holds the write lock already (and
    asking for it there would only read the row again when the session has it)."""
    locking = session.get_bind().dialect.name != "sqlite"
    ticket = session.get(Ticket, ticket_id, with_for_update=locking)
    if ticket is None:
        raise NotFoundError(f"there is no ticket #{ticket_id}")
    if expected_version is not None and ticket.version != expected_version:
        raise ConflictError(
            f"ticket #{ticket_id} was changed by someone else since you opened it; "
            "review the changes, then apply yours again",
            current=copy_ticket(ticket),
        )
    return ticket
