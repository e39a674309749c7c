"""The tables. Names here are the public data model of DESIGN.md."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from tuidesk.domain import workflow
from tuidesk.storage.read.base import status_in
from tuidesk.storage.types import UTCDateTime

SLA_EVENT_KINDS = "kind IN ('sla_warning', 'sla_breach')"
# the queue's partial indexes, over the statuses of its views (storage/read/queue.py)
ACTIVE_SQL = status_in(workflow.ACTIVE_STATUSES)
WAITING_SQL = status_in(workflow.WAITING_ON_OTHERS)
FINISHED_SQL = status_in(workflow.FINISHED_STATUSES)
NEVER = datetime(9999, 12, 31, tzinfo=UTC)  # the due time of a ticket with no running clock


def _queue_index(name: str, where: str, *columns: object) -> Index:
    return Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where))


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(**kw: object) -> object:
    return Field(sa_type=UTCDateTime, **kw)  # type: ignore[arg-type]


def _fk(target: str, *, nullable: bool = True, index: bool = False) -> object:
    return Field(
        default=None,
        sa_column=Column(Integer, ForeignKey(target), nullable=nullable, index=index),
    )


class Agent(SQLModel, table=True):
    __tablename__ = "agent"

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, index=True)
    name: str
    email: str = ""
    tier: int = 1
    role: str = "agent"
    timezone: str = "UTC"
    active: bool = True
    created_at: datetime = _ts(default_factory=utcnow)


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    plan: str = "post_warranty"
    warranty_until: date | None = None
    calendar: str = "12x5"
    timezone: str = "UTC"
    sla_policy: str = ""  # empty: the policy named after the plan


class Customer(SQLModel, table=True):
    __tablename__ = "customer"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    email: str = Field(default="", index=True)
    phone: str = ""
    organization_id: int | None = _fk("organization.id", index=True)
    location: str = ""
    created_at: datetime = _ts(default_factory=utcnow)


class Asset(SQLModel, table=True):
    __tablename__ = "asset"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int | None = _fk("customer.id", index=True)
    kind: str
    model: str = ""
    serial: str = ""
    warranty_until: date | None = None


class Vendor(SQLModel, table=True):
    __tablename__ = "vendor"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    contact: str = ""
    phone: str = ""
    response_hours: int = 8


class Ticket(SQLModel, table=True):
    __tablename__ = "ticket"
    __table_args__ = (
        _queue_index("ix_queue_open", ACTIVE_SQL, "queue_due_at", "id"),
        _queue_index("ix_queue_assignee", ACTIVE_SQL, "assignee_id", "queue_due_at", "id"),
        _queue_index("ix_queue_tier", ACTIVE_SQL, "tier", "queue_due_at", "id"),
        _queue_index(
            "ix_queue_tier_assignee", ACTIVE_SQL, "tier", "assignee_id", "queue_due_at", "id"
        ),
        _queue_index("ix_queue_warn", ACTIVE_SQL, "sla_warn_at"),
        _queue_index("ix_queue_waiting", WAITING_SQL, "queue_due_at", "id"),
        _queue_index("ix_queue_finished", FINISHED_SQL, "resolved_at", "id"),
        _queue_index("ix_queue_sort_priority", ACTIVE_SQL, "priority", "id"),
        _queue_index("ix_queue_sort_status", ACTIVE_SQL, text("(status || '')"), "id"),
        _queue_index("ix_queue_sort_tier", ACTIVE_SQL, "tier", "id"),
        _queue_index("ix_queue_sort_subject", ACTIVE_SQL, "subject", "id"),
        _queue_index("ix_queue_sort_updated_at", ACTIVE_SQL, "updated_at", "id"),
        Index("ix_ticket_updated", "updated_at", "id"),
        Index("ix_ticket_requester", "requester_id"),
        Index("ix_ticket_sla_next_check", "sla_next_check_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subject: str
    description: str = ""  # the symptoms, as the customer reported them
    goal: str = ""  # what the customer is trying to accomplish
    theory: str = ""  # the current likely cause and plan
    resolution: str = ""
    requester_id: int | None = _fk("customer.id")
    asset_id: int | None = _fk("asset.id")
    channel: str = "phone"
    status: str = "new"
    tier: int = 1
    assignee_id: int | None = _fk("agent.id")
    urgency: int = 3
    impact: int = 3
    priority: int = 5
    category: str = ""
    vendor_id: int | None = _fk("vendor.id")
    vendor_ref: str = ""
    # the vendor's contract response time, counted from the escalation to L4
    vendor_due_at: datetime | None = _ts(default=None)
    vendor_responded_at: datetime | None = _ts(default=None)
    minutes_spent: int = 0
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)
    first_response_due_at: datetime | None = _ts(default=None)
    first_responded_at: datetime | None = _ts(default=None)
    resolution_due_at: datetime | None = _ts(default=None)
    resolved_at: datetime | None = _ts(default=None)
    closed_at: datetime | None = _ts(default=None)
    # the nearest due time of a running clock, so the queue can sort by it with an index
    sla_due_at: datetime | None = _ts(default=None)
    # sla_due_at, or NEVER when no clock runs: the queue's sort key, never null
    queue_due_at: datetime = _ts(default=NEVER)
    # the nearest warning time of a running clock (for "breached or at risk")
    sla_warn_at: datetime | None = _ts(default=None)
    sla_policy: str = ""  # empty: the requester's organization's policy, or post_warranty
    # when the sweep must look at the ticket next: a warning or a breach falls due
    sla_next_check_at: datetime | None = _ts(default=None)
    # business seconds a paused resolution clock has left (negative: overdue)
    resolution_paused_left: int | None = None
    version: int = 1


class TicketTag(SQLModel, table=True):
    __tablename__ = "ticket_tag"

    ticket_id: int = Field(
        sa_column=Column(Integer, ForeignKey("ticket.id", ondelete="CASCADE"), primary_key=True)
    )
    tag: str = Field(primary_key=True, index=True)


class TicketEvent(SQLModel, table=True):
    """One entry of a ticket's history. Append-only: the database refuses UPDATE and DELETE."""

    __tablename__ = "ticket_event"
    __table_args__ = (
        Index("ix_ticket_event_ticket", "ticket_id", "id"),
        Index(
            "ux_ticket_event_sla_once",
            "ticket_id",
            "kind",
            "new_value",
            unique=True,
            sqlite_where=text(SLA_EVENT_KINDS),
            postgresql_where=text(SLA_EVENT_KINDS),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(sa_column=Column(Integer, ForeignKey("ticket.id"), nullable=False))
    kind: str
    author_id: int | None = _fk("agent.id")
    created_at: datetime = _ts(default_factory=utcnow)
    body: str = ""
    old_value: str = ""
    new_value: str = ""
    minutes: int = 0
    # SHA-256 chained to the ticket's previous event (storage/history_chain.py)
    hash: str = ""


class Article(SQLModel, table=True):
    __tablename__ = "article"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    symptoms: str = ""
    cause: str = ""
    resolution: str = ""  # Markdown steps
    tags: str = ""  # space-separated, lower case
    category: str = Field(default="", index=True)
    visibility: str = "internal"
    status: str = Field(default="draft", index=True)
    author_id: int | None = _fk("agent.id")
    source_ticket_id: int | None = _fk("ticket.id")
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)
    times_linked: int = 0
    times_solved: int = 0
    version: int = 1
    # the name of its Markdown file; every article has one (migration 0013, tuidesk.slugs)
    slug: str | None = Field(default=None, unique=True, index=True)


class ArticleRevision(SQLModel, table=True):
    __tablename__ = "article_revision"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(sa_column=Column(Integer, ForeignKey("article.id"), nullable=False))
    number: int
    title: str
    symptoms: str = ""
    cause: str = ""
    resolution: str = ""
    tags: str = ""
    author_id: int | None = _fk("agent.id")
    created_at: datetime = _ts(default_factory=utcnow)


class TicketArticle(SQLModel, table=True):
    __tablename__ = "ticket_article"

    ticket_id: int = Field(sa_column=Column(Integer, ForeignKey("ticket.id"), primary_key=True))
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id"), primary_key=True, index=True)
    )
    linked_by_id: int | None = _fk("agent.id")
    linked_at: datetime = _ts(default_factory=utcnow)
    solved: bool = False


