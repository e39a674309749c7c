"""Files written and read outside the database (issue #16): never through a planted link.

In a directory others can write to, a colleague can put a symbolic link (or a hard link)
where tuidesk is about to write, or a trap where it is about to read. `kb export`,
`backup` and the backup kept before a migration create their files exclusively and
rename them into place; `kb import` checks the permission first, reads regular files of
a bounded size only and parses front matter without YAML aliases.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.test_cli import assert_one_line_error, digest
from tests.test_migrations import bare
from tuidesk.errors import TuideskError, ValidationError
from tuidesk.services.desk import Desk
from tuidesk.services.kb_files import parse_markdown
from tuidesk.services.maintenance import backup
from tuidesk.storage import migrate

# The CLI under a known umask, and with a cap on its memory so that a test of a parser
# that expands aliases fails by running out of memory, not by taking the machine down.
UNDER_LIMITS = """
import os, resource, runpy, sys
os.umask(0o022)
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
cap = 2 << 30
resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))
sys.argv[0] = "tuidesk"
runpy.run_module("tuidesk", run_name="__main__", alter_sys=True)
"""

ONE_MIB = 1 << 20
ARTICLE = "---\ntitle: {title}\nstatus: published\n---\n## Resolution\n\n{resolution}\n"


def tuidesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", UNDER_LIMITS, *map(str, args)],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def articles_in(db_path: Path) -> list[str]:
    with closing(sqlite3.connect(db_path)) as raw:
        return [title for (title,) in raw.execute("SELECT title FROM article ORDER BY id")]


@pytest.fixture
def vpn_desk(desk: Desk) -> Desk:
    """A desk with one internal article whose file is `vpn-setup.md`."""
    desk.kb.create(title="VPN setup", status="published", resolution="1. Install the client.")
    return desk


@pytest.fixture
def alice(tmp_path: Path) -> Path:
    """Another user's files, which a planted link points at."""
    home = tmp_path / "alice"
    home.mkdir()
    (home / ".bashrc").write_text("alias ls='ls --color'\n")
    return home


# kb export


def test_export_refuses_a_planted_symlink_and_leaves_its_target_alone(
    db_path: Path, vpn_desk: Desk, alice: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "vpn-setup.md").symlink_to(alice / ".bashrc")
    result = tuidesk("--db", db_path, "kb", "export", shared)
    assert_one_line_error(result, "vpn-setup.md is a symbolic link", "remove it")
    assert (alice / ".bashrc").read_text() == "alias ls='ls --color'\n"
    assert os.listdir(shared) == ["vpn-setup.md"]  # nothing else written either


def test_exported_files_are_new_files_readable_by_owner_and_group(
    db_path: Path, vpn_desk: Desk, alice: Path, tmp_path: Path
) -> None:
    vpn_desk.kb.create(title="Printer offline")
    shared = tmp_path / "shared"
    shared.mkdir()
    # an old export, and a hard link to alice's file where the new one goes
    (shared / "printer-offline.md").write_text("old text")
    (shared / "printer-offline.md").chmod(0o644)
    os.link(alice / ".bashrc", shared / "vpn-setup.md")
    result = tuidesk("--db", db_path, "kb", "export", shared)
    assert result.returncode == 0, result.stderr
    assert (alice / ".bashrc").read_text() == "alias ls='ls --color'\n"
    assert sorted(os.listdir(shared)) == ["printer-offline.md", "vpn-setup.md"]
    assert "1. Install the client." in (shared / "vpn-setup.md").read_text()
    assert "title: Printer offline" in (shared / "printer-offline.md").read_text()
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in shared.iterdir()}
    assert modes == {"printer-offline.md": "0o640", "vpn-setup.md": "0o640"}
    # a directory export makes is closed to other users too
    result = tuidesk("--db", db_path, "kb", "export", tmp_path / "new" / "kb")
    assert result.returncode == 0, result.stderr
    assert oct((tmp_path / "new" / "kb").stat().st_mode & 0o777) == "0o750"


