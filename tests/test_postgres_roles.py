"""PostgreSQL as README sets it up for a team: `tuidesk db grant` run by the tables'
owner, then agents' roles that can do the desk's work and nothing the desk would not.

Every test gets a fresh database owned by a fresh owner role, and roles named for it
alone (roles are the whole server's), dropped afterwards.
"""

from __future__ import annotations

import json
import re
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import FIXED_NOW, Clock, PostgresServer
from tests.test_cli import assert_one_line_error, tuidesk
from tuidesk.services.desk import Desk
from tuidesk.services.identity import os_login, resolve_actor
from tuidesk.storage import roles
from tuidesk.storage.database import open_database
from tuidesk.storage.models import SQLModel
from tuidesk.storage.read.queue import Filter


@dataclass
class Team:
    """A database set up by its owner with `db grant`, and the roles of its people."""

    server: PostgresServer
    database: str
    owner: str
    agents: str
    admins: str
    alice: str  # an agent's login role
    boss: str  # an admin's login role

    def url(self, role: str) -> str:
        return self.server.base.set(username=role, database=self.database).render_as_string(
            hide_password=False
        )

    def grant(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return tuidesk(
            "--db", self.url(self.owner), "db", "grant", "--agents-group", self.agents,
            "--admins-group", self.admins, *extra,
        )  # fmt: skip

    def run(self, role: str, *args: str) -> str:
        """A tuidesk command as `role`, which must succeed; its output."""
        result = tuidesk("--db", self.url(role), *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
        return result.stdout

    def connect(self, role: str):  # type: ignore[no-untyped-def]
        import psycopg

        url = self.server.base.set(drivername="postgresql", username=role, database=self.database)
        return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def _superuser(server: PostgresServer, *statements: str) -> None:
    with server.admin.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))


@pytest.fixture
def team(postgres_server: PostgresServer) -> Iterator[Team]:
    tag = f"t{uuid.uuid4().hex[:10]}"
    names = Team(postgres_server, f"{postgres_server.prefix}_{tag}", f"{tag}_owner",
                 f"{tag}_agents", f"{tag}_admins", f"{tag}_alice", f"{tag}_boss")  # fmt: skip
    _superuser(
        postgres_server,
        f'CREATE ROLE "{names.owner}" LOGIN CREATEROLE',
        f'CREATE DATABASE "{names.database}" OWNER "{names.owner}" TEMPLATE template0',
    )
    try:
        done = names.grant("--agent", names.alice, "--admin", names.boss)
        assert done.returncode == 0, done.stderr
        yield names
    finally:
        _superuser(postgres_server, f'DROP DATABASE IF EXISTS "{names.database}" WITH (FORCE)')
        for role in (names.alice, names.boss, f"{tag}_carol", f"{tag}_other", names.admins,
                     names.agents, names.owner):  # fmt: skip
            _superuser(postgres_server, f'DROP ROLE IF EXISTS "{role}"')


def _a_ticket_with_history(team: Team) -> str:
    ticket = team.run(
        team.alice, "ticket", "new", "--subject", "Printer jams on every page",
        "--requester", "jonas@example.com", "--body", "Paper jam light blinks",
    ).strip()  # fmt: skip
    team.run(team.alice, "ticket", "note", ticket, "--body", "checked the tray")
    return ticket


def _an_article(team: Team, tmp_path: Path) -> None:
    """An L2 agent (added by the admin) writes an article: it has a revision."""
    carol = team.alice.replace("_alice", "_carol")
    team.run(team.boss, "agent", "add", carol, "--name", "Carol", "--tier", "2")
    assert team.grant("--agent", carol).returncode == 0
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "printer-jam.md").write_text(
        "---\ntitle: Printer jams\nstatus: published\n---\n\n## Symptoms\n\nJam light\n\n"
        "## Cause\n\nWorn roller\n\n## Resolution\n\nReplace the pickup roller\n",
        encoding="utf-8",
    )
    team.run(carol, "kb", "import", str(folder))


