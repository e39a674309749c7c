"""The queue at scale, measured on the real app in a pseudo-terminal. One figure a line.

    python benchmarks/queue.py [--tickets 1000000] [--db PATH] [--moves 300]
    python benchmarks/queue.py --tickets 2000 --ticket-only   # the ticket screen's bytes

Seeds a database of N tickets (or reuses --db if it already holds them), runs the real
`tuidesk` command in a pseudo-terminal (no display; a terminal is what it draws to),
types keys into it and times the frames it writes back:
- start_bare_table_ms: process start to the first frame of a bare Textual app showing
  one static table (the baseline, measured in this run, the same way);
- start_first_rows_ms: process start to tuidesk's first frame with queue rows;
- start_ratio: the two divided (the bar is 1.5);
- cursor_move_median_ms / cursor_move_p95_ms: a key press (j) to its frame;
- page_down_p95_ms, view_switch_p95_ms, resort_p95_ms: PgDn, the number keys and s,
  each until the last frame it causes (rows read in a worker come a frame later);
- idle_cpu_ms_per_s: the app's CPU time per second while idle, countdowns ticking;
- peak_rss_mb: the app process's peak resident memory.

And the bytes the app writes to its terminal (read from the pty's master once the output
settles), which is what an agent on a slow SSH link waits for:
- bare_table_cursor_move_bytes_mean / _median: a bare Textual DataTable of as many
  columns, the same moves (the baseline, measured in this run);
- cursor_move_bytes_mean / _median / _max: tuidesk's queue, the same moves (down arrow
  from the top, scrolling included);
- page_down_bytes_median, refresh_unchanged_bytes (r, nothing changed meanwhile);
- idle_bytes_per_s: a minute idle, countdowns running; form_idle_bytes_per_s: the
  filter form open over the queue, its cursor blinking;
- ticket_idle_bytes_per_s, ticket_line_scroll_bytes_median, ticket_page_bytes_median:
  the ticket screen on a ticket of LONG_NOTES notes (made once in the database); a line
  scroll has the terminal move the lines (a scrolling region) and writes the new one.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named queue.py, like the standard library module that Textual imports:
# take its folder off the import path before anything imports `queue`.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import fcntl  # noqa: E402
import os  # noqa: E402
import pty  # noqa: E402
import select  # noqa: E402
import statistics  # noqa: E402
import struct  # noqa: E402
import tempfile  # noqa: E402
import termios  # noqa: E402
import time  # noqa: E402

SIZE = (40, 120)  # rows, columns
QUIET = 0.05  # seconds without output that end a burst of frames
BARE = """
from textual.app import App
from textual.widgets import DataTable

class Bare(App):
    def compose(self):
        table = DataTable()
        table.add_columns("#", "Subject")
        table.add_row("1", "A static row")
        yield table

Bare().run()
"""
ROW_WORDS = (b"open", b"new", b"wait", b"hold")
SETTLED = 0.3  # seconds without output that end the output of a key, for byte counts
DOWN, PAGE_DOWN = b"\x1b[B", b"\x1b[6~"
# the queue's columns at 120 columns, with rows of about its width, for the same moves
BARE_TABLE = """
from textual.app import App
from textual.widgets import DataTable

class Bare(App):
    def compose(self):
        table = DataTable(cursor_type="row")
        table.add_columns("#", "P", "Status", "L", "SLA", "Subject", "Requester",
                          "Organization", "Assignee", "Upd")
        for n in range(2000):
            table.add_row(str(100000 + n), "P3", "open", "1", "3h 05m",
                          "Printer on floor 3 prints blank pages", "Customer Name",
                          "Organization 07", "agent01", "2d")
        yield table

Bare().run()
"""
LONG_SUBJECT = "Benchmark: a long ticket to scroll"
LONG_NOTES = 300


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


class Terminal:
    """A program running in a pseudo-terminal of SIZE, with timed reads of its output."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self.fd, 1 << 20)
        except OSError:
            return b""

    def wait_for(self, *needles: bytes, limit: float = 60) -> float:
        """Seconds since start until all `needles` were written (across frames)."""
        seen = b""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            seen += self.read(0.5)
            if all(n in seen for n in needles):
                return time.perf_counter() - self.started
            seen = seen[-200_000:]
        raise RuntimeError(f"{needles} never appeared")

    def wait_for_any_row(self, limit: float = 60) -> float:
        seen = b""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            seen += self.read(0.5)
            if b"Subject" in seen and any(w in seen for w in ROW_WORDS):
                return time.perf_counter() - self.started
        raise RuntimeError("no queue row appeared")

    def drain(self, quiet: float = QUIET) -> None:
        while self.read(quiet):
            pass

    def output_of(self, data: bytes) -> int:
        """Bytes written after typing `data`, until the output settles."""
        self.drain(SETTLED)
        os.write(self.fd, data)
        written = len(self.read(30))
        while chunk := self.read(SETTLED):
            written += len(chunk)
        return written

    def bytes_per_second(self, seconds: float) -> float:
        began, written = time.perf_counter(), 0
        while time.perf_counter() < began + seconds:
            written += len(self.read(0.2))
        return written / (time.perf_counter() - began)

    def key(self, data: bytes, *, until_quiet: bool) -> float:
        """Milliseconds from typing `data` to its first frame, or to its last one."""
        self.drain()
        began = time.perf_counter()
        os.write(self.fd, data)
        first = self.read(30)
        if not first:
            raise RuntimeError(f"no frame after {data!r}")
        last = time.perf_counter()
        if until_quiet:
            while self.read(QUIET):
                last = time.perf_counter()
        return (last - began) * 1000

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        """Quit with q, reading what it writes meanwhile: a full pty would block it."""
        try:
            os.write(self.fd, b"q")
        except OSError:
            return
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            self.read(0.05)
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                return
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)


