"""The escalation report: where tickets are resolved and how often each tier escalates.

The seeds' benchmark: the first line resolves 70–80 % of what reaches the desk.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from tuidesk.domain import workflow
from tuidesk.storage.engine import Database

L1_BENCHMARK = (0.70, 0.80)


def read_escalation_stats(db: Database) -> dict[str, Any]:
    """`escalation_stats` in a read session of its own."""
    with db.read() as session:
        return escalation_stats(session)


def escalation_stats(session: Session) -> dict[str, Any]:
    """Counts per tier from the tickets and their escalation events (one pass each).

    - resolved_at_tier: resolved or closed tickets by the tier they were at then;
    - reached: tickets that were ever at the tier (created there or escalated to it);
    - escalated_from: tickets escalated from the tier at least once;
    - escalation_rate: escalated_from / reached;
    - l1_resolution_rate: share of all resolved tickets resolved at L1.
    """
    tiers = workflow.TIERS
    resolved = dict.fromkeys(tiers, 0)
    for tier, count in session.connection().execute(
        text(
            "SELECT tier, count(*) FROM ticket WHERE status IN ('resolved', 'closed') GROUP BY tier"
        )
    ):
        resolved[int(tier)] = int(count)
    reached = dict.fromkeys(tiers, 0)
    escalated = dict.fromkeys(tiers, 0)
    # the tier each ticket started at: the first escalation's "from", else where it is
    rows = session.connection().execute(
        text(
            "SELECT t.id, t.tier, e.old_value, e.new_value, e.kind FROM ticket t "
            "LEFT JOIN ticket_event e ON e.ticket_id = t.id "
            "AND e.kind IN ('escalation', 'deescalation') ORDER BY t.id, e.id"
        )
    )
    current: int | None = None
    seen: set[int] = set()
    up_from: set[int] = set()
    for ticket_id, tier, old, new, kind in rows:
        if ticket_id != current:
            _count(reached, escalated, seen, up_from)
            current, seen, up_from = ticket_id, set(), set()
            if old is None:
                seen.add(int(tier))
                continue
        if old is not None and str(old).isdigit() and str(new).isdigit():
            seen.update((int(old), int(new)))
            if kind == workflow.EVENT_ESCALATION:
                up_from.add(int(old))
    _count(reached, escalated, seen, up_from)
    total_resolved = sum(resolved.values())
    rate = resolved[1] / total_resolved if total_resolved else None
    return {
        "resolved_at_tier": {f"L{t}": resolved[t] for t in tiers},
        "reached": {f"L{t}": reached[t] for t in tiers},
        "escalated_from": {f"L{t}": escalated[t] for t in tiers},
        "escalation_rate": {
            f"L{t}": round(escalated[t] / reached[t], 4) if reached[t] else None for t in tiers
        },
        "resolved_total": total_resolved,
        "l1_resolution_rate": None if rate is None else round(rate, 4),
        "l1_benchmark": {"low": L1_BENCHMARK[0], "high": L1_BENCHMARK[1]},
        "l1_verdict": _verdict(rate),
    }


def _count(reached: dict[int, int], escalated: dict[int, int], seen: set[int],
           up_from: set[int]) -> None:  # fmt: skip
    for tier in seen:
        if tier in reached:
            reached[tier] += 1
    for tier in up_from:
        if tier in escalated:
            escalated[tier] += 1


def _verdict(rate: float | None) -> str:
    if rate is None:
        return "no resolved tickets yet"
    low, high = L1_BENCHMARK
    if rate < low:
        return f"below the {low:.0%}–{high:.0%} benchmark: L1 escalates more than it should"
    if rate > high:
        return f"above the {low:.0%}–{high:.0%} benchmark"
    return f"within the {low:.0%}–{high:.0%} benchmark"
