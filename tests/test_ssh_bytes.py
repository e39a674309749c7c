"""What the app writes to its terminal, counted in a pseudo-terminal of 120x40.

Agents run tuidesk over SSH, where every byte written is latency. These run the real
app in its own process and count the bytes read from the terminal's master side after
each key, once the output has settled: a cursor move writes its two lines, not the page
(it wrote 10.6 KB, a bare Textual DataTable 4.1 KB); an idle minute writes the
countdowns that changed, not their rows; an open ticket writes nothing while idle (it
was written out whole twice a second), a form over the queue only its blinking cursor;
a line scrolled in a ticket its new line (the view was written whole, 7.5 KB).

What the app writes also goes through a terminal emulator (pyte), so that a test can
check that what the terminal shows after the app drew only some lines is right.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from datetime import timedelta
from pathlib import Path

import pyte

from tests.conftest import FIXED_NOW, Clock
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database

ROWS, COLUMNS = 40, 120
SETTLED = 0.5  # seconds without output that end what one key wrote
TICKETS = 90  # more than two pages at 40 lines
MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")
# the app as the CLI makes it, with a clock that a SIGUSR1 moves on by one minute
FAKE_CLOCK_APP = """
import signal, sys
from datetime import datetime, timedelta
from tuidesk.app import make_app
from tuidesk.config import Settings

now = [datetime.fromisoformat(sys.argv[2])]
def a_minute_later(*_):
    now[0] += timedelta(minutes=1)
signal.signal(signal.SIGUSR1, a_minute_later)
make_app(Settings(db=sys.argv[1]), clock=lambda: now[0]).run()
"""


class Terminal:
    """A process in a pseudo-terminal of COLUMNS x ROWS; what it writes, by key."""

    def __init__(self, argv: list[str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        for name in ("NO_COLOR", "COLUMNS", "LINES"):  # the size is the terminal's own
            env.pop(name, None)
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.screen = pyte.Screen(COLUMNS, ROWS)  # what the terminal shows
        self._stream = pyte.ByteStream(self.screen)

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 1 << 20)
        except OSError:
            return b""
        self._stream.feed(data)
        return data

    def shown(self) -> list[str]:
        """The terminal's lines as they read now (colours aside)."""
        return list(self.screen.display)

    def until_shown(self, text: str, limit: float = 60) -> None:
        """Read until `text` is on the terminal's screen."""
        deadline = time.monotonic() + limit
        while not any(text in line for line in self.screen.display):
            assert self.process.poll() is None, "the app exited"
            assert time.monotonic() < deadline, f"{text!r} never shown: {self.shown()}"
            self.read(0.5)
        self.until_settled(first_within=SETTLED)

    def until_settled(self, first_within: float = 60) -> bytes:
        """Output up to the first pause of SETTLED seconds (waiting `first_within`
        seconds for its start; b"" if nothing came)."""
        out = self.read(first_within)
        while out and (chunk := self.read(SETTLED)):
            out += chunk
        return out

    def wait_for(self, needle: bytes, limit: float = 60) -> bytes:
        seen = b""
        deadline = time.monotonic() + limit
        while needle not in ESCAPES.sub(b"", seen):
            assert self.process.poll() is None, f"the app exited: {seen[-2000:]!r}"
            assert time.monotonic() < deadline, f"{needle!r} never shown"
            seen += self.read(0.5)
        return seen + self.until_settled(first_within=SETTLED)

    def quiet(self, seconds: float = 3, limit: float = 30) -> None:
        """Read until nothing came for `seconds` (or for `limit` seconds at most):
        start-up's late frames (the desk loading in a worker, the views counted, the
        first sweep) are not a key's."""
        deadline = time.monotonic() + limit
        while self.read(seconds) and time.monotonic() < deadline:
            pass

    def key(self, data: bytes) -> bytes:
        """What typing `data` writes, up to the first pause."""
        self.until_settled(first_within=0)
        os.write(self.master, data)
        return self.until_settled(first_within=30)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)
        os.close(self.master)


