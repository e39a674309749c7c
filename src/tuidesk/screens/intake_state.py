"""What the new-ticket form holds and says, apart from its widgets: its state as the draft
keeps it, the checks of its fields, and the SLA and warranty lines shown under them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tuidesk.domain import sla, workflow
from tuidesk.domain.priority import priority_for, priority_label
from tuidesk.errors import ValidationError
from tuidesk.services.checks import normalize_category, normalize_tags
from tuidesk.storage.read.lookups import AssetHit, CustomerHit
from tuidesk.text import clean


@dataclass
class IntakeState:
    """What the form holds, as saved in the draft."""

    requester_id: int | None = None
    requester_label: str = ""
    asset_id: int | None = None
    channel: str = "phone"
    subject: str = ""
    symptoms: str = ""
    goal: str = ""
    urgency: int = workflow.DEFAULT_LEVEL
    impact: int = workflow.DEFAULT_LEVEL
    category: str = ""
    tags: str = ""
    assign_to_me: bool = True  # the agent who takes the call takes the ticket

    def is_empty(self) -> bool:
        typed = (self.requester_label, self.subject, self.symptoms, self.goal, self.category,
                 self.tags)  # fmt: skip
        return self == IntakeState() or not (
            self.requester_id or any(text.strip() for text in typed)
        )


def check_fields(state: IntakeState) -> dict[str, str]:
    """Problems by field, for the messages next to them."""
    problems: dict[str, str] = {}
    if state.requester_id is None:
        problems["requester"] = "pick the requester from the list, or ctrl+n for a new customer"
    subject = state.subject.strip()
    if not subject:
        problems["subject"] = "a subject: the problem in a few words"
    elif len(subject) > 200:
        problems["subject"] = f"at most 200 characters ({len(subject)} now)"
    # the desk's own rules, so that the form says what creating the ticket would
    for field, check in (("category", normalize_category), ("tags", normalize_tags)):
        try:
            check(getattr(state, field))
        except ValidationError as error:
            problems[field] = str(error)
    return problems


def sla_preview(
    rules: Any, customer: CustomerHit | None, impact: int, urgency: int, now: datetime
) -> str:
    """`P2 high · premium (24x7): response by Wed 10:45 (15m), resolved by …`"""
    priority = priority_for(impact, urgency)
    text = priority_label(priority)
    plan = customer.plan if customer else ""
    zone = customer.timezone if customer else "UTC"
    policy = rules.policy(rules.policy_name(customer.sla_policy if customer else None, plan), zone)
    target = policy.target(priority)
    response = policy.calendar.add(now, target.first_response)
    resolution = policy.calendar.add(now, target.resolution)
    local = _zone(zone)
    when = "%a %H:%M" if (resolution - now).days < 6 else "%a %d %b %H:%M"
    first, whole = (
        sla.format_business(t, policy.calendar) for t in (target.first_response, target.resolution)
    )
    name = workflow.plan_label(policy.name)
    return (
        f"{text} · SLA {name}: response by {response.astimezone(local):{when}} "
        f"({first}), resolved by {resolution.astimezone(local):{when}} ({whole})"
        f" {zone}"
    )


def _zone(name: str) -> Any:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def warranty_note(customer: CustomerHit | None, asset: AssetHit | None, today: date) -> str:
    """The plan and warranty as the agent should see them, with what is off pointed out."""
    if customer is None:
        return ""
    plan = workflow.PLAN_LABELS.get(customer.plan, customer.plan or "no plan")
    parts = [f"{clean(customer.organization) or 'No organization'} · plan {plan}"]
    if customer.warranty_until:
        parts.append(f"contract warranty until {customer.warranty_until:%Y-%m-%d}")
    if asset is not None:
        if asset.warranty_until is None:
            parts.append("asset warranty unknown")
        elif asset.warranty_until < today:
            note = f"asset OUT OF WARRANTY since {asset.warranty_until:%Y-%m-%d}"
            if customer.plan == "warranty":
                note += ": the warranty plan does not cover it, tell the customer"
            parts.append(note)
        else:
            parts.append(f"asset under warranty until {asset.warranty_until:%Y-%m-%d}")
    return " · ".join(parts)


def draft_state(data: dict[str, Any]) -> IntakeState:
    """An IntakeState from a draft's data; unknown or broken fields are left default."""
    state = IntakeState()
    for field, default in vars(IntakeState()).items():
        value = data.get(field, default)
        if field in ("requester_id", "asset_id"):
            state.__dict__[field] = value if isinstance(value, int) else None
        elif isinstance(value, type(default)):
            state.__dict__[field] = value
    if state.urgency not in (1, 2, 3):
        state.urgency = workflow.DEFAULT_LEVEL
    if state.impact not in (1, 2, 3):
        state.impact = workflow.DEFAULT_LEVEL
    if state.channel not in workflow.CHANNELS:
        state.channel = "phone"
    return state
