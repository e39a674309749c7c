"""Ticket statuses, the transitions between them, and the other fixed vocabularies.

Pure rules: no I/O, no Textual, no SQL.
"""

from __future__ import annotations

from collections.abc import Mapping

from tuidesk.errors import TransitionError, ValidationError

NEW = "new"
OPEN = "open"
PENDING_CUSTOMER = "pending_customer"
PENDING_VENDOR = "pending_vendor"
ON_HOLD = "on_hold"
RESOLVED = "resolved"
CLOSED = "closed"

STATUSES: tuple[str, ...] = (
    NEW,
    OPEN,
    PENDING_CUSTOMER,
    PENDING_VENDOR,
    ON_HOLD,
    RESOLVED,
    CLOSED,
)

STATUS_LABELS: dict[str, str] = {
    NEW: "New",
    OPEN: "Open",
    PENDING_CUSTOMER: "Waiting on customer",
    PENDING_VENDOR: "Waiting on vendor",
    ON_HOLD: "On hold",
    RESOLVED: "Resolved",
    CLOSED: "Closed",
}

# urgency and impact a ticket starts from when nobody said: the middle (P3), never the
# lowest, so that an outage typed in a hurry does not wait a day for its first answer
DEFAULT_LEVEL = 2

_WAITING = (PENDING_CUSTOMER, PENDING_VENDOR, ON_HOLD)


def status_label(status: str) -> str:
    """How a status reads on screen: `Waiting on customer`, not `pending_customer`."""
    return STATUS_LABELS.get(status, status)


# Closed is final: a customer who comes back after closing gets a new ticket.
TRANSITIONS: dict[str, frozenset[str]] = {
    NEW: frozenset({OPEN, *_WAITING, RESOLVED}),
    OPEN: frozenset({*_WAITING, RESOLVED}),
    PENDING_CUSTOMER: frozenset({OPEN, PENDING_VENDOR, ON_HOLD, RESOLVED}),
    PENDING_VENDOR: frozenset({OPEN, PENDING_CUSTOMER, ON_HOLD, RESOLVED}),
    ON_HOLD: frozenset({OPEN, PENDING_CUSTOMER, PENDING_VENDOR, RESOLVED}),
    RESOLVED: frozenset({OPEN, CLOSED}),
    CLOSED: frozenset(),
}

# The statuses a ticket can be moved to by hand: New is only where tickets start.
SETTABLE: tuple[str, ...] = tuple(
    s for s in STATUSES if any(s in targets for targets in TRANSITIONS.values())
)

# Statuses in which the ticket still needs work from the desk or someone it waits on.
ACTIVE_STATUSES: tuple[str, ...] = (NEW, OPEN, *_WAITING)
# Statuses in which the ticket waits on someone outside the desk (the queue's Waiting view).
WAITING_ON_OTHERS: tuple[str, ...] = (PENDING_CUSTOMER, PENDING_VENDOR)
# Statuses in which the desk's work on the ticket is done.
FINISHED_STATUSES: tuple[str, ...] = (RESOLVED, CLOSED)

CHANNELS: tuple[str, ...] = ("phone", "email", "chat", "web", "remote", "on-site")
ROLES: tuple[str, ...] = ("agent", "lead", "admin")
TIERS: tuple[int, ...] = (1, 2, 3, 4)
PLANS: tuple[str, ...] = ("warranty", "post_warranty", "premium", "self_service")
PLAN_LABELS: dict[str, str] = {
    "warranty": "Warranty",
    "post_warranty": "Post-warranty",
    "premium": "Premium",
    "self_service": "Self-service",
}


def plan_label(name: str) -> str:
    """`Post-warranty` for `post_warranty`; a name of the admin's own (an `[sla.*]`
    policy of the config) as it is."""
    return PLAN_LABELS.get(name, name)


def check_status(status: str) -> str:
    """Return `status` if it is a known status, else raise a ValidationError naming them."""
    if status not in STATUSES:
        raise ValidationError(
            f"unknown status {status!r}; use one of: {', '.join(STATUSES)}", field="status"
        )
    return status


def can_transition(old: str, new: str) -> bool:
    """Whether a ticket in status `old` may move to status `new`."""
    return new in TRANSITIONS.get(old, frozenset())