ATTACKS = {
    "make oneself admin": "UPDATE agent SET role = 'admin'",
    "raise a tier": "UPDATE agent SET tier = 4",
    "insert an admin": "INSERT INTO agent (login, name, email, tier, role, timezone, active,"
    " created_at) VALUES ('mallory', 'M', '', 1, 'admin', 'UTC', true, now())",
    "insert another agent": "INSERT INTO agent (login, name, email, tier, role, timezone,"
    " active, created_at) VALUES ('mallory', 'M', '', 1, 'agent', 'UTC', true, now())",
    "rewrite an event": "UPDATE ticket_event SET body = 'never said'",
    "delete events": "DELETE FROM ticket_event",
    "truncate events": "TRUNCATE ticket_event",
    "rewrite a revision": "UPDATE article_revision SET resolution = 'rm -rf /'",
    "delete revisions": "DELETE FROM article_revision",
    "truncate revisions": "TRUNCATE article_revision",
    "drop the append-only trigger": "DROP TRIGGER ticket_event_append_only ON ticket_event",
    "disable the triggers": "ALTER TABLE ticket_event DISABLE TRIGGER ALL",
    "alter a table": "ALTER TABLE ticket_event ADD COLUMN forged text",
    "drop the author guard": "DROP TRIGGER ticket_event_author_guard ON ticket_event",
    "rewrite a ticket's symptoms": "UPDATE ticket SET description = 'rewritten'",
    "rewrite a ticket's subject": "UPDATE ticket SET subject = 'rewritten'",
    "delete a ticket": "DELETE FROM ticket",
    "skip every trigger": "SET session_replication_role = replica",
    "become the owner": "SET ROLE {owner}",
    "create a table": "CREATE TABLE public.mine (id int)",
    "write history as someone else": "INSERT INTO ticket_event (ticket_id, kind, author_id,"
    " created_at, body, old_value, new_value, minutes, hash) SELECT min(t.id), 'note',"
    " (SELECT id FROM agent WHERE login = '{boss}'), now(), 'forged', '', '', 0, ''"
    " FROM ticket t",
    "fool the author guard with a temporary table": "CREATE TEMP TABLE agent (id int,"
    " login text); INSERT INTO pg_temp.agent SELECT id, current_user FROM public.agent"
    " WHERE login = '{boss}'; INSERT INTO ticket_event (ticket_id, kind, author_id,"
    " created_at, body, old_value, new_value, minutes, hash) SELECT min(t.id), 'note',"
    " (SELECT id FROM public.agent WHERE login = '{boss}'), now(), 'forged', '', '', 0, ''"
    " FROM ticket t",
    "pass for the owner with a temporary table": "CREATE TEMP TABLE ticket (id int);"
    " INSERT INTO public.agent (login, name, email, tier, role, timezone, active,"
    " created_at) VALUES ('mallory', 'M', '', 1, 'admin', 'UTC', true, now())",
}


def test_an_agents_role_cannot_change_roles_tiers_or_history(team: Team, tmp_path: Path) -> None:
    import psycopg

    ticket = _a_ticket_with_history(team)
    _an_article(team, tmp_path)
    assert team.grant().returncode == 0  # a second run changes nothing of this
    before = json.loads(team.run(team.boss, "agent", "list", "--json"))
    history = json.loads(team.run(team.alice, "ticket", "show", ticket, "--json"))["history"]

    not_refused = []
    with team.connect(team.alice) as connection:
        for attack, statement in ATTACKS.items():
            try:
                connection.execute(statement.format(owner=team.owner, boss=team.boss))
            except psycopg.errors.InsufficientPrivilege:
                continue
            except psycopg.Error as error:  # got past the privileges, stopped by chance
                not_refused.append(f"{attack} ({type(error).__name__})")
            else:
                not_refused.append(attack)
            finally:
                connection.execute("DISCARD TEMP")
    assert not_refused == []
    assert json.loads(team.run(team.boss, "agent", "list", "--json")) == before
    after = json.loads(team.run(team.alice, "ticket", "show", ticket, "--json"))
    assert after["history"] == history
    assert after["subject"] == "Printer jams on every page"
    assert "every hash chain intact" in team.run(team.owner, "doctor")


