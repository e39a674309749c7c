"""Business calendars against a brute-force reference that steps minute by minute."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuidesk.domain.sla import WEEKDAYS, BusinessCalendar

MINUTE = timedelta(minutes=1)
ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",  # southern hemisphere: DST in their summer
    "America/Santiago",  # DST changes at midnight
    "Pacific/Auckland",
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Asia/Kathmandu",  # +05:45, no DST
]
# instants near daylight-saving changes in 2026, where the interesting cases are
NEAR_CHANGES = [
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # Europe spring forward
    datetime(2026, 10, 25, 1, 0, tzinfo=UTC),  # Europe fall back
    datetime(2026, 3, 8, 7, 0, tzinfo=UTC),  # US spring forward
    datetime(2026, 11, 1, 6, 0, tzinfo=UTC),  # US fall back
    datetime(2026, 4, 4, 16, 0, tzinfo=UTC),  # Sydney fall back
    datetime(2026, 10, 3, 16, 0, tzinfo=UTC),  # Sydney spring forward
    datetime(2026, 4, 5, 3, 0, tzinfo=UTC),  # Santiago
    datetime(2026, 9, 6, 4, 0, tzinfo=UTC),  # Santiago
    datetime(2026, 9, 26, 14, 0, tzinfo=UTC),  # Auckland
    datetime(2026, 7, 15, 12, 0, tzinfo=UTC),  # nothing special
]


class Reference:
    """The DESIGN sentence, literally: is the local wall-clock time in an interval?"""

    def __init__(self, tz: str, week: list[list[tuple[int, int]]], holidays: set[date]) -> None:
        self.zone = ZoneInfo(tz)
        self.week = week
        self.holidays = holidays

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        if local.date() in self.holidays:
            return False
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self.week[local.weekday()])

    def add(self, start: datetime, minutes: int) -> datetime:
        moment = start
        if minutes == 0:
            while not self.is_open(moment):
                moment += MINUTE
            return moment
        while minutes:
            if self.is_open(moment):
                minutes -= 1
            moment += MINUTE
        return moment

    def between(self, start: datetime, end: datetime) -> timedelta:
        count, moment = 0, start
        while moment < end:
            count += self.is_open(moment)
            moment += MINUTE
        return count * MINUTE


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def calendars(draw: st.DrawFn) -> tuple[BusinessCalendar, Reference]:
    tz = draw(st.sampled_from(ZONES))
    grid = st.integers(0, 96).map(lambda q: q * 15)  # quarter hours, 24:00 included
    week: list[list[tuple[int, int]]] = []
    for _ in WEEKDAYS:
        points = sorted(set(draw(st.lists(grid, max_size=4))))
        if len(points) % 2:
            points = points[:-1]
        week.append([(points[i], points[i + 1]) for i in range(0, len(points), 2)])
    open_days = [i for i, day in enumerate(week) if day]
    if len(open_days) < 3:  # keep the brute force quick: at least three open days
        for i in (0, 2, 4):
            if not week[i]:
                week[i] = [(draw(st.sampled_from([0, 60, 120, 480])), 24 * 60)]
    holidays = set(draw(st.lists(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=3)))
    hours = {WEEKDAYS[i]: [(hhmm(a), hhmm(b)) for a, b in day] for i, day in enumerate(week)}
    calendar = BusinessCalendar(tz=tz, hours=hours, holidays=holidays)
    # touching intervals are merged by the calendar; the reference does not need that
    return calendar, Reference(tz, week, holidays)


starts = st.builds(
    lambda base, minutes: base + timedelta(minutes=minutes),
    st.sampled_from(NEAR_CHANGES),
    st.integers(-3 * 24 * 60, 3 * 24 * 60),
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(calendars(), starts)
def test_is_open_matches_the_reference(
    pair: tuple[BusinessCalendar, Reference], start: datetime
) -> None:
    calendar, reference = pair
    for step in range(0, 24 * 60, 7):
        moment = start + timedelta(minutes=step)
        assert calendar.is_open(moment) == reference.is_open(moment), moment


@PROPERTY
@given(calendars(), starts, st.integers(0, 900))
def test_add_matches_the_reference(
    pair: tuple[BusinessCalendar, Reference], start: datetime, minutes: int
) -> None:
    calendar, reference = pair
    assert calendar.add(start, minutes * MINUTE) == reference.add(start, minutes)


@PROPERTY
@given(calendars(), starts, st.integers(0, 4 * 24 * 60))
def test_between_matches_the_reference(
    pair: tuple[BusinessCalendar, Reference], start: datetime, minutes: int
) -> None:
    calendar, reference = pair
    end = start + timedelta(minutes=minutes)
    assert calendar.between(start, end) == reference.between(start, end)


@PROPERTY
@given(calendars(), starts, st.integers(0, 20_000))
def test_between_inverts_add_from_an_open_start(
    pair: tuple[BusinessCalendar, Reference], start: datetime, minutes: int
) -> None:
    calendar, _ = pair
    opened = calendar.add(start, timedelta(0))  # an open start
    duration = minutes * MINUTE
    assert calendar.between(opened, calendar.add(opened, duration)) == duration


# ---- explicit cases ------------------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")
SYDNEY = ZoneInfo("Australia/Sydney")


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def test_presets() -> None:
    always = BusinessCalendar.preset("24x7")
    start = datetime(2026, 11, 21, 23, 0, tzinfo=UTC)  # a Saturday night
    assert always.add(start, timedelta(hours=5)) == start + timedelta(hours=5)
    office = BusinessCalendar.preset("12x5", tz="Europe/Berlin")
    assert office.is_open(berlin(2026, 11, 20, 8, 0))  # Friday 08:00
    assert not office.is_open(berlin(2026, 11, 20, 20, 0))  # closing time is closed
    assert not office.is_open(berlin(2026, 11, 21, 12, 0))  # Saturday
    with pytest.raises(ValueError, match="unknown preset"):
        BusinessCalendar.preset("9to5")


def test_closing_time_is_the_due_time_not_the_next_opening() -> None:
    office = BusinessCalendar.preset("12x5", tz="Europe/Berlin")
    due = office.add(berlin(2026, 11, 20, 18, 0), timedelta(hours=2))
    assert due == berlin(2026, 11, 20, 20, 0)
    assert office.add(berlin(2026, 11, 20, 18, 0), timedelta(hours=2, minutes=1)) == berlin(
        2026, 11, 23, 8, 1
    )


def test_zero_duration_is_the_next_open_instant() -> None:
    office = BusinessCalendar.preset("12x5", tz="Europe/Berlin")
    assert office.add(berlin(2026, 11, 20, 20, 0), timedelta(0)) == berlin(2026, 11, 23, 8, 0)
    assert office.add(berlin(2026, 11, 20, 9, 30), timedelta(0)) == berlin(2026, 11, 20, 9, 30)


def test_spring_forward_skips_the_missing_hour() -> None:
    nights = BusinessCalendar(tz="Europe/Berlin", hours={"sun": [("01:00", "04:00")]})
    # 29 March 2026: 02:00 becomes 03:00, so 01:00–04:00 local is two real hours
    start = berlin(2026, 3, 29, 1, 0)
    assert nights.between(start, berlin(2026, 3, 29, 5, 0)) == timedelta(hours=2)
    assert nights.add(start, timedelta(hours=2)) == berlin(2026, 3, 29, 4, 0)


def test_fall_back_counts_the_repeated_hour_twice() -> None:
    nights = BusinessCalendar(tz="Europe/Berlin", hours={"sun": [("01:00", "04:00")]})
    # 25 October 2026: 03:00 becomes 02:00 again, so 01:00–04:00 local is four real hours
    start = datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # 01:00 CEST
    assert nights.between(start, start + timedelta(hours=6)) == timedelta(hours=4)
    assert nights.add(start, timedelta(hours=4)) == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)


def test_fall_back_inside_an_interval_boundary() -> None:
    late = BusinessCalendar(tz="Europe/Berlin", hours={"sun": [("02:30", "05:00")]})
    start = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    # 02:30–03:00 CEST (30 min), then 02:30–05:00 CET (2h30): 02:00–02:30 CET is closed
    assert late.between(start, start + timedelta(hours=8)) == timedelta(hours=3)
    assert not late.is_open(datetime(2026, 10, 25, 1, 15, tzinfo=UTC))  # 02:15 CET


def test_southern_hemisphere_changes() -> None:
    days = BusinessCalendar.preset("24x7", tz="Australia/Sydney")
    # 5 April 2026 (fall back): 25 hours; 4 October 2026 (spring forward): 23 hours
    assert days.between(
        datetime(2026, 4, 5, tzinfo=SYDNEY), datetime(2026, 4, 6, tzinfo=SYDNEY)
    ) == timedelta(hours=25)
    office = BusinessCalendar(tz="Australia/Sydney", hours={"sun": [("00:00", "24:00")]})
    assert office.between(
        datetime(2026, 10, 3, tzinfo=UTC), datetime(2026, 10, 6, tzinfo=UTC)
    ) == timedelta(hours=23)


def test_midnight_with_24_00() -> None:
    evening = BusinessCalendar(
        tz="Europe/Berlin", hours={"mon": [("20:00", "24:00")], "tue": [("00:00", "02:00")]}
    )
    start = berlin(2026, 11, 23, 23, 0)
    assert evening.is_open(berlin(2026, 11, 23, 23, 59))
    assert evening.is_open(berlin(2026, 11, 24, 0, 0))
    assert evening.add(start, timedelta(hours=2)) == berlin(2026, 11, 24, 1, 0)
    assert evening.between(berlin(2026, 11, 23, 0, 0), berlin(2026, 11, 25, 0, 0)) == timedelta(
        hours=6
    )


def test_holidays_listed_and_by_country() -> None:
    office = BusinessCalendar(
        tz="Europe/Berlin",
        hours={d: [("09:00", "17:00")] for d in WEEKDAYS[:5]},
        holidays=[date(2026, 12, 24)],
        country="DE",
    )
    assert not office.is_open(berlin(2026, 12, 24, 10, 0))  # listed
    assert not office.is_open(berlin(2026, 12, 25, 10, 0))  # Christmas, from the country
    assert not office.is_open(berlin(2026, 12, 26, 10, 0))  # a Saturday anyway
    assert office.is_open(berlin(2026, 12, 28, 10, 0))
    # from Wednesday 23 Dec 16:00, one business hour ends on Monday 28 Dec at 10:00
    assert office.add(berlin(2026, 12, 23, 16, 0), timedelta(hours=2)) == berlin(
        2026, 12, 28, 10, 0
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hours": {"mon": [("25:00", "26:00")]}}, "'25:00' is not a time of day"),
        ({"hours": {"mon": [("12:00", "09:00")]}}, "ends before it starts"),
        ({"hours": {"mon": [("09:00", "12:00"), ("11:00", "13:00")]}}, "overlap"),
        ({"hours": {"mon": [("24:00", "24:00")]}}, "cannot start at 24:00"),
        ({"hours": {"funday": [("09:00", "12:00")]}}, "unknown weekday"),
        ({"hours": {"mon": [("9", "12:00")]}}, "not a time of day"),
        ({"hours": {}}, "no business hours"),
        ({"hours": {"mon": [("09:00", "12:00")]}, "tz": "Mars/Olympus"}, "unknown time zone"),
        ({"hours": {"mon": [("09:00", "12:00")]}, "country": "XX"}, "no holiday data"),
    ],
)
def test_malformed_calendars_name_the_problem(kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError, match=message):
        BusinessCalendar(**kwargs)


def test_naive_datetimes_and_negative_durations_are_refused() -> None:
    office = BusinessCalendar.preset("12x5")
    with pytest.raises(ValueError, match="naive"):
        office.add(datetime(2026, 11, 20, 9, 0), timedelta(hours=1))
    with pytest.raises(ValueError, match="naive"):
        office.between(datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 21, tzinfo=UTC))
    with pytest.raises(ValueError, match="naive"):
        office.is_open(datetime(2026, 11, 20, 9, 0))
    with pytest.raises(ValueError, match="negative"):
        office.add(datetime(2026, 11, 20, 9, 0, tzinfo=UTC), timedelta(minutes=-1))
    assert office.between(
        datetime(2026, 11, 21, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC)
    ) == timedelta(0)


def test_months_of_business_time_walk_intervals() -> None:
    """180 business days of 12 hours: the answer is exact and the walk is short."""
    office = BusinessCalendar.preset("12x5", tz="America/New_York", country="US")
    start = datetime(2026, 1, 5, 13, 0, tzinfo=UTC)  # Monday 08:00 in New York
    began = time.perf_counter()
    due = office.add(start, timedelta(hours=12 * 180))
    elapsed = time.perf_counter() - began
    assert office.between(start, due) == timedelta(hours=12 * 180)
    assert elapsed < 1.0  # a minute-stepping walk would take far longer; benchmarks measure ms