def blocking(counts: Mapping[str, int], target: str) -> dict[str, int]:
    """Of tickets counted per status, those that may not be set to `target`: status → how
    many. A ticket in `target` already is not blocked: it stays as it is."""
    return {
        status: count
        for status, count in counts.items()
        if count and status != target and not can_transition(status, target)
    }


def is_final(status: str) -> bool:
    """Whether a ticket in `status` can change no more (closed)."""
    return not TRANSITIONS.get(status)


def check_transition(old: str, new: str) -> None:
    """Raise TransitionError with a message that says what is allowed instead."""
    check_status(old)
    check_status(new)
    if old == new:
        raise TransitionError(f"the ticket is already {STATUS_LABELS[new].lower()}", "status")
    if can_transition(old, new):
        return
    allowed = TRANSITIONS[old]
    if not allowed:
        raise TransitionError(
            f"a {old} ticket cannot change status; open a new ticket instead", "status"
        )
    if old == RESOLVED or new != OPEN:
        hint = ", ".join(s for s in STATUSES if s in allowed)
        raise TransitionError(
            f"cannot move a ticket from {old} to {new}; from {old} it can go to: {hint}",
            "status",
        )
    raise TransitionError(f"cannot move a ticket from {old} to {new}", "status")


def check_changeable(status: str) -> None:
    """Closed is final: raise TransitionError for any change to a closed ticket."""
    if status == CLOSED:
        raise TransitionError(
            "the ticket is closed, and a closed ticket does not change; open a new ticket instead",
            "status",
        )


def check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise ValidationError(
            f"unknown channel {channel!r}; use one of: {', '.join(CHANNELS)}", field="channel"
        )
    return channel


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(
            f"unknown role {role!r}; use one of: {', '.join(ROLES)}", field="role"
        )
    return role


def check_tier(tier: int) -> int:
    if tier not in TIERS:
        raise ValidationError(f"tier must be 1, 2, 3 or 4, not {tier!r}", field="tier")
    return tier


VENDOR_TIER = 4
TIER_NAMES: dict[int, str] = {
    1: "L1 first line",
    2: "L2 technical support",
    3: "L3 experts",
    4: "L4 vendor",
}


def check_plan(plan: str) -> str:
    if plan not in PLANS:
        raise ValidationError(
            f"unknown support plan {plan!r}; use one of: {', '.join(PLANS)}", field="plan"
        )
    return plan


# Kinds of TicketEvent, the ticket's append-only history.
EVENT_CREATED = "created"
EVENT_REPLY = "reply"  # public reply from an agent to the customer
EVENT_CUSTOMER_REPLY = "customer_reply"  # a message from the customer
EVENT_NOTE = "note"  # internal note, never shown to the customer
EVENT_STATUS = "status"
EVENT_ASSIGNMENT = "assignment"
EVENT_ESCALATION = "escalation"
EVENT_DEESCALATION = "deescalation"
EVENT_PRIORITY = "priority"
EVENT_WORKLOG = "worklog"
EVENT_THEORY = "theory"
EVENT_ARTICLE_LINKED = "article_linked"
EVENT_ARTICLE_SOLVED = "article_solved"  # the linked article solved the ticket
EVENT_SLA_WARNING = "sla_warning"
EVENT_SLA_BREACH = "sla_breach"
EVENT_MERGE = "merge"
EVENT_TAGS = "tags"  # tags added or removed; old and new hold the tag lists
EVENT_VENDOR_UPDATE = "vendor_update"  # what the vendor (L4) said or did
EVENT_SLA_POLICY = "sla_policy"  # old and new hold the policy names
ORGANIZATION_POLICY = "the organization's"  # an sla_policy event's value for "none of its own"
EVENT_KINDS: tuple[str, ...] = (
    EVENT_CREATED,
    EVENT_REPLY,
    EVENT_CUSTOMER_REPLY,
    EVENT_NOTE,
    EVENT_STATUS,
    EVENT_ASSIGNMENT,
    EVENT_ESCALATION,
    EVENT_DEESCALATION,
    EVENT_PRIORITY,
    EVENT_WORKLOG,
    EVENT_THEORY,
    EVENT_ARTICLE_LINKED,
    EVENT_ARTICLE_SOLVED,
    EVENT_SLA_WARNING,
    EVENT_SLA_BREACH,
    EVENT_MERGE,
    EVENT_TAGS,
    EVENT_VENDOR_UPDATE,
    EVENT_SLA_POLICY,
)
