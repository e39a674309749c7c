"""Ticket SLA clocks: derived from history, stored for the queue, swept exactly once."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import exc, text

from tests.conftest import FIXED_NOW, Clock
from tuidesk.domain import sla
from tuidesk.domain.sla_policies import default_rules
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.services.sla_clocks import sweep
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database

pytestmark = pytest.mark.backends

T0 = FIXED_NOW  # premium runs 24x7, so business time is wall-clock time here
H = timedelta(hours=1)
M = timedelta(minutes=1)


def premium_customer(db: Database, plan: str = "premium") -> int:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organization (name, plan, calendar, timezone, sla_policy)"
                " VALUES (:name, :plan, '24x7', 'UTC', '')"
            ),
            {"name": f"Org {plan}", "plan": plan},
        )
        org = conn.execute(text("SELECT max(id) FROM organization")).scalar()
        conn.execute(
            text(
                "INSERT INTO customer (name, email, phone, organization_id, location, created_at)"
                " VALUES ('Ines', 'ines@org.example', '', :org, '', '2026-01-01 00:00:00')"
            ),
            {"org": org},
        )
        return conn.execute(text("SELECT max(id) FROM customer")).scalar()


@pytest.fixture
def ticket(desk: Desk, db: Database) -> int:
    # premium P3 (impact 2, urgency 2): first response 1h, resolution 24h, warning at 75 %
    created = desk.create_ticket(
        subject="VPN drops", requester_id=premium_customer(db), impact=2, urgency=2
    )
    return created.id  # type: ignore[return-value]


def at(clock: Clock, moment: datetime) -> None:
    clock.now = moment


def test_new_ticket_stores_its_due_times(desk: Desk, ticket: int) -> None:
    stored = desk.get_ticket(ticket)
    assert stored.first_response_due_at == T0 + H
    assert stored.resolution_due_at == T0 + 24 * H
    assert stored.sla_due_at == T0 + H  # the nearest running clock, for the queue's order
    assert stored.sla_next_check_at == T0 + 45 * M  # the first warning


def test_internal_note_does_not_meet_first_response_but_a_reply_does(
    desk: Desk, ticket: int, clock: Clock
) -> None:
    at(clock, T0 + 10 * M)
    desk.add_note(ticket, "checking the concentrator logs")
    clocks, _ = desk.clocks(ticket)
    assert clocks.first_response.state == sla.RUNNING
    assert clocks.first_response.remaining == 50 * M
    at(clock, T0 + 20 * M)
    desk.reply(ticket, "We are on it.")
    clocks, _ = desk.clocks(ticket)
    assert clocks.first_response.state == sla.MET
    assert clocks.first_response.stopped_at == T0 + 20 * M
    assert desk.get_ticket(ticket).sla_due_at == T0 + 24 * H


def test_waiting_on_the_customer_pauses_resolution_and_resumes(
    desk: Desk, ticket: int, clock: Clock
) -> None:
    at(clock, T0 + 2 * H)
    desk.change_status(ticket, "pending_customer")
    at(clock, T0 + 3 * H)
    clocks, _ = desk.clocks(ticket)
    assert clocks.resolution.state == sla.PAUSED
    assert clocks.resolution.remaining == 22 * H
    assert desk.get_ticket(ticket).resolution_due_at is None
    assert desk.get_ticket(ticket).resolution_paused_left == 22 * 3600
    at(clock, T0 + 5 * H)
    desk.change_status(ticket, "open")
    stored = desk.get_ticket(ticket)
    assert stored.resolution_due_at == T0 + 27 * H  # three paused hours added back
    clocks, _ = desk.clocks(ticket)
    assert clocks.resolution.state == sla.RUNNING and clocks.resolution.remaining == 22 * H


def test_vendor_wait_does_not_pause_by_default(desk: Desk, ticket: int, clock: Clock) -> None:
    at(clock, T0 + 2 * H)
    desk.change_status(ticket, "pending_vendor")
    at(clock, T0 + 4 * H)
    assert desk.clocks(ticket)[0].resolution.remaining == 20 * H


def test_resolving_stops_and_reopening_resumes(desk: Desk, ticket: int, clock: Clock) -> None:
    at(clock, T0 + 4 * H)
    desk.resolve(ticket, "Replaced the VPN profile")
    clocks, _ = desk.clocks(ticket)
    assert clocks.resolution.state == sla.MET
    # the resolution answered the customer, three hours after the first-response target
    assert clocks.first_response.stopped_at == T0 + 4 * H
    assert clocks.first_response.state == sla.BREACHED
    assert clocks.first_response.remaining == -3 * H
    assert desk.get_ticket(ticket).sla_due_at is None
    at(clock, T0 + 10 * H)
    desk.reopen(ticket, "drops again")
    stored = desk.get_ticket(ticket)
    assert stored.resolution_due_at == T0 + 30 * H  # 4h used, 6h resolved added back
    at(clock, T0 + 31 * H)
    clocks, _ = desk.clocks(ticket)
    assert clocks.resolution.state == sla.BREACHED and clocks.resolution.remaining == -H


def test_priority_change_mid_ticket_recomputes_from_history(
    desk: Desk, ticket: int, clock: Clock
) -> None:
    at(clock, T0 + 30 * M)
    desk.change_priority(ticket, impact=1, urgency=1)  # P1: response 15m, resolution 4h
    stored = desk.get_ticket(ticket)
    assert stored.first_response_due_at == T0 + 15 * M
    assert stored.resolution_due_at == T0 + 4 * H
    clocks, _ = desk.clocks(ticket)
    assert clocks.first_response.state == sla.BREACHED
    assert clocks.first_response.remaining == -15 * M


def test_policy_change_recomputes(desk: Desk, ticket: int) -> None:
    desk.set_policy(ticket, "self_service")  # 12x5, P3: response 24h of business time
    stored = desk.get_ticket(ticket)
    assert stored.first_response_due_at != T0 + H
    assert desk.clocks(ticket)[1].name == "self_service"


def test_a_policy_change_is_recorded_as_one(desk: Desk, ticket: int) -> None:
    """Not as a priority change: the history says which policy it left and took."""
    from tuidesk.screens.ticket_text import event_heading

    desk.set_policy(ticket, "self_service")
    desk.set_policy(ticket, None)
    *_, took, left = desk.history(ticket)
    assert (took.event.kind, took.event.old_value, took.event.new_value) == (
        "sla_policy", "the organization's", "self_service",
    )  # fmt: skip
    assert left.event.new_value == "the organization's"
    assert event_heading(took).startswith("SLA POLICY  ·  the organization's → self_service")


def test_warning_fires_then_breach_once_with_the_policy_action(
    db: Database, desk: Desk, ticket: int, clock: Clock
) -> None:
    at(clock, T0 + 50 * M)
    result = desk.sweep_sla()
    assert (result.warnings, result.breaches) == (1, 0)
    assert desk.clocks(ticket)[0].first_response.state == sla.AT_RISK
    assert desk.sweep_sla().warnings == 0  # once
    at(clock, T0 + 61 * M)
    result = desk.sweep_sla()
    assert (result.warnings, result.breaches, result.actions) == (0, 1, 1)
    history = desk.history(ticket)
    kinds = [e.event.kind for e in history]
    assert kinds.count("sla_warning") == 1 and kinds.count("sla_breach") == 1
    breach = next(e for e in history if e.event.kind == "sla_breach")
    assert breach.author == "system" and "first response" in breach.event.body
    # premium escalates one tier on a breach, with a system hand-off naming it
    escalation = history[-1].event
    assert escalation.kind == "escalation" and (escalation.old_value, escalation.new_value) == (
        "1",
        "2",
    )
    assert "first response clock" in escalation.body
    assert desk.get_ticket(ticket).tier == 2
    at(clock, T0 + 5 * H)
    assert desk.sweep_sla().breaches == 0


def test_the_database_refuses_a_second_breach_for_the_same_clock(
    db: Database, desk: Desk, ticket: int, clock: Clock
) -> None:
    at(clock, T0 + 2 * H)
    desk.sweep_sla()
    with pytest.raises(exc.IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO ticket_event (ticket_id, kind, created_at, body, old_value,"
                " new_value, minutes) VALUES (:t, 'sla_breach', '2026-11-18 12:00:00', '', '',"
                " 'first_response', 0)"
            ),
            {"t": ticket},
        )


def _sweep_in_process(path: str, now: datetime, barrier: object) -> None:
    db = open_database(path)
    barrier.wait()  # type: ignore[attr-defined]
    sweep(db, default_rules(), now)
    db.dispose()


def _blind_sweep_in_process(path: str, now: datetime, barrier: object) -> None:
    """A sweeper that never sees what is already recorded: only the database stops it."""
    from tuidesk.services import sla_clocks
    from tuidesk.services.sla_clocks import SweepResult, sweep_ticket
    from tuidesk.storage.models import Ticket

    sla_clocks._recorded = lambda session, ticket_id: set()  # type: ignore[assignment]
    db = open_database(path)
    barrier.wait()  # type: ignore[attr-defined]
    result = SweepResult()
    for ticket_id in range(1, 31):
        with db.write() as session:
            sweep_ticket(session, default_rules(), session.get(Ticket, ticket_id), now, result)
    db.dispose()


@pytest.mark.parametrize("sweeper", [_sweep_in_process, _blind_sweep_in_process])
def test_two_processes_sweeping_at_the_same_moment_write_each_breach_once(
    db_target: str, db: Database, clock: Clock, sweeper: object
) -> None:
    desk = Desk(db, resolve_actor(db), clock)
    customer = premium_customer(db)
    ids = [
        desk.create_ticket(subject=f"t{n}", requester_id=customer, impact=2, urgency=2).id
        for n in range(30)
    ]
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    late = T0 + 30 * H
    workers = [context.Process(target=sweeper, args=(db_target, late, barrier)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with db.engine.connect() as conn:
        counts = conn.execute(
            text("SELECT kind, count(*) FROM ticket_event WHERE kind LIKE 'sla_%' GROUP BY kind")
        ).all()
    # every ticket: a warning and a breach on each of its two clocks, once each
    assert dict(counts) == {"sla_warning": 2 * len(ids), "sla_breach": 2 * len(ids)}
    # premium escalates on each breach: L1 → L2 → L3, each hand-off written once
    with db.engine.connect() as conn:
        escalations = conn.execute(
            text("SELECT old_value, new_value, count(*) FROM ticket_event "
                 "WHERE kind = 'escalation' GROUP BY old_value, new_value")
        ).all()  # fmt: skip
        tiers = conn.execute(text("SELECT DISTINCT tier FROM ticket")).scalars().all()
    assert sorted(tuple(r) for r in escalations) == [("1", "2", len(ids)), ("2", "3", len(ids))]
    assert tiers == [3]


def test_config_overrides_targets_and_names_bad_keys(tmp_path: Path) -> None:
    from tuidesk.domain.sla_policies import load_rules
    from tuidesk.errors import ConfigError

    rules = load_rules(
        {
            "calendars": {
                "berlin": {"timezone": "Europe/Berlin", "preset": "12x5", "country": "DE"}
            },
            "sla": {"premium": {"calendar": "berlin", "P1": {"first_response": "10m"}}},
        },
        "desk.toml",
    )
    premium = rules.policy("premium", "UTC")
    assert premium.target(1).first_response == 10 * M
    assert premium.target(1).resolution == 4 * H  # default kept
    assert premium.calendar.tz == "Europe/Berlin"
    for config, message in [
        ({"sla": {"premium": {"P1": {"first_response": "soon"}}}}, "sla.premium.P1.first_response"),
        ({"sla": {"premium": {"calendar": "mars"}}}, "no calendar 'mars'"),
        ({"sla": {"premium": {"warn_share": 2}}}, "warn_share"),
        ({"sla": {"premium": {"breach_action": "panic"}}}, "breach_action"),
        ({"sla": {"premium": {"pausing": ["open"]}}}, "pausing"),
        ({"calendars": {"x": {"hours": {"mon": [["09:00", "25:00"]]}}}}, "calendars.x.hours.mon"),
        ({"sla": {"premium": {"P9": {}}}}, "unknown key sla.premium.P9"),
    ]:
        with pytest.raises(ConfigError, match="desk.toml") as caught:
            load_rules(config, "desk.toml")
        assert message in str(caught.value)


def test_the_readme_config_examples_load() -> None:
    import re
    import tomllib

    from tuidesk.config import KNOWN_SECTIONS
    from tuidesk.domain.sla_policies import load_rules

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        data = tomllib.loads(block)
        assert set(data) <= set(KNOWN_SECTIONS)
        rules = load_rules(data, "README.md")
    premium = rules.policy("premium", "UTC")
    assert premium.calendar.tz == "Europe/Berlin" and premium.warn_share == 0.8
