"""Escalation L1 → L2 → L3 → L4 vendor: rules, hand-offs, de-escalation, review, report."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.conftest import FIXED_NOW, Clock
from tests.test_cli import tuidesk
from tuidesk.errors import PermissionDeniedError, ValidationError
from tuidesk.services.desk import Desk
from tuidesk.storage.engine import Database

pytestmark = pytest.mark.backends

HANDOFF = {
    "tried": "Reinstalled the VPN client; same error 809",
    "theory": "The office firewall blocks IPsec",
    "needs": "Work from home tomorrow",
}


@pytest.fixture
def team(db: Database, desk: Desk, clock: Clock) -> dict[str, Desk]:
    """The admin (desk) plus agents at each tier and a lead at L1."""
    people = {"admin": desk}
    for login, tier, role in (
        ("lina", 1, "agent"), ("lead1", 1, "lead"), ("bob", 2, "agent"), ("bea", 2, "agent"),
        ("cleo", 3, "agent"),
    ):  # fmt: skip
        people[login] = Desk(db, desk.add_agent(login, name=login, tier=tier, role=role), clock)
    return people


@pytest.fixture
def ticket_id(desk: Desk, customer_id: int) -> int:
    ticket = desk.create_ticket(
        subject="VPN fails with error 809", requester_id=customer_id, goal="Work from home"
    )
    return ticket.id  # type: ignore[return-value]


def test_one_tier_up_lands_unassigned_with_the_hand_off(
    team: dict[str, Desk], ticket_id: int
) -> None:
    lina = team["lina"]
    lina.take(ticket_id)
    lina.log_work(ticket_id, 25, "checked the client")
    ticket = lina.escalate(ticket_id, tier=2, **HANDOFF)
    assert (ticket.tier, ticket.assignee_id) == (2, None)
    assert ticket.theory == HANDOFF["theory"]
    event = [e.event for e in lina.history(ticket_id) if e.event.kind == "escalation"][-1]
    assert (event.kind, event.old_value, event.new_value, event.minutes) == (
        "escalation", "1", "2", 25,
    )  # fmt: skip
    for part in ("Tried: Reinstalled", "Theory: The office firewall", "Customer needs: Work",
                 "Time spent at L1: 25 min"):  # fmt: skip
        assert part in event.body


def test_escalating_to_a_named_agent_of_that_tier(team: dict[str, Desk], ticket_id: int) -> None:
    with pytest.raises(ValidationError, match="cleo is not an active L2 agent"):
        team["lina"].escalate(ticket_id, tier=2, agent="cleo", **HANDOFF)
    ticket = team["lina"].escalate(ticket_id, tier=2, agent="bob", **HANDOFF)
    assert ticket.assignee_id == team["bob"].actor.id


@pytest.mark.parametrize("missing", ["tried", "theory", "needs"])
def test_every_part_of_the_hand_off_is_required(
    team: dict[str, Desk], ticket_id: int, missing: str
) -> None:
    handoff = {**HANDOFF, missing: "  "}
    with pytest.raises(ValidationError) as error:
        team["lina"].escalate(ticket_id, tier=2, **handoff)
    assert error.value.field == missing
    assert "the hand-off needs" in str(error.value)
    assert [e.event.kind for e in team["lina"].history(ticket_id)] == ["created"]


def test_skipping_a_tier_needs_a_reason_and_a_lead(team: dict[str, Desk], ticket_id: int) -> None:
    with pytest.raises(ValidationError, match="skips L2: give the reason"):
        team["lina"].escalate(ticket_id, tier=3, **HANDOFF)
    with pytest.raises(PermissionDeniedError, match="only leads and admins may skip a tier"):
        team["lina"].escalate(ticket_id, tier=3, skip_reason="L2 is on a course", **HANDOFF)
    with pytest.raises(ValidationError, match="skips L2"):
        team["lead1"].escalate(ticket_id, tier=3, **HANDOFF)
    ticket = team["lead1"].escalate(ticket_id, tier=3, skip_reason="known L3 bug", **HANDOFF)
    assert ticket.tier == 3
    history = team["lead1"].history(ticket_id)
    [handoff] = [e.event for e in history if e.event.kind == "escalation"]
    assert "Skipped L2: known L3 bug" in handoff.body


def test_escalating_down_or_sideways_is_refused(team: dict[str, Desk], ticket_id: int) -> None:
    with pytest.raises(ValidationError, match="at L1 already"):
        team["lina"].escalate(ticket_id, tier=1, **HANDOFF)
    team["lina"].escalate(ticket_id, tier=2, **HANDOFF)
    with pytest.raises(ValidationError, match="send the ticket back with de-escalate"):
        team["bob"].escalate(ticket_id, tier=1, **HANDOFF)


def test_l4_vendor_clock_status_and_updates(
    team: dict[str, Desk], ticket_id: int, clock: Clock
) -> None:
    team["lina"].escalate(ticket_id, tier=2, **HANDOFF)
    team["bob"].escalate(ticket_id, tier=3, **HANDOFF)
    with pytest.raises(ValidationError, match="the vendor's name is required"):
        team["cleo"].escalate(ticket_id, tier=4, **HANDOFF)
    with pytest.raises(ValidationError, match="reference number"):
        team["cleo"].escalate(ticket_id, tier=4, vendor="ACME", **HANDOFF)
    ticket = team["cleo"].escalate(
        ticket_id, tier=4, vendor="ACME Networks", vendor_ref="4711", vendor_hours=4, **HANDOFF
    )
    assert (ticket.tier, ticket.status, ticket.vendor_ref) == (4, "pending_vendor", "4711")
    assert ticket.vendor_due_at == FIXED_NOW + timedelta(hours=4)
    assert [v.name for v in team["cleo"].list_vendors()] == ["ACME Networks"]
    kinds = [e.event.kind for e in team["cleo"].history(ticket_id)]
    assert kinds[-2:] == ["escalation", "status"]
    clock.now = FIXED_NOW + timedelta(hours=1)
    updated = team["cleo"].vendor_update(ticket_id, "ACME: firmware bug, patch Friday")
    assert updated.vendor_responded_at == FIXED_NOW + timedelta(hours=1)
    assert team["cleo"].history(ticket_id)[-1].event.kind == "vendor_update"


def test_de_escalation_sends_it_back_with_a_note(team: dict[str, Desk], ticket_id: int) -> None:
    team["lina"].escalate(ticket_id, tier=2, agent="bob", **HANDOFF)
    with pytest.raises(ValidationError, match="a note"):
        team["bob"].deescalate(ticket_id, " ")
    ticket = team["bob"].deescalate(ticket_id, "Fixed on the server, please confirm")
    assert (ticket.tier, ticket.assignee_id) == (1, None)
    event = team["bob"].history(ticket_id)[-1].event
    assert (event.kind, event.old_value, event.new_value) == ("deescalation", "2", "1")
    with pytest.raises(ValidationError, match="no tier below"):
        team["lina"].deescalate(ticket_id, "again")


def test_back_from_the_vendor_reopens_the_wait(team: dict[str, Desk], ticket_id: int) -> None:
    team["lina"].escalate(ticket_id, tier=2, **HANDOFF)
    team["bob"].escalate(ticket_id, tier=3, **HANDOFF)
    team["cleo"].escalate(ticket_id, tier=4, vendor="ACME", vendor_ref="1", **HANDOFF)
    ticket = team["cleo"].deescalate(ticket_id, "Patched by ACME; verify")
    assert (ticket.tier, ticket.status) == (3, "open")


def test_back_from_the_vendor_goes_to_the_tier_it_came_from(
    team: dict[str, Desk], ticket_id: int
) -> None:
    team["lina"].escalate(ticket_id, tier=2, **HANDOFF)
    team["admin"].escalate(ticket_id, tier=4, skip_reason="Known fault", vendor="ACME",
                           vendor_ref="9", **HANDOFF)  # fmt: skip
    ticket = team["admin"].deescalate(ticket_id, "Patched by ACME; verify")
    assert (ticket.tier, ticket.status) == (2, "open")  # where it was, not L3
    assert ticket.vendor_ref == "9" and ticket.vendor_id is not None  # the vendor stays on it
    event = team["admin"].history(ticket_id)[-2].event
    assert (event.kind, event.old_value, event.new_value) == ("deescalation", "4", "2")
    assert team["bob"].deescalate(ticket_id, "Back to you").tier == 1
    # a skip is undone the same way: L1 → L3 comes back to L1, and a tier named still wins
    team["admin"].escalate(ticket_id, tier=3, skip_reason="Server side", **HANDOFF)
    assert team["cleo"].deescalate(ticket_id, "Not ours").tier == 1
    team["admin"].escalate(ticket_id, tier=3, skip_reason="Server side", **HANDOFF)
    assert team["cleo"].deescalate(ticket_id, "For L2", tier=2).tier == 2


def test_the_hand_off_review_is_shown_once_per_agent(team: dict[str, Desk], ticket_id: int) -> None:
    assert team["bob"].unseen_handoff(ticket_id) is None  # still at L1
    team["lina"].escalate(ticket_id, tier=2, **HANDOFF)
    assert team["lina"].unseen_handoff(ticket_id) is None  # not her tier
    first = team["bob"].unseen_handoff(ticket_id)
    assert first is not None and "Tried: Reinstalled" in first.body
    team["bob"].mark_handoff_seen(first.id)  # type: ignore[arg-type]
    team["bob"].mark_handoff_seen(first.id)  # type: ignore[arg-type]  # twice is fine
    assert team["bob"].unseen_handoff(ticket_id) is None
    assert team["bea"].unseen_handoff(ticket_id) is not None  # her own first time


def test_the_escalation_report_on_a_known_fixture(team: dict[str, Desk], customer_id: int) -> None:
    lina = team["lina"]
    ids = [lina.create_ticket(subject=f"t{n}", requester_id=customer_id).id for n in range(10)]
    for ticket_id in ids[:7]:  # seven resolved at L1
        lina.resolve(ticket_id, "done")
    for ticket_id in ids[7:]:  # three go to L2
        lina.escalate(ticket_id, tier=2, **HANDOFF)
    team["bob"].resolve(ids[7], "fixed at L2")
    team["bob"].escalate(ids[8], tier=3, **HANDOFF)
    team["cleo"].resolve(ids[8], "fixed at L3")
    stats = lina.escalation_stats()
    assert stats["resolved_at_tier"] == {"L1": 7, "L2": 1, "L3": 1, "L4": 0}
    assert stats["reached"] == {"L1": 10, "L2": 3, "L3": 1, "L4": 0}
    assert stats["escalated_from"] == {"L1": 3, "L2": 1, "L3": 0, "L4": 0}
    assert stats["escalation_rate"] == {"L1": 0.3, "L2": 0.3333, "L3": 0.0, "L4": None}
    assert stats["l1_resolution_rate"] == round(7 / 9, 4)
    assert stats["l1_verdict"] == "within the 70%–80% benchmark"


def test_cli_escalate_deescalate_and_stats(db_target, desk: Desk, ticket_id: int) -> None:  # type: ignore[no-untyped-def]
    desk.add_agent("bob", name="Bob", tier=2)
    db = db_target
    refused = tuidesk("--db", db, "ticket", "escalate", str(ticket_id), "--tier", "2",
                      "--tried", "x", "--theory", "")  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.startswith("tuidesk: error: the hand-off needs the theory")
    done = tuidesk("--db", db, "ticket", "escalate", str(ticket_id), "--tier", "2",
                   "--tried", "restarted", "--theory", "firewall", "--agent", "bob")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"#{ticket_id} escalated to L2 (bob)"
    skip = tuidesk("--db", db, "ticket", "escalate", str(ticket_id), "--tier", "4",
                   "--tried", "a", "--theory", "b")  # fmt: skip
    assert "skips L3: give the reason" in skip.stderr
    back = tuidesk("--db", db, "ticket", "deescalate", str(ticket_id), "--note", "confirm it")
    assert back.stdout.strip() == f"#{ticket_id} sent back to L1"
    stats = tuidesk("--db", db, "stats", "--json")
    data = json.loads(stats.stdout)
    assert data["escalated_from"]["L1"] == 1 and data["reached"]["L2"] == 1
    text = tuidesk("--db", db, "stats")
    assert "L1 resolution rate — of 0 resolved: no resolved tickets yet" in text.stdout
