"""Shared fixtures: every test gets its own data and config directories and database."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database

FIXED_NOW = datetime(2026, 11, 18, 10, 30, tzinfo=UTC)  # a Wednesday morning

# -- no Python file handle on a database this process holds open --
# On POSIX, closing any descriptor of a file drops every lock the process holds on it,
# SQLite's included: another process then deletes this one's -wal under it, and its
# writes are lost (SQLite's "How To Corrupt An SQLite Database File", 2.2). The hook
# makes that mistake fail loudly wherever the suite runs tuidesk's code in-process.
_SQLITE_SUFFIXES = (".db", ".db-wal", ".db-shm", ".sqlite", ".sqlite-wal", ".sqlite-shm")
_raw_open_allowed = threading.local()


def _held_open(path: str) -> bool:
    """Whether a descriptor of this process is open on `path` already (SQLite's)."""
    target = os.path.realpath(path)
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return False
    for fd in descriptors:
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == target:
                return True
        except OSError:
            continue
    return False


def _refuse_raw_open_of_held_databases(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or getattr(_raw_open_allowed, "yes", False):
        return
    path = args[0]
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str) or not path.endswith(_SQLITE_SUFFIXES):
        return
    if _held_open(path):
        raise RuntimeError(
            f"{path} was opened with Python's file API while this process holds it open "
            "through SQLite: closing that handle drops the process's SQLite locks"
        )


sys.addaudithook(_refuse_raw_open_of_held_databases)


@contextmanager
def raw_sqlite(path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that commits and is closed at the end of the block
    (`with sqlite3.connect(...)` only commits, and leaves the file open)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


@contextmanager
def raw_database_edit() -> Iterator[None]:
    """For a test that damages a database file on purpose while it has it open."""
    _raw_open_allowed.yes = True
    try:
        yield
    finally:
        _raw_open_allowed.yes = False


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the user's real data or config directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("TUIDESK_DB", raising=False)
    monkeypatch.delenv("TUIDESK_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors do not blink in tests: a snapshot would catch the cursor on or off."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.__dict__["cursor_blink"], "_default", False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


# The PostgreSQL half of the suite: set TUIDESK_TEST_POSTGRES to a server URL whose
# user may create databases (.ci/run does when pg_isready answers on 127.0.0.1:5432).
POSTGRES_URL = os.environ.get("TUIDESK_TEST_POSTGRES", "")
POSTGRES_SKIP = (
    "PostgreSQL half skipped: set TUIDESK_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/test "
    "(a server where that user may create databases) and install '.[dev,postgres]'"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "backends: run the module's database tests on SQLite and PostgreSQL"
    )
    config.addinivalue_line("markers", "sqlite_only: a test of SQLite itself (files, pragmas)")
    config.addinivalue_line("markers", "postgresql: the PostgreSQL run of a backends test")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked `backends` run every test that uses the database on both."""
    marked = metafunc.definition.get_closest_marker
    if "backend" in metafunc.fixturenames and marked("backends") and not marked("sqlite_only"):
        metafunc.parametrize(
            "backend",
            ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)],
            indirect=True,
        )


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


class PostgresServer:
    """Fresh databases on the test server: each a copy of one migrated template."""

    def __init__(self, url: str, worker: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.base = make_url(url).set(drivername="postgresql+psycopg")
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.prefix = f"tuidesk_{worker}_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self._drop(self.template)
        self._create(self.template)
        migrated = open_database(self.base.set(database=self.template).render_as_string(False))
        migrated.dispose()

    def _create(self, name: str, template: str = "template0") -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

    def _drop(self, name: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def new_database(self) -> tuple[str, str]:
        name = f"{self.prefix}_{uuid.uuid4().hex[:8]}"
        self._create(name, self.template)
        return name, self.base.set(database=name).render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        self._drop(name)

    def close(self) -> None:
        self._drop(self.template)
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if not POSTGRES_URL:
        pytest.skip(POSTGRES_SKIP)
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip(POSTGRES_SKIP)
    server = PostgresServer(POSTGRES_URL, os.environ.get("PYTEST_XDIST_WORKER", "main"))
    yield server
    server.close()


@pytest.fixture
def db_target(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """What `--db` would be given: the SQLite file, or a fresh PostgreSQL database's URL."""
    if backend == "sqlite":
        yield str(db_path)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name, url = server.new_database()
    yield url
    server.drop(name)


@cache
def migrated_template() -> Path:
    """One SQLite file migrated to the head, closed, once per test process (so once per
    xdist worker): tests start from copies of it, as the PostgreSQL half starts from a
    template database (migrating a fresh file costs several times more than copying one)."""
    folder = Path(tempfile.mkdtemp(prefix="tuidesk-migrated-"))
    atexit.register(shutil.rmtree, folder, True)
    template = folder / "migrated.db"
    open_database(template).dispose()  # checkpointed: no -wal or -shm beside it
    return template


def copy_of_migrated(path: Path) -> None:
    """Put an empty database at the schema head at `path`, which must not exist yet,
    made 0660 as open_database makes a new file."""
    assert not path.exists(), f"{path} exists already"
    # the template is closed and the copy not yet open: no SQLite lock to drop
    shutil.copyfile(migrated_template(), path)
    path.chmod(0o660)


@pytest.fixture
def db(db_target: str, backend: str) -> Iterator[Database]:
    if backend == "sqlite" and not os.path.exists(db_target):
        # the template is closed and this copy not yet open: no SQLite lock to drop
        shutil.copyfile(migrated_template(), db_target)
    database = open_database(db_target)
    yield database
    database.dispose()


DEMO_OWNER = ("alex", "Alex Demo")


@cache
def demo_template() -> Path:
    """The demo desk built at FIXED_NOW for DEMO_OWNER, once per test process: it plays
    every ticket's story through the services, which takes seconds. Tests copy it."""
    from tuidesk.demo.build import ensure_demo

    folder = Path(tempfile.mkdtemp(prefix="tuidesk-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    template = folder / "demo.db"
    database = open_database(template)
    try:
        ensure_demo(database, now=FIXED_NOW, owner=DEMO_OWNER)
    finally:
        database.dispose()  # checkpointed: the one file holds it all
    return template


def copy_of_demo(path: Path) -> None:
    """Put a copy of the demo desk at `path`, which must not exist yet."""
    # the template is closed and the copy not yet open: no SQLite lock to drop
    shutil.copyfile(demo_template(), path)


class Clock:
    """A settable "now" for tests."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(db: Database, clock: Clock) -> Desk:
    """The OS user's desk; as the first user of a new database they are admin."""
    return Desk(db, resolve_actor(db), clock)


@pytest.fixture
def customer_id(desk: Desk) -> int:
    customer = desk.find_or_create_customer("jonas.becker@northwind.example")
    assert customer.id is not None
    return customer.id
