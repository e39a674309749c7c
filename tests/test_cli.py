"""The command line as a script sees it: exit codes, output, one-line errors."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_of_migrated, raw_sqlite
from tuidesk import __version__


def tuidesk(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "tuidesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tuidesk: error: ")
    for needle in needles:
        assert needle in lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version() -> None:
    result = tuidesk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"tuidesk {__version__}"


def test_ticket_lifecycle_through_the_scripting_commands(db_path: Path) -> None:
    db = str(db_path)
    new = tuidesk(
        "ticket", "new", "--db", db, "--subject", "Disk 95% full on fileserver",
        "--requester", "ops@example.com", "--body", "-", "--urgency", "2", "--impact", "1",
        "--tag", "disk", stdin="/srv is at 95%\r\nalert from monitoring\n",
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    ticket_id = new.stdout.strip()
    assert ticket_id == "1"

    assert (
        tuidesk("ticket", "reply", ticket_id, "--db", db, "--body", "Cleaning up").returncode == 0
    )
    assert tuidesk("--db", db, "ticket", "note", ticket_id, "--body", "old logs").returncode == 0
    result = tuidesk("ticket", "status", ticket_id, "pending_customer", "--db", db)
    assert result.stdout.strip() == "#1 is now pending_customer"
    result = tuidesk("ticket", "status", ticket_id, "resolved", "--db", db)
    assert_one_line_error(result, "resolution text")
    result = tuidesk("ticket", "status", ticket_id, "resolved", "--db", db, "--note", "Rotated")
    assert result.returncode == 0

    shown = json.loads(tuidesk("ticket", "show", ticket_id, "--db", db, "--json").stdout)
    assert shown["subject"] == "Disk 95% full on fileserver"
    assert shown["status"] == "resolved" and shown["priority"] == 2
    assert shown["requester_email"] == "ops@example.com"
    assert shown["tags"] == ["disk"]
    assert shown["description"] == "/srv is at 95%\r\nalert from monitoring\n"
    assert [e["kind"] for e in shown["history"]] == [
        "created",
        "reply",
        "assignment",
        "status",
        "note",
        "status",
        "status",
    ]  # fmt: skip  (the reply opened the ticket and made it the replier's)
    assert shown["assignee"] is not None
    assert shown["history"][-1]["body"] == "Rotated"
    assert shown["version"] == 5

    listed = json.loads(tuidesk("ticket", "list", "--db", db, "--json").stdout)
    assert [(t["id"], t["status"]) for t in listed] == [(1, "resolved")]
    assert (
        json.loads(tuidesk("ticket", "list", "--db", db, "--status", "open", "--json").stdout) == []
    )
    text = tuidesk("ticket", "show", ticket_id, "--db", db).stdout
    assert "#1 Disk 95% full on fileserver" in text and "Cleaning up" in text


def test_illegal_transition_and_unknown_ticket(db_path: Path) -> None:
    db = str(db_path)
    tuidesk("ticket", "new", "--db", db, "--subject", "x", "--requester", "a@b.example")
    assert_one_line_error(tuidesk("ticket", "status", "1", "closed", "--db", db), "cannot move")
    assert_one_line_error(tuidesk("ticket", "reply", "7", "--db", db, "--body", "hi"), "#7")


def test_agents_are_managed_by_admins(db_path: Path) -> None:
    db = str(db_path)
    result = tuidesk("agent", "add", "bob", "--name", "Bob Okafor", "--tier", "2", "--db", db)
    assert result.returncode == 0, result.stderr
    agents = json.loads(tuidesk("agent", "list", "--json", "--db", db).stdout)
    assert {
        "login": "bob",
        "name": "Bob Okafor",
        "tier": 2,
        "role": "agent",
        "active": True,
    } in agents
    # bob is no admin: as bob, he may see who is on the desk, and change nobody
    listed = tuidesk("agent", "list", "--db", db, "--as", "bob")
    assert listed.returncode == 0 and "Bob Okafor" in listed.stdout and " L2 " in listed.stdout
    refused = tuidesk("agent", "add", "carol", "--name", "Carol", "--db", db, "--as", "bob")
    assert_one_line_error(refused, "only admins may add agents")
    reply = tuidesk(
        "ticket", "new", "--db", db, "--as", "bob", "--subject", "s", "--requester", "c"
    )
    assert reply.returncode == 0
    shown = json.loads(tuidesk("ticket", "show", "1", "--json", "--db", db).stdout)
    assert shown["history"][0]["author"] == "bob"


def test_unknown_as_login(db_path: Path) -> None:
    assert_one_line_error(
        tuidesk("ticket", "list", "--db", str(db_path), "--as", "mallory"), "no agent", "mallory"
    )


def test_missing_directory_is_created(tmp_path: Path) -> None:
    target = tmp_path / "new" / "dir" / "desk.db"
    assert tuidesk("ticket", "list", "--db", str(target)).returncode == 0
    assert target.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_place(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert_one_line_error(
        tuidesk("ticket", "list", "--db", str(locked / "desk.db")), "cannot create"
    )


def test_unwritable_place_as_a_file_in_the_way(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_one_line_error(
        tuidesk("ticket", "list", "--db", str(blocker / "sub" / "desk.db")), "cannot create"
    )


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 500)
    before = digest(path)
    assert_one_line_error(tuidesk("ticket", "list", "--db", str(path)), "not a SQLite database")
    assert digest(path) == before


def test_corrupt_database(db_path: Path) -> None:
    assert (
        tuidesk(
            "ticket", "new", "--db", str(db_path), "--subject", "s", "--requester", "c"
        ).returncode
        == 0
    )
    with raw_sqlite(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # smash the second page
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    result = tuidesk("ticket", "list", "--db", str(db_path))
    assert_one_line_error(result, "corrupt")
    assert digest(db_path) == before


def test_truncated_database(db_path: Path) -> None:
    db = str(db_path)
    assert tuidesk("seed", "--tickets", "300", "--db", db).returncode == 0
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    assert_one_line_error(tuidesk("ticket", "list", "--db", db), "is corrupt")
    assert len(db_path.read_bytes()) == len(data) // 2


def test_newer_schema(db_path: Path) -> None:
    assert tuidesk("ticket", "list", "--db", str(db_path)).returncode == 0
    with raw_sqlite(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'f00dbabe'")
    with raw_sqlite(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(db_path)
    assert_one_line_error(tuidesk("ticket", "list", "--db", str(db_path)), "newer tuidesk")
    assert digest(db_path) == before


def test_malformed_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[database]\npath = \n")
    result = tuidesk("ticket", "list", env={"TUIDESK_CONFIG": str(config)})
    assert_one_line_error(result, str(config), "line 2")
    config.write_text("[databse]\npath = 'x.db'\n")
    result = tuidesk("ticket", "list", env={"TUIDESK_CONFIG": str(config)})
    assert_one_line_error(result, "unknown section [databse]")
    config.write_text("[database]\nfile = 'x.db'\n")
    result = tuidesk("ticket", "list", env={"TUIDESK_CONFIG": str(config)})
    assert_one_line_error(result, "unknown key database.file")


def test_config_and_environment_choose_the_database(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    from_config = tmp_path / "from-config.db"
    config.write_text(f"[database]\npath = '{from_config}'\n")
    env = {"TUIDESK_CONFIG": str(config)}
    assert tuidesk("ticket", "list", env=env).returncode == 0
    assert from_config.exists()
    from_env = tmp_path / "from-env.db"
    assert tuidesk("ticket", "list", env={**env, "TUIDESK_DB": str(from_env)}).returncode == 0
    assert from_env.exists()


def test_default_database_lives_in_the_user_data_dir(isolated_dirs: Path) -> None:
    assert tuidesk("ticket", "list").returncode == 0
    assert (isolated_dirs / "data" / "tuidesk" / "tuidesk.db").exists()


def test_seed_writes_tickets_with_events(db_path: Path) -> None:
    result = tuidesk("seed", "--tickets", "500", "--articles", "20", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("seeded 500 tickets")
    with raw_sqlite(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM ticket").fetchone() == (500,)
        assert raw.execute("SELECT count(DISTINCT ticket_id) FROM ticket_event").fetchone() == (
            500,
        )
        assert raw.execute("SELECT count(*) FROM article").fetchone() == (20,)
        # each with the name of its Markdown file
        assert raw.execute("SELECT count(DISTINCT slug) FROM article").fetchone() == (20,)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    listed = json.loads(
        tuidesk("ticket", "list", "--db", str(db_path), "--json", "--limit", "3").stdout
    )
    assert [t["id"] for t in listed] == [500, 499, 498]


def test_identity_comes_from_the_uid_not_the_environment(db_path: Path) -> None:
    import pwd

    real = pwd.getpwuid(os.getuid()).pw_name
    spoof = {"USER": "admin", "LOGNAME": "admin", "USERNAME": "admin"}
    result = tuidesk(
        "ticket", "new", "--db", str(db_path), "--subject", "s", "--requester", "c", env=spoof
    )
    assert result.returncode == 0
    shown = json.loads(tuidesk("ticket", "show", "1", "--json", "--db", str(db_path)).stdout)
    assert shown["history"][0]["author"] == real != "admin"


def test_sla_commands(db_path: Path) -> None:
    db = str(db_path)
    tuidesk("ticket", "new", "--db", db, "--subject", "s", "--requester", "c", "--impact", "1")
    clocks = json.loads(tuidesk("sla", "clocks", "1", "--db", db, "--json").stdout)
    assert clocks["policy"] == "post_warranty"
    assert [c["clock"] for c in clocks["clocks"]] == ["first_response", "resolution"]
    assert clocks["clocks"][0]["state"] in ("running", "at_risk", "breached")
    policies = json.loads(tuidesk("sla", "policies", "--db", db, "--json").stdout)
    assert policies["premium"]["targets"]["P1"] == {
        "first_response_minutes": 15,
        "resolution_minutes": 240,
    }
    result = tuidesk("sla", "sweep", "--db", db)
    assert result.returncode == 0 and result.stdout.startswith("swept ")


def test_bad_sla_config_names_file_key_and_problem(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[sla.premium]\nP1 = { first_response = 'soon' }\n")
    result = tuidesk("sla", "policies", env={"TUIDESK_CONFIG": str(config)})
    assert_one_line_error(result, str(config), "sla.premium.P1.first_response", "'soon'")


def test_seeding_an_empty_database_keeps_every_index(db_path: Path) -> None:
    copy_of_migrated(db_path)  # the schema, and nothing in it
    query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with raw_sqlite(db_path) as raw:
        before = raw.execute(query).fetchall()
    assert tuidesk("seed", "--tickets", "50", "--db", str(db_path)).returncode == 0
    with raw_sqlite(db_path) as raw:
        assert raw.execute(query).fetchall() == before
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "x.db"], ["--demo"], ["--as", "bob", "--db=y.db"], ["--demo", "--as", "amira"]],
)
def test_a_plain_start_parses_as_the_full_parser_would(argv: list[str]) -> None:
    from tuidesk.cli import app_start_args, build_parser

    full = vars(build_parser().parse_args(argv))
    assert full.pop("version") is None  # an action of its own; never read afterwards
    assert vars(app_start_args(argv)) == full


@pytest.mark.parametrize(
    "argv",
    [["ticket", "list"], ["--db"], ["-h"], ["--version"], ["--de"], ["--db", "x", "seed"], ["x"]],
)
def test_anything_but_a_plain_start_goes_to_the_full_parser(argv: list[str]) -> None:
    from tuidesk.cli import app_start_args

    assert app_start_args(argv) is None


# ---- issue #16: one clear line, never a traceback; input limits ----------------------


def history(db: str, ticket_id: str = "1") -> list[tuple[str, str, str]]:
    shown = json.loads(tuidesk("ticket", "show", ticket_id, "--db", db, "--json").stdout)
    return [(e["kind"], e["old"], e["new"]) for e in shown["history"]]


@pytest.mark.parametrize(
    "target",
    ["99999999999999999", "5000000000", "525601", "0", "'99999999999999999h'", "'8761h'"],
)
def test_sla_targets_out_of_range_are_refused_at_load(tmp_path: Path, target: str) -> None:
    """99999999999999999 minutes overflowed; 5000000000 loaded, then every ticket write
    failed with "year 10000 is out of range"."""
    config = tmp_path / "config.toml"
    config.write_text(f"[sla.premium]\nP1 = {{ first_response = {target} }}\n")
    db = tmp_path / "desk.db"
    result = tuidesk(
        "ticket", "new", "--db", str(db), "--subject", "s", "--requester", "c",
        env={"TUIDESK_CONFIG": str(config)},
    )  # fmt: skip
    assert_one_line_error(
        result, str(config), "sla.premium.P1.first_response", "1 minute to 525600 minutes"
    )
    assert not db.exists()  # nothing written


def test_a_target_of_a_year_is_accepted_and_tickets_are_written(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    targets = "first_response = 525600, resolution = '8760h'"
    config.write_text(f"[sla.post_warranty]\nP5 = {{ {targets} }}\n")
    db = str(tmp_path / "desk.db")
    env = {"TUIDESK_CONFIG": str(config)}
    new = tuidesk("ticket", "new", "--db", db, "--subject", "s", "--requester", "c", env=env)
    assert new.returncode == 0, new.stderr
    assert tuidesk("ticket", "note", "1", "--db", db, "--body", "x", env=env).returncode == 0
    policies = json.loads(tuidesk("sla", "policies", "--db", db, "--json", env=env).stdout)
    assert policies["post_warranty"]["targets"]["P5"] == {
        "first_response_minutes": 525600,
        "resolution_minutes": 525600,
    }


def test_ids_beyond_the_database_range_are_no_such_ticket(db_path: Path) -> None:
    db = str(db_path)
    new = tuidesk("ticket", "new", "--db", db, "--subject", "s", "--requester", "c")
    assert new.returncode == 0, new.stderr
    before = history(db)
    huge = "99999999999999999999"
    for args in (
        ("ticket", "show", huge),
        ("ticket", "reply", huge, "--body", "hi"),
        ("ticket", "status", huge, "open"),
        ("sla", "clocks", huge),
    ):
        assert_one_line_error(tuidesk(*args, "--db", db), f"there is no ticket #{huge}")
    # past PostgreSQL's 32-bit ids, which SQLite never reaches
    assert_one_line_error(
        tuidesk("ticket", "merge", "1", "--into", "2147483648", "--db", db),
        "there is no ticket #2147483648",
    )
    assert_one_line_error(tuidesk("kb", "show", huge, "--db", db), f"there is no article #{huge}")
    assert history(db) == before


@pytest.mark.parametrize("command", [("ticket", "list"), ("kb", "search", "printer")])
def test_a_limit_beyond_the_range_is_refused(db_path: Path, command: tuple[str, ...]) -> None:
    result = tuidesk(*command, "--limit", "99999999999999999999", "--db", str(db_path))
    assert_one_line_error(result, "--limit", "0 to 2147483647")


def test_a_database_url_of_an_unknown_kind(tmp_path: Path) -> None:
    result = tuidesk("ticket", "list", "--db", "foo://bar")
    assert_one_line_error(result, "'foo'", "postgresql://")
    result = tuidesk("ticket", "list", "--db", "postgresql+nosuchdriver://u@h/d")
    assert_one_line_error(result, "postgresql+nosuchdriver")


def test_a_refused_postgresql_connection_is_one_line() -> None:
    pytest.importorskip("psycopg")
    result = tuidesk("ticket", "list", "--db", "postgresql://postgres@127.0.0.1:1/test")
    assert_one_line_error(
        result, "cannot connect to the PostgreSQL server at 127.0.0.1:1", "refused", "running"
    )


@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [
        ("--requester", "x" * 100_000, "at most 200"),
        ("--requester", "Jonas\nBecker", "one line"),
        ("--category", "c" * 61, "at most 60"),
        ("--category", "printing\nand more", "one line"),
    ],
    ids=["long-name", "name-on-two-lines", "long-category", "category-on-two-lines"],
)
def test_names_and_categories_have_limits(
    db_path: Path, option: str, value: str, needle: str
) -> None:
    db = str(db_path)
    args = {"--requester": "c", "--category": "", option: value}
    result = tuidesk(
        "ticket", "new", "--db", db, "--subject", "s", "--requester", args["--requester"],
        "--category", args["--category"],
    )  # fmt: skip
    assert_one_line_error(result, needle)
    with raw_sqlite(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM ticket").fetchone() == (0,)
        assert raw.execute("SELECT count(*) FROM customer").fetchone() == (0,)


def test_a_ticket_takes_at_most_20_tags(db_path: Path) -> None:
    db = str(db_path)
    tags = [arg for n in range(21) for arg in ("--tag", f"t{n}")]
    result = tuidesk("ticket", "new", "--db", db, "--subject", "s", "--requester", "c", *tags)
    assert_one_line_error(result, "at most 20 tags")
    result = tuidesk("ticket", "new", "--db", db, "--subject", "s", "--requester", "c", *tags[2:])
    assert result.returncode == 0, result.stderr


def test_a_login_is_ascii_without_a_trailing_newline(db_path: Path) -> None:
    """The pattern's "$" let "bob\\n" through, and IGNORECASE the Kelvin sign for a K."""
    db = str(db_path)
    for login in ("bob\n", "\u212aevin"):
        result = tuidesk("agent", "add", login, "--name", "Bob", "--db", db)
        assert_one_line_error(result, "not a valid login")
    agents = json.loads(tuidesk("agent", "list", "--json", "--db", db).stdout)
    assert len(agents) == 1  # the OS user only


