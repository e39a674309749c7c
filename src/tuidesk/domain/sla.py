"""Business calendars and SLA clocks. Pure rules: no I/O, no Textual, no SQL.

A UTC instant is business time when its local wall-clock time in the calendar's zone
lies in one of that weekday's intervals [start, end) and its local date is not a
holiday. Everything follows from that sentence: across a daylight-saving change the
skipped hour does not exist and the repeated hour counts twice.

Internally instants are integer microseconds since the Unix epoch (UTC), and each local
date's open time is a short list of UTC intervals computed once and cached, so `add`
and `between` walk intervals, never minutes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

US = 1_000_000  # microseconds per second
DAY_US = 86_400 * US
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"(\d{1,2}):(\d{2})\Z")
# An open interval of one local date lies within these bounds of UTC around it
# (offsets run from -12:00 to +14:00; a margin covers historic oddities).
_BEFORE_US = 16 * 3600 * US
_AFTER_US = 14 * 3600 * US
# add() gives up when a calendar has no open time for this many days in a row.
_MAX_IDLE_DAYS = 3 * 366


# ---- time zones ------------------------------------------------------------------------


class _Timeline:
    """The UTC offset changes of one zone, found once per year by sampling and bisection."""

    _SAMPLE_US = 24 * 3600 * US  # no zone changes offset twice within a day

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self._years: set[int] = set()
        self._loaded_from = self._loaded_to = 0  # [from, to): instants whose years are known
        self._first_offset = 0  # the offset in force at _loaded_from (set by _ensure)
        self._changes: list[int] = []  # instants at which a new offset starts
        self._offsets: list[int] = []  # the offset (µs) in force from that instant on

    def _offset_at_exact(self, instant_us: int) -> int:
        moment = EPOCH + timedelta(microseconds=instant_us)
        offset = moment.astimezone(self.zone).utcoffset()
        assert offset is not None
        return offset // timedelta(microseconds=1)

    def _load_year(self, year: int) -> None:
        if year in self._years:
            return
        self._years.add(year)
        start = (date(year, 1, 1).toordinal() - EPOCH_ORDINAL) * DAY_US
        end = (date(year + 1, 1, 1).toordinal() - EPOCH_ORDINAL) * DAY_US
        found: list[tuple[int, int]] = []
        previous_at, previous = start, self._offset_at_exact(start)
        at = start + self._SAMPLE_US
        while at <= end:
            current = self._offset_at_exact(at)
            if current != previous:
                low, high = previous_at, at  # offset(low) == previous, offset(high) != previous
                while high - low > 1:
                    middle = (low + high) // 2
                    if self._offset_at_exact(middle) == previous:
                        low = middle
                    else:
                        high = middle
                found.append((high, self._offset_at_exact(high)))
            previous_at, previous = at, current
            at += self._SAMPLE_US
        if not found:
            return
        merged = dict(zip(self._changes, self._offsets, strict=True))
        merged.update(found)
        self._changes = sorted(merged)
        self._offsets = [merged[c] for c in self._changes]

    def _ensure(self, low_us: int, high_us: int) -> None:
        if self._loaded_from <= low_us and high_us < self._loaded_to:
            return  # the common case: no date arithmetic at all
        first = (EPOCH + timedelta(microseconds=low_us)).year
        last = (EPOCH + timedelta(microseconds=high_us)).year
        for year in range(first - 1, last + 1):
            self._load_year(year)
        # the contiguous run of loaded years around the request
        start = end = first - 1
        while start - 1 in self._years:
            start -= 1
        while end + 1 in self._years:
            end += 1
        self._loaded_from = (date(start, 1, 1).toordinal() - EPOCH_ORDINAL) * DAY_US
        self._loaded_to = (date(end + 1, 1, 1).toordinal() - EPOCH_ORDINAL) * DAY_US
        self._first_offset = self._offset_at_exact(self._loaded_from)

    def segments(self, low_us: int, high_us: int) -> list[tuple[int, int, int]]:
        """[(start, end, offset)] of constant offset covering [low, high)."""
        self._ensure(low_us, high_us)
        index = bisect_right(self._changes, low_us) - 1
        offset = self._offsets[index] if index >= 0 else self._before(low_us)
        result = []
        cursor = low_us
        index += 1
        while index < len(self._changes) and self._changes[index] < high_us:
            change = self._changes[index]
            result.append((cursor, change, offset))
            cursor, offset = change, self._offsets[index]
            index += 1
        result.append((cursor, high_us, offset))
        return result

    def offset_at(self, instant_us: int) -> int:
        self._ensure(instant_us, instant_us)
        index = bisect_right(self._changes, instant_us) - 1
        return self._offsets[index] if index >= 0 else self._before(instant_us)

    def _before(self, instant_us: int) -> int:
        """The offset at an instant before every known change."""
        if self._loaded_from <= instant_us:
            return self._first_offset  # no change between the loaded start and the instant
        return self._offset_at_exact(instant_us)


@lru_cache(maxsize=256)
def _timeline(zone_name: str) -> _Timeline:
    return _Timeline(ZoneInfo(zone_name))


# ---- parsing -------------------------------------------------------------------------


def _minutes(text: str, where: str) -> int:
    match = _TIME.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{where}: {text!r} is not a time of day like '08:30'")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"{where}: {text!r} is not a time of day (00:00 … 24:00)")
    return hours * 60 + minutes


def _parse_hours(
    hours: Mapping[str, Sequence[Sequence[str]]],
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per weekday (Monday first), sorted non-overlapping (start, end) minute intervals."""
    if not isinstance(hours, Mapping):
        raise ValueError("hours must map weekdays ('mon' … 'sun') to lists of intervals")
    week: list[list[tuple[int, int]]] = [[] for _ in WEEKDAYS]
    for day, intervals in hours.items():
        key = str(day).lower()[:3]
        if key not in WEEKDAYS or str(day).lower() not in (key, _FULL_DAY_NAMES[key]):
            raise ValueError(f"hours: unknown weekday {day!r}; use mon, tue, … sun")
        if isinstance(intervals, str) or not isinstance(intervals, Sequence):
            raise ValueError(f"hours.{day}: give a list of [start, end] pairs")
        for interval in intervals:
            if (
                isinstance(interval, str)
                or not isinstance(interval, Sequence)
                or len(interval) != 2
            ):
                raise ValueError(f"hours.{day}: {interval!r} is not a [start, end] pair")
            start = _minutes(interval[0], f"hours.{day}")
            end = _minutes(interval[1], f"hours.{day}")
            if start == 24 * 60:
                raise ValueError(f"hours.{day}: an interval cannot start at 24:00")
            if end <= start:
                raise ValueError(
                    f"hours.{day}: interval {interval[0]}–{interval[1]} ends before it starts"
                )
            week[WEEKDAYS.index(key)].append((start, end))
    result = []
    for index, intervals in enumerate(week):
        intervals.sort()
        merged: list[tuple[int, int]] = []
        for start, end in intervals:
            if merged and start < merged[-1][1]:
                raise ValueError(
                    f"hours.{WEEKDAYS[index]}: intervals overlap "
                    f"({_hhmm(merged[-1][0])}–{_hhmm(merged[-1][1])} and "
                    f"{_hhmm(start)}–{_hhmm(end)})"
                )
            if merged and start == merged[-1][1]:
                merged[-1] = (merged[-1][0], end)  # touching intervals are one
            else:
                merged.append((start, end))
        result.append(tuple(merged))
    return tuple(result)


