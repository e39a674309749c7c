from datetime import timedelta

import pytest
from sqlalchemy import exc, text

from tuidesk.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from tuidesk.services.desk import Desk
from tuidesk.storage.engine import Database

pytestmark = pytest.mark.backends


def kinds(desk: Desk, ticket_id: int) -> list[str]:
    return [entry.event.kind for entry in desk.history(ticket_id)]


@pytest.fixture
def ticket_id(desk: Desk, customer_id: int) -> int:
    ticket = desk.create_ticket(
        subject="Printer on floor 3 shows paper jam",
        requester_id=customer_id,
        description="Paper jam light is on, no paper inside.",
        goal="Print the customs papers for today's shipment",
        urgency=2,
        impact=2,
        tags=["Printer", "floor3", "printer"],
    )
    assert ticket.id is not None
    return ticket.id


def test_create_writes_the_ticket_and_one_created_event(desk: Desk, ticket_id: int) -> None:
    ticket = desk.get_ticket(ticket_id)
    assert ticket.status == "new"
    assert ticket.priority == 3
    assert ticket.version == 1
    assert desk.ticket_tags(ticket_id) == ["floor3", "printer"]
    [entry] = desk.history(ticket_id)
    assert entry.event.kind == "created"
    assert entry.event.body == "Paper jam light is on, no paper inside."
    assert entry.author == desk.actor.login


@pytest.mark.parametrize(
    ("action", "written"),
    [  # work on a new ticket opens it: the status event follows the action's own
        (lambda d, t: d.reply(t, "We are on our way."), ["reply", "assignment", "status"]),
        (lambda d, t: d.add_note(t, "Fuser unit again?"), ["note", "status"]),
        (lambda d, t: d.change_status(t, "open"), ["status"]),
        (lambda d, t: d.take(t), ["assignment", "status"]),
        (lambda d, t: d.change_priority(t, impact=1, urgency=1), ["priority"]),
        (lambda d, t: d.log_work(t, 25, "remote checks"), ["worklog", "status"]),
        (lambda d, t: d.resolve(t, "Removed a torn label from the fuser."), ["status"]),
        (
            lambda d, t: d.set_theory(t, "Label stuck in the fuser; open and clean"),
            ["theory", "status"],
        ),
        (lambda d, t: d.tag(t, add="hardware"), ["tags"]),
    ],
)
def test_each_action_writes_exactly_its_events(
    desk: Desk, ticket_id: int, action: object, written: list[str]
) -> None:
    before = desk.get_ticket(ticket_id)
    after = action(desk, ticket_id)  # type: ignore[operator]
    assert kinds(desk, ticket_id) == ["created", *written]
    assert after.version == before.version + 1
    assert desk.get_ticket(ticket_id).version == before.version + 1


def test_first_public_reply_meets_first_response_but_a_note_does_not(
    desk: Desk, ticket_id: int, clock: object
) -> None:
    desk.add_note(ticket_id, "internal only")
    assert desk.get_ticket(ticket_id).first_responded_at is None
    clock.now += timedelta(minutes=12)  # type: ignore[attr-defined]
    desk.reply(ticket_id, "Hello Jonas, a technician comes at 11.")
    first = desk.get_ticket(ticket_id).first_responded_at
    assert first == clock.now  # type: ignore[attr-defined]
    clock.now += timedelta(minutes=30)  # type: ignore[attr-defined]
    desk.reply(ticket_id, "Fixed?")
    assert desk.get_ticket(ticket_id).first_responded_at == first


def test_resolve_needs_text_and_reopen_resumes(desk: Desk, ticket_id: int) -> None:
    with pytest.raises(ValidationError, match="resolution text"):
        desk.resolve(ticket_id, "   ")
    with pytest.raises(ValidationError, match="resolution text"):
        desk.change_status(ticket_id, "resolved")
    ticket = desk.resolve(ticket_id, "Cleaned the fuser.")
    assert (ticket.status, ticket.resolution) == ("resolved", "Cleaned the fuser.")
    assert ticket.resolved_at is not None
    ticket = desk.reopen(ticket_id, "Jams again")
    assert ticket.status == "open" and ticket.resolved_at is None
    history = desk.history(ticket_id)
    assert [(e.event.old_value, e.event.new_value) for e in history[1:]] == [
        ("new", "resolved"),
        ("resolved", "open"),
    ]


def test_illegal_transition_is_an_error_and_changes_nothing(desk: Desk, ticket_id: int) -> None:
    desk.resolve(ticket_id, "done")
    desk.change_status(ticket_id, "closed")
    before = desk.get_ticket(ticket_id)
    with pytest.raises(TransitionError, match="open a new ticket"):
        desk.change_status(ticket_id, "open")
    assert desk.get_ticket(ticket_id).version == before.version
    assert kinds(desk, ticket_id) == ["created", "status", "status"]