class Calendar(SQLModel, table=True):
    """A business calendar; `hours` and `holidays` are JSON text."""

    __tablename__ = "calendar"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    timezone: str = "UTC"
    hours: str = "{}"
    holidays: str = "[]"
    country: str = ""


class SlaPolicy(SQLModel, table=True):
    """Targets of one priority under one policy (named after a support plan by default)."""

    __tablename__ = "sla_policy"
    __table_args__ = (UniqueConstraint("name", "priority"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    priority: int
    first_response_minutes: int
    resolution_minutes: int
    calendar: str = "12x5"
    warn_share: float = 0.75
    pausing_statuses: str = "pending_customer on_hold resolved"
    breach_action: str = "none"


class SavedView(SQLModel, table=True):
    """A queue filter an agent saved under a name: a built-in view narrowed and sorted."""

    __tablename__ = "saved_view"
    __table_args__ = (UniqueConstraint("agent_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    agent_id: int = Field(sa_column=Column(Integer, ForeignKey("agent.id"), nullable=False))
    name: str
    base_view: str = "open"  # the key of a built-in view
    filter: str = "{}"  # JSON of the queue Filter's fields
    sort: str = "due"
    descending: bool = False
    created_at: datetime = _ts(default_factory=utcnow)


class TicketPresence(SQLModel, table=True):
    """Who has a ticket open right now, refreshed by a heartbeat; rows go stale, and
    a stale row means gone. Never part of the history."""

    __tablename__ = "ticket_presence"

    ticket_id: int = Field(sa_column=Column(Integer, primary_key=True))
    agent_id: int = Field(sa_column=Column(Integer, ForeignKey("agent.id"), primary_key=True))
    activity: str = "viewing"  # or "writing a reply", "writing a note" …
    seen_at: datetime = _ts(default_factory=utcnow)


class HandoffSeen(SQLModel, table=True):
    """An agent of the new tier has read an escalation's hand-off (shown once)."""

    __tablename__ = "handoff_seen"

    agent_id: int = Field(sa_column=Column(Integer, ForeignKey("agent.id"), primary_key=True))
    event_id: int = Field(
        sa_column=Column(Integer, ForeignKey("ticket_event.id"), primary_key=True)
    )
    seen_at: datetime = _ts(default_factory=utcnow)


class DeskFact(SQLModel, table=True):
    """A fact about the database itself, written once: `origin` is "demo" when the demo
    help desk was built into it and "seed" when `tuidesk seed` filled it."""

    __tablename__ = "desk_fact"

    key: str = Field(primary_key=True)
    value: str
    recorded_at: datetime = _ts(default_factory=utcnow)
