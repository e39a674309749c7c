"""Faults of the machine under the desk (issue #8): a network filesystem, a read-only file
or directory, a full disk, a lock held too long, a corrupt file, the file moved away.

Each ends in one clear line from the CLI (exit status 2, no traceback) and, in the app,
in a notification while the app keeps running and the agent's text stays in the editor
and in its draft. As root, which passes every permission check, read-only is made with
the immutable flag (chattr +i), which binds root too; where that is not available the
read-only tests skip and say why.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from textual.widgets import TextArea
from textual.worker import WorkerError

import tuidesk.startup as startup
import tuidesk.storage.sqlite_file as sqlite_file
from tests.conftest import DEMO_OWNER as OWNER
from tests.conftest import FIXED_NOW, Clock, raw_database_edit, raw_sqlite
from tests.test_ticket_screen import kinds, open_first
from tuidesk.app import TuideskApp, make_app
from tuidesk.cli import main
from tuidesk.config import Settings
from tuidesk.demo.build import ensure_demo
from tuidesk.errors import DatabaseError
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.services.desk import Desk
from tuidesk.storage import engine
from tuidesk.storage import errors as storage_errors
from tuidesk.storage.database import open_database
from tuidesk.storage.sqlite_file import filesystem_type

ROOT = os.geteuid() == 0


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The CLI in this process (so a test can shorten the busy timeout): status, stderr."""
    code = main(list(args))
    return code, capsys.readouterr().err


