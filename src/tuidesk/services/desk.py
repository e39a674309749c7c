"""The help desk's use cases for one acting agent.

Every write is one short transaction that changes the ticket and appends its history
event together. Optimistic locking: a write that names the `version` it was based on
and finds another raises ConflictError carrying the ticket as it is now, and writes
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from tuidesk.clock import utcnow
from tuidesk.domain import sla, workflow
from tuidesk.domain.priority import check_level, priority_for, priority_label
from tuidesk.domain.sla import SlaPolicy, TicketClocks
from tuidesk.domain.sla_policies import SlaRules, default_rules
from tuidesk.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from tuidesk.services.history_replay import created_record
from tuidesk.services.identity import check_login
from tuidesk.services.sla_clocks import (
    SweepResult,
    compute_ticket_clocks,
    store_clocks,
    sweep,
)
from tuidesk.storage.engine import Database
from tuidesk.storage.models import (
    Agent,
    Asset,
    Customer,
    HandoffSeen,
    Organization,
    SavedView,
    Ticket,
    TicketEvent,
    TicketPresence,
    TicketTag,
    Vendor,
)
from tuidesk.storage.read.queue import SORT_BY_KEY, VIEW_BY_KEY, Filter, QueueReader, Row

if TYPE_CHECKING:
    from tuidesk.config import Settings
    from tuidesk.services.kb import Knowledge

MAX_SUBJECT = 200
MAX_NAME = 200  # a customer's or an organization's name, a location, a phone number
MAX_EMAIL = 254  # RFC 5321's longest path
MAX_CATEGORY = 60
MAX_TAGS = 20
MAX_VIEW_NAME = 40
MAX_WORK_MINUTES = 24 * 60
# \Z, not $: "$" also matches before a final newline
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
TAG_PATTERN = re.compile(r"[\w][\w.+-]{0,39}\Z")


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


def _copy(ticket: Ticket) -> Ticket:
    """A detached copy that stays readable after the session is gone."""
    return Ticket(**ticket.model_dump())


def normalize_tags(tags: Sequence[str] | str | None) -> list[str]:
    """Lower-case, unique, sorted tags; raises ValidationError for a malformed one."""
    if tags is None:
        return []
    items = tags.replace(",", " ").split() if isinstance(tags, str) else list(tags)
    result: set[str] = set()
    for raw in items:
        tag = raw.strip().lower()
        if not tag:
            continue
        if not TAG_PATTERN.match(tag):
            raise ValidationError(
                f"tag {raw!r} is not valid: use letters, digits, '.', '+', '-' or '_' (at most 40)",
                field="tags",
            )
        result.add(tag)
    if len(result) > MAX_TAGS:
        raise ValidationError(
            f"at most {MAX_TAGS} tags, not {len(result)}; keep the ones a search needs",
            field="tags",
        )
    return sorted(result)


def check_line(value: str | None, field: str, what: str, limit: int = MAX_NAME) -> str:
    """`value` trimmed; ValidationError unless it is one line of at most `limit` characters.

    Other characters are kept as given (and shown literally, see tuidesk.text)."""
    text = (value or "").strip()
    if "\n" in text or "\r" in text:
        raise ValidationError(f"{what} must be one line", field=field)
    if len(text) > limit:
        raise ValidationError(
            f"{what} must be at most {limit} characters, not {len(text):,}", field=field
        )
    return text


def check_new_ticket(
    subject: str,
    *,
    channel: str = "phone",
    urgency: int = workflow.DEFAULT_LEVEL,
    impact: int = workflow.DEFAULT_LEVEL,
    category: str = "",
    tags: Sequence[str] | str | None = None,
    tier: int = 1,
) -> tuple[str, str, list[str]]:
    """The checks of `Desk.create_ticket`, for a caller that writes something first
    (a new requester): the subject, category and tags as the ticket stores them."""
    subject = _required(subject, "subject", "a subject")
    if "\n" in subject or len(subject) > MAX_SUBJECT:
        raise ValidationError(
            f"the subject must be one line of at most {MAX_SUBJECT} characters; "
            "put the details in the description",
            field="subject",
        )
    workflow.check_channel(channel)
    check_level(urgency, "urgency")
    check_level(impact, "impact")
    workflow.check_tier(tier)
    return subject, normalize_category(category), normalize_tags(tags)


def normalize_category(category: str | None) -> str:
    """The category of a ticket or an article: trimmed and lower-cased, one short line."""
    return check_line(category, "category", "the category", MAX_CATEGORY).lower()


def _required(value: str | None, field: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} is required", field=field)
    return text


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
        self.db = db
        self.actor = actor
        self.clock = clock
        self.rules = rules or default_rules()
        # the first agent of the ticket's tier to answer an unassigned ticket takes it
        self.take_on_first_reply = take_on_first_reply
        self._kb: Knowledge | None = None

    # ---- reading -------------------------------------------------------------------

    def get_ticket(self, ticket_id: int) -> Ticket:
        with self.db.read() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None:
                raise NotFoundError(f"there is no ticket #{ticket_id}")
            return ticket

    def ticket_tags(self, ticket_id: int) -> list[str]:
        with self.db.read() as session:
            rows = session.exec(
                select(TicketTag.tag)
                .where(TicketTag.ticket_id == ticket_id)
                .order_by(TicketTag.tag)
            )
            return list(rows)

    def history(self, ticket_id: int) -> list[HistoryEntry]:
        """Every event of the ticket, oldest first."""
        with self.db.read() as session:
            if session.get(Ticket, ticket_id) is None:
                raise NotFoundError(f"there is no ticket #{ticket_id}")
            return self._history(session, ticket_id)

    def ticket_detail(self, ticket_id: int) -> TicketDetail:
        """The ticket with its requester, organization, asset, tags and history."""
        with self.db.read() as session:
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
                select(TicketTag.tag)
                .where(TicketTag.ticket_id == ticket_id)
                .order_by(TicketTag.tag)
            )
            history = self._history(session, ticket_id)
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
        self,
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
        with self.db.read() as session:
            if assignee is not None:
                agent = self._agent_by_login(session, assignee)
                query = query.where(Ticket.assignee_id == agent.id)
            return list(session.exec(query))

    def queue_target(self) -> object:
        """What the queue's read model reads: the SQLite file, or the engine."""
        return str(self.db.path) if self.db.path is not None else self.db.engine

    def queue_reader(self) -> QueueReader:
        """The queue's read model for the acting agent (plain SQL, no ORM)."""
        return QueueReader(self.queue_target(), me=self.actor.id or 0, tier=self.actor.tier)

    def queue_clock(self, row: Row, now: datetime) -> sla.ClockState | None:
        """The SLA clock a queue row shows, from its stored fields (no query)."""
        return row.clock(now, self.rules)

    def count_tickets(
        self, statuses: Sequence[str] | None = None, assignee: str | None = None
    ) -> int:
        """How many tickets there are in `statuses`, of the agent `assignee` if given."""
        query = select(func.count()).select_from(Ticket)
        if statuses:
            query = query.where(col(Ticket.status).in_(list(statuses)))
        with self.db.read() as session:
            if assignee is not None:
                agent = self._agent_by_login(session, assignee)
                query = query.where(Ticket.assignee_id == agent.id)
            return session.exec(query).one()

    def agent_logins(self, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        with self.db.read() as session:
            rows = session.exec(select(Agent.id, Agent.login).where(col(Agent.id).in_(ids)))
            return {agent_id: login for agent_id, login in rows}

    # ---- customers -----------------------------------------------------------------

    def find_or_create_customer(self, name_or_email: str) -> Customer:
        """The customer with this email or exact name; a new one if there is none.

        A name that matches several customers is an error that lists their emails.
        """
        key = _required(name_or_email, "requester", "a requester (name or email)")
        with self.db.write() as session:
            lowered = key.lower()
            matches = list(
                session.exec(
                    select(Customer)
                    .where(
                        or_(
                            func.lower(Customer.email) == lowered,
                            func.lower(Customer.name) == lowered,
                        )
                    )
                    .limit(6)
                )
            )
            by_email = [c for c in matches if c.email.lower() == lowered]
            if by_email:
                return by_email[0]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                emails = ", ".join(c.email or f"#{c.id}" for c in matches[:5])
                raise ValidationError(
                    f"{len(matches)} customers are called {key!r} ({emails}); give the email",
                    field="requester",
                )
            if EMAIL_PATTERN.match(key):
                check_line(key, "requester", "the requester's email", MAX_EMAIL)
                customer = Customer(name=key.split("@")[0], email=key)
            else:
                customer = Customer(name=check_line(key, "requester", "the requester's name"))
            session.add(customer)
            session.flush()
            return customer

    def create_customer(
        self,
        *,
        name: str,
        email: str = "",
        phone: str = "",
        organization: str = "",
        location: str = "",
    ) -> Customer:
        """A new customer, taken on the phone; an email already on file is refused.

        The organization is found by name (any case); a name not yet known creates it
        on the default plan, which an admin can change later.
        """
        name = check_line(_required(name, "name", "the customer's name"), "name", "the name")
        email = check_line(email, "email", "the email", MAX_EMAIL)
        if email and not EMAIL_PATTERN.match(email):
            raise ValidationError(f"{email!r} is not an email address", field="email")
        phone = check_line(phone, "phone", "the phone number")
        organization = check_line(organization, "organization", "the organization's name")
        location = check_line(location, "location", "the location")
        with self.db.write() as session:
            if email:
                taken = session.exec(
                    select(Customer).where(func.lower(Customer.email) == email.lower())
                ).first()
                if taken is not None:
                    raise ValidationError(
                        f"{email} belongs to {taken.name} already; pick them instead",
                        field="email",
                    )
            org_id = None
            if organization:
                org = session.exec(
                    select(Organization).where(
                        func.lower(Organization.name) == organization.lower()
                    )
                ).first()
                if org is None:
                    org = Organization(name=organization)
                    session.add(org)
                    session.flush()
                org_id = org.id
            customer = Customer(
                name=name,
                email=email,
                phone=phone,
                organization_id=org_id,
                location=location,
            )
            session.add(customer)
            session.flush()
            return Customer(**customer.model_dump())

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
        kind = _required(kind, "kind", "what kind of equipment it is (laptop, printer …)")
        with self.db.write() as session:
            if session.get(Customer, owner_id) is None:
                raise NotFoundError(f"there is no customer #{owner_id}")
            asset = Asset(
                owner_id=owner_id,
                kind=kind,
                model=model.strip(),
                serial=serial.strip(),
                warranty_until=warranty_until,
            )
            session.add(asset)
            session.flush()
            return Asset(**asset.model_dump())

    # ---- tickets -------------------------------------------------------------------

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
        """Open a new ticket; its history starts with a `created` event holding the symptoms.

        Urgency and impact default to the middle (P3), never silently to the lowest. With
        `assignee` (an active agent's login) the ticket is theirs and open from the start,
        as for an agent who takes it on the phone; without, it is new in the tier's queue.
        """
        subject, category, tag_list = check_new_ticket(
            subject, channel=channel, urgency=urgency, impact=impact, category=category,
            tags=tags, tier=tier,
        )  # fmt: skip
        now = self.clock()
        with self.db.write() as session:
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
            self._event(session, ticket, workflow.EVENT_CREATED, now, body=description,
                        new=created_record(ticket, tag_list))  # fmt: skip
            if assignee:
                self._assign_to(session, ticket, self._active_agent(session, assignee), now)
                self._open_if_new(session, ticket, now, "taken when it was created")
            session.flush()
            store_clocks(session, self.rules, ticket, now)
            return _copy(ticket)

    def reply(self, ticket_id: int, body: str, expected_version: int | None = None) -> Ticket:
        """A public reply to the customer; the first one meets the first-response clock."""
        text = _required(body, "body", "the reply text")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            if ticket.first_responded_at is None:
                ticket.first_responded_at = now
            self._event(session, ticket, workflow.EVENT_REPLY, now, body=text)
            if (
                self.take_on_first_reply
                and ticket.assignee_id is None
                and ticket.tier == self.actor.tier
                and self.actor.active
            ):
                self._assign_to(session, ticket, self.actor, now)
            self._open_if_new(session, ticket, now, "answered")

        return self._change(ticket_id, expected_version, change)

    def add_note(self, ticket_id: int, body: str, expected_version: int | None = None) -> Ticket:
        """An internal note: for agents only, does not count as a response."""
        text = _required(body, "body", "the note text")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            self._event(session, ticket, workflow.EVENT_NOTE, now, body=text)
            self._open_if_new(session, ticket, now, "worked on")

        return self._change(ticket_id, expected_version, change)

    def change_status(
        self, ticket_id: int, status: str, note: str = "", expected_version: int | None = None
    ) -> Ticket:
        """Move the ticket along the workflow; resolving needs `resolve()`'s text."""
        workflow.check_status(status)
        if status == workflow.RESOLVED:
            return self.resolve(ticket_id, note, expected_version)

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            old = ticket.status
            workflow.check_transition(old, status)
            ticket.status = status
            if status == workflow.CLOSED:
                ticket.closed_at = now
            if old == workflow.RESOLVED and status == workflow.OPEN:
                ticket.resolved_at = None
            self._event(
                session, ticket, workflow.EVENT_STATUS, now, body=note.strip(), old=old, new=status
            )

        return self._change(ticket_id, expected_version, change)

    def resolve(
        self, ticket_id: int, resolution: str, expected_version: int | None = None
    ) -> Ticket:
        """Resolve with the text that tells the customer what fixed it."""
        text = _required(resolution, "resolution", "a resolution text (what fixed it)")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            old = ticket.status
            workflow.check_transition(old, workflow.RESOLVED)
            ticket.status = workflow.RESOLVED
            ticket.resolution = text
            ticket.resolved_at = now
            self._event(
                session, ticket, workflow.EVENT_STATUS, now, body=text, old=old, new=ticket.status
            )

        return self._change(ticket_id, expected_version, change)

    def reopen(
        self, ticket_id: int, reason: str = "", expected_version: int | None = None
    ) -> Ticket:
        """Reopen a resolved ticket; its resolution clock resumes."""
        return self.change_status(ticket_id, workflow.OPEN, reason, expected_version)

    def assign(
        self, ticket_id: int, login: str | None, expected_version: int | None = None
    ) -> Ticket:
        """Give the ticket to the agent `login`, or unassign it with None. Taking a new
        ticket yourself opens it; giving it to someone else leaves it new for them."""

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            agent = self._active_agent(session, login) if login else None
            if (agent.id if agent else None) == ticket.assignee_id:
                who = agent.login if agent else "nobody"
                raise ValidationError(f"the ticket is already assigned to {who}", "assignee")
            self._assign_to(session, ticket, agent, now)
            if agent is not None and agent.id == self.actor.id:
                self._open_if_new(session, ticket, now, "taken")

        return self._change(ticket_id, expected_version, change)

    def take(self, ticket_id: int, expected_version: int | None = None) -> Ticket:
        """Assign the ticket to the acting agent; a new ticket becomes open."""
        return self.assign(ticket_id, self.actor.login, expected_version)

    def tag(
        self,
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
            session.add_all(
                TicketTag(ticket_id=ticket_id, tag=tag) for tag in new if tag not in old
            )
            self._event(
                session, ticket, workflow.EVENT_TAGS, now, old=" ".join(old), new=" ".join(new)
            )

        return self._change(ticket_id, expected_version, change)

    def merge(
        self,
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
        if self.actor.role not in ("lead", "admin"):
            raise PermissionDeniedError(
                "only leads and admins may merge tickets; you are "
                f"{self.actor.login!r} ({self.actor.role}): ask a lead"
            )
        if source_id == target_id:
            raise ValidationError("a ticket cannot be merged into itself", field="target")
        now = self.clock()
        with self.db.write() as session:
            expected = {source_id: expected_version, target_id: target_version}
            tickets = {  # locked in one order: two merges crossing cannot deadlock
                ticket_id: _locked(session, ticket_id, expected[ticket_id])
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
            self._event(session, source, workflow.EVENT_MERGE, now, body=f"merged into {into}",
                        new=str(target_id))  # fmt: skip
            self._event(session, source, workflow.EVENT_STATUS, now, body=f"duplicate of {into}",
                        old=old_status, new=workflow.CLOSED)  # fmt: skip
            details = f"merged from #{source_id}: {source.subject}"
            if source.requester_id is not None and source.requester_id != target.requester_id:
                person = session.get(Customer, source.requester_id)
                if person is not None:  # kept here: they asked too, and hear about it
                    contact = f" <{person.email}>" if person.email else ""
                    details += f"\nRequester of #{source_id} kept here: {person.name}{contact}"
            if source.description:
                details += f"\n\n{source.description}"
            self._event(session, target, workflow.EVENT_MERGE, now, body=details,
                        old=str(source_id))  # fmt: skip
            theirs = session.exec(select(TicketTag).where(TicketTag.ticket_id == source_id)).all()
            ours = {row.tag for row in session.exec(
                select(TicketTag).where(TicketTag.ticket_id == target_id)
            )}  # fmt: skip
            added = sorted({row.tag for row in theirs} - ours)
            if added:
                session.add_all(TicketTag(ticket_id=target_id, tag=tag) for tag in added)
                after = " ".join(sorted(ours | set(added)))
                self._event(session, target, workflow.EVENT_TAGS, now,
                            old=" ".join(sorted(ours)), new=after)  # fmt: skip
            for ticket in (source, target):
                ticket.version += 1
                ticket.updated_at = now
            session.flush()
            for ticket in (source, target):
                store_clocks(session, self.rules, ticket, now)
            return _copy(target)

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
        new_priority = priority_for(impact, urgency)

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            if (ticket.impact, ticket.urgency) == (impact, urgency):
                raise ValidationError("impact and urgency are unchanged", field="impact")
            old = (
                f"{priority_label(ticket.priority)} "
                f"(impact {ticket.impact}, urgency {ticket.urgency})"
            )
            ticket.impact, ticket.urgency, ticket.priority = impact, urgency, new_priority
            new = f"{priority_label(new_priority)} (impact {impact}, urgency {urgency})"
            self._event(
                session, ticket, workflow.EVENT_PRIORITY, now, body=reason.strip(), old=old, new=new
            )

        return self._change(ticket_id, expected_version, change)

    def log_work(
        self, ticket_id: int, minutes: int, note: str = "", expected_version: int | None = None
    ) -> Ticket:
        """Record minutes spent on the ticket by the acting agent."""
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, int)
            or not (0 < minutes <= MAX_WORK_MINUTES)
        ):
            raise ValidationError(
                f"minutes spent must be a whole number from 1 to {MAX_WORK_MINUTES}, "
                f"not {minutes!r}",
                field="minutes",
            )

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            ticket.minutes_spent += minutes
            self._event(
                session, ticket, workflow.EVENT_WORKLOG, now, body=note.strip(), minutes=minutes
            )
            self._open_if_new(session, ticket, now, "worked on")

        return self._change(ticket_id, expected_version, change)

    def set_theory(
        self, ticket_id: int, theory: str, expected_version: int | None = None
    ) -> Ticket:
        """Write or update the current theory: the likely cause and the plan."""
        text = _required(theory, "theory", "the theory (likely cause and plan)")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            old = ticket.theory
            ticket.theory = text
            self._event(session, ticket, workflow.EVENT_THEORY, now, body=text, old=old)
            self._open_if_new(session, ticket, now, "worked on")

        return self._change(ticket_id, expected_version, change)

    # ---- escalation ------------------------------------------------------------------

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
        """Hand the ticket up to `tier` with the hand-off the next tier reads first.

        One tier at a time; skipping needs a reason and a lead or admin. The ticket lands
        unassigned in the tier's queue unless `agent` (of that tier) is named. L4 is a
        vendor under contract: its name and reference number are required, the status
        becomes pending_vendor and the vendor's response clock starts.
        """
        workflow.check_handoff(tried, theory, needs)
        workflow.check_tier(tier)
        if minutes is not None and (isinstance(minutes, bool) or not 0 <= minutes <= 100_000):
            raise ValidationError("time spent: minutes, from 0 up", field="minutes")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            if ticket.status == workflow.RESOLVED:
                raise ValidationError("the ticket is resolved; reopen it before escalating", "tier")
            workflow.check_escalation(ticket.tier, tier, self.actor.role, skip_reason)
            if tier == workflow.VENDOR_TIER:
                _required(vendor, "vendor", "the vendor's name")
                _required(vendor_ref, "vendor_ref", "the vendor's reference number for the case")
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
                target = self._agent_by_login(session, agent)
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
                    f"Vendor: {record.name}, reference {ticket.vendor_ref}, "
                    f"contract response {hours} h"
                )
            old_tier, ticket.tier = ticket.tier, tier
            ticket.assignee_id = new_assignee
            if theory.strip() != ticket.theory:
                ticket.theory = theory.strip()
            self._event(
                session, ticket, workflow.EVENT_ESCALATION, now, body="\n".join(lines),
                old=str(old_tier), new=str(tier), minutes=spent,
            )  # fmt: skip
            self._open_if_new(session, ticket, now, "escalated")
            if tier == workflow.VENDOR_TIER and ticket.status != workflow.PENDING_VENDOR:
                old_status, ticket.status = ticket.status, workflow.PENDING_VENDOR
                self._event(
                    session, ticket, workflow.EVENT_STATUS, now,
                    body=f"Waiting for {record.name} ({ticket.vendor_ref})",
                    old=old_status, new=ticket.status,
                )  # fmt: skip

        return self._change(ticket_id, expected_version, change)

    def deescalate(
        self,
        ticket_id: int,
        note: str,
        *,
        tier: int | None = None,
        agent: str | None = None,
        expected_version: int | None = None,
    ) -> Ticket:
        """Send the ticket back down with a note for them: to the tier it was escalated
        from (L2 → L4 goes back to L2), unless `tier` says where."""
        text = _required(note, "note", "a note for the tier it goes back to")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            target = tier if tier is not None else return_tier_of(session, ticket)
            workflow.check_deescalation(ticket.tier, target)
            new_assignee = None
            if agent:
                person = self._agent_by_login(session, agent)
                if person.tier != target or not person.active:
                    raise ValidationError(f"{agent} is not an active L{target} agent", "agent")
                new_assignee = person.id
            old_tier, ticket.tier = ticket.tier, target
            ticket.assignee_id = new_assignee
            self._event(
                session, ticket, workflow.EVENT_DEESCALATION, now, body=text,
                old=str(old_tier), new=str(target),
            )  # fmt: skip
            if old_tier == workflow.VENDOR_TIER and ticket.status == workflow.PENDING_VENDOR:
                ticket.status = workflow.OPEN
                self._event(
                    session, ticket, workflow.EVENT_STATUS, now, body="Back from the vendor",
                    old=workflow.PENDING_VENDOR, new=workflow.OPEN,
                )  # fmt: skip

        return self._change(ticket_id, expected_version, change)

    def vendor_update(
        self, ticket_id: int, body: str, expected_version: int | None = None
    ) -> Ticket:
        """Log what the vendor said or did; the first one meets the vendor's clock."""
        text = _required(body, "body", "what the vendor said or did")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            if ticket.vendor_id is None:
                raise ValidationError(
                    "the ticket has no vendor; escalate it to L4 first", field="body"
                )
            if ticket.vendor_responded_at is None:
                ticket.vendor_responded_at = now
            self._event(session, ticket, workflow.EVENT_VENDOR_UPDATE, now, body=text)

        return self._change(ticket_id, expected_version, change)

    def unseen_handoff(self, ticket_id: int) -> TicketEvent | None:
        """The escalation into the acting agent's tier they have not read yet, if any."""
        with self.db.read() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None or ticket.tier != self.actor.tier:
                return None
            last = session.exec(
                select(TicketEvent)
                .where(
                    TicketEvent.ticket_id == ticket_id,
                    col(TicketEvent.kind).in_(
                        [workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION]
                    ),
                )
                .order_by(col(TicketEvent.id).desc())
                .limit(1)
            ).first()
            if last is None or last.new_value != str(self.actor.tier):
                return None
            seen = session.get(HandoffSeen, (self.actor.id, last.id))
            return None if seen is not None else TicketEvent(**last.model_dump())

    def mark_handoff_seen(self, event_id: int) -> None:
        with self.db.write() as session:
            if session.get(HandoffSeen, (self.actor.id, event_id)) is None:
                session.add(
                    HandoffSeen(agent_id=self.actor.id, event_id=event_id, seen_at=self.clock())
                )

    def list_vendors(self) -> list[Vendor]:
        with self.db.read() as session:
            return list(session.exec(select(Vendor).order_by(Vendor.name)))

    @property
    def kb(self) -> Knowledge:
        """The knowledge base as this agent uses it."""
        if self._kb is None:
            from tuidesk.services.kb import Knowledge

            self._kb = Knowledge(self)
        return self._kb

    def escalation_stats(self) -> dict[str, object]:
        """Where tickets get resolved and how often each tier escalates (for a manager)."""
        from tuidesk.services.stats import escalation_stats

        with self.db.read() as session:
            return escalation_stats(session)

    def set_policy(
        self, ticket_id: int, policy: str | None, expected_version: int | None = None
    ) -> Ticket:
        """Put the ticket under another SLA policy (None: its organization's); clocks follow."""
        if policy is not None and policy not in self.rules.policies:
            raise ValidationError(
                f"no SLA policy {policy!r}; known: {', '.join(sorted(self.rules.policies))}",
                field="policy",
            )
        if self.actor.role not in ("lead", "admin"):
            raise PermissionDeniedError(
                "only leads and admins may change a ticket's SLA policy; you are "
                f"{self.actor.login!r} ({self.actor.role})"
            )

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            old = ticket.sla_policy
            ticket.sla_policy = policy or ""
            self._event(
                session,
                ticket,
                workflow.EVENT_PRIORITY,
                now,
                body="SLA policy changed",
                old=f"policy {old or 'of the organization'}",
                new=f"policy {policy or 'of the organization'}",
            )

        return self._change(ticket_id, expected_version, change)

    # ---- SLA -----------------------------------------------------------------------

    def clocks(self, ticket_id: int) -> tuple[TicketClocks, SlaPolicy]:
        """The ticket's SLA clocks as of now, recomputed from its history."""
        with self.db.read() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None:
                raise NotFoundError(f"there is no ticket #{ticket_id}")
            return compute_ticket_clocks(session, self.rules, ticket, self.clock())

    def sweep_sla(self) -> SweepResult:
        """Write the SLA warnings and breaches that have fallen due (each once)."""
        return sweep(self.db, self.rules, self.clock())

    # ---- presence -------------------------------------------------------------------

    def be_present(self, ticket_id: int, activity: str = "viewing") -> None:
        """Say that the acting agent has `ticket_id` open (a heartbeat, every few s)."""
        now = self.clock()
        with self.db.write() as session:
            row = session.get(TicketPresence, (ticket_id, self.actor.id))
            if row is None:
                row = TicketPresence(ticket_id=ticket_id, agent_id=self.actor.id)
            row.activity = activity[:40]
            row.seen_at = now
            session.add(row)

    def leave(self, ticket_id: int) -> None:
        with self.db.write() as session:
            row = session.get(TicketPresence, (ticket_id, self.actor.id))
            if row is not None:
                session.delete(row)

    # ---- saved views ---------------------------------------------------------------

    def save_view(
        self, name: str, base_view: str, narrow: Filter, sort: str, descending: bool
    ) -> bool:
        """Keep the queue's view under `name` for the acting agent; True if it replaced
        one of that name."""
        name = " ".join(_required(name, "name", "a name for the view").split())
        if len(name) > MAX_VIEW_NAME:
            raise ValidationError(f"keep the name under {MAX_VIEW_NAME} characters", "name")
        if base_view not in VIEW_BY_KEY:
            raise ValidationError(f"unknown view {base_view!r}", "view")
        if sort not in SORT_BY_KEY and sort != VIEW_BY_KEY[base_view].order:
            raise ValidationError(f"unknown sort {sort!r}", "sort")
        with self.db.write() as session:
            saved = session.exec(
                select(SavedView).where(SavedView.agent_id == self.actor.id, SavedView.name == name)
            ).first()
            replaced = saved is not None
            if saved is None:
                saved = SavedView(agent_id=self.actor.id, name=name)
            saved.base_view = base_view
            saved.filter = narrow.to_json()
            saved.sort = sort
            saved.descending = descending
            session.add(saved)
        return replaced

    def delete_view(self, name: str) -> None:
        """Forget one of the acting agent's saved views."""
        with self.db.write() as session:
            saved = session.exec(
                select(SavedView).where(SavedView.agent_id == self.actor.id, SavedView.name == name)
            ).first()
            if saved is None:
                raise NotFoundError(f"you have no saved view named {name!r}")
            session.delete(saved)

    # ---- agents --------------------------------------------------------------------

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
        self._require_admin("add agents")
        check_login(login)
        name = _required(name, "name", "the agent's name")
        workflow.check_tier(tier)
        workflow.check_role(role)
        with self.db.write() as session:
            if session.exec(select(Agent).where(Agent.login == login)).first() is not None:
                raise ValidationError(f"an agent with login {login!r} exists already", "login")
            agent = Agent(
                login=login, name=name, tier=tier, role=role, email=email, timezone=timezone
            )
            session.add(agent)
            session.flush()
            return Agent(**agent.model_dump())

    def list_agents(self) -> list[Agent]:
        """All agents by login, deactivated ones too: every agent may see who is on the
        desk (names, logins, tiers); only admins change them."""
        with self.db.read() as session:
            return list(session.exec(select(Agent).order_by(Agent.login)))

    def set_agent_active(self, login: str, active: bool) -> Agent:
        """Deactivate an agent (admins only), or make them active again. A deactivated
        agent cannot act and is not offered for assigning; their history stays theirs."""
        self._require_admin("deactivate agents" if not active else "reactivate agents")
        if login == self.actor.login and not active:
            raise ValidationError(
                "you cannot deactivate yourself; another admin can", field="login"
            )
        with self.db.write() as session:
            agent = self._agent_by_login(session, login)
            if agent.active == active:
                state = "active" if active else "deactivated"
                raise ValidationError(f"agent {login!r} is {state} already", field="login")
            agent.active = active
            session.add(agent)
            session.flush()
            return Agent(**agent.model_dump())

    # ---- internals -----------------------------------------------------------------

    def _require_admin(self, what: str) -> None:
        if self.actor.role != "admin":
            raise PermissionDeniedError(
                f"only admins may {what}; you are {self.actor.login!r} ({self.actor.role})"
            )

    def _active_agent(self, session: Session, login: str) -> Agent:
        agent = self._agent_by_login(session, login)
        if not agent.active:
            raise ValidationError(f"agent {login!r} is deactivated", field="assignee")
        return agent

    def _assign_to(
        self, session: Session, ticket: Ticket, agent: Agent | None, now: datetime
    ) -> None:
        """Give the ticket to `agent` (None: nobody), with its assignment event."""
        old_login = ""
        if ticket.assignee_id is not None:
            old_agent = session.get(Agent, ticket.assignee_id)
            old_login = old_agent.login if old_agent else ""
        ticket.assignee_id = agent.id if agent else None
        self._event(
            session, ticket, workflow.EVENT_ASSIGNMENT, now, old=old_login,
            new=agent.login if agent else "",
        )  # fmt: skip

    def _open_if_new(self, session: Session, ticket: Ticket, now: datetime, why: str) -> None:
        """An agent took up a new ticket: it is open now, and its history says why."""
        if ticket.status == workflow.NEW:
            ticket.status = workflow.OPEN
            self._event(
                session, ticket, workflow.EVENT_STATUS, now, body=f"Opened: {why}",
                old=workflow.NEW, new=workflow.OPEN,
            )  # fmt: skip

    @staticmethod
    def _agent_by_login(session: Session, login: str) -> Agent:
        agent = session.exec(select(Agent).where(Agent.login == login)).first()
        if agent is None:
            raise NotFoundError(f"no agent with login {login!r}; see 'tuidesk agent list'")
        return agent

    def _event(
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

    def _change(
        self,
        ticket_id: int,
        expected_version: int | None,
        change: Callable[[Session, Ticket, datetime], None],
        *,
        closed_ok: bool = False,
    ) -> Ticket:
        """The one write path of a ticket: lock it at the version seen, refuse a closed
        one (unless `closed_ok`), apply `change`, count the version, recompute clocks."""
        now = self.clock()
        with self.db.write() as session:
            ticket = _locked(session, ticket_id, expected_version)
            if not closed_ok:
                workflow.check_changeable(ticket.status)
            change(session, ticket, now)
            ticket.version += 1
            ticket.updated_at = now
            session.flush()
            store_clocks(session, self.rules, ticket, now)
            return _copy(ticket)


def _locked(session: Session, ticket_id: int, expected_version: int | None) -> Ticket:
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
            current=_copy(ticket),
        )
    return ticket


def open_desk(
    settings: Settings, db: Database | None = None, clock: Callable[[], datetime] = utcnow
) -> Desk:
    """The acting agent's Desk on the settings' database (opened and migrated unless
    `db` is given), with the demo help desk filled on first use of `--demo`."""
    from tuidesk.services.identity import resolve_actor
    from tuidesk.storage.database import open_database

    if db is None:
        db = open_database(settings.db)
    if settings.demo:
        from tuidesk.demo.build import ensure_demo

        ensure_demo(db, rules=settings.rules)
    actor = resolve_actor(db, settings.as_login)
    return Desk(db, actor, clock, settings.rules, take_on_first_reply=settings.take_on_first_reply)


def return_tier_of(session: Session, ticket: Ticket) -> int:
    """Where a de-escalation of `ticket` goes by default (see workflow.return_tier)."""
    moves = session.exec(
        select(TicketEvent.kind, TicketEvent.old_value, TicketEvent.new_value)
        .where(
            TicketEvent.ticket_id == ticket.id,
            col(TicketEvent.kind).in_([workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION]),
        )
        .order_by(col(TicketEvent.id))
    ).all()
    return workflow.return_tier(ticket.tier, [(k, o, n) for k, o, n in moves])


def ticket_minutes_at_tier(session: Session, ticket: Ticket) -> int:
    """Minutes logged on the ticket since it came to its current tier."""
    since = session.exec(
        select(func.max(TicketEvent.id)).where(
            TicketEvent.ticket_id == ticket.id,
            col(TicketEvent.kind).in_([workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION]),
        )
    ).one()
    query = select(func.coalesce(func.sum(TicketEvent.minutes), 0)).where(
        TicketEvent.ticket_id == ticket.id, TicketEvent.kind == workflow.EVENT_WORKLOG
    )
    if since is not None:
        query = query.where(TicketEvent.id > since)
    return int(session.exec(query).one())
