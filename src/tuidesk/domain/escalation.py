"""The tiered model's rules: one tier up at a time (skipping one needs a reason and a
lead), the hand-off a tier writes for the next, where a de-escalation returns to, and
the time spent at each tier. Pure: the history comes in as plain values."""

from __future__ import annotations

from collections.abc import Iterable

from tuidesk.domain.permissions import LEADS
from tuidesk.domain.workflow import (
    EVENT_DEESCALATION,
    EVENT_ESCALATION,
    EVENT_WORKLOG,
    check_tier,
)
from tuidesk.errors import PermissionDeniedError, ValidationError

# an event as these rules read it: (kind, old value, new value, minutes)
Event = tuple[str, str, str, int]
MOVES = (EVENT_ESCALATION, EVENT_DEESCALATION)

SKIP_ROLES = LEADS  # who may skip a tier when escalating
# the fields a hand-off needs, with what to say when one is missing
HANDOFF_FIELDS: dict[str, str] = {
    "tried": "what was tried (steps and their results), so the next tier does not repeat them",
    "theory": "the theory: what you think the cause is",
    "needs": "what the customer needs (the outcome they are waiting for)",
}


def check_escalation(current: int, target: int, role: str, skip_reason: str = "") -> None:
    """The tiered model's rules: one tier up at a time; skipping one needs a reason and
    a lead's or admin's role. Raises with a message that says what to do instead."""
    check_tier(target)
    if target <= current:
        if target == current:
            raise ValidationError(f"the ticket is at L{current} already", field="tier")
        raise ValidationError(
            f"L{target} is below L{current}: send the ticket back with de-escalate instead",
            field="tier",
        )
    if target == current + 1:
        return
    if not skip_reason.strip():
        raise ValidationError(
            f"L{current} → L{target} skips L{current + 1}: give the reason for skipping it "
            f"(or escalate to L{current + 1})",
            field="skip_reason",
        )
    if role not in SKIP_ROLES:
        raise PermissionDeniedError(
            f"only leads and admins may skip a tier; escalate to L{current + 1}, or ask a lead"
        )


def check_deescalation(current: int, target: int) -> None:
    """De-escalating goes down, to a tier that exists."""
    if target >= current or target < 1:
        raise ValidationError(
            f"de-escalating goes down: from L{current} to L1…L{current - 1}"
            if current > 1
            else "the ticket is at L1: there is no tier below",
            field="tier",
        )
    check_tier(target)


def return_tier(current: int, moves: list[tuple[str, str, str]]) -> int:
    """The tier a de-escalation from `current` returns to: the one the ticket came from.

    `moves` are (kind, old tier, new tier) of its escalations and de-escalations, oldest
    first; the newest escalation into `current` says where it came from (L2 → L4 goes back
    to L2). Without one (data from before escalations were recorded), one tier down."""
    for kind, old, new in reversed(moves):
        if kind == EVENT_ESCALATION and new == str(current) and old.isdigit():
            return int(old) if 1 <= int(old) < current else current - 1
    return current - 1


def check_handoff(tried: str, theory: str, needs: str) -> None:
    """Every part of a hand-off is required; the message names the first one missing."""
    for field, value in (("tried", tried), ("theory", theory), ("needs", needs)):
        if not (value or "").strip():
            raise ValidationError(f"the hand-off needs {HANDOFF_FIELDS[field]}", field=field)


def time_per_tier(events: Iterable[Event], current_tier: int) -> list[tuple[int, int]]:
    """(tier, minutes logged there) for each tier the ticket has been at, following its
    escalations and de-escalations through `events` (its history, oldest first)."""
    history = list(events)
    moves = [e for e in history if e[0] in MOVES]
    tier = int(moves[0][1]) if moves and moves[0][1].isdigit() else current_tier
    spent: dict[int, int] = {}
    for kind, _, new, minutes in history:
        if kind in MOVES and new.isdigit():
            tier = int(new)
        elif kind == EVENT_WORKLOG and minutes:
            spent[tier] = spent.get(tier, 0) + minutes
    return sorted(spent.items())


def minutes_at_current_tier(events: Iterable[Event]) -> int:
    """Minutes logged since the ticket came to its current tier (its last move)."""
    minutes = 0
    for kind, _, _, logged in events:
        if kind in MOVES:
            minutes = 0
        elif kind == EVENT_WORKLOG:
            minutes += logged or 0
    return minutes