def test_stale_version_is_a_conflict_carrying_the_current_ticket(
    desk: Desk, ticket_id: int
) -> None:
    opened = desk.get_ticket(ticket_id)
    desk.add_note(ticket_id, "someone else was faster", expected_version=opened.version)
    with pytest.raises(ConflictError) as caught:
        desk.reply(ticket_id, "my reply", expected_version=opened.version)
    assert caught.value.current.version == opened.version + 1
    assert "changed by someone else" in str(caught.value)
    assert kinds(desk, ticket_id) == ["created", "note", "status"]  # the note opened it
    assert desk.get_ticket(ticket_id).first_responded_at is None


def test_assign_take_and_unassign(desk: Desk, ticket_id: int) -> None:
    desk.add_agent("bob", name="Bob Okafor", tier=2)
    assert desk.take(ticket_id).assignee_id == desk.actor.id
    desk.assign(ticket_id, "bob")
    desk.assign(ticket_id, None)
    changes = [
        (e.event.old_value, e.event.new_value)
        for e in desk.history(ticket_id)
        if e.event.kind == "assignment"
    ]
    assert changes == [("", desk.actor.login), (desk.actor.login, "bob"), ("bob", "")]
    with pytest.raises(NotFoundError, match="no agent with login 'carol'"):
        desk.assign(ticket_id, "carol")
    with pytest.raises(ValidationError, match="already assigned to nobody"):
        desk.assign(ticket_id, None)


def test_work_on_a_new_ticket_opens_it_and_the_first_answer_takes_it(
    db: Database, desk: Desk, customer_id: int, clock: object
) -> None:
    """Taken, answered, noted, worked on, escalated: none of these leaves a ticket new."""
    me = desk.actor.login
    for what, act in (
        ("taken", lambda t: desk.take(t)),
        ("answered", lambda t: desk.reply(t, "Hello, I am on it.")),
        ("worked on", lambda t: desk.add_note(t, "called back, no answer")),
        ("worked on", lambda t: desk.log_work(t, 10)),
        ("escalated", lambda t: desk.escalate(t, tier=2, tried="restart", theory="disk",
                                              needs="working laptop", minutes=5)),
    ):  # fmt: skip
        ticket = desk.create_ticket(subject=f"Laptop will not start ({what})",
                                    requester_id=customer_id)  # fmt: skip
        assert ticket.status == "new" and ticket.assignee_id is None
        act(ticket.id)
        after = desk.ticket_detail(ticket.id)
        assert after.ticket.status == "open", what
        [opened] = [e.event for e in after.history if e.event.kind == "status"]
        assert (opened.old_value, opened.new_value) == ("new", "open")
        assert opened.body == f"Opened: {what}"
    # the answer took the unassigned ticket of the agent's own tier; a note does not
    answered, noted = desk.list_tickets(limit=5)[3], desk.list_tickets(limit=5)[2]
    assert desk.ticket_detail(answered.id).assignee == me
    assert desk.ticket_detail(noted.id).assignee == ""
    # assigning to someone else is triage: the ticket stays new for them
    desk.add_agent("bob", name="Bob Okafor", tier=1)
    triaged = desk.create_ticket(subject="Monitor flickers", requester_id=customer_id)
    assert desk.assign(triaged.id, "bob").status == "new"


def test_the_first_answer_takes_only_unassigned_tickets_of_the_agents_tier(
    db: Database, desk: Desk, customer_id: int, clock: object
) -> None:
    bob = desk.add_agent("bob", name="Bob Okafor", tier=2)
    as_bob = Desk(db, bob, clock)  # type: ignore[arg-type]
    at_l1 = desk.create_ticket(subject="VPN drops", requester_id=customer_id)
    as_bob.reply(at_l1.id, "Please send the VPN log.")  # an L2 helping out: not theirs
    assert desk.ticket_detail(at_l1.id).assignee == ""
    assert desk.get_ticket(at_l1.id).status == "open"
    mine = desk.create_ticket(subject="Mail is slow", requester_id=customer_id)
    desk.take(mine.id)
    carol = desk.add_agent("carol", name="Carol", tier=1)
    Desk(db, carol, clock).reply(mine.id, "Carol here, covering.")  # type: ignore[arg-type]
    assert desk.ticket_detail(mine.id).assignee == desk.actor.login  # assigned stays
    # switched off in the settings: answering takes nothing
    quiet = Desk(db, desk.actor, clock, take_on_first_reply=False)  # type: ignore[arg-type]
    other = desk.create_ticket(subject="Printer offline", requester_id=customer_id)
    quiet.reply(other.id, "Looking into it.")
    detail = desk.ticket_detail(other.id)
    assert (detail.ticket.status, detail.assignee) == ("open", "")


