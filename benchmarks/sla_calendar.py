"""Time of BusinessCalendar.add over 180 business days (12x5) and of between over it.

Prints one figure a line, in milliseconds: a cold calendar (zone timeline not yet
known), then the median of warm repeats. Run: python benchmarks/sla_calendar.py
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from tuidesk.domain.sla import BusinessCalendar

SPAN = timedelta(hours=12 * 180)
START = datetime(2026, 3, 27, 18, 0, tzinfo=UTC)


def timed(action) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    for zone in ("Europe/Berlin", "Australia/Sydney"):
        calendar = BusinessCalendar.preset("12x5", tz=zone, country="DE")
        cold = timed(lambda c=calendar: c.add(START, SPAN))
        fresh = [
            timed(lambda z=zone: BusinessCalendar.preset("12x5", tz=z).add(START, SPAN))
            for _ in range(20)
        ]
        due = calendar.add(START, SPAN)
        between = [timed(lambda c=calendar, d=due: c.between(START, d)) for _ in range(20)]
        print(f"add_180_business_days_cold_ms[{zone}] {cold:.2f}")
        print(
            f"add_180_business_days_new_calendar_median_ms[{zone}] {statistics.median(fresh):.2f}"
        )
        print(f"between_180_business_days_median_ms[{zone}] {statistics.median(between):.2f}")


if __name__ == "__main__":
    main()