_FULL_DAY_NAMES = {
    "mon": "monday",
    "tue": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _to_us(moment: datetime, name: str = "datetime") -> int:
    if not isinstance(moment, datetime):
        raise ValueError(f"{name} must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} is naive; give an aware datetime (e.g. in UTC)")
    return (moment - EPOCH) // timedelta(microseconds=1)


def _from_us(instant_us: int) -> datetime:
    return EPOCH + timedelta(microseconds=instant_us)


# ---- calendars -----------------------------------------------------------------------


class BusinessCalendar:
    """Opening hours in a time zone, minus holidays.

    >>> cal = BusinessCalendar(tz="Europe/Berlin", hours={"mon": [("09:00", "17:00")]})
    """

    def __init__(
        self,
        tz: str = "UTC",
        hours: Mapping[str, Sequence[Sequence[str]]] | None = None,
        holidays: Iterable[date] = (),
        country: str | None = None,
        name: str = "",
    ) -> None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ValueError(
                f"tz: unknown time zone {tz!r}; use an IANA name like 'Europe/Berlin'"
            ) from None
        self.tz = tz
        self.name = name
        self.week = _parse_hours(hours if hours is not None else {})
        if not any(self.week):
            raise ValueError("hours: the calendar has no business hours at all")
        dates = set()
        for item in holidays:
            if isinstance(item, datetime) or not isinstance(item, date):
                raise ValueError(f"holidays: {item!r} is not a date")
            dates.add(item)
        self.holidays = frozenset(dates)
        self.country = country or None
        self._country_years: dict[int, frozenset[date]] = {}
        if self.country:
            self._country_dates(datetime.now(UTC).year)  # fails early on an unknown country
        self._timeline = _timeline(tz)
        self._days: dict[int, tuple[tuple[int, int], ...]] = {}

    @classmethod
    def preset(cls, name: str, tz: str = "UTC", **kwargs: object) -> BusinessCalendar:
        """`24x7` (always open) or `12x5` (Mon–Fri 08:00–20:00) in zone `tz`."""
        if name == "24x7":
            hours = {day: [("00:00", "24:00")] for day in WEEKDAYS}
        elif name == "12x5":
            hours = {day: [("08:00", "20:00")] for day in WEEKDAYS[:5]}
        else:
            raise ValueError(f"unknown preset {name!r}; use '24x7' or '12x5'")
        return cls(tz=tz, hours=hours, name=name, **kwargs)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"BusinessCalendar(name={self.name!r}, tz={self.tz!r})"

    # -- days --

    def _country_dates(self, year: int) -> frozenset[date]:
        dates = self._country_years.get(year)
        if dates is None:
            import holidays as holiday_data

            assert self.country is not None
            code, _, subdivision = self.country.partition("-")
            try:
                found = holiday_data.country_holidays(
                    code.upper(), subdiv=subdivision or None, years=year
                )
            except NotImplementedError:
                raise ValueError(
                    f"country: no holiday data for {self.country!r}; use an ISO code like 'DE'"
                    " or 'US-CA'"
                ) from None
            dates = frozenset(found.keys())
            self._country_years[year] = dates
        return dates

    def is_holiday(self, day: date) -> bool:
        """Whether `day` (a local date) is a holiday: listed, or of the calendar's country."""
        if day in self.holidays:
            return True
        return bool(self.country) and day in self._country_dates(day.year)

    def _day(self, ordinal: int) -> tuple[tuple[int, int], ...]:
        """The UTC intervals (µs) of local date `ordinal` (days since 1970-01-01)."""
        cached = self._days.get(ordinal)
        if cached is not None:
            return cached
        day = date.fromordinal(ordinal + EPOCH_ORDINAL)
        intervals = self.week[day.weekday()]
        if not intervals or self.is_holiday(day):
            result: tuple[tuple[int, int], ...] = ()
        else:
            base = ordinal * DAY_US  # local midnight, read as if it were UTC
            segments = self._timeline.segments(base - _BEFORE_US, base + DAY_US + _AFTER_US)
            parts: list[tuple[int, int]] = []
            for start_min, end_min in intervals:
                local_start = base + start_min * 60 * US
                local_end = base + end_min * 60 * US
                for seg_start, seg_end, offset in segments:
                    low = max(seg_start, local_start - offset)
                    high = min(seg_end, local_end - offset)
                    if low < high:
                        if parts and parts[-1][1] == low:
                            parts[-1] = (parts[-1][0], high)
                        else:
                            parts.append((low, high))
            result = tuple(parts)
        if len(self._days) > 20_000:
            self._days.clear()
        self._days[ordinal] = result
        return result

    def _local_ordinal(self, instant_us: int) -> int:
        return (instant_us + self._timeline.offset_at(instant_us)) // DAY_US

    # -- public API --

    def is_open(self, moment: datetime) -> bool:
        """Whether `moment` (aware) is business time."""
        instant = _to_us(moment)
        return any(a <= instant < b for a, b in self._day(self._local_ordinal(instant)))

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The aware UTC instant `duration` of business time after `start`.

        A duration of 0 gives the next open instant at or after `start`; a due time
        that falls on a closing time is that closing time.
        """
        cursor = _to_us(start, "start")
        if not isinstance(duration, timedelta):
            raise ValueError("duration must be a timedelta")
        if duration < timedelta(0):
            raise ValueError(f"duration is negative ({duration}); give a duration >= 0")
        remaining = duration // timedelta(microseconds=1)
        ordinal = self._local_ordinal(cursor)
        idle = 0
        while True:
            intervals = self._day(ordinal)
            for low, high in intervals:
                if high <= cursor:
                    continue
                begin = max(low, cursor)
                available = high - begin
                if remaining <= available:
                    return _from_us(begin + remaining)
                remaining -= available
                cursor = high
            idle = 0 if intervals else idle + 1
            if idle > _MAX_IDLE_DAYS:
                raise ValueError("the calendar has no business hours for more than three years")
            ordinal += 1

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Business time in [start, end); zero if end <= start."""
        low = _to_us(start, "start")
        high = _to_us(end, "end")
        if high <= low:
            return timedelta(0)
        total = 0
        for ordinal in range(self._local_ordinal(low), self._local_ordinal(high) + 1):
            for a, b in self._day(ordinal):
                overlap = min(b, high) - max(a, low)
                if overlap > 0:
                    total += overlap
        return timedelta(microseconds=total)

    def to_config(self) -> dict[str, object]:
        """The calendar as it is written in the config file."""
        return {
            "timezone": self.tz,
            "hours": {
                WEEKDAYS[i]: [[_hhmm(a), _hhmm(b)] for a, b in day]
                for i, day in enumerate(self.week)
                if day
            },
            "holidays": sorted(d.isoformat() for d in self.holidays),
            "country": self.country or "",
        }


# ---- SLA policies and clocks ---------------------------------------------------------

RUNNING = "running"
PAUSED = "paused"
AT_RISK = "at_risk"
BREACHED = "breached"
MET = "met"
CLOCK_STATES = (RUNNING, PAUSED, AT_RISK, BREACHED, MET)
FIRST_RESPONSE = "first_response"
RESOLUTION = "resolution"
CLOCK_LABELS = {FIRST_RESPONSE: "first response", RESOLUTION: "resolution"}
BREACH_ACTIONS = ("none", "raise_priority", "escalate")
DEFAULT_PAUSING = frozenset({"pending_customer", "on_hold", "resolved"})


@dataclass(frozen=True)
class Target:
    first_response: timedelta
    resolution: timedelta


@dataclass(frozen=True)
class SlaPolicy:
    """Targets per priority (1–5) under one calendar."""

    name: str
    calendar: BusinessCalendar
    targets: Mapping[int, Target]
    warn_share: float = 0.75
    pausing: frozenset[str] = DEFAULT_PAUSING
    breach_action: str = "none"

    def target(self, priority: int) -> Target:
        return self.targets[priority]


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    old: str
    new: str


@dataclass(frozen=True)
class ClockState:
    """One SLA clock of a ticket at a moment.

    `due_at` is where the clock ends if nothing pauses it again (None while paused);
    `remaining` is business time left (negative: overdue); `stopped_at` is when it was
    met or stopped.
    """

    kind: str
    state: str
    target: timedelta
    due_at: datetime | None
    warn_at: datetime | None
    remaining: timedelta
    stopped_at: datetime | None = None
    breached: bool = False


@dataclass(frozen=True)
class TicketClocks:
    first_response: ClockState
    resolution: ClockState

    def running(self) -> list[ClockState]:
        return [c for c in (self.first_response, self.resolution) if c.due_at and not c.stopped_at]


def _status_periods(
    created_at: datetime, changes: Sequence[StatusChange], now: datetime
) -> list[tuple[datetime, datetime, str]]:
    """[(from, to, status)] covering [created_at, now), starting in `new`."""
    periods = []
    status, since = "new", created_at
    for change in sorted(changes, key=lambda c: c.at):
        at = min(max(change.at, created_at), now)
        if at > since:
            periods.append((since, at, status))
        status, since = change.new, at
    if now > since:
        periods.append((since, now, status))
    return periods


def compute_clocks(
    policy: SlaPolicy,
    priority: int,
    created_at: datetime,
    changes: Sequence[StatusChange],
    first_public_reply_at: datetime | None,
    now: datetime,
) -> TicketClocks:
    """Both clocks of a ticket from its history, as of `now`.

    First response: from creation until the first public reply (or the resolution, if
    it came first). Resolution: from creation until resolved, with business time in
    the policy's pausing statuses added back; a reopened ticket resumes; closing stops
    it for good.
    """
    calendar = policy.calendar
    target = policy.target(priority)
    current = sorted(changes, key=lambda c: c.at)
    final_status = current[-1].new if current else "new"

    # -- first response --
    responded = first_public_reply_at
    first_resolution = next((c.at for c in current if c.new == "resolved"), None)
    if first_resolution is not None and (responded is None or first_resolution < responded):
        responded = first_resolution
    if responded is not None and responded > now:
        responded = None
    fr_due = calendar.add(created_at, target.first_response)
    fr_warn = calendar.add(created_at, target.first_response * policy.warn_share)
    first_response = _clock(
        FIRST_RESPONSE, calendar, target.first_response, fr_due, fr_warn, responded, now
    )

    # -- resolution --
    stopped = None
    if final_status in ("resolved", "closed"):
        stopped = next((c.at for c in reversed(current) if c.new == "resolved"), None)
    horizon = min(stopped, now) if stopped is not None else now
    paused = consumed = timedelta(0)
    for start, end, status in _status_periods(created_at, current, horizon):
        spent = calendar.between(start, end)
        if status in policy.pausing or status == "closed":
            paused += spent
        else:
            consumed += spent
    if stopped is None and final_status in policy.pausing:
        left = target.resolution - consumed
        resolution = ClockState(
            RESOLUTION,
            BREACHED if left <= timedelta(0) else PAUSED,
            target.resolution,
            None,
            None,
            left,
            breached=left <= timedelta(0),
        )
    else:
        due = calendar.add(created_at, target.resolution + paused)
        warn = calendar.add(created_at, target.resolution * policy.warn_share + paused)
        resolution = _clock(RESOLUTION, calendar, target.resolution, due, warn, stopped, now)
    return TicketClocks(first_response, resolution)


def _clock(
    kind: str,
    calendar: BusinessCalendar,
    target: timedelta,
    due: datetime,
    warn: datetime,
    stopped: datetime | None,
    now: datetime,
) -> ClockState:
    if stopped is not None:
        late = stopped > due
        left = -calendar.between(due, stopped) if late else calendar.between(stopped, due)
        return ClockState(
            kind, BREACHED if late else MET, target, due, warn, left, stopped, breached=late
        )
    return running_state(kind, calendar, target, due, warn, now)


def running_state(
    kind: str,
    calendar: BusinessCalendar,
    target: timedelta,
    due: datetime,
    warn: datetime | None,
    now: datetime,
) -> ClockState:
    """A running clock's state at `now`, from its stored due time: no history needed."""
    if now >= due:
        return ClockState(
            kind, BREACHED, target, due, warn, -calendar.between(due, now), breached=True
        )
    state = AT_RISK if warn is not None and now >= warn else RUNNING
    return ClockState(kind, state, target, due, warn, calendar.between(now, due))


def clock_label(kind: str) -> str:
    """How a clock reads on screen: `first response`, not `first_response`."""
    return CLOCK_LABELS.get(kind, kind.replace("_", " "))


def format_remaining(value: timedelta) -> str:
    """`47m`, `3h 05m`, `2d 4h`; negative (overdue) values get a leading minus.

    Days are 24 hours: for wall-clock time (how long until a due moment). Business time
    goes through `format_business`, which knows what a day of its calendar is.
    """
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes = seconds // 60
    if days:
        return f"{sign}{days}d {hours}h"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    return f"{sign}{minutes}m"


def open_around_the_clock(calendar: BusinessCalendar) -> bool:
    """Whether every day of `calendar`'s week is open 00:00–24:00 (24×7)."""
    return all(day == ((0, 24 * 60),) for day in calendar.week)


def format_business(value: timedelta, calendar: BusinessCalendar | None = None) -> str:
    """Business time: `47m`, `3h 05m`, `36h`; `2d 4h` only on a calendar open around
    the clock, where a business day is 24 hours. On any other calendar (or none given)
    days would read as calendar days, so 36 business hours on 12×5 are `36h`, not `1d 12h`.
    """
    if calendar is not None and open_around_the_clock(calendar):
        return format_remaining(value)
    seconds = int(value.total_seconds())
    if abs(seconds) < 24 * 3600:
        return format_remaining(value)
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes = rest // 60
    return f"{sign}{hours}h {minutes:02d}m" if minutes else f"{sign}{hours}h"


__all__ = [
    "clock_label",
    "format_business",
    "open_around_the_clock",
    "AT_RISK",
    "BREACHED",
    "BusinessCalendar",
    "ClockState",
    "MET",
    "PAUSED",
    "RUNNING",
    "SlaPolicy",
    "StatusChange",
    "Target",
    "TicketClocks",
    "compute_clocks",
    "format_remaining",
    "running_state",
]