def test_a_new_ticket_starts_in_the_middle_and_can_be_taken_as_it_is_created(
    desk: Desk, customer_id: int
) -> None:
    plain = desk.create_ticket(subject="Phones are down", requester_id=customer_id)
    assert (plain.urgency, plain.impact, plain.priority) == (2, 2, 3)  # P3, not P5
    taken = desk.create_ticket(
        subject="Phones are down on floor 2", requester_id=customer_id, assignee=desk.actor.login
    )
    detail = desk.ticket_detail(taken.id)
    assert (detail.ticket.status, detail.assignee) == ("open", desk.actor.login)
    assert [e.event.kind for e in detail.history] == ["created", "assignment", "status"]
    desk.add_agent("gone", name="Gone Agent")
    desk.set_agent_active("gone", False)
    with pytest.raises(ValidationError, match="deactivated"):
        desk.create_ticket(subject="x", requester_id=customer_id, assignee="gone")


def test_priority_follows_the_matrix(desk: Desk, ticket_id: int) -> None:
    ticket = desk.change_priority(ticket_id, impact=1, urgency=2, reason="whole floor")
    assert ticket.priority == 2
    event = desk.history(ticket_id)[-1].event
    assert event.old_value.startswith("P3 medium") and event.new_value.startswith("P2 high")
    with pytest.raises(ValidationError, match="unchanged"):
        desk.change_priority(ticket_id, impact=1, urgency=2)


def test_work_minutes_add_up_and_bad_values_are_refused(desk: Desk, ticket_id: int) -> None:
    desk.log_work(ticket_id, 20)
    assert desk.log_work(ticket_id, 15).minutes_spent == 35
    for bad in (0, -5, 24 * 60 + 1, 1.5):
        with pytest.raises(ValidationError, match="minutes spent"):
            desk.log_work(ticket_id, bad)  # type: ignore[arg-type]


def test_tags_are_added_and_removed_with_one_event(desk: Desk, ticket_id: int) -> None:
    desk.tag(ticket_id, add=["Toner", "urgent"], remove="floor3")
    assert desk.ticket_tags(ticket_id) == ["printer", "toner", "urgent"]
    event = desk.history(ticket_id)[-1].event
    assert (event.kind, event.old_value, event.new_value) == (
        "tags",
        "floor3 printer",
        "printer toner urgent",
    )
    with pytest.raises(ValidationError, match="already printer toner urgent"):
        desk.tag(ticket_id, add="printer")
    with pytest.raises(ValidationError, match="not valid"):
        desk.tag(ticket_id, add="no;semicolons")
    assert kinds(desk, ticket_id) == ["created", "tags"]


def test_create_validation(desk: Desk, customer_id: int) -> None:
    with pytest.raises(ValidationError, match="subject is required"):
        desk.create_ticket(subject="  ", requester_id=customer_id)
    with pytest.raises(ValidationError, match="one line"):
        desk.create_ticket(subject="a\nb", requester_id=customer_id)
    with pytest.raises(ValidationError, match="urgency must be"):
        desk.create_ticket(subject="x", requester_id=customer_id, urgency=4)
    with pytest.raises(ValidationError, match="tag"):
        desk.create_ticket(subject="x", requester_id=customer_id, tags=["no spaces!"])
    with pytest.raises(NotFoundError, match="no customer #999"):
        desk.create_ticket(subject="x", requester_id=999)
    assert desk.count_tickets() == 0


def test_unknown_ticket(desk: Desk) -> None:
    with pytest.raises(NotFoundError, match="there is no ticket #42"):
        desk.reply(42, "hello")


def test_history_cannot_be_updated_or_deleted_through_sql(
    db: Database, desk: Desk, ticket_id: int
) -> None:
    desk.reply(ticket_id, "original text")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO article (title, symptoms, cause, resolution, tags, category,"
                " visibility, status, created_at, updated_at, times_linked, times_solved, version,"
                " slug) VALUES ('t', '', '', '', '', '', 'public', 'draft', '2026-01-01',"
                " '2026-01-01', 0, 0, 1, 't')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO article_revision (article_id, number, title, symptoms, cause,"
                " resolution, tags, created_at) VALUES (1, 1, 't', '', '', '', '', '2026-01-01')"
            )
        )
    for statement in (
        "UPDATE ticket_event SET body = 'rewritten'",
        "DELETE FROM ticket_event",
        "UPDATE article_revision SET title = 'x'",
        "DELETE FROM article_revision",
    ):
        with pytest.raises(exc.DatabaseError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))
    replies = [e.event.body for e in desk.history(ticket_id) if e.event.kind == "reply"]
    assert replies == ["original text"]