def test_export_refuses_a_directory_that_is_a_symlink(
    db_path: Path, vpn_desk: Desk, alice: Path, tmp_path: Path
) -> None:
    (tmp_path / "kb").symlink_to(alice)
    result = tuidesk("--db", db_path, "kb", "export", tmp_path / "kb")
    assert_one_line_error(result, "kb is a symbolic link", "name the directory itself")
    assert os.listdir(alice) == [".bashrc"]


def test_export_refuses_a_stored_slug_that_is_not_a_file_name(
    db_path: Path, vpn_desk: Desk, tmp_path: Path
) -> None:
    with closing(sqlite3.connect(db_path)) as raw, raw:
        raw.execute("UPDATE article SET slug = '../outside'")
    result = tuidesk("--db", db_path, "kb", "export", tmp_path / "kb")
    assert_one_line_error(result, "'../outside'", "not a valid file name")
    assert not (tmp_path / "outside.md").exists()
    assert list((tmp_path / "kb").iterdir()) == []


# kb import


def alias_bomb() -> str:
    """Front matter of some 360 bytes whose title expands to 9**9 words (a billion laughs)."""
    levels = ["&a [" + ",".join(["lol"] * 9) + "]"]
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"&{name} [" + ",".join([f"*{before}"] * 9) + "]")
    return ARTICLE.format(title="[" + ", ".join(levels) + "]", resolution="x")


def test_import_refuses_an_alias_bomb_at_once_and_writes_nothing(
    db_path: Path, desk: Desk, tmp_path: Path
) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "a-fine-one.md").write_text(ARTICLE.format(title="Fine", resolution="1. Step"))
    (folder / "bomb.md").write_text(alias_bomb())
    assert len(alias_bomb().encode()) < 400
    result = tuidesk("--db", db_path, "kb", "import", folder)
    assert_one_line_error(result, "bomb.md: the front matter uses a YAML alias (*a)")
    assert articles_in(db_path) == []


def test_import_asks_for_the_permission_before_it_reads_a_file(
    db_path: Path, desk: Desk, tmp_path: Path
) -> None:
    desk.add_agent("lena", name="Lena L1", tier=1)
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    result = tuidesk("--db", db_path, "--as", "lena", "kb", "import", folder)
    assert_one_line_error(result, "only L2-L4 agents and leads may import articles")


def test_import_refuses_a_file_too_large_for_an_article(
    db_path: Path, desk: Desk, tmp_path: Path
) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "huge.md").write_text(ARTICLE.format(title="Huge", resolution="x" * ONE_MIB))
    result = tuidesk("--db", db_path, "kb", "import", folder)
    assert_one_line_error(result, "huge.md is larger than an article file may be (1 MiB)")
    assert articles_in(db_path) == []


@pytest.mark.parametrize("trap", ["symlink", "fifo"])
def test_import_reads_regular_files_only(
    db_path: Path, desk: Desk, alice: Path, tmp_path: Path, trap: str
) -> None:
    """A link would import what its target holds (alice's private notes); a pipe would
    never end."""
    folder = tmp_path / "kb"
    folder.mkdir()
    notes = alice / "notes.md"
    notes.write_text(ARTICLE.format(title="My passwords", resolution="hunter2"))
    if trap == "symlink":
        (folder / "notes.md").symlink_to(notes)
        expected = "notes.md is a symbolic link; import reads regular files only"
    else:
        os.mkfifo(folder / "notes.md")
        expected = "notes.md is not a regular file"
    result = tuidesk("--db", db_path, "kb", "import", folder)
    assert_one_line_error(result, expected)
    assert articles_in(db_path) == []


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ("title: " + "[" * 12 + "x" + "]" * 12, "nested more than 8 levels deep"),
        ("title: x\nid: " + "1" * 5000, "cannot be read"),
        ("title: 2026-02-30", "cannot be read"),
        ("title: &t x\ncategory: *t", "uses a YAML alias (*t)"),
        ("title: [unclosed", "not valid YAML"),
    ],
    ids=["deep", "huge-integer", "no-such-date", "alias", "broken"],
)
def test_hostile_front_matter_names_the_file_and_the_problem(front: str, problem: str) -> None:
    with pytest.raises(ValidationError, match="^x.md: ") as refused:
        parse_markdown(f"---\n{front}\n---\n## Resolution\nx\n", "x.md")
    assert problem in str(refused.value)