def assert_one_line(code: int, stderr: str, *needles: str) -> str:
    assert code == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("tuidesk: error: ")
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` (a file or a directory) not writable for this process, then writable again.

    chmod for a user; for root, the immutable flag, the one thing root cannot write past
    without lifting it first (ext4, xfs, btrfs; not tmpfs before Linux 6.0)."""
    if ROOT:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"running as root and chattr +i failed ({done.stderr.strip()})")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


LOCK_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another process in a write transaction (BEGIN IMMEDIATE) until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


def tuidesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tuidesk", *args],
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
    )  # fmt: skip


# -- a network filesystem --

MOUNTS = r"""22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
40 27 0:50 / /srv/desk rw,relatime shared:20 - nfs4 fs1:/export/desk rw,vers=4.2
41 27 0:51 / /srv/desk\040share rw,relatime - cifs //nas/desk rw
42 40 254:1 / /srv/desk/local rw,relatime - ext4 /dev/vdb rw
43 27 0:52 / /home/kim/remote rw,nosuid - fuse.sshfs kim@far:/data rw
44 27 0:53 / /mnt/media rw - nfs host:/media rw
45 27 254:2 / /mnt/media rw - xfs /dev/vdc rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/srv/desk/desk.db", "nfs4"),
        ("/srv/desk", "nfs4"),
        ("/srv/desk share/desk.db", "cifs"),  # an escaped space in the mount point
        ("/srv/desk/local/desk.db", "ext4"),  # a local disk mounted inside the NFS share
        ("/srv/deskbackup/desk.db", "ext4"),  # a name that merely starts like a mount
        ("/home/kim/remote/a/b/desk.db", "fuse.sshfs"),
        ("/mnt/media/desk.db", "xfs"),  # mounted over: the mount on top counts
        ("/var/lib/tuidesk/desk.db", "ext4"),
    ],
)
def test_the_filesystem_of_a_path_from_the_mount_table(path: str, kind: str) -> None:
    assert filesystem_type(path, MOUNTS) == kind


@pytest.fixture
def on_nfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A mount table in which tmp_path is an NFS share."""
    table = tmp_path / "mountinfo"
    table.write_text(
        "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
        f"50 27 0:60 / {tmp_path} rw,relatime - nfs4 fs1:/export rw,vers=4.2\n"
    )
    monkeypatch.setattr(sqlite_file, "MOUNT_TABLE", table)
    return tmp_path


def test_a_database_on_a_network_filesystem_is_refused(
    on_nfs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = on_nfs / "desks" / "new.db"
    with pytest.raises(DatabaseError, match=r"network filesystem \(nfs4\)"):
        open_database(new)
    assert not new.parent.exists()  # refused before anything was made
    line = assert_one_line(*cli(capsys, "ticket", "list", "--db", str(new)))
    assert "WAL needs memory shared on one host" in line
    assert "local disk" in line and "--db postgresql://" in line


def test_an_existing_database_moved_to_a_network_share_does_not_start(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(capsys, "ticket", "list", "--db", str(db_path))[0] == 0
    monkeypatch.setattr(sqlite_file, "MOUNT_TABLE", tmp_path / "none")  # no table: no check
    assert startup.quick_actor(db_path) is not None
    table = tmp_path / "mountinfo"
    table.write_text(f"50 1 0:60 / {tmp_path} rw - cifs //nas/desk rw\n")
    monkeypatch.setattr(sqlite_file, "MOUNT_TABLE", table)
    assert startup.quick_actor(db_path) is None  # the full path refuses, with its message
    settings = Settings(db=str(db_path))
    with pytest.raises(DatabaseError, match=r"network filesystem \(cifs\)"):
        make_app(settings)  # what `tuidesk --db …` runs before the first frame


# -- a read-only file or directory --


def test_a_read_only_database_file_is_refused_in_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "ticket", "list", "--db", str(db_path))[0] == 0
    with read_only(db_path):
        code, err = cli(capsys, "ticket", "list", "--db", str(db_path))
        reason = "marked immutable" if ROOT else "read-only for you (-r--r--r--"
        assert_one_line(code, err, "cannot write to the database", reason, "write access")
        with pytest.raises(DatabaseError, match="cannot write to the database"):
            make_app(Settings(db=str(db_path)))
    assert cli(capsys, "ticket", "list", "--db", str(db_path))[0] == 0


def test_a_read_only_directory_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "desk"
    path = folder / "desk.db"
    database = open_database(path)
    database.dispose()  # the last connection gone: no -wal, no -shm left
    assert sorted(p.name for p in folder.iterdir()) == ["desk.db"]
    with read_only(folder):
        code, err = cli(capsys, "ticket", "list", "--db", str(path))
        assert_one_line(
            code, err, f"cannot write in {folder}, where SQLite must create", "desk.db-wal"
        )


# -- a full disk --

WITH_FILE_SIZE_LIMIT = """
import resource, runpy, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not death, past the limit
limit = int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
sys.argv[0] = "tuidesk"
runpy.run_module("tuidesk", run_name="__main__", alter_sys=True)
"""


def test_a_write_past_the_file_size_limit_fails_in_one_line_and_keeps_the_data(
    db_path: Path, desk: Desk, customer_id: int
) -> None:
    """A file-size limit stands in for a tiny filesystem: the write fails half way."""
    before = desk.create_ticket(subject="Printer jams", requester_id=customer_id)
    desk.db.dispose()  # checkpointed: the next write starts a new -wal
    limit = 256 << 10
    result = subprocess.run(
        [sys.executable, "-c", WITH_FILE_SIZE_LIMIT, str(limit), "ticket", "new",
         "--db", str(db_path), "--subject", "Scan", "--requester", "c", "--body", "-"],
        input="scanned page " * 80_000,  # 1 MB: four times what the limit lets through
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert_one_line(result.returncode, result.stderr, "file-size limit (262,144 bytes")
    with raw_sqlite(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        subjects = [s for (s,) in raw.execute("SELECT subject FROM ticket ORDER BY id")]
    assert subjects == [before.subject]


def checkpoint_cut_short(db_path: Path, desk: Desk, customer_id: int) -> str:
    """A note the CLI acknowledged whose checkpoint the file-size limit then cut short:
    the database file ends before its header says, the rest is in the -wal."""
    desk.create_ticket(subject="Printer jams", requester_id=customer_id)
    desk.db.dispose()
    limit = 400 << 10
    body = "scanned page " * 25_000  # about 320 kB: the log holds it, the file cannot
    result = subprocess.run(
        [sys.executable, "-c", WITH_FILE_SIZE_LIMIT, str(limit), "ticket", "note", "1",
         "--db", str(db_path), "--body", "-"],
        input=body, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stdout.strip()) == (0, "noted on #1"), result.stderr
    header = db_path.read_bytes()[:100]  # nothing of this process has the file open
    pages = int.from_bytes(header[28:32], "big") * int.from_bytes(header[16:18], "big")
    assert db_path.stat().st_size < pages, "the checkpoint was not cut short"
    assert Path(f"{db_path}-wal").stat().st_size > 0
    return body


def test_a_checkpoint_cut_short_is_not_called_damage(
    db_path: Path, desk: Desk, customer_id: int
) -> None:
    """SQLite reads the log with the file; a header check of the file alone called this
    healthy database truncated and advised restoring a backup, which would throw the
    acknowledged note away."""
    body = checkpoint_cut_short(db_path, desk, customer_id)
    listed = tuidesk("ticket", "list", "--db", str(db_path))
    assert (listed.returncode, listed.stderr) == (0, "")
    assert "Printer jams" in listed.stdout
    shown = tuidesk("ticket", "show", "1", "--db", str(db_path), "--json")
    assert shown.returncode == 0, shown.stderr
    assert body.strip() in shown.stdout
    noted = tuidesk("ticket", "note", "1", "--db", str(db_path), "--body", "after")
    assert noted.returncode == 0, noted.stderr
    with raw_sqlite(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_app_starts_on_a_checkpoint_cut_short(
    db_path: Path, desk: Desk, customer_id: int
) -> None:
    checkpoint_cut_short(db_path, desk, customer_id)
    assert startup.quick_actor(db_path) is not None  # the early start reads it too
    db = open_database(db_path)
    db.dispose()


def test_a_writer_killed_while_checkpointing_never_makes_the_file_refused(
    db_path: Path, desk: Desk, customer_id: int
) -> None:
    """SIGKILL of a writer in the middle of copying a big log into the file: the file is
    left shorter than its header says until the next checkpoint, and opens each time."""
    desk.create_ticket(subject="Printer jams", requester_id=customer_id)
    desk.db.dispose()
    writer = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute('CREATE TABLE IF NOT EXISTS filler (x)')\n"
        "c.execute('BEGIN')\n"
        "c.executemany('INSERT INTO filler VALUES (randomblob(16000))', [()] * 400)\n"
        "c.execute('COMMIT')\n"
        "print('checkpointing', flush=True)\n"
        "c.execute('PRAGMA wal_checkpoint(PASSIVE)')\n"
        "print('done', flush=True)\n"
    )
    rng = random.Random(16)
    cut_short = 0
    for kill in range(40):
        if cut_short == 3:
            break
        process = subprocess.Popen(
            [sys.executable, "-c", writer, str(db_path)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "checkpointing"
        time.sleep(rng.uniform(0, 0.05))
        process.kill()
        process.wait(30)
        process.stdout.close()
        header = db_path.read_bytes()[:100]
        pages = int.from_bytes(header[28:32], "big") * int.from_bytes(header[16:18], "big")
        cut_short += db_path.stat().st_size < pages
        listed = tuidesk("ticket", "list", "--db", str(db_path))
        assert (listed.returncode, listed.stderr) == (0, ""), f"kill {kill}"
        assert "Printer jams" in listed.stdout
    assert cut_short, "no kill landed inside a checkpoint"


def test_the_reasons_behind_a_disk_io_error(
    db_path: Path, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite says "disk I/O error" for them all; the message says which it is."""
    from sqlalchemy import exc

    error = exc.OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))
    db = desk.db
    assert "run tuidesk doctor" in storage_errors.describe(db, error)

    class Space:
        f_flag, f_bavail, f_frsize = 0, 10, 4096

    monkeypatch.setattr(storage_errors.os, "statvfs", lambda path: Space)
    assert "is full; free some space" in storage_errors.describe(db, error)
    Space.f_flag = os.ST_RDONLY
    assert "went read-only" in storage_errors.describe(db, error)


# -- a lock held past the timeout --


def test_a_lock_held_past_the_timeout_fails_in_one_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "ticket", "list", "--db", str(db_path))[0] == 0
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    with write_lock_held(db_path):
        code, err = cli(
            capsys, "ticket", "new", "--db", str(db_path), "--subject", "s", "--requester", "c"
        )
    assert_one_line(code, err, "stayed locked by another process for 0.3 s", "try again")
    code, _ = cli(capsys, "ticket", "new", "--db", str(db_path), "--subject", "s",
                  "--requester", "c")  # fmt: skip
    assert code == 0


# -- a corrupt file --


def test_garbage_in_the_middle_of_the_file_fails_in_one_line(
    demo_template: Path, db_path: Path
) -> None:
    """Found where it is read (tuidesk doctor finds it anywhere). A smashed second page
    and a truncated file under `ticket list`: tests/test_cli.py."""
    shutil.copyfile(demo_template, db_path)
    data = bytearray(db_path.read_bytes())
    third = len(data) // 3
    data[third : 2 * third] = b"\x5a" * third  # the tickets' and events' pages
    db_path.write_bytes(bytes(data))
    for args in (["stats"], ["ticket", "reply", "3", "--body", "On my way"]):
        result = tuidesk(*args, "--db", str(db_path), "--demo", "--as", "alex")
        assert_one_line(result.returncode, result.stderr, "is corrupt", "restore it from a backup")


def test_garbage_over_the_schema_stops_the_app_before_its_first_frame(
    demo_template: Path, db_path: Path
) -> None:
    shutil.copyfile(demo_template, db_path)
    data = bytearray(db_path.read_bytes())
    data[4096 : 6 * 4096] = b"\x5a" * 5 * 4096  # alembic_version and agent
    db_path.write_bytes(bytes(data))
    result = tuidesk("--db", str(db_path))  # the app
    assert_one_line(result.returncode, result.stderr, "is corrupt", "restore it from a backup")


def test_the_queue_reader_says_corrupt_or_gone_in_the_same_words(
    demo_template: Path, db_path: Path, tmp_path: Path
) -> None:
    """The queue and the knowledge base read with their own connection: its errors are
    the same one line as the desk's, and it never creates a file where none is."""
    from tuidesk.storage.read.queue import VIEW_BY_KEY, QueueReader

    shutil.copyfile(demo_template, db_path)
    reader = QueueReader(str(db_path), me=1, tier=1)
    with raw_database_edit():  # damage from outside while the reader has the file open
        data = bytearray(db_path.read_bytes())
        third = len(data) // 3
        data[third : 2 * third] = b"\x5a" * third
        db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="is corrupt .*restore it from a backup"):
        for key in VIEW_BY_KEY:
            reader.count(VIEW_BY_KEY[key], FIXED_NOW)
        reader._query("SELECT count(*) FROM ticket_event WHERE body LIKE '%x%'", {})
    reader.close()
    missing = tmp_path / "gone.db"
    with pytest.raises(DatabaseError, match="was it moved or deleted"):
        QueueReader(str(missing), me=1, tier=1)
    assert not missing.exists()


# -- the file moved or deleted while tuidesk runs --


def test_a_moved_database_refuses_writes_and_is_not_recreated_empty(
    db_path: Path, desk: Desk, customer_id: int, tmp_path: Path
) -> None:
    ticket = desk.create_ticket(subject="Laptop fan", requester_id=customer_id)
    assert ticket.id is not None
    elsewhere = tmp_path / "archive.db"
    db_path.rename(elsewhere)
    with pytest.raises(DatabaseError, match="was moved, replaced or deleted while tuidesk"):
        desk.reply(ticket.id, "On my way")
    desk.db.engine.dispose()  # a fresh connection must not start an empty database there
    with pytest.raises(DatabaseError, match="was moved, replaced or deleted"):
        desk.get_ticket(ticket.id)
    assert not db_path.exists()
    elsewhere.rename(db_path)  # put back: the same file, so writing goes on
    desk.reply(ticket.id, "On my way")


def test_a_deleted_database_leaves_its_journal_which_is_not_replayed_into_a_new_one(
    db_path: Path, desk: Desk, customer_id: int
) -> None:
    desk.create_ticket(subject="VPN drops", requester_id=customer_id)
    db_path.unlink()  # the connections keep the deleted file; the -wal stays by its name
    with pytest.raises(DatabaseError, match="restore a backup"):
        desk.create_ticket(subject="Lost", requester_id=customer_id)
    assert not db_path.exists()
    with pytest.raises(DatabaseError, match="desk.db-wal holds the changes of a database"):
        open_database(db_path)
    assert not db_path.exists()


def test_a_path_that_needs_quoting_as_a_uri(tmp_path: Path) -> None:
    """The engine opens the file as a file: URI (mode=rw); these characters are escaped."""
    path = tmp_path / "help desk #1?mode=ro&x=%41.db"
    database = open_database(path)
    with database.write() as session:
        session.connection().exec_driver_sql("INSERT INTO vendor (name, contact, phone, "
                                             "response_hours) VALUES ('v', '', '', 8)")  # fmt: skip
    database.dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# -- in the app: the reply is kept, the reason shown, the app goes on --


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database built once for this module's app tests (it takes a second)."""
    path = tmp_path_factory.mktemp("template") / "demo.db"
    database = open_database(path)
    ensure_demo(database, now=FIXED_NOW, owner=OWNER)
    database.dispose()
    return path


def demo_copy(template: Path, path: Path) -> TuideskApp:
    shutil.copyfile(template, path)
    os.chmod(path, 0o660)
    settings = Settings(db=str(path), demo=True, as_login="alex")
    return make_app(settings, db=open_database(path), clock=Clock(FIXED_NOW))


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """tests.helpers.settle, through workers that fail: the fault fails the heartbeat and
    the SLA sweep too (they say so in their own notifications)."""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            with suppress(WorkerError):
                await worker.wait()
        await pilot.pause()


@contextmanager
def file_size_limit(path: Path) -> Iterator[None]:
    """No file of this process may grow past the -wal's size now (SIGXFSZ ignored)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (Path(f"{path}-wal").stat().st_size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


@contextmanager
def fault(kind: str, path: Path) -> Iterator[None]:
    if kind == "locked":
        with write_lock_held(path):
            yield
    elif kind == "read-only":
        with read_only(path):
            yield
    elif kind == "file-size limit":
        with file_size_limit(path):
            yield
    elif kind == "moved":
        path.rename(path.with_name("moved.db"))
        try:
            yield
        finally:
            path.with_name("moved.db").rename(path)
    else:  # deleted, then restored (from a hard link standing in for a backup)
        os.link(path, path.with_name("kept.db"))
        path.unlink()
        try:
            yield
        finally:
            os.link(path.with_name("kept.db"), path)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("locked", "stayed locked by another process for 0.3 s"),
        ("read-only", "marked immutable" if ROOT else "is read-only for you"),
        ("file-size limit", "file-size limit"),
        ("moved", "was moved, replaced or deleted while tuidesk was running"),
        ("deleted", "was moved, replaced or deleted while tuidesk was running"),
    ],
)
async def test_a_reply_refused_by_a_fault_stays_in_the_editor_and_its_draft(
    db_path: Path,
    demo_template: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    reason: str,
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    app = demo_copy(demo_template, db_path)
    text = "The new toner ships today; I will call you at 3."
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot)
        ticket_id = screen.ticket_id
        screen._reader()  # its read connection is open before the file goes anywhere
        before = kinds(app, ticket_id)
        await pilot.press("r")
        app.screen.query_one(TextArea).insert(text)
        with fault(kind, db_path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running
            messages = [str(n.message) for n in app._notifications if n.title == "Not saved"]
            assert len(messages) == 1 and reason in messages[0], messages
            assert isinstance(app.screen, EditorScreen) and app.screen.text == text
            assert reason in str(app.screen.query_one(".notice").render())
            draft = app.drafts.load(f"reply-{ticket_id}")
            assert draft is not None and draft.data["text"] == text
        assert kinds(app, ticket_id) == before  # nothing was written meanwhile
        await pilot.press("ctrl+s")  # the fault is over: the same text goes out
        await settle(pilot)
        assert kinds(app, ticket_id) == [*before, "reply"]
        assert app.desk.history(ticket_id)[-1].event.body == text
        assert app.drafts.load(f"reply-{ticket_id}") is None


async def test_a_lasting_fault_is_said_once_by_the_background_work(db_path: Path) -> None:
    """The sweep (every 30 s) and the presence heartbeat (every 15 s) meet a fault again
    and again while it lasts: the agent is told once, not every round."""
    from tests.helpers import demo_app, settle

    app = demo_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = len(app._notifications)
        for _ in range(3):
            app.notify_background(DatabaseError("the disk holding x is full"), "SLA sweep")
        app.notify_background(DatabaseError("the disk holding x is full"), "Ticket")
        await pilot.pause()
        titles = [n.title for n in list(app._notifications)[before:]]
        assert titles == ["SLA sweep", "Ticket"]


@pytest.mark.parametrize("target", ["/proc/self/mem", "/dev/null", "/sys/kernel/notes"])
def test_a_kernel_file_or_a_device_is_not_a_database(target: str) -> None:
    """/proc/self/mem stats as an empty regular file: SQLite's first write there failed
    as "the disk is full"."""
    if not os.path.exists(target):
        pytest.skip(f"{target} is not on this machine")
    result = tuidesk("ticket", "list", "--db", target)
    line = assert_one_line(result.returncode, result.stderr)
    assert "disk is full" not in line
    assert "not a disk" in line or "not a regular file" in line


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own (root only), unmounted afterwards."""
    where = tmp_path / "small"
    where.mkdir()
    if not ROOT:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(where)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_loses_no_acknowledged_note_and_is_not_called_damage(
    small_disk: Path,
) -> None:
    db = small_disk / "desk.db"
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (256 << 10))  # room to give back afterwards
    new = tuidesk("ticket", "new", "--db", str(db), "--subject", "Printer jams",
                  "--requester", "c@example.com")  # fmt: skip
    assert new.returncode == 0, new.stderr
    acknowledged, full = [], None
    for n in range(40):
        token = f"note-{n}-"
        result = subprocess.run(
            [sys.executable, "-m", "tuidesk", "ticket", "note", "1", "--db", str(db),
             "--body", "-"],
            input=token + "x" * 60_000, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        if result.returncode == 0:
            acknowledged.append(token)
            continue
        full = assert_one_line(result.returncode, result.stderr, "full")
        break
    assert full is not None and acknowledged, "the disk never filled"
    listed = tuidesk("ticket", "list", "--db", str(db))  # still full: reading works
    assert (listed.returncode, listed.stderr) == (0, "")
    filler.unlink()
    after = tuidesk("ticket", "note", "1", "--db", str(db), "--body", "note-after-")
    assert after.returncode == 0, after.stderr
    shown = tuidesk("ticket", "show", "1", "--db", str(db), "--json")
    assert shown.returncode == 0, shown.stderr
    for token in [*acknowledged, "note-after-"]:
        assert shown.stdout.count(token) == 1, token


def test_closing_the_queue_reader_waits_for_a_read_in_flight(
    demo_template: Path, db_path: Path
) -> None:
    """The poll worker may be reading when the screen closes its reader: closing a
    sqlite3 connection under a running statement crashed the process (SIGSEGV)."""
    import threading

    from tuidesk.storage.read.queue import QueueReader

    shutil.copyfile(demo_template, db_path)
    reader = QueueReader(str(db_path), me=1, tier=1)
    closed = threading.Event()
    with reader._lock:  # a read in flight holds the reader's lock
        closer = threading.Thread(target=lambda: (reader.close(), closed.set()))
        closer.start()
        assert not closed.wait(0.3), "close() did not wait for the read"
    closer.join(30)
    assert closed.is_set()
