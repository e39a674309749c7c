"""Who acts in the demo's stories, and when: a clock moved through the past, one
transaction for all of it, and a Desk for every agent and for the customers' channels."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from tuidesk.domain import workflow
from tuidesk.domain.sla_policies import SlaRules
from tuidesk.services.desk import Desk
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent, Ticket, TicketEvent


class Clock:
    """The moment the demo's services act at, moved through the past."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class OneTransaction:
    """A Database whose every read and write is the one open session: the demo's
    thousands of service calls commit once, with the claim that this is the demo."""

    def __init__(self, db: Database, session: Session) -> None:
        self._db = db
        self._session = session
        self.is_sqlite = db.is_sqlite

    @property
    def path(self) -> Path | None:
        return self._db.path

    def describe(self) -> str:
        return self._db.describe()

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session

    @contextmanager
    def write(self) -> Iterator[Session]:
        yield self._session


class Players:
    """Everyone who acts in the demo, each through their own Desk."""

    def __init__(
        self,
        db: OneTransaction,
        session: Session,
        agents: list[Agent],
        clock: Clock,
        rules: SlaRules,
    ) -> None:
        self.session = session
        self.clock = clock
        self.desks = {a.login: Desk(db, a, clock, rules) for a in agents}  # type: ignore[arg-type]
        # the customers' own channels (mail, web form): no agent wrote the first event
        nobody = Agent(login="system", name="system", tier=1)
        self.system = Desk(db, nobody, clock, rules)  # type: ignore[arg-type]
        self.by_tier = {t: [a for a in agents if a.tier == t] for t in (1, 2, 3)}
        # the session keeps only weak references to unchanged rows: without these, every
        # service call would read its ticket again
        self.tickets: dict[int, Ticket] = {}

    def hold(self, ticket_id: int) -> None:
        ticket = self.session.get(Ticket, ticket_id)
        assert ticket is not None
        self.tickets[ticket_id] = ticket

    def desk(self, agent: Agent | None) -> Desk:
        return self.desks[agent.login] if agent else self.system

    def customer_wrote(self, ticket_id: int, body: str) -> None:
        """A message from the customer arrives (the mail channel's event)."""
        ticket = self.tickets[ticket_id]
        now = self.clock()
        self.session.add(
            TicketEvent(
                ticket_id=ticket_id, kind=workflow.EVENT_CUSTOMER_REPLY, created_at=now, body=body
            )
        )
        ticket.version += 1
        ticket.updated_at = now  # the clocks follow replies and statuses, not messages