def test_the_grants_readme_used_to_recommend_are_replaced(team: Team) -> None:
    """The old README: SELECT, INSERT, UPDATE on the tables for the agents' group."""
    import psycopg

    _a_ticket_with_history(team)
    with team.connect(team.owner) as owner:
        owner.execute(
            f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{team.agents}"'
        )
        owner.execute(f'GRANT UPDATE ON ticket_event TO "{team.alice}"')
    with team.connect(team.alice) as alice:
        alice.execute("UPDATE agent SET role = 'admin' WHERE login = current_user")
        alice.execute("UPDATE agent SET role = 'agent' WHERE login = current_user")
    doctor = tuidesk("--db", team.url(team.owner), "doctor")
    assert doctor.returncode == 1
    assert f"FAIL  privileges: {team.admins} may update article_revision" in doctor.stdout
    assert f"{team.agents} may change agents' role" in doctor.stdout
    granted = team.grant("--agent", team.alice)
    assert granted.returncode == 0, granted.stderr
    assert "ok    privileges: " in team.run(team.owner, "doctor")
    with team.connect(team.alice) as alice:
        for statement in ("UPDATE agent SET role = 'admin'", "UPDATE ticket SET subject = 'x'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                alice.execute(statement)
    # a role db grant was not told about is named, with what to do
    with team.connect(team.owner) as owner:
        owner.execute(f'GRANT DELETE ON ticket_tag TO "{team.boss}"')
    warned = team.grant()
    assert warned.returncode == 0
    assert f"warning: role {team.boss} holds other privileges" in warned.stderr
    assert f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {team.boss}" in warned.stderr


def test_an_agents_role_does_the_desks_work(team: Team, tmp_path: Path) -> None:
    # first use: the agent is the database role, a tier-1 agent, whoever the OS user is
    ticket = _a_ticket_with_history(team)
    agents = {a["login"]: a for a in json.loads(team.run(team.boss, "agent", "list", "--json"))}
    assert (agents[team.alice]["tier"], agents[team.alice]["role"]) == (1, "agent")
    assert agents[team.boss]["role"] == "admin"
    assert os_login()[0] not in agents
    team.run(team.alice, "ticket", "reply", ticket, "--body", "We are on it")  # opens it
    assert "escalated to L2" in team.run(
        team.alice, "ticket", "escalate", ticket, "--tier", "2", "--tried", "reseated the tray",
        "--theory", "worn roller", "--needs", "printing by noon", "--minutes", "10",
    )  # fmt: skip
    _an_article(team, tmp_path)
    assert "Printer jams" in team.run(team.alice, "kb", "search", "printer jam")
    team.run(team.alice, "sla", "sweep")
    shown = json.loads(team.run(team.alice, "ticket", "show", ticket, "--json"))
    assert [e["kind"] for e in shown["history"]] == [
        "created",
        "note",
        "status",
        "reply",
        "assignment",
        "escalation",
    ]  # fmt: skip  (the note opened the ticket, the first reply made it alice's)
    assert {e["author"] for e in shown["history"]} == {team.alice}

    # the rest of the use cases, in process, as the app runs them
    clock = Clock(FIXED_NOW)
    db = open_database(team.url(team.alice))
    boss_db = open_database(team.url(team.boss))
    try:
        desk = Desk(db, resolve_actor(db), clock)
        assert desk.actor.login == team.alice
        reader = desk.queue_reader()
        assert reader.changed()  # starts listening
        customer = desk.create_customer(name="Mira", email="mira@example.com",
                                        organization="Northwind")  # fmt: skip
        assert customer.id is not None
        asset = desk.create_asset(customer.id, kind="printer", serial="PX-1")
        new = desk.create_ticket(
            subject="Toner smears", requester_id=customer.id, asset_id=asset.id, urgency=1,
            impact=1, tags=["toner"],
        )  # fmt: skip
        assert new.id is not None
        desk.take(new.id)
        desk.tag(new.id, add=["printer"], remove=["toner"])
        desk.log_work(new.id, 15, "cleaned the drum")
        desk.set_theory(new.id, "a scratched drum")
        desk.change_priority(new.id, impact=2, urgency=1, reason="one printer only")
        article = desk.kb.search("roller").hits[0].id
        desk.kb.link(new.id, article, solved=True)
        desk.be_present(new.id, "writing a reply")
        desk.be_present(new.id)
        desk.leave(new.id)
        assert not desk.save_view("mine", "open", Filter(), "due", False)
        assert desk.save_view("mine", "open", Filter(), "priority", True)
        desk.delete_view("mine")
        desk.escalate(new.id, tier=2, tried="cleaning", theory="drum", needs="colour prints")
        carol = team.alice.replace("_alice", "_carol")
        carol_db = open_database(team.url(carol))
        try:
            as_carol = Desk(carol_db, resolve_actor(carol_db), clock)
            handoff = as_carol.unseen_handoff(new.id)
            assert handoff is not None and handoff.id is not None
            as_carol.mark_handoff_seen(handoff.id)
            as_carol.kb.update(article, resolution="Replace the pickup roller (part RM1-4)")
            as_carol.escalate(new.id, tier=3, tried="new drum", theory="fuser", needs="a fix")
            as_carol.escalate(new.id, tier=4, tried="new drum", theory="fuser", needs="a fix",
                              vendor="Printco", vendor_ref="PC-77", vendor_hours=8)  # fmt: skip
            as_carol.vendor_update(new.id, "a technician comes tomorrow")
            as_carol.deescalate(new.id, "the vendor replaced the fuser", tier=2)
            as_carol.resolve(new.id, "fuser replaced by the vendor")
        finally:
            carol_db.dispose()
        assert reader.changed()  # another agent's change, heard by NOTIFY
        # the SLA sweep writes the system's warnings and breaches, and raises priorities
        desk.reopen(new.id, "smears again")
        clock.now = FIXED_NOW + timedelta(days=30)
        swept = desk.sweep_sla()
        assert swept.warnings and swept.breaches
        reader.close()

        # an admin's role: agents, articles, acting as another agent
        boss = Desk(boss_db, resolve_actor(boss_db), clock)
        assert boss.actor.role == "admin"
        boss.add_agent("dana", name="Dana", tier=3, role="lead")
        throwaway = boss.kb.create(title="Obsolete", symptoms="x", resolution="y")
        assert throwaway.id is not None
        boss.kb.delete(throwaway.id)
        as_alice = Desk(boss_db, resolve_actor(boss_db, team.alice), clock)
        as_alice.add_note(new.id, "noted on alice's behalf by the admin")
    finally:
        db.dispose()
        boss_db.dispose()
    assert team.run(team.alice, "doctor")


def test_an_agents_role_is_told_what_it_may_not_do(team: Team) -> None:
    ticket = _a_ticket_with_history(team)
    team.run(team.boss, "ticket", "list")  # the admin's first start
    assert_one_line_error(
        tuidesk("--db", team.url(team.alice), "agent", "add", "eve", "--name", "Eve"),
        "only admins may add agents",
    )
    assert_one_line_error(
        tuidesk("--db", team.url(team.alice), "--as", team.boss, "ticket", "note", ticket,
                "--body", "as the boss"),
        "only admins may act as another agent",
    )  # fmt: skip
    # a desk that still calls alice an admin is overruled by the server
    with team.connect(team.owner) as owner:
        owner.execute(f"UPDATE agent SET role = 'admin' WHERE login = '{team.alice}'")
    refused = tuidesk("--db", team.url(team.alice), "agent", "add", "eve", "--name", "Eve")
    assert_one_line_error(refused, "refused that to your database role", "may only create its own")
    refused = tuidesk("--db", team.url(team.alice), "--as", team.boss, "ticket", "note", ticket,
                      "--body", "as the boss")  # fmt: skip
    assert_one_line_error(refused, f"only in the name of agent {team.alice}")
    shown = json.loads(team.run(team.boss, "ticket", "show", ticket, "--json"))
    notes = [e["body"] for e in shown["history"] if e["kind"] == "note"]
    assert notes[-1] == "checked the tray"


def test_only_the_owner_migrates(team: Team) -> None:
    with team.connect(team.owner) as owner:
        owner.execute("UPDATE alembic_version SET version_num = '0010'")
    result = tuidesk("--db", team.url(team.alice), "ticket", "list")
    assert_one_line_error(result, "your database role may not", "db grant")
    with team.connect(team.owner) as owner:
        version = owner.execute("SELECT version_num FROM alembic_version").fetchone()
        columns = owner.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'ticket_event'"
            " AND column_name = 'hash'"
        ).fetchone()
    assert version == ("0010",) and columns == (1,)  # nothing was changed


