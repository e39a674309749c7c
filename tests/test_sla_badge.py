"""The SLA badge in each state: a symbol and the time left, counting down live."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical

from tests.conftest import FIXED_NOW, Clock
from tuidesk.domain import sla
from tuidesk.domain.sla import BusinessCalendar, ClockState, format_remaining
from tuidesk.widgets.sla_badge import LiveClock, SlaBadge, badge_text

H = timedelta(hours=1)
M = timedelta(minutes=1)
ALWAYS = BusinessCalendar.preset("24x7")
NOW = FIXED_NOW


def live(state: str) -> LiveClock:
    target = 4 * H
    if state == sla.RUNNING:
        clock = ClockState(sla.RESOLUTION, state, target, NOW + 3 * H + 5 * M, NOW + H, 0 * M)
    elif state == sla.AT_RISK:
        clock = ClockState(sla.RESOLUTION, state, target, NOW + 47 * M, NOW - 13 * M, 0 * M)
    elif state == sla.BREACHED:
        clock = ClockState(sla.FIRST_RESPONSE, state, target, NOW - 80 * M, NOW - 2 * H, 0 * M)
    elif state == sla.PAUSED:
        clock = ClockState(sla.RESOLUTION, state, target, None, None, 2 * 24 * H + 4 * H)
    else:
        clock = ClockState(sla.FIRST_RESPONSE, state, target, NOW, NOW - H, 5 * M, NOW - 5 * M)
    return LiveClock(clock, ALWAYS)


class BadgeApp(App[None]):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical():
            for state in sla.CLOCK_STATES:
                yield SlaBadge(live(state), self.clock, id=state)


def test_format_remaining() -> None:
    assert format_remaining(47 * M) == "47m"
    assert format_remaining(3 * H + 5 * M) == "3h 05m"
    assert format_remaining(2 * 24 * H + 4 * H + 30 * M) == "2d 4h"
    assert format_remaining(-(H + 20 * M)) == "-1h 20m"
    assert format_remaining(timedelta(seconds=59)) == "0m"


async def test_each_state_reads_without_colour_and_counts_down() -> None:
    clock = Clock(NOW)
    app = BadgeApp(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = {
            state: str(app.query_one(f"#{state}", SlaBadge).render()) for state in sla.CLOCK_STATES
        }
        assert shown == {
            "running": "Resolution ◷ 3h 05m, due Wed 13:35 UTC",
            "paused": "Resolution ‖ 2d 4h",
            "at_risk": "Resolution ⚠ 47m, due Wed 11:17 UTC",
            "breached": "Response ✖ -1h 20m, due 18 Nov 09:10 UTC",
            "met": "Response ✔ met",
        }
        assert app.query_one("#at_risk").has_class("-at_risk")
        clock.now = NOW + 50 * M  # the at-risk clock passes its due time
        await pilot.pause(1.3)
        badge = app.query_one("#at_risk", SlaBadge)
        assert str(badge.render()) == "Resolution ✖ -3m, due 18 Nov 11:17 UTC"
        assert badge.has_class("-breached")
        assert str(app.query_one("#running", SlaBadge).render()) == (
            "Resolution ◷ 2h 15m, due Wed 13:35 UTC"
        )
        assert str(app.query_one("#paused", SlaBadge).render()) == "Resolution ‖ 2d 4h"


def test_met_late_says_how_late() -> None:
    clock = ClockState(sla.FIRST_RESPONSE, sla.BREACHED, H, NOW, None, -13 * M, NOW + 13 * M, True)
    assert badge_text(clock) == "✖ -13m late"


def test_badges_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(BadgeApp(Clock(NOW)), terminal_size=(40, 8))


def _contrast(segment: object) -> float:
    """WCAG contrast of a drawn segment, after Textual's NO_COLOR filter (reverse applied)."""
    style = segment.style  # type: ignore[attr-defined]
    fg, bg = style.color.triplet, style.bgcolor.triplet

    def luminance(triplet: object) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = triplet  # type: ignore[misc]
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


async def test_breached_is_the_strongest_text_without_colour(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: a breach is bold and reversed at full contrast, in the queue and on
    the ticket, not red turned into a dim grey."""
    from textual.filter import Monochrome

    from tests.helpers import demo_app, settle
    from tuidesk.widgets.ticket_list import TicketList

    monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        assert ticket_list.rows[1].id != ticket_list.current.id  # line 2 is not the cursor's
        drawn = Monochrome().apply(list(ticket_list.render_line(2)), None)
        badge = next(s for s in drawn if "✖" in s.text)
        assert badge.style.bold and badge.style.reverse
        assert _contrast(badge) >= 7
        await pilot.press("enter")
        await settle(pilot)
        breached = [b for b in app.screen.query(SlaBadge) if b.has_class("-breached")]
        assert breached
        for widget in breached:
            (segment,) = Monochrome().apply(list(widget.render_line(0)), None)
            assert "✖" in segment.text
            assert segment.style.bold and segment.style.reverse
            assert _contrast(segment) >= 7