def start_bare(env: dict[str, str]) -> float:
    terminal = Terminal([sys.executable, "-c", BARE], env)
    elapsed = terminal.wait_for(b"A static row")
    terminal.stop()
    return elapsed * 1000


def start_tuidesk(db: Path, env: dict[str, str]) -> float:
    terminal = Terminal([sys.executable, "-m", "tuidesk", "--db", str(db)], env)
    elapsed = terminal.wait_for_any_row()
    terminal.stop()
    return elapsed * 1000


def bare_table_bytes(env: dict[str, str], moves: int) -> list[int]:
    terminal = Terminal([sys.executable, "-c", BARE_TABLE], env)
    terminal.wait_for(b"Printer on floor 3")
    terminal.drain(SETTLED)
    written = [terminal.output_of(DOWN) for _ in range(moves)]
    terminal.stop()
    return written


def ensure_long_ticket(db: Path) -> None:
    """A ticket of LONG_NOTES notes, assigned to the agent running this (view 1)."""
    from tuidesk.services.desk import Desk
    from tuidesk.services.identity import resolve_actor
    from tuidesk.storage.database import open_database

    database = open_database(db)
    try:
        desk = Desk(database, resolve_actor(database))
        with database.engine.connect() as connection:
            raw = connection.connection.driver_connection
            found = raw.execute("SELECT id FROM ticket WHERE subject = ?", (LONG_SUBJECT,))
            if found.fetchone() is not None:
                return
        customer = desk.find_or_create_customer("long.ticket@example.com")
        ticket = desk.create_ticket(
            subject=LONG_SUBJECT, requester_id=customer.id, description="Scrolled through."
        )
        for n in range(LONG_NOTES):
            desk.add_note(ticket.id, f"Note {n}: " + "checked the spooler and the cable; " * 4)
        desk.take(ticket.id)
    finally:
        database.dispose()


def ensure_database(db: Path, tickets: int) -> None:
    from tuidesk.seed import seed_database
    from tuidesk.storage.database import open_database

    database = open_database(db)
    try:
        with database.engine.connect() as connection:
            raw = connection.connection.driver_connection
            have = raw.execute("SELECT count(*) FROM ticket").fetchone()[0]
        if have < tickets:
            seed_database(database, tickets=tickets - have)
    finally:
        database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--moves", type=int, default=300)
    parser.add_argument("--byte-moves", type=int, default=100)
    parser.add_argument("--bytes-only", action="store_true", help="skip the timings")
    parser.add_argument(
        "--ticket-only", action="store_true",
        help="only the ticket screen's bytes (idle, line scroll, page); with a small "
        "--tickets it takes a minute",
    )  # fmt: skip
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="tuidesk-bench-")
    db = args.db or Path(folder) / "queue.db"
    env = {**os.environ, "TERM": "xterm-256color", "XDG_DATA_HOME": folder}
    for name in ("NO_COLOR", "COLUMNS", "LINES"):  # the size is the pty's own
        env.pop(name, None)
    # the first start writes the bytecode cache, as it would for any user (pip install
    # compiles it); without one, every start would compile tuidesk from source anew
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["XDG_DATA_HOME"] = folder  # the agent row goes in the bench db only
    ensure_database(db, args.tickets)
    ensure_long_ticket(db)
    print(f"tickets {args.tickets}")
    if args.ticket_only:
        ticket_bytes(db, env)
        return
    if not args.bytes_only:
        timings(db, env, args.moves)
    byte_counts(db, env, args.byte_moves)
    ticket_bytes(db, env)