def desk_of_running_clocks(path: Path) -> Desk:
    """TICKETS tickets opened two hours before FIXED_NOW: every response clock runs (in
    hours and minutes), none near its warning, and their age changes only by the hour."""
    db = open_database(path)
    clock = Clock(FIXED_NOW - timedelta(hours=2))
    desk = Desk(db, resolve_actor(db), clock)
    customer = desk.find_or_create_customer("bytes@example.com")
    for n in range(TICKETS):
        # P4: an 8-hour response target, due this afternoon, shown in hours and minutes
        desk.create_ticket(
            subject=f"Printer {n} prints blank pages", requester_id=customer.id,
            impact=2, urgency=3,
        )  # fmt: skip
    clock.now = FIXED_NOW
    desk.sweep_sla()
    return desk


def start(path: Path) -> Terminal:
    """The app on that desk at FIXED_NOW, in a terminal."""
    desk_of_running_clocks(path).db.dispose()
    return Terminal([sys.executable, "-c", FAKE_CLOCK_APP, str(path), FIXED_NOW.isoformat()])


LONG_NOTES = 60  # a ticket of several pages
F5 = b"\x1b[15~"


def start_on_a_long_ticket(path: Path) -> Terminal:
    """The app on that desk, open on a ticket of LONG_NOTES notes of two lines each."""
    desk = desk_of_running_clocks(path)
    customer = desk.find_or_create_customer("long.ticket@example.com")
    ticket = desk.create_ticket(
        subject="A long ticket to scroll", requester_id=customer.id, impact=2, urgency=3
    )
    for n in range(LONG_NOTES):
        desk.add_note(ticket.id, f"Note {n}: " + "checked the spooler and the cable; " * 4)
    desk.take(ticket.id)  # alone in view 1, My tickets
    desk.db.dispose()
    terminal = Terminal([sys.executable, "-c", FAKE_CLOCK_APP, str(path), FIXED_NOW.isoformat()])
    terminal.wait_for(b"Printer 30 prints")
    terminal.quiet()
    os.write(terminal.master, b"1")
    terminal.until_shown("A long ticket")
    os.write(terminal.master, b"\r")
    terminal.until_shown("HISTORY (")
    terminal.quiet()  # the ticket's later reads: suggestions, presence
    return terminal


def redrawn(terminal: Terminal) -> list[str]:
    """The terminal's lines after the ticket is read and drawn again in place (F5)."""
    terminal.key(F5)
    terminal.quiet(seconds=1)
    return terminal.shown()


def lines_written(output: bytes) -> set[int]:
    """The terminal lines something was written on (not where the cursor was parked)."""
    pieces = MOVE.split(output)  # text, row, column, text, row, column, text …
    return {int(pieces[i]) for i in range(1, len(pieces), 3) if pieces[i + 2]}


def test_a_cursor_move_writes_its_two_lines_not_the_page(db_path: Path) -> None:
    terminal = start(db_path)
    try:
        terminal.wait_for(b"Printer 30 prints")  # unassigned in my tier: all of them
        terminal.quiet()
        within = terminal.key(b"\x1b[B")
        assert len(lines_written(within)) <= 3, within  # the two rows (and the cursor)
        outputs = [terminal.key(b"\x1b[B") for _ in range(60)]  # across pages
        moves = [len(output) for output in outputs]
        assert all(moves), moves  # every move drew something
        assert statistics.median(moves) < 1500, moves
        assert statistics.mean(moves) < 3000, moves
        # the cursor went down to the 62nd row, scrolling the rows below the first page in
        assert b"Printer 61 prints" in ESCAPES.sub(b"", outputs[-1])
        assert b"Printer 70 prints" in ESCAPES.sub(b"", b"".join(outputs))
    finally:
        terminal.close()


def test_an_idle_minute_writes_only_the_countdowns_that_changed(db_path: Path) -> None:
    terminal = start(db_path)
    try:
        screen = terminal.wait_for(b"Printer 30 prints")  # unassigned in my tier: all
        countdowns = set(re.findall(rb"\d+h \d\dm", ESCAPES.sub(b"", screen)))
        assert countdowns, screen  # running clocks, shown in minutes
        terminal.quiet()
        terminal.process.send_signal(signal.SIGUSR1)  # a minute passes
        tick = terminal.until_settled(first_within=30)
        shown = ESCAPES.sub(b"", tick)
        later = set(re.findall(rb"\d+h \d\dm", shown))
        assert later and later != countdowns, tick  # the countdowns moved on
        assert b"Printer" not in shown, tick  # their rows' other cells were not redrawn
        rows_on_screen = ROWS - 4  # header, view bar, column labels, footer
        assert len(lines_written(tick)) <= rows_on_screen, tick
        assert len(tick) < rows_on_screen * 200, len(tick)
    finally:
        terminal.close()


