"""The scripting commands on SQLite and PostgreSQL: refusals that name their flag,
agents' accounts, and the knowledge base's files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tests.test_cli import assert_one_line_error, tuidesk
from tuidesk.services.desk import Desk
from tuidesk.storage.engine import Database

pytestmark = pytest.mark.backends


def database_rows(db: Database) -> dict[str, list[str]]:
    """Every row of every table, as text: what `sqlite3 DB .dump` would compare."""
    with db.engine.connect() as connection:
        tables = sorted(inspect(connection).get_table_names())
        return {
            table: sorted(map(repr, connection.execute(text(f'SELECT * FROM "{table}"'))))
            for table in tables
        }


def test_a_refusal_names_the_flag_that_would_fix_it(
    db_target: str, db: Database, desk: Desk, customer_id: int
) -> None:
    first = desk.create_ticket(subject="VPN fails", requester_id=customer_id)  # no goal
    high = desk.create_ticket(subject="Printer dead", requester_id=customer_id, goal="Print")
    for tier in (2, 3):
        desk.escalate(high.id, tier=tier, tried="a", theory="b", needs="c")
    one, three = str(first.id), str(high.id)
    handoff = ("--tried", "restarted", "--theory", "firewall", "--needs", "work")
    cases = [
        (("ticket", "status", one, "resolved"), "is required: add --note TEXT"),
        (("ticket", "status", one, "resolved", "--note", "  "), "add --note TEXT"),
        (("ticket", "escalate", one, "--tier", "2", "--theory", "b", "--needs", "c"),
         "so the next tier does not repeat them: add --tried TEXT"),
        (("ticket", "escalate", one, "--tier", "2", "--tried", "a", "--needs", "c"),
         "add --theory TEXT"),
        (("ticket", "escalate", one, "--tier", "2", "--tried", "a", "--theory", "b"),
         "the hand-off needs what the customer needs (the outcome they are waiting for): "
         "add --needs TEXT"),
        (("ticket", "escalate", one, "--tier", "3", *handoff),
         "(or escalate to L2): add --skip-reason TEXT"),
        (("ticket", "escalate", three, "--tier", "4", *handoff),
         "the vendor's name is required: add --vendor NAME"),
        (("ticket", "escalate", three, "--tier", "4", *handoff, "--vendor", "HP"),
         "add --vendor-ref REF"),
        (("ticket", "deescalate", three, "--note", ""), "add --note TEXT"),
        (("ticket", "reply", one, "--body", ""), "the reply text is required: add --body TEXT"),
        (("ticket", "note", one, "--body", ""), "add --body TEXT"),
        (("ticket", "vendor-update", three, "--body", ""), "add --body TEXT"),
        (("ticket", "new", "--subject", "", "--requester", "a@b.example"), "add --subject TEXT"),
        (("ticket", "new", "--subject", "s", "--requester", " "),
         "add --requester NAME_OR_EMAIL"),
        (("agent", "add", "bob", "--name", ""), "add --name TEXT"),
    ]  # fmt: skip
    before = database_rows(db)
    for argv, hint in cases:
        result = tuidesk(*argv, "--db", db_target)
        assert_one_line_error(result, hint)
        assert result.stderr.rstrip().endswith(hint), (argv, result.stderr)
    # a refusal that no flag fixes names none
    result = tuidesk("ticket", "vendor-update", one, "--body", "they called", "--db", db_target)
    assert_one_line_error(result, "escalate it to L4 first")
    assert "--" not in result.stderr
    assert database_rows(db) == before


def test_admins_deactivate_and_activate_agents_and_everyone_lists_them(
    db_target: str, desk: Desk, customer_id: int
) -> None:
    desk.add_agent("bob", name="Bob Okafor", tier=2)
    ticket = desk.create_ticket(subject="VPN fails", requester_id=customer_id)
    desk.assign(ticket.id, "bob")
    desk.add_agent("cleo", name="Cleo Lead", tier=3, role="lead")
    db = ("--db", db_target)
    # every agent sees who is on the desk: names, logins, tiers
    for who in ("bob", "cleo"):
        listed = tuidesk("agent", "list", *db, "--as", who)
        assert listed.returncode == 0, listed.stderr
        assert "Bob Okafor" in listed.stdout and "Cleo Lead" in listed.stdout
    # only admins change them, and a refusal changes nothing
    for who in ("bob", "cleo"):
        refused = tuidesk("agent", "deactivate", "bob", *db, "--as", who)
        assert_one_line_error(refused, "only admins may deactivate agents")
    assert_one_line_error(tuidesk("agent", "deactivate", "mallory", *db), "no agent", "mallory")
    done = tuidesk("agent", "deactivate", "bob", *db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "deactivated bob (Bob Okafor, L2 agent)"
    assert done.stderr.startswith("warning: bob still holds 1 open ticket: give them to others")
    agents = {a["login"]: a for a in json.loads(tuidesk("agent", "list", "--json", *db).stdout)}
    assert agents["bob"]["active"] is False and agents["cleo"]["active"] is True
    assert "(inactive)" in tuidesk("agent", "list", *db, "--as", "cleo").stdout
    assert_one_line_error(tuidesk("ticket", "list", *db, "--as", "bob"), "deactivated")
    assert_one_line_error(tuidesk("agent", "deactivate", "bob", *db), "deactivated already")
    assert_one_line_error(tuidesk("agent", "activate", "bob", *db, "--as", "cleo"), "only admins")
    again = tuidesk("agent", "activate", "bob", *db)
    assert again.stdout.strip() == "activated bob (Bob Okafor, L2 agent)"
    assert tuidesk("ticket", "list", *db, "--as", "bob").returncode == 0


def test_an_article_made_in_the_app_has_its_slug(db_target: str, desk: Desk) -> None:
    article = desk.kb.create(title="Printer offline!", resolution="1. Restart it")
    shown = tuidesk("kb", "show", str(article.id), "--json", "--db", db_target)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["slug"] == "printer-offline"


def test_kb_export_changes_nothing_in_the_database(
    db_target: str, db: Database, desk: Desk, tmp_path: Path
) -> None:
    for title in ("Printer offline", "Printer offline", "VPN error 809"):
        desk.kb.create(title=title, resolution="1. Do the thing.", status="published")
    before = database_rows(db)
    result = tuidesk("kb", "export", str(tmp_path / "kb"), "--db", db_target)
    assert result.stdout.strip() == f"exported 3 articles to {tmp_path / 'kb'}", result.stderr
    assert database_rows(db) == before
    files = sorted(p.name for p in (tmp_path / "kb").iterdir())
    assert files == ["printer-offline-2.md", "printer-offline.md", "vpn-error-809.md"]
