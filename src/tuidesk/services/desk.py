"""The help desk as one acting agent uses it: a facade over the services.

Each area of use cases is a module of its own (tickets, escalation, customers, agents,
views, presence, sla_policy, kb), every write through the one write path in
services/uow.py; `Desk` only binds them to one agent, one database and one clock, for
the screens and the CLI. It holds no logic: each method delegates in one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from tuidesk.clock import utcnow
from tuidesk.domain import workflow
from tuidesk.domain.sla import SlaPolicy, TicketClocks
from tuidesk.domain.sla_policies import SlaRules, default_rules
from tuidesk.services import (
    agents,
    customers,
    escalation,
    presence,
    sla_policy,
    stats,
    ticket_reads,
    tickets,
    views,
)
from tuidesk.services.checks import MAX_NAME, MAX_SUBJECT, check_new_ticket, normalize_tags
from tuidesk.services.sla_clocks import SweepResult
from tuidesk.services.ticket_reads import HistoryEntry, TicketDetail
from tuidesk.services.uow import UnitOfWork
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent, Asset, Customer, Ticket, TicketEvent, Vendor
from tuidesk.storage.read.queue import Filter, QueueReader

if TYPE_CHECKING:
    from tuidesk.services.kb import Knowledge

# what callers imported from here before the services were split
__all__ = [
    "MAX_NAME",
    "MAX_SUBJECT",
    "Desk",
    "HistoryEntry",
    "TicketDetail",
    "check_new_ticket",
    "normalize_tags",
]


class Desk:
    """Use cases performed by `actor` on `db`. `clock` gives "now" (tests fix it)."""

    def __init__(
        self,
        db: Database,
        actor: Agent,
        clock: Callable[[], datetime] = utcnow,
        rules: SlaRules | None = None,
        *,
        take_on_first_reply: bool = True,
    ) -> None:
        self.uow = UnitOfWork(db, actor, clock, rules or default_rules())
        # the first agent of the ticket's tier to answer an unassigned ticket takes it
        self.take_on_first_reply = take_on_first_reply
        self._kb: Knowledge | None = None

    @property
    def db(self) -> Database:
        return self.uow.db

    @property
    def actor(self) -> Agent:
        return self.uow.actor

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.uow.clock

    @property
    def rules(self) -> SlaRules:
        return self.uow.rules

    @property
    def kb(self) -> Knowledge:
        """The knowledge base as this agent uses it."""
        if self._kb is None:
            from tuidesk.services.kb import Knowledge

            self._kb = Knowledge(self.uow)
        return self._kb

    def queue_target(self) -> object:
        """What the plain-SQL read models read: the SQLite file, or the engine."""
        return ticket_reads.read_target(self.db)

    def queue_reader(self) -> QueueReader:
        """The queue's read model for the acting agent (plain SQL, no ORM)."""
        return QueueReader(self.queue_target(), me=self.actor.id or 0, tier=self.actor.tier)

    def escalation_stats(self) -> dict[str, object]:
        """Where tickets get resolved and how often each tier escalates (for a manager)."""
        return stats.read_escalation_stats(self.db)

    def get_ticket(self, ticket_id: int) -> Ticket:
        return ticket_reads.get_ticket(self.db, ticket_id)

    def ticket_tags(self, ticket_id: int) -> list[str]:
        return ticket_reads.ticket_tags(self.db, ticket_id)

    def history(self, ticket_id: int) -> list[HistoryEntry]:
        """Every event of the ticket, oldest first."""
        return ticket_reads.history(self.db, ticket_id)

    def ticket_detail(self, ticket_id: int) -> TicketDetail:
        """The ticket with its requester, organization, asset, tags and history."""
        return ticket_reads.ticket_detail(self.db, ticket_id)

    def list_tickets(
        self,
        *,
        statuses: Sequence[str] | None = None,
        assignee: str | None = None,
        tier: int | None = None,
        limit: int = 100,
        before_id: int | None = None,
    ) -> list[Ticket]:
        """Tickets newest first, filtered; `before_id` pages on (keyset pagination)."""
        return ticket_reads.list_tickets(
            self.db,
            statuses=statuses,
            assignee=assignee,
            tier=tier,
            limit=limit,
            before_id=before_id,
        )

    def count_tickets(
        self, statuses: Sequence[str] | None = None, assignee: str | None = None
    ) -> int:
        """How many tickets there are in `statuses`, of the agent `assignee` if given."""
        return ticket_reads.count_tickets(self.db, statuses, assignee)

    def agent_logins(self, ids: set[int]) -> dict[int, str]:
        return agents.agent_logins(self.db, ids)

    def find_or_create_customer(self, name_or_email: str) -> Customer:
        """The customer with this email or exact name; a new one if there is none."""
        return customers.find_or_create_customer(self.uow, name_or_email)

    def create_customer(
        self,
        *,
        name: str,
        email: str = "",
        phone: str = "",
        organization: str = "",
        location: str = "",
    ) -> Customer:
        """A new customer, taken on the phone; an email already on file is refused."""
        return customers.create_customer(
            self.uow,
            name=name,
            email=email,
            phone=phone,
            organization=organization,
            location=location,
        )

    def create_asset(
        self,
        owner_id: int,
        *,
        kind: str,
        model: str = "",
        serial: str = "",
        warranty_until: date | None = None,
    ) -> Asset:
        """Equipment of a customer, recorded while taking a ticket."""
        return customers.create_asset(
            self.uow, owner_id, kind=kind, model=model, serial=serial, warranty_until=warranty_until
        )

    def create_ticket(
        self,
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
        """Open a new ticket; its history starts with a `created` event holding the symptoms."""
        return tickets.create_ticket(
            self.uow,
            subject=subject,
            requester_id=requester_id,
            description=description,
            goal=goal,
            channel=channel,
            urgency=urgency,
            impact=impact,
            category=category,
            tags=tags,
            asset_id=asset_id,
            tier=tier,
            assignee=assignee,
        )

    def reply(self, ticket_id: int, body: str, expected_version: int | None = None) -> Ticket:
        """A public reply to the customer; the first one meets the first-response clock."""
        return tickets.reply(
            self.uow,
            ticket_id,
            body,
            expected_version,
            take_on_first_reply=self.take_on_first_reply,
        )

    def add_note(self, ticket_id: int, body: str, expected_version: int | None = None) -> Ticket:
        """An internal note: for agents only, does not count as a response."""
        return tickets.add_note(self.uow, ticket_id, body, expected_version)

    def change_status(
        self, ticket_id: int, status: str, note: str = "", expected_version: int | None = None
    ) -> Ticket:
        """Move the ticket along the workflow; resolving needs `resolve()`'s text."""
        return tickets.change_status(self.uow, ticket_id, status, note, expected_version)

    def resolve(
        self, ticket_id: int, resolution: str, expected_version: int | None = None
    ) -> Ticket:
        """Resolve with the text that tells the customer what fixed it."""
        return tickets.resolve(self.uow, ticket_id, resolution, expected_version)

    def reopen(
        self, ticket_id: int, reason: str = "", expected_version: int | None = None
    ) -> Ticket:
        """Reopen a resolved ticket; its resolution clock resumes."""
        return tickets.reopen(self.uow, ticket_id, reason, expected_version)

    def assign(
        self, ticket_id: int, login: str | None, expected_version: int | None = None
    ) -> Ticket:
        """Give the ticket to the agent `login`, or unassign it with None. Taking a new"""
        return tickets.assign(self.uow, ticket_id, login, expected_version)

    def take(self, ticket_id: int, expected_version: int | None = None) -> Ticket:
        """Assign the ticket to the acting agent; a new ticket becomes open."""
        return tickets.take(self.uow, ticket_id, expected_version)

    def tag(
        self,
        ticket_id: int,
        add: Sequence[str] | str = (),
        remove: Sequence[str] | str = (),
        expected_version: int | None = None,
    ) -> Ticket:
        """Add and remove tags; one `tags` event holds the lists before and after."""
        return tickets.tag(self.uow, ticket_id, add, remove, expected_version)

    def merge(
        self,
        source_id: int,
        target_id: int,
        expected_version: int | None = None,
        target_version: int | None = None,
    ) -> Ticket:
        """Merge a duplicate ticket into another (leads and admins); returns the target."""
        return tickets.merge(self.uow, source_id, target_id, expected_version, target_version)

    def change_priority(
        self,
        ticket_id: int,
        *,
        impact: int,
        urgency: int,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Ticket:
        """Set impact and urgency; the priority follows from the matrix."""
        return tickets.change_priority(
            self.uow,
            ticket_id,
            impact=impact,
            urgency=urgency,
            reason=reason,
            expected_version=expected_version,
        )

    def log_work(
        self, ticket_id: int, minutes: int, note: str = "", expected_version: int | None = None
    ) -> Ticket:
        """Record minutes spent on the ticket by the acting agent."""
        return tickets.log_work(self.uow, ticket_id, minutes, note, expected_version)

    def set_theory(
        self, ticket_id: int, theory: str, expected_version: int | None = None
    ) -> Ticket:
        """Write or update the current theory: the likely cause and the plan."""
        return tickets.set_theory(self.uow, ticket_id, theory, expected_version)

    def escalate(
        self,
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
        """Hand the ticket up to `tier` with the hand-off the next tier reads first."""
        return escalation.escalate(
            self.uow,
            ticket_id,
            tier=tier,
            tried=tried,
            theory=theory,
            needs=needs,
            minutes=minutes,
            skip_reason=skip_reason,
            agent=agent,
            vendor=vendor,
            vendor_ref=vendor_ref,
            vendor_hours=vendor_hours,
            expected_version=expected_version,
        )

    def deescalate(
        self,
        ticket_id: int,
        note: str,
        *,
        tier: int | None = None,
        agent: str | None = None,
        expected_version: int | None = None,
    ) -> Ticket:
        """Send the ticket back down with a note for them: to the tier it was escalated"""
        return escalation.deescalate(
            self.uow, ticket_id, note, tier=tier, agent=agent, expected_version=expected_version
        )

    def vendor_update(
        self, ticket_id: int, body: str, expected_version: int | None = None
    ) -> Ticket:
        """Log what the vendor said or did; the first one meets the vendor's clock."""
        return escalation.vendor_update(self.uow, ticket_id, body, expected_version)

    def unseen_handoff(self, ticket_id: int) -> TicketEvent | None:
        """The escalation into the acting agent's tier they have not read yet, if any."""
        return escalation.unseen_handoff(self.uow, ticket_id)

    def mark_handoff_seen(self, event_id: int) -> None:
        return escalation.mark_handoff_seen(self.uow, event_id)

    def list_vendors(self) -> list[Vendor]:
        return escalation.list_vendors(self.db)

    def set_policy(
        self, ticket_id: int, policy: str | None, expected_version: int | None = None
    ) -> Ticket:
        """Put the ticket under another SLA policy (None: its organization's); clocks follow."""
        return sla_policy.set_policy(self.uow, ticket_id, policy, expected_version)

    def clocks(self, ticket_id: int) -> tuple[TicketClocks, SlaPolicy]:
        """The ticket's SLA clocks as of now, recomputed from its history."""
        return sla_policy.clocks(self.uow, ticket_id)

    def sweep_sla(self) -> SweepResult:
        """Write the SLA warnings and breaches that have fallen due (each once)."""
        return sla_policy.sweep_sla(self.uow)

    def be_present(self, ticket_id: int, activity: str = "viewing") -> None:
        """Say that the acting agent has `ticket_id` open (a heartbeat, every few s)."""
        return presence.be_present(self.uow, ticket_id, activity)

    def leave(self, ticket_id: int) -> None:
        return presence.leave(self.uow, ticket_id)

    def save_view(
        self, name: str, base_view: str, narrow: Filter, sort: str, descending: bool
    ) -> bool:
        """Keep the queue's view under `name` for the acting agent; True if it replaced"""
        return views.save_view(self.uow, name, base_view, narrow, sort, descending)

    def delete_view(self, name: str) -> None:
        """Forget one of the acting agent's saved views."""
        return views.delete_view(self.uow, name)

    def add_agent(
        self,
        login: str,
        *,
        name: str,
        tier: int = 1,
        role: str = "agent",
        email: str = "",
        timezone: str = "UTC",
    ) -> Agent:
        """Create an agent (admins only)."""
        return agents.add_agent(
            self.uow, login, name=name, tier=tier, role=role, email=email, timezone=timezone
        )

    def list_agents(self) -> list[Agent]:
        """All agents by login, deactivated ones too: every agent may see who is on the"""
        return agents.list_agents(self.uow)

    def set_agent_active(self, login: str, active: bool) -> Agent:
        """Deactivate an agent (admins only), or make them active again. A deactivated"""
        return agents.set_agent_active(self.uow, login, active)