def test_db_grant_refuses_what_it_cannot_do_in_one_line(team: Team, tmp_path: Path) -> None:
    sqlite = tmp_path / "desk.db"
    assert_one_line_error(tuidesk("--db", str(sqlite), "db", "grant"), "PostgreSQL roles")
    assert not sqlite.exists()
    assert_one_line_error(
        tuidesk("--db", team.url(team.alice), "db", "grant", "--agents-group", team.agents,
                "--admins-group", team.admins),
        f"runs as the role that owns the tables ({team.owner})",
    )  # fmt: skip
    assert_one_line_error(team.grant("--agent", "not a login"), "not a valid login")
    assert_one_line_error(
        tuidesk("--db", team.url(team.owner), "db", "grant", "--agents-group", "Agents"),
        "--agents-group 'Agents' is not a group role name",
    )
    assert_one_line_error(team.grant("--agent", team.owner), "may act as the tables' owner")
    _superuser(team.server, f'ALTER ROLE "{team.owner}" NOCREATEROLE')
    other = team.agents.replace("_agents", "_other")
    assert_one_line_error(
        tuidesk("--db", team.url(team.owner), "db", "grant", "--agents-group", other,
                "--admins-group", team.admins),
        "permission denied to create role", "nothing was changed", "CREATEROLE",
    )  # fmt: skip
    with team.connect(team.owner) as owner:
        members = owner.execute(
            "SELECT pg_get_userbyid(m.member) FROM pg_auth_members m"
            f" WHERE m.roleid = '{team.agents}'::regrole AND m.member <> '{team.owner}'::regrole"
        ).fetchall()
        created = owner.execute(
            f"SELECT 1 FROM pg_roles WHERE rolname IN ('not a login', '{other}')"
        )
        assert created.fetchall() == []
    assert sorted(m for (m,) in members) == sorted([team.alice, team.admins])


# doctor replays each ticket's fields from its history (services/history_replay.py)
def test_doctor_detects_a_direct_ticket_row_edit(team: Team) -> None:
    ticket = _a_ticket_with_history(team)
    with team.connect(team.alice) as alice:  # what an agent's role can still change
        alice.execute(f"UPDATE ticket SET status = 'closed', tier = 3 WHERE id = {ticket}")
    result = tuidesk("--db", team.url(team.owner), "doctor")
    assert result.returncode == 1
    assert f"#{ticket}" in result.stdout and "status" in result.stdout


def test_every_table_has_its_privileges_in_roles_sql() -> None:
    named = set(re.findall(r"\{schema\}\.(\w+)", roles.SQL_FILE.read_text(encoding="utf-8")))
    tables = set(SQLModel.metadata.tables) | {"alembic_version"}
    assert tables - named == set(), "give the new table its line in storage/roles.sql"