def test_a_slug_with_a_trailing_newline_is_not_imported(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "ok.md").write_text('---\nslug: "abc\\n"\ntitle: T\n---\n## Resolution\nx\n')
    result = tuidesk("kb", "import", str(folder), "--db", str(db_path))
    assert_one_line_error(result, "slug", "not valid")
    with raw_sqlite(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM article").fetchone() == (0,)


def test_deescalating_a_closed_ticket_is_refused(db_path: Path) -> None:
    db = str(db_path)
    steps = [
        ("ticket", "new", "--subject", "s", "--requester", "c"),
        ("ticket", "escalate", "1", "--tier", "2", "--tried", "a", "--theory", "b", "--needs", "c"),
        ("ticket", "status", "1", "resolved", "--note", "fixed"),
        ("ticket", "status", "1", "closed"),
    ]
    for step in steps:
        assert tuidesk(*step, "--db", db).returncode == 0
    before = history(db)
    result = tuidesk("ticket", "deescalate", "1", "--note", "back to you", "--db", db)
    assert_one_line_error(result, "closed")
    for change in (("ticket", "note", "1", "--body", "x"), ("ticket", "status", "1", "open")):
        assert_one_line_error(tuidesk(*change, "--db", db), "closed")
    assert history(db) == before


def test_output_cut_short_by_a_closed_pipe_is_no_traceback(db_path: Path) -> None:
    """`tuidesk ticket list --json | head -1`: the reader goes away mid-output."""
    db = str(db_path)
    assert tuidesk("seed", "--tickets", "1500", "--db", db).returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "tuidesk", "ticket", "list", "--json", "--limit", "1500",
         "--db", db],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"[\n"  # far more than a pipe holds is still to come
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141  # as a shell reports a command ended by SIGPIPE
    assert stderr == ""


def test_urgency_and_impact_by_the_names_the_help_prints(db_path: Path) -> None:
    """The refusal says "1 (high), 2 (medium) or 3 (low)": the names work as the numbers."""
    db = str(db_path)
    new = tuidesk(
        "ticket", "new", "--db", db, "--subject", "Phones down", "--requester", "a@example.com",
        "--urgency", "high", "--impact", "Medium",
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    shown = json.loads(tuidesk("ticket", "show", new.stdout.strip(), "--db", db, "--json").stdout)
    assert (shown["urgency"], shown["impact"], shown["priority"]) == (1, 2, 2)
    wrong = tuidesk(
        "ticket", "new", "--db", db, "--subject", "x", "--requester", "a@example.com",
        "--urgency", "urgent",
    )  # fmt: skip
    assert_one_line_error(wrong, "--urgency", "1 (high), 2 (medium) or 3 (low)")