def timings(db: Path, env: dict[str, str], moves: int) -> None:
    start_tuidesk(db, env)  # warm the file cache and the bytecode cache, as any 2nd start
    start_bare(env)
    # interleaved, so that a machine slowing down or speeding up meanwhile (shared
    # cores) weighs on both alike
    bares, ourses = [], []
    for _ in range(7):
        bares.append(start_bare(env))
        ourses.append(start_tuidesk(db, env))
    bare, ours = statistics.median(bares), statistics.median(ourses)
    print(f"start_bare_table_ms {bare:.0f}")
    print(f"start_first_rows_ms {ours:.0f}")
    print(f"start_ratio {ours / bare:.2f}")

    terminal = Terminal([sys.executable, "-m", "tuidesk", "--db", str(db)], env)
    terminal.wait_for_any_row()
    # after the first frame the service layer (the ORM) loads in a worker for about a
    # second; the moves below measure the app as it is from then on
    time.sleep(3)
    keys = [terminal.key(b"j", until_quiet=False) for _ in range(moves)]
    print(f"cursor_move_median_ms {statistics.median(keys):.1f}")
    print(f"cursor_move_p95_ms {percentile(keys, 0.95):.1f}")
    pages = [terminal.key(b"\x1b[6~", until_quiet=True) for _ in range(60)]
    print(f"page_down_p95_ms {percentile(pages, 0.95):.1f}")
    switches = [terminal.key(k.encode(), until_quiet=True) for _ in range(6) for k in "1234567"]
    print(f"view_switch_p95_ms {percentile(switches, 0.95):.1f}")
    terminal.key(b"6", until_quiet=True)
    sorts = [terminal.key(b"s", until_quiet=True) for _ in range(21)]
    print(f"resort_p95_ms {percentile(sorts, 0.95):.1f}")
    terminal.output_of(b"6")  # back to its own order: no frame if it is that already
    settle = time.perf_counter() + 5  # let reads started by the keys above finish
    while time.perf_counter() < settle:
        terminal.read(0.2)
    cpu, began = terminal.cpu_seconds(), time.perf_counter()
    terminal.bytes_per_second(10)  # keeps the pty drained while the countdowns tick
    spent = (terminal.cpu_seconds() - cpu) * 1000 / (time.perf_counter() - began)
    print(f"idle_cpu_ms_per_s {spent:.1f}")
    print(f"peak_rss_mb {terminal.peak_rss_mb():.0f}")
    terminal.stop()


def byte_counts(db: Path, env: dict[str, str], moves: int) -> None:
    bare = bare_table_bytes(env, moves)
    print(f"bare_table_cursor_move_bytes_mean {statistics.mean(bare):.0f}")
    print(f"bare_table_cursor_move_bytes_median {statistics.median(bare):.0f}")
    terminal = Terminal([sys.executable, "-m", "tuidesk", "--db", str(db)], env)
    terminal.wait_for_any_row()
    terminal.output_of(b"6")
    time.sleep(3)  # as above: the service layer loads
    written = [terminal.output_of(DOWN) for _ in range(moves)]
    print(f"cursor_move_bytes_mean {statistics.mean(written):.0f}")
    print(f"cursor_move_bytes_median {statistics.median(written):.0f}")
    print(f"cursor_move_bytes_max {max(written)}")
    pages = [terminal.output_of(PAGE_DOWN) for _ in range(20)]
    print(f"page_down_bytes_median {statistics.median(pages):.0f}")
    print(f"refresh_unchanged_bytes {terminal.output_of(b'r')}")
    terminal.output_of(b"g")  # the top: the nearest due times, the ones that tick
    # a minute: every countdown shown in minutes changes once in it
    print(f"idle_bytes_per_s {terminal.bytes_per_second(60):.1f}")
    terminal.output_of(b"f")  # a form over the queue: its cursor blinks
    print(f"form_idle_bytes_per_s {terminal.bytes_per_second(10):.1f}")
    terminal.stop()


def ticket_bytes(db: Path, env: dict[str, str]) -> None:
    """The ticket screen on the long ticket (the only one in view 1, My tickets)."""
    terminal = Terminal([sys.executable, "-m", "tuidesk", "--db", str(db)], env)
    terminal.wait_for_any_row()
    terminal.output_of(b"1")
    terminal.drain(SETTLED)
    os.write(terminal.fd, b"\r")
    terminal.wait_for(b"HISTORY")
    terminal.drain(3)  # the ticket's later reads (suggested articles, presence) land first
    print(f"ticket_idle_bytes_per_s {terminal.bytes_per_second(10):.1f}")
    lines = [terminal.output_of(b"j") for _ in range(30)]
    print(f"ticket_line_scroll_bytes_median {statistics.median(lines):.0f}")
    pages = [terminal.output_of(PAGE_DOWN) for _ in range(10)]
    print(f"ticket_page_bytes_median {statistics.median(pages):.0f}")
    terminal.stop()


if __name__ == "__main__":
    main()