def test_requester_lookup_by_email_or_name(desk: Desk) -> None:
    jonas = desk.find_or_create_customer("jonas.becker@northwind.example")
    assert desk.find_or_create_customer("JONAS.BECKER@northwind.example").id == jonas.id
    assert desk.find_or_create_customer("jonas.becker").id == jonas.id  # name from the address
    other = desk.find_or_create_customer("Jonas Becker")
    assert other.id != jonas.id and other.email == ""
    desk.find_or_create_customer("jonas.becker@other.example")
    with pytest.raises(ValidationError, match="2 customers are called 'jonas.becker'"):
        desk.find_or_create_customer("jonas.becker")


def test_agents_are_managed_by_admins_only(db: Database, desk: Desk, clock: object) -> None:
    assert desk.actor.role == "admin"
    bob = desk.add_agent("bob", name="Bob Okafor", tier=2, role="lead")
    with pytest.raises(ValidationError, match="exists already"):
        desk.add_agent("bob", name="Bob again")
    with pytest.raises(ValidationError, match="not a valid login"):
        desk.add_agent("bad login", name="x")
    assert [a.login for a in desk.list_agents()] == sorted([desk.actor.login, "bob"])
    as_bob = Desk(db, bob, clock)  # type: ignore[arg-type]
    # everyone may see who is on the desk; only admins change it
    assert [(a.login, a.tier) for a in as_bob.list_agents()] == sorted(
        [(desk.actor.login, 1), ("bob", 2)]
    )
    with pytest.raises(PermissionDeniedError, match="only admins may add agents"):
        as_bob.add_agent("carol", name="Carol")
    with pytest.raises(PermissionDeniedError, match="only admins may deactivate agents"):
        as_bob.set_agent_active(desk.actor.login, False)
    with pytest.raises(ValidationError, match="cannot deactivate yourself"):
        desk.set_agent_active(desk.actor.login, False)


def test_a_deactivated_agent_cannot_act_and_keeps_their_history(
    db: Database, desk: Desk, customer_id: int, clock: object
) -> None:
    from tuidesk.services.identity import resolve_actor

    bob = desk.add_agent("bob", name="Bob Okafor")
    ticket = Desk(db, bob, clock).create_ticket(  # type: ignore[arg-type]
        subject="Scanner jams", requester_id=customer_id, assignee="bob"
    )
    desk.set_agent_active("bob", False)
    with pytest.raises(PermissionDeniedError, match="deactivated"):
        resolve_actor(db, "bob")
    with pytest.raises(ValidationError, match="deactivated"):
        desk.assign(ticket.id, "bob")
    detail = desk.ticket_detail(ticket.id)
    assert detail.assignee == "bob"  # what they did stays theirs
    assert {entry.author for entry in detail.history} == {"bob"}
    assert not next(a for a in desk.list_agents() if a.login == "bob").active
    with pytest.raises(ValidationError, match="deactivated already"):
        desk.set_agent_active("bob", False)
    assert desk.set_agent_active("bob", True).active


def test_first_user_of_a_database_is_admin_later_ones_are_tier1_agents(db: Database) -> None:
    from tuidesk.services.identity import os_login, resolve_actor

    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO agent (login, name, email, tier, role, timezone, active, created_at)"
                " VALUES ('hannah', 'Hannah', '', 3, 'admin', 'UTC', TRUE, '2026-01-01')"
            )
        )
    me = resolve_actor(db)
    assert (me.login, me.tier, me.role) == (os_login()[0], 1, "agent")
    assert resolve_actor(db).id == me.id  # created once
    with pytest.raises(PermissionDeniedError, match="only admins may act as another agent"):
        resolve_actor(db, "hannah")


def test_taking_on_the_first_reply_is_a_setting(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tuidesk.config import Settings, load_config
    from tuidesk.errors import ConfigError

    config = tmp_path / "config.toml"
    config.write_text("[workflow]\ntake_on_first_reply = false\n")
    assert not Settings(db="x", config=load_config(config)).take_on_first_reply
    assert Settings(db="x").take_on_first_reply
    config.write_text('[workflow]\ntake_on_first_reply = "no"\n')
    with pytest.raises(ConfigError, match="take_on_first_reply must be true or false"):
        load_config(config)
