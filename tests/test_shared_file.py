"""The real app in a terminal, beside command-line processes writing the same file.

On POSIX, closing any descriptor of a file drops every lock the process holds on it.
A running app that once opened its own database with Python's `open()` lost its SQLite
locks that way; the next CLI process then took the app's write-ahead log for abandoned,
checkpointed and deleted it, and every later write of the app went to a deleted file,
lost when it exited. Here the app runs as a user runs it (its own process, in a
pseudo-terminal, keys typed), four CLI processes write beside it, and then the app
writes: afterwards no descriptor of the app points at a deleted file, and every write
of the app and of the CLIs is in the history once the app has exited.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database

ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()=>78]")
WRITERS = 4
NOTES_EACH = 3


class TerminalApp:
    """`tuidesk` in a pseudo-terminal of 80x24: keys in, the screen's text out."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tuidesk", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def text(self, since: int = 0) -> str:
        with self._lock:
            raw = bytes(self.output[since:])
        return ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")

    def mark(self) -> int:
        with self._lock:
            return len(self.output)

    def wait_for(self, needle: str, since: int = 0, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text(since):
            assert self.process.poll() is None, f"the app exited: {self.text()[-2000:]}"
            assert time.monotonic() < deadline, f"{needle!r} never shown: {self.text()[-2000:]}"
            time.sleep(0.1)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def deleted_files(self) -> list[str]:
        fds = Path(f"/proc/{self.process.pid}/fd")
        links = []
        for fd in fds.iterdir():
            try:
                links.append(os.readlink(fd))
            except OSError:
                continue
        return [link for link in links if link.endswith("(deleted)")]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)
        os.close(self.master)


def history_bodies(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return [row[0] for row in connection.execute("SELECT body FROM ticket_event")]
    finally:
        connection.close()


def wait_for_body(app: TerminalApp, path: Path, token: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not any(token in body for body in history_bodies(path)):
        assert time.monotonic() < deadline, f"{token} never saved: {app.text()[-2000:]}"
        time.sleep(0.2)


def app_note(app: TerminalApp, path: Path, token: str) -> None:
    """Open the ticket under the cursor, write an internal note, send it."""
    mark = app.mark()
    app.type("\r")
    app.wait_for("HISTORY", since=mark)  # the ticket is read and shown
    mark = app.mark()
    app.type("i")
    app.wait_for("Internal note", since=mark)
    mark = app.mark()
    app.type(token)
    app.wait_for(token, since=mark)  # in the editor
    app.type("\x13")  # ctrl+s
    wait_for_body(app, path, token)
    app.type("\x1b")  # back to the queue
    time.sleep(0.5)


def test_the_running_app_keeps_its_locks_while_the_command_line_writes(db_path: Path) -> None:
    db = open_database(db_path)
    desk = Desk(db, resolve_actor(db))  # a second start: the early start reads ahead
    customer = desk.find_or_create_customer("lock@example.com")
    ids = [
        desk.create_ticket(subject=f"Lockcheck printer {n}", requester_id=customer.id).id
        for n in range(WRITERS)
    ]
    db.dispose()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    app = TerminalApp(["--db", str(db_path)], env)
    try:
        app.wait_for("Lockcheck")
        app_note(app, db_path, "app-note-before")

        def write_notes(writer: int, results: list[tuple[str, int, str]]) -> None:
            for n in range(NOTES_EACH):
                token = f"cli-note-{writer}-{n}"
                done = subprocess.run(
                    [sys.executable, "-m", "tuidesk", "--db", str(db_path), "ticket", "note",
                     str(ids[writer]), "--body", token],
                    capture_output=True, text=True, env=env, timeout=120,
                )  # fmt: skip
                results.append((token, done.returncode, done.stderr))

        results: list[tuple[str, int, str]] = []
        threads = [threading.Thread(target=write_notes, args=(w, results)) for w in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert len(results) == WRITERS * NOTES_EACH
        assert [r for r in results if r[1] != 0] == []

        app_note(app, db_path, "app-note-after")
        assert app.deleted_files() == []
        assert Path(f"{db_path}-wal").exists()  # the app's log is still where SQLite looks
        mark = app.mark()
        app.type("q")
        app.process.wait(60)
        assert app.process.returncode == 0, app.text(mark)[-2000:]
    finally:
        app.close()

    bodies = history_bodies(db_path)
    for token in ["app-note-before", "app-note-after", *(r[0] for r in results)]:
        assert sum(token in body for body in bodies) == 1, token
