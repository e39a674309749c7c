"""The demo is a believable desk (issue #17, item 14): its history is what would have
happened, at its own times and by the agents who did it, in a healthy desk's shape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from tests.conftest import FIXED_NOW
from tuidesk.demo.build import ensure_demo
from tuidesk.domain import sla, workflow
from tuidesk.domain.sla_policies import default_rules
from tuidesk.services.maintenance import doctor
from tuidesk.services.sla_clocks import compute_ticket_clocks, sweep
from tuidesk.services.stats import escalation_stats
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent, Article, Ticket, TicketEvent

OWNER = ("alex", "Alex Demo")
ACTIVE = workflow.ACTIVE_STATUSES
# "… was missed at 2026-11-12 14:05 UTC", "… of its target at 2026-11-12 13:05 UTC"
MOMENT = re.compile(r"at (\d{4}-\d\d-\d\d \d\d:\d\d) UTC")

pytestmark = pytest.mark.backends


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once at FIXED_NOW for this module's read-only checks."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    assert ensure_demo(database, now=FIXED_NOW, owner=OWNER)
    database.dispose()
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Session]:
    database = open_database(demo_path)
    with database.read() as session:
        yield session
    database.dispose()


def events(session: Session, *kinds: str) -> list[TicketEvent]:
    query = select(TicketEvent).order_by(col(TicketEvent.id))
    return list(session.exec(query.where(col(TicketEvent.kind).in_(kinds))))


def test_the_first_sweep_after_the_demo_is_built_finds_nothing_to_do(
    backend: str, db: Database
) -> None:
    """The sweep at the moment the demo was built for writes nothing, on either backend:
    every warning and breach is in the history already."""
    assert ensure_demo(db, now=FIXED_NOW, owner=OWNER)
    result = sweep(db, default_rules(), FIXED_NOW)
    assert (result.warnings, result.breaches, result.actions, result.tickets) == (0, 0, 0, 0)
    with db.read() as session:
        assert (
            session.exec(select(Ticket).where(col(Ticket.sla_next_check_at) <= FIXED_NOW)).all()
            == []
        )


def test_sla_warnings_and_breaches_are_dated_when_they_happened(demo: Session) -> None:
    """Each SLA event is written when its clock reached the moment it names, not when
    the demo was built (days later, by `system`, all at once)."""
    found = events(demo, workflow.EVENT_SLA_WARNING, workflow.EVENT_SLA_BREACH)
    assert found
    for event in found:
        named = MOMENT.search(event.body)
        assert named, event.body
        assert f"{event.created_at:%Y-%m-%d %H:%M}" == named.group(1), event.body
        assert event.created_at < FIXED_NOW
    assert not [e for e in events(demo, *workflow.EVENT_KINDS) if e.created_at == FIXED_NOW]


def test_a_healthy_desk_most_clocks_on_time_a_handful_at_risk_a_few_breached(
    demo: Session,
) -> None:
    rules = default_rules()
    active = list(demo.exec(select(Ticket).where(col(Ticket.status).in_(ACTIVE))))
    breached = at_risk = 0
    for ticket in active:
        clocks, _ = compute_ticket_clocks(demo, rules, ticket, FIXED_NOW)
        now_states = {c.state for c in (clocks.first_response, clocks.resolution)
                      if c.stopped_at is None}  # fmt: skip
        if sla.BREACHED in now_states:
            breached += 1
        elif sla.AT_RISK in now_states:
            at_risk += 1
        if sla.BREACHED in now_states:  # late by hours, not by days
            late = max(-c.remaining for c in (clocks.first_response, clocks.resolution)
                       if c.state == sla.BREACHED)  # fmt: skip
            assert late < timedelta(hours=12), (ticket.id, late)
    assert len(active) == 140
    assert 1 <= breached <= 0.1 * len(active)
    assert 1 <= at_risk <= 12


def test_every_late_clock_has_its_breach_event(demo: Session) -> None:
    rules = default_rules()
    recorded = {(e.ticket_id, e.new_value) for e in events(demo, workflow.EVENT_SLA_BREACH)}
    late = []
    for ticket in demo.exec(select(Ticket)):
        clocks, _ = compute_ticket_clocks(demo, rules, ticket, FIXED_NOW)
        late += [(ticket.id, c.kind) for c in (clocks.first_response, clocks.resolution)
                 if c.breached]  # fmt: skip
    assert late  # a few, historical ones included
    assert [clock for clock in late if clock not in recorded] == []


def test_every_ticket_with_a_vendor_has_its_vendor_clock(demo: Session) -> None:
    waiting = list(demo.exec(select(Ticket).where(Ticket.status == workflow.PENDING_VENDOR)))
    assert len(waiting) == 20
    at_vendor = list(demo.exec(select(Ticket).where(col(Ticket.vendor_id).is_not(None))))
    for ticket in {t.id: t for t in [*waiting, *at_vendor]}.values():
        assert ticket.vendor_id is not None and ticket.vendor_ref, ticket.id
        assert ticket.vendor_due_at is not None, ticket.id
    assert all(t.tier == workflow.VENDOR_TIER for t in waiting)


def test_no_two_tickets_read_the_same(demo: Session) -> None:
    tickets = list(demo.exec(select(Ticket)))
    assert len(tickets) == 240
    assert len({t.subject for t in tickets}) == 240
    assert len({t.description for t in tickets}) == 240


def test_escalations_are_hand_offs_by_agents_with_what_was_tried(demo: Session) -> None:
    agents = {a.id: a for a in demo.exec(select(Agent))}
    found = events(demo, workflow.EVENT_ESCALATION)
    assert len(found) > 40
    for event in found:
        assert event.author_id in agents, event.body
        tried = event.body.splitlines()[0]
        assert tried.startswith("Tried: ") and len(tried) > 40, event.body
        assert "see the history" not in event.body
        # the path a later tier reads: who escalated and how long they had worked
        assert agents[event.author_id].tier == int(event.old_value), event.body


def test_stats_find_the_first_line_within_the_benchmark(demo: Session) -> None:
    stats = escalation_stats(demo)
    assert stats["l1_verdict"].startswith("within"), stats
    assert 0.7 <= stats["l1_resolution_rate"] <= 0.8


def test_doctor_replays_the_demo_as_its_history_says(demo_path: Path) -> None:
    checks = {check.name: check for check in doctor(demo_path, now=FIXED_NOW)}
    assert [c.line() for c in checks.values() if not c.ok and not c.warning] == []
    assert checks["ticket rows"].ok and "each as it says" in checks["ticket rows"].detail
    assert checks["sla sweep"].detail == "keeping up"


def test_the_histories_run_forward_in_time(demo: Session) -> None:
    """Each ticket's events are in the order they happened, none after "now", and an
    article is linked only once it was written."""
    last: dict[int, datetime] = {}
    for event in events(demo, *workflow.EVENT_KINDS):
        assert event.created_at <= FIXED_NOW
        assert event.created_at >= last.get(event.ticket_id, event.created_at), event.id
        last[event.ticket_id] = event.created_at
    written = {a.id: a.created_at for a in demo.exec(select(Article))}
    linked = events(demo, workflow.EVENT_ARTICLE_LINKED)
    assert linked
    assert [e.id for e in linked if written[int(e.new_value)] > e.created_at] == []
