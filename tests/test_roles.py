"""Role checks in the service layer: what only leads or admins may do is refused to an
agent with one line that says who may, and the refusal writes nothing.

These checks protect against mistakes (README, trust model); on SQLite anyone who can
write the file could bypass them, which the history's hash chain then shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import Clock
from tuidesk.cli import main
from tuidesk.errors import PermissionDeniedError
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
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
        (lambda: agent.set_agent_active("lee", False), "only admins may deactivate agents"),
        (lambda: people["lead"].set_agent_active("ann", False), "only admins may deactivate"),
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


def agent_count(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM agent")).scalar() or 0)


def test_demo_does_not_let_an_agent_act_as_anyone_on_a_real_desk(
    db: Database, db_target: str, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--as` for everyone belongs to the demo tuidesk built, recorded in it: on any
    other desk --demo is refused and --as stays an admin's, whatever the flags."""
    with db.engine.begin() as conn:  # the desk's admin came first; the OS user is an agent
        conn.execute(
            text(
                "INSERT INTO agent (login, name, email, tier, role, timezone, active, created_at)"
                " VALUES ('alice', 'Alice', '', 3, 'admin', 'UTC', TRUE, '2026-01-01')"
            )
        )
    me = Desk(db, resolve_actor(db), clock)
    ticket = me.create_ticket(
        subject="VPN down", requester_id=me.find_or_create_customer("c@example.com").id
    )
    before_agents, before_history = agent_count(db), history_size(db)
    for argv in (
        ["--demo", "--db", db_target, "--as", "alice", "agent", "add", "mallory", "--name", "M",
         "--tier", "3",
         "--role", "admin"],
        ["--demo", "--db", db_target, "--as", "alice", "ticket", "note", str(ticket.id),
         "--body", "as alice"],
        ["--demo", "--db", db_target, "ticket", "note", str(ticket.id), "--body", "mine"],
        ["--db", db_target, "--as", "alice", "ticket", "note", str(ticket.id), "--body", "x"],
    ):  # fmt: skip
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("tuidesk: error: "), err
    assert "is not a demo help desk tuidesk built" in main_error(
        capsys, ["--demo", "--db", db_target, "ticket", "list"]
    )
    assert (agent_count(db), history_size(db)) == (before_agents, before_history)


def main_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    return capsys.readouterr().err


def test_the_demo_is_built_only_into_an_empty_database_and_trusts_only_itself(
    db_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--demo", "--db", db_target, "--as", "amira", "ticket", "list"]) == 0
    capsys.readouterr()
    # built and recorded: --as works there with or without the flag
    assert main(["--db", db_target, "--as", "amira", "ticket", "list", "--limit", "1"]) == 0
    assert main(["--demo", "--db", db_target, "--as", "amira", "stats"]) == 0


def test_seed_writes_only_into_a_new_empty_or_seeded_database(
    db: Database, db_target: str, desk: Desk, customer_id: int,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    desk.create_ticket(subject="A real request", requester_id=customer_id)
    before_agents, before_history = agent_count(db), history_size(db)
    error = main_error(capsys, ["--db", db_target, "seed", "--tickets", "20"])
    assert len(error.strip().splitlines()) == 1
    assert "holds a help desk" in error and "give --db a new file" in error
    assert (agent_count(db), history_size(db)) == (before_agents, before_history)


def test_seed_fills_a_new_file_and_tops_up_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(tmp_path / "bench.db")
    assert main(["--db", target, "seed", "--tickets", "20"]) == 0
    assert main(["--db", target, "seed", "--tickets", "5"]) == 0  # its own: more of it
    demo = str(tmp_path / "demo.db")
    assert main(["--demo", "--db", demo, "ticket", "list", "--limit", "1"]) == 0
    capsys.readouterr()
    assert "holds a help desk" in main_error(capsys, ["--db", demo, "seed", "--tickets", "5"])
    assert "is not a demo help desk" in main_error(
        capsys, ["--demo", "--db", target, "ticket", "list"]
    )
