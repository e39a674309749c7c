"""Role checks in the service layer: what only leads or admins may do is refused to an
agent with one line that says who may, and the refusal writes nothing.

These checks protect against mistakes (README, trust model); on SQLite anyone who can
write the file could bypass them, which the history's hash chain then shows.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text

from tests.conftest import Clock
from tuidesk.cli import main
from tuidesk.errors import PermissionDeniedError
from tuidesk.services.desk import Desk
from tuidesk.storage.engine import Database

pytestmark = pytest.mark.backends


def as_role(db: Database, admin: Desk, clock: Clock, login: str, role: str, tier: int) -> Desk:
    return Desk(db, admin.add_agent(login, name=login.title(), tier=tier, role=role), clock)


def history_size(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        events = conn.execute(text("SELECT count(*) FROM ticket_event")).scalar()
        versions = conn.execute(text("SELECT coalesce(sum(version), 0) FROM ticket")).scalar()
    return int(events or 0), int(versions or 0)


@pytest.fixture
def people(db: Database, desk: Desk, clock: Clock) -> dict[str, Desk]:
    return {
        "agent": as_role(db, desk, clock, "ann", "agent", 1),
        "senior": as_role(db, desk, clock, "sam", "agent", 3),  # a tier is not a role
        "lead": as_role(db, desk, clock, "lee", "lead", 1),
        "admin": desk,
    }


def test_only_leads_and_admins_merge_tickets(
    db: Database, desk: Desk, people: dict[str, Desk], customer_id: int
) -> None:
    keep = desk.create_ticket(subject="VPN down", requester_id=customer_id, tags="vpn")
    dup = desk.create_ticket(
        subject="VPN down again", requester_id=customer_id, description="since 9:00",
        tags="vpn remote",
    )  # fmt: skip
    assert keep.id is not None and dup.id is not None
    before = history_size(db)
    for who in ("agent", "senior"):
        with pytest.raises(PermissionDeniedError, match="only leads and admins may merge"):
            people[who].merge(dup.id, keep.id)
    assert history_size(db) == before  # the refusals wrote nothing

    merged = people["lead"].merge(dup.id, keep.id)
    assert merged.id == keep.id and merged.version == keep.version + 1
    closed = desk.get_ticket(dup.id)
    assert closed.status == "closed" and closed.closed_at is not None
    assert desk.ticket_tags(keep.id) == ["remote", "vpn"]
    kept = [(h.event.kind, h.event.body) for h in desk.history(keep.id)]
    assert ("merge", "merged from #2: VPN down again\n\nsince 9:00") in kept
    gone = [(h.event.kind, h.event.body) for h in desk.history(dup.id)]
    assert gone[-2:] == [("merge", "merged into #1"), ("status", "duplicate of #1")]
    with pytest.raises(Exception, match="closed; merge open tickets only"):
        desk.merge(dup.id, keep.id)


def test_agents_cannot_skip_a_tier_change_a_policy_or_administer(
    db: Database, desk: Desk, people: dict[str, Desk], customer_id: int
) -> None:
    ticket = desk.create_ticket(subject="Printer jam", requester_id=customer_id)
    article = desk.kb.create(title="Printer jam", symptoms="jams", resolution="open tray 2")
    assert ticket.id is not None and article.id is not None
    agent = people["agent"]
    before = history_size(db)
    refusals: list[tuple[Callable[[], object], str]] = [
        (lambda: agent.escalate(ticket.id, tier=3, tried="restart", theory="fuser",
                                needs="printing", skip_reason="urgent"),
         "only leads and admins may skip a tier"),
        (lambda: agent.set_policy(ticket.id, "premium"),
         "only leads and admins may change a ticket's SLA policy"),
        (lambda: agent.add_agent("eve", name="Eve", tier=3, role="admin"), "only admins may"),
        (lambda: agent.list_agents(), "only admins may list agents"),
        (lambda: agent.kb.delete(article.id), "only leads and admins may delete articles"),
        (lambda: agent.kb.reindex(), "only admins may rebuild the search index"),
        (lambda: people["lead"].add_agent("eve", name="Eve", tier=1), "only admins may add"),
    ]  # fmt: skip
    for action, message in refusals:
        with pytest.raises(PermissionDeniedError, match=message):
            action()
    assert history_size(db) == before
    # the same actions by those who may
    lead = people["lead"]
    done = lead.escalate(
        ticket.id, tier=3, tried="restart", theory="fuser", needs="printing", skip_reason="urgent"
    )
    assert done.tier == 3
    assert lead.set_policy(ticket.id, "premium").sla_policy == "premium"
    lead.kb.delete(article.id)
    assert desk.add_agent("eve", name="Eve", tier=1).login == "eve"


def test_the_cli_refuses_with_one_line(
    db_target: str, desk: Desk, people: dict[str, Desk], customer_id: int,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    keep = desk.create_ticket(subject="a", requester_id=customer_id)
    dup = desk.create_ticket(subject="b", requester_id=customer_id)
    # acting as another agent needs an admin: the OS user of the test is the desk's admin
    code = main(["--db", db_target, "--as", "ann", "ticket", "merge", str(dup.id),
                 "--into", str(keep.id)])  # fmt: skip
    err = capsys.readouterr().err
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "only leads and admins may merge tickets" in err and "Traceback" not in err
    code = main(["--db", db_target, "--as", "lee", "ticket", "merge", str(dup.id),
                 "--into", str(keep.id)])  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out.strip() == f"#{dup.id} merged into #{keep.id}"