# backup


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """Another desk's database, which a planted link points at."""
    path = tmp_path / "other" / "desk.db"
    path.parent.mkdir()
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("CREATE TABLE precious (x)")
        raw.execute("INSERT INTO precious VALUES ('keep me')")
    return path


def test_backup_refuses_a_planted_partial_symlink(
    db_path: Path, vpn_desk: Desk, victim: Path, tmp_path: Path
) -> None:
    before = digest(victim)
    partial = tmp_path / ".copy.db.partial"
    partial.symlink_to(victim)
    result = tuidesk("--db", db_path, "backup", tmp_path / "copy.db")
    assert_one_line_error(result, ".copy.db.partial is in the way", "remove it and try again")
    assert digest(victim) == before
    assert partial.is_symlink() and not (tmp_path / "copy.db").exists()


def test_backup_refuses_a_partial_file_swapped_for_a_link_before_sqlite_opens_it(
    db_path: Path, vpn_desk: Desk, victim: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite opens the partial file by its name, after tuidesk made it: a colleague who
    swaps it for a link in between finds the copy refused before anything is written."""
    connect = sqlite3.connect

    def swapped_first(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(database).endswith(".partial"):
            os.unlink(database)  # type: ignore[arg-type]
            os.symlink(victim, database)  # type: ignore[arg-type]
        return connect(database, *args, **kwargs)  # type: ignore[arg-type]

    before = digest(victim)
    monkeypatch.setattr(sqlite3, "connect", swapped_first)
    with pytest.raises(TuideskError, match="copy.db.partial was replaced before the copy"):
        backup(db_path, tmp_path / "copy.db")
    assert digest(victim) == before
    assert not (tmp_path / "copy.db").exists()


def test_backup_is_not_disturbed_by_links_beside_its_partial_file(
    db_path: Path, vpn_desk: Desk, victim: Path, tmp_path: Path
) -> None:
    """SQLite refuses to open a -journal, -wal or -shm through a link; the copy needs none."""
    before = digest(victim)
    for suffix in ("-journal", "-wal", "-shm"):
        (tmp_path / f".copy.db.partial{suffix}").symlink_to(victim)
    result = tuidesk("--db", db_path, "backup", tmp_path / "copy.db")
    assert result.returncode == 0, result.stderr
    assert digest(victim) == before
    with closing(sqlite3.connect(tmp_path / "copy.db")) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT title FROM article").fetchall() == [("VPN setup",)]
    assert oct((tmp_path / "copy.db").stat().st_mode & 0o777) == "0o600"
    assert not (tmp_path / ".copy.db.partial").exists()


def test_the_backup_before_a_migration_never_writes_through_a_link(
    db_path: Path, victim: Path
) -> None:
    old = bare(db_path)
    migrate.upgrade(old, "0001")
    old.dispose()
    before = digest(victim)
    # the backup's name holds the second it is made: links for every second of the test
    now = datetime.now(UTC)
    for second in range(-5, 120):
        stamp = (now + timedelta(seconds=second)).strftime("%Y%m%d%H%M%S")
        (db_path.parent / f"desk.db.bak-0001-{stamp}").symlink_to(victim)
    result = tuidesk("--db", db_path, "ticket", "list")
    assert_one_line_error(result, "was not migrated", "the name of its backup, is taken")
    assert digest(victim) == before
    with closing(sqlite3.connect(db_path)) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
