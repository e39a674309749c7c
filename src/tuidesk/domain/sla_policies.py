"""SLA policies and calendars: the built-in defaults and the `[sla.*]` / `[calendars.*]`
sections of the config file. Pure rules: the file is read by config.py.

A policy is named after a support plan by default (warranty, post_warranty, premium,
self_service); an organization may name another. Calendars without a time zone of their
own (the presets among them) follow the organization's time zone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tuidesk.domain import sla
from tuidesk.domain.sla import BREACH_ACTIONS, DEFAULT_PAUSING, BusinessCalendar, SlaPolicy, Target
from tuidesk.domain.workflow import ACTIVE_STATUSES, PLANS, RESOLVED
from tuidesk.errors import ConfigError

H = 60  # minutes in an hour
# (first response, resolution) in business minutes per priority, per support plan.
DEFAULT_TARGETS: dict[str, dict[int, tuple[int, int]]] = {
    "premium": {1: (15, 4 * H), 2: (30, 8 * H), 3: (1 * H, 24 * H), 4: (4 * H, 72 * H),
                5: (8 * H, 240 * H)},
    "post_warranty": {1: (30, 8 * H), 2: (1 * H, 16 * H), 3: (4 * H, 36 * H),
                      4: (8 * H, 60 * H), 5: (24 * H, 120 * H)},
    "warranty": {1: (1 * H, 12 * H), 2: (2 * H, 24 * H), 3: (4 * H, 48 * H),
                 4: (12 * H, 60 * H), 5: (24 * H, 120 * H)},
    "self_service": {1: (4 * H, 36 * H), 2: (8 * H, 60 * H), 3: (24 * H, 120 * H),
                     4: (36 * H, 180 * H), 5: (60 * H, 240 * H)},
}  # fmt: skip
DEFAULT_BREACH_ACTIONS = {
    "premium": "escalate",
    "post_warranty": "raise_priority",
    "warranty": "none",
    "self_service": "none",
}
FALLBACK_POLICY = "post_warranty"
# a year of minutes: longer targets are mistakes, and far longer ones overflow the dates
MAX_TARGET_MINUTES = 365 * 24 * H
_DURATION = re.compile(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*\Z")
_PAUSABLE = {*ACTIVE_STATUSES, RESOLVED} - {"new", "open"}


@dataclass(frozen=True)
class CalendarSpec:
    """A calendar as configured; built per time zone when it has none of its own."""

    name: str
    hours: Mapping[str, Any] | None = None
    preset: str | None = None
    timezone: str | None = None
    holidays: tuple[date, ...] = ()
    country: str | None = None

    def build(self, timezone: str) -> BusinessCalendar:
        tz = self.timezone or timezone
        if self.preset:
            return BusinessCalendar.preset(
                self.preset, tz=tz, holidays=self.holidays, country=self.country
            )
        return BusinessCalendar(
            tz=tz, hours=self.hours, holidays=self.holidays, country=self.country, name=self.name
        )


@dataclass(frozen=True)
class PolicySpec:
    name: str
    calendar: str
    targets: Mapping[int, Target]
    warn_share: float = 0.75
    pausing: frozenset[str] = DEFAULT_PAUSING
    breach_action: str = "none"


@dataclass
class SlaRules:
    """Every policy and calendar the desk knows, with built calendars cached per zone."""

    policies: dict[str, PolicySpec]
    calendars: dict[str, CalendarSpec]
    _built: dict[tuple[str, str], SlaPolicy] = field(default_factory=dict, repr=False)

    def policy_name(self, requested: str | None, plan: str | None = None) -> str:
        """The policy a ticket follows: its own, else its organization's plan's."""
        for name in (requested, plan):
            if name and name in self.policies:
                return name
        return FALLBACK_POLICY

    def policy(self, name: str | None, timezone: str = "UTC") -> SlaPolicy:
        """The policy `name` with its calendar in `timezone` (for zone-less calendars)."""
        key = (self.policy_name(name), timezone or "UTC")
        built = self._built.get(key)
        if built is None:
            spec = self.policies[key[0]]
            calendar = self.calendars[spec.calendar].build(key[1])
            built = SlaPolicy(
                name=spec.name,
                calendar=calendar,
                targets=spec.targets,
                warn_share=spec.warn_share,
                pausing=spec.pausing,
                breach_action=spec.breach_action,
            )
            self._built[key] = built
        return built


def default_rules() -> SlaRules:
    return load_rules({}, "built-in defaults")


def _duration(value: object, where: str, source: str) -> timedelta:
    if isinstance(value, bool):
        raise ConfigError(f"config file {source}: {where}: {value!r} is not a duration")
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, str) and (match := _DURATION.match(value)) and value.strip():
        minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    else:
        raise ConfigError(
            f"config file {source}: {where}: {value!r} is not a duration; write minutes "
            "(90) or hours and minutes ('1h 30m')"
        )
    if not 0 < minutes <= MAX_TARGET_MINUTES:
        raise ConfigError(
            f"config file {source}: {where}: {value!r} is out of range; a target is from "
            f"1 minute to {MAX_TARGET_MINUTES} minutes (365 days)"
        )
    return timedelta(minutes=minutes)


def _calendar(name: str, raw: object, source: str) -> CalendarSpec:
    where = f"calendars.{name}"
    if not isinstance(raw, Mapping):
        raise ConfigError(f"config file {source}: {where} must be a table")
    known = {"timezone", "hours", "preset", "holidays", "country"}
    for key in raw:
        if key not in known:
            raise ConfigError(
                f"config file {source}: unknown key {where}.{key}; known: "
                + ", ".join(sorted(known))
            )
    holidays = []
    for item in raw.get("holidays", []):
        try:
            holidays.append(item if isinstance(item, date) else date.fromisoformat(str(item)))
        except ValueError:
            raise ConfigError(
                f"config file {source}: {where}.holidays: {item!r} is not a date (YYYY-MM-DD)"
            ) from None
    spec = CalendarSpec(
        name=name,
        hours=raw.get("hours"),
        preset=raw.get("preset"),
        timezone=raw.get("timezone"),
        holidays=tuple(holidays),
        country=raw.get("country") or None,
    )
    if (spec.hours is None) == (spec.preset is None):
        raise ConfigError(f"config file {source}: {where}: give either hours or preset")
    try:
        spec.build("UTC")  # validates hours, zone, country
    except ValueError as error:
        raise ConfigError(f"config file {source}: {where}.{error}") from None
    return spec


def _policy(
    name: str, raw: object, calendars: Mapping[str, CalendarSpec], source: str
) -> PolicySpec:
    where = f"sla.{name}"
    if not isinstance(raw, Mapping):
        raise ConfigError(f"config file {source}: {where} must be a table")
    base = DEFAULT_TARGETS.get(name, DEFAULT_TARGETS[FALLBACK_POLICY])
    targets: dict[int, Target] = {
        p: Target(timedelta(minutes=fr), timedelta(minutes=res)) for p, (fr, res) in base.items()
    }
    known = {"calendar", "warn_share", "pausing", "breach_action", "P1", "P2", "P3", "P4", "P5"}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(
                f"config file {source}: unknown key {where}.{key}; known: "
                + ", ".join(sorted(known))
            )
        if key.startswith("P"):
            if not isinstance(value, Mapping) or set(value) - {"first_response", "resolution"}:
                raise ConfigError(
                    f"config file {source}: {where}.{key} must be a table with "
                    "first_response and resolution"
                )
            priority = int(key[1])
            old = targets[priority]
            targets[priority] = Target(
                _duration(value["first_response"], f"{where}.{key}.first_response", source)
                if "first_response" in value
                else old.first_response,
                _duration(value["resolution"], f"{where}.{key}.resolution", source)
                if "resolution" in value
                else old.resolution,
            )
    calendar = raw.get("calendar", "24x7" if name == "premium" else "12x5")
    if calendar not in calendars:
        raise ConfigError(
            f"config file {source}: {where}.calendar: no calendar {calendar!r}; known: "
            + ", ".join(sorted(calendars))
        )
    share = raw.get("warn_share", 0.75)
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share < 1:
        raise ConfigError(
            f"config file {source}: {where}.warn_share must be a number between 0 and 1, "
            f"like 0.75, not {share!r}"
        )
    pausing = raw.get("pausing", sorted(DEFAULT_PAUSING))
    if not isinstance(pausing, list) or any(s not in _PAUSABLE for s in pausing):
        raise ConfigError(
            f"config file {source}: {where}.pausing must list statuses among: "
            + ", ".join(sorted(_PAUSABLE))
        )
    action = raw.get("breach_action", DEFAULT_BREACH_ACTIONS.get(name, "none"))
    if action not in BREACH_ACTIONS:
        raise ConfigError(
            f"config file {source}: {where}.breach_action must be one of: "
            + ", ".join(BREACH_ACTIONS)
        )
    return PolicySpec(name, calendar, targets, float(share), frozenset(pausing), action)


def load_rules(config: Mapping[str, Any], source: str) -> SlaRules:
    """Policies and calendars from a parsed config file over the built-in defaults.

    Raises ConfigError naming the file (`source`), the key and the problem.
    """
    calendars: dict[str, CalendarSpec] = {
        "24x7": CalendarSpec("24x7", preset="24x7"),
        "12x5": CalendarSpec("12x5", preset="12x5"),
    }
    raw_calendars = config.get("calendars", {})
    for name, raw in raw_calendars.items():
        calendars[name] = _calendar(name, raw, source)
    raw_policies = dict.fromkeys(PLANS, {}) | dict(config.get("sla", {}))
    policies = {name: _policy(name, raw, calendars, source) for name, raw in raw_policies.items()}
    return SlaRules(policies=policies, calendars=calendars)


def nearest_clock(
    rules: SlaRules,
    *,
    priority: int,
    sla_policy: str,
    plan: str,
    timezone: str,
    first_response_due_at: datetime | None,
    sla_due_at: datetime | None,
    resolution_paused_left: int | None,
    now: datetime,
) -> sla.ClockState | None:
    """The clock a queue row shows, from the ticket's stored fields alone (no query).

    The running clock due first; else a paused resolution clock with what it has left.
    """
    policy = rules.policy(rules.policy_name(sla_policy or None, plan), timezone)
    target = policy.target(priority)
    if sla_due_at is not None:
        if sla_due_at == first_response_due_at:
            kind, goal = sla.FIRST_RESPONSE, target.first_response
        else:
            kind, goal = sla.RESOLUTION, target.resolution
        state = sla.running_state(kind, policy.calendar, goal, sla_due_at, None, now)
        if state.state == sla.RUNNING and state.remaining <= goal * (1 - policy.warn_share):
            state = sla.ClockState(kind, sla.AT_RISK, goal, sla_due_at, None, state.remaining)
        return state
    if resolution_paused_left is not None:
        left = timedelta(seconds=resolution_paused_left)
        state_name = sla.PAUSED if left > timedelta(0) else sla.BREACHED
        return sla.ClockState(sla.RESOLUTION, state_name, target.resolution, None, None, left)
    return None
