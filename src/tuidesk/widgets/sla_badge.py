"""SLA countdown badges: one clock's state in a few characters, live every second.

Running clocks are re-rendered from their stored due time on a timer; the database is
never touched. Every state has a symbol as well as a colour, so it reads without colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from textual.widgets import Static

from tuidesk.domain import sla

SYMBOLS = {
    sla.RUNNING: "◷",
    sla.AT_RISK: "⚠",
    sla.BREACHED: "✖",
    sla.PAUSED: "‖",
    sla.MET: "✔",
}
CLOCK_SHORT = {sla.FIRST_RESPONSE: "Response", sla.RESOLUTION: "Resolution"}
STATE_STYLES = {  # for Rich Text cells; the widget uses CSS classes with theme variables
    sla.RUNNING: "",
    sla.AT_RISK: "bold yellow",
    sla.BREACHED: "bold red",
    sla.PAUSED: "dim",
    sla.MET: "green",
}
# Without colour (NO_COLOR) state is carried by symbol and weight: Textual turns every
# colour into a grey of its brightness, and red on a dark panel became the dimmest text.
NO_COLOR_STYLES = {
    sla.RUNNING: "",
    sla.AT_RISK: "bold",
    sla.BREACHED: "bold reverse",
    sla.PAUSED: "",
    sla.MET: "",
}


def state_style(state: str, no_color: bool) -> str:
    """The Rich style of a clock state's cell, with or without colour."""
    return (NO_COLOR_STYLES if no_color else STATE_STYLES)[state]


def badge_text(
    clock: sla.ClockState,
    now: datetime | None = None,
    calendar: sla.BusinessCalendar | None = None,
) -> str:
    """`⚠ 47m`, `✖ -1h 20m`, `‖ 3h 05m`, `✔ met`: the symbol and how long is left.

    Given `now`, a running clock shows the wall-clock time until its due moment, as the
    queue sorts by it (business time left would put `⚠ 56m` on 12×5, due tomorrow
    morning, below `◷ 6h 35m` on 24×7, due this afternoon). Otherwise, and for paused
    or stopped clocks, business time, counted in days only on a 24×7 `calendar`.
    """
    symbol = SYMBOLS[clock.state]
    if clock.state == sla.MET:
        return f"{symbol} met"
    if clock.stopped_at is not None:  # met late: how late
        return f"{symbol} {sla.format_business(clock.remaining, calendar)} late"
    if now is not None and clock.due_at is not None:
        left = clock.due_at - now
        if -timedelta(minutes=1) < left <= timedelta(0):
            return f"{symbol} due"
        return f"{symbol} {sla.format_remaining(left)}"
    if clock.state == sla.BREACHED and clock.remaining > -timedelta(minutes=1):
        return f"{symbol} due"  # overdue by less than a business minute
    return f"{symbol} {sla.format_business(clock.remaining, calendar)}"


def due_text(moment: datetime, now: datetime, zone: str) -> str:
    """A due moment on the agent's wall clock, labelled with the zone: `Thu 08:56 CET`,
    `22 Nov 12:54 CET` when it is not within the coming week."""
    local = moment.astimezone(agent_zone(zone))
    near = timedelta(0) <= moment - now < timedelta(days=6)
    return local.strftime("%a %H:%M %Z" if near else "%d %b %H:%M %Z")


def agent_zone(zone: str) -> ZoneInfo:
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@dataclass(frozen=True)
class LiveClock:
    """What a badge needs to count down on its own: the clock and its calendar."""

    clock: sla.ClockState
    calendar: sla.BusinessCalendar

    def at(self, now: datetime) -> sla.ClockState:
        """The clock's state at `now`; only running clocks change with time."""
        clock = self.clock
        if clock.due_at is None or clock.stopped_at is not None:
            return clock
        return sla.running_state(
            clock.kind, self.calendar, clock.target, clock.due_at, clock.warn_at, now
        )


class SlaBadge(Static):
    """One SLA clock, e.g. `Response ⚠ 47m, due Thu 08:56 CET`, counting down every
    second: business time left, and the due moment in the agent's zone `zone`."""

    DEFAULT_CSS = """
    SlaBadge { width: auto; padding: 0 1; }
    SlaBadge.-running { color: $text; }
    SlaBadge.-at_risk { color: $warning; text-style: bold; }
    SlaBadge.-breached { color: $error; text-style: bold; }
    SlaBadge.-paused { color: $text-muted; }
    SlaBadge.-met { color: $success; }
    SlaBadge:nocolor { color: $text; }
    SlaBadge:nocolor.-breached { text-style: bold reverse; }
    """

    def __init__(
        self,
        live: LiveClock,
        clock: Callable[[], datetime],
        *,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        zone: str = "UTC",
    ) -> None:
        super().__init__("", id=id, markup=False)
        self.live = live
        self.now = clock
        self.shown = ""  # the text on screen
        self.zone = zone

    def on_mount(self) -> None:
        self.tick()
        if self.live.clock.due_at is not None and self.live.clock.stopped_at is None:
            self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Show the clock now; unchanged text is not drawn again (every byte crosses
        the agent's SSH link, and an update lays the screen out anew)."""
        now = self.now()
        state = self.live.at(now)
        for name in sla.CLOCK_STATES:
            self.set_class(state.state == name, f"-{name}")
        text = f"{CLOCK_SHORT[state.kind]} {badge_text(state, calendar=self.live.calendar)}"
        if state.due_at is not None and state.stopped_at is None:
            text += f", due {due_text(state.due_at, now, self.zone)}"
        if text != self.shown:
            self.shown = text
            self.update(text)
