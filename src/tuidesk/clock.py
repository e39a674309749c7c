"""The one clock: every "now" in tuidesk comes from here, so tests can fix it."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