def test_an_open_ticket_writes_nothing_while_idle(db_path: Path) -> None:
    terminal = start(db_path)
    try:
        terminal.wait_for(b"Printer 30 prints")
        terminal.quiet()
        os.write(terminal.master, b"\r")
        terminal.wait_for(b"HISTORY")
        terminal.quiet()  # the ticket's reads, the first poll
        idle = b""
        deadline = time.monotonic() + 5  # the screen was written whole twice a second
        while time.monotonic() < deadline:
            idle += terminal.read(0.5)
        assert len(idle) < 500, idle
    finally:
        terminal.close()


def test_a_form_over_the_queue_writes_only_its_own_cursor_while_idle(db_path: Path) -> None:
    terminal = start(db_path)
    try:
        terminal.wait_for(b"Printer 30 prints")
        terminal.quiet()
        os.write(terminal.master, b"f")
        terminal.wait_for(b"Filter the queue")
        terminal.quiet(seconds=1, limit=5)  # the cursor blinks: never quiet for long
        idle = b""
        deadline = time.monotonic() + 5  # the screen was written whole 3 times a second
        while time.monotonic() < deadline:
            idle += terminal.read(0.5)
        assert len(idle) < 5000, len(idle)
        assert b"Printer" not in ESCAPES.sub(b"", idle), idle  # the queue beneath stays
    finally:
        terminal.close()


def test_a_line_scrolled_in_a_ticket_writes_that_line_not_the_view(db_path: Path) -> None:
    """The terminal moves the view's lines itself (a scrolling region); the app writes
    the line that came in and the scrollbar cells that changed. What the terminal then
    shows is what drawing the ticket again shows."""
    terminal = start_on_a_long_ticket(db_path)
    try:
        opened = terminal.shown()
        downs = [terminal.key(b"j") for _ in range(20)]
        ups = [terminal.key(b"k") for _ in range(6)]
        sizes = [len(output) for output in downs + ups]
        assert all(sizes), sizes  # every key moved the text
        assert statistics.median(sizes) < 1500, sizes  # the whole view was 7.5 KB
        assert max(sizes) < 3000, sizes
        scrolled = terminal.shown()
        assert scrolled != opened
        assert "A long ticket to scroll" in scrolled[1]  # the header stays where it was
        assert redrawn(terminal) == scrolled
        pages = [terminal.key(b"\x1b[6~") for _ in range(2)]  # a page is drawn whole
        assert all(pages)
        assert terminal.shown() == redrawn(terminal)
    finally:
        terminal.close()


def test_a_ticket_scrolled_under_a_notice_or_after_a_form_still_shows_right(
    db_path: Path,
) -> None:
    """A notice drawn over the text is not moved with the lines (the view is drawn whole
    while it shows), nor is what an editor left: what the terminal shows is what drawing
    the ticket again shows, and a line scrolled after them writes its line again."""
    terminal = start_on_a_long_ticket(db_path)
    try:
        for _ in range(5):
            terminal.key(b"j")
        terminal.key(b"]")  # the only ticket of the view: a notice says it is the last
        assert any("last ticket" in line for line in terminal.shown())
        for key in (b"j", b"j", b"k", b"j"):
            terminal.key(key)
        assert any("last ticket" in line for line in terminal.shown())  # it stays
        assert terminal.shown() == redrawn(terminal)
        terminal.quiet(seconds=2, limit=15)  # the notice goes
        assert not any("last ticket" in line for line in terminal.shown())
        assert len(terminal.key(b"j")) < 1500
        terminal.key(b"r")  # the reply editor over the ticket, closed untouched
        terminal.key(b"\x1b")
        terminal.quiet(seconds=1)
        terminal.key(b"j")  # the first draws the view whole: the editor was over it
        sizes = [len(terminal.key(key)) for key in (b"j", b"j", b"k")]
        assert max(sizes) < 1500, sizes
        assert terminal.shown() == redrawn(terminal)
    finally:
        terminal.close()
