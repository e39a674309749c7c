"""Priority from impact and urgency: the ITIL matrix, P1 (critical) … P5 (planning).

Impact and urgency run from 1 (high) to 3 (low); priority = impact + urgency − 1.
"""

from __future__ import annotations

from tuidesk.errors import ValidationError

LEVELS: tuple[int, ...] = (1, 2, 3)
LEVEL_LABELS: dict[int, str] = {1: "high", 2: "medium", 3: "low"}
PRIORITIES: tuple[int, ...] = (1, 2, 3, 4, 5)
PRIORITY_LABELS: dict[int, str] = {
    1: "critical",
    2: "high",
    3: "medium",
    4: "low",
    5: "planning",
}


def check_level(value: int, name: str) -> int:
    """Return `value` if it is 1, 2 or 3; `name` is "impact" or "urgency" for the message."""
    if isinstance(value, bool) or value not in LEVELS:
        raise ValidationError(
            f"{name} must be 1 (high), 2 (medium) or 3 (low), not {value!r}", name
        )
    return value


def parse_level(text: str) -> int | None:
    """The level a person typed: `1`, `2`, `3` or its name (`high`, `Medium`, `low`);
    None for anything else."""
    word = text.strip().lower()
    if word in {str(level) for level in LEVELS}:
        return int(word)
    return next((level for level, label in LEVEL_LABELS.items() if label == word), None)


def priority_for(impact: int, urgency: int) -> int:
    """The priority number (1 = critical … 5 = planning) for an impact and an urgency."""
    return check_level(impact, "impact") + check_level(urgency, "urgency") - 1


def priority_label(priority: int) -> str:
    """`P2 high` for 2."""
    return f"P{priority} {PRIORITY_LABELS[priority]}"
