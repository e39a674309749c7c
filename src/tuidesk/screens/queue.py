"""The ticket queue: the home screen. Reads one page of rows at a time, never the table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState

from tuidesk import sla, workflow
from tuidesk.services.sla_clocks import nearest_clock
from tuidesk.storage.queries import QueueRow
from tuidesk.text import literal, literal_text, notify_literal, one_line
from tuidesk.widgets.sla_badge import badge_cell

PAGE_SIZE = 200
COLUMNS = (  # label, key, width
    ("#", "id", 6),
    ("P", "priority", 2),
    ("Status", "status", 9),
    ("L", "tier", 1),
    ("SLA", "sla", 10),
    ("Subject", "subject", 0),
    ("Requester", "requester", 14),
    ("Assignee", "assignee", 8),
    ("Upd", "updated", 3),
)
NARROW_DROPS = {"tier", "updated"}  # below 100 columns
STATUS_SHORT = {
    workflow.NEW: "new",
    workflow.OPEN: "open",
    workflow.PENDING_CUSTOMER: "wait cust",
    workflow.PENDING_VENDOR: "wait vend",
    workflow.ON_HOLD: "on hold",
    workflow.RESOLVED: "resolved",
    workflow.CLOSED: "closed",
}


def age(moment: datetime, now: datetime) -> str:
    """A short relative time: 45s, 12m, 5h, 3d, 8w."""
    seconds = max(int((now - moment).total_seconds()), 0)
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@dataclass
class QueuePage:
    rows: list[QueueRow]
    total: int
    before_id: int | None
    clocks: list[sla.ClockState | None]


class QueueScreen(Screen[None]):
    """Active tickets, newest first, a page at a time."""

    BINDINGS = [
        Binding("enter", "open_ticket", "Open", id="queue.open", priority=True),
        Binding("r", "refresh", "Refresh", id="queue.refresh"),
        Binding(
            "right_square_bracket,pagedown",
            "next_page",
            "Next page",
            id="queue.next_page",
            key_display="]",
        ),
        Binding(
            "left_square_bracket",
            "previous_page",
            "Prev page",
            id="queue.previous_page",
            key_display="[",
        ),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("g", "top", "Top", show=False, id="queue.top"),
    ]

    class Loaded(Message):
        def __init__(self, page: QueuePage) -> None:
            super().__init__()
            self.page = page

    def __init__(self) -> None:
        super().__init__()
        self._page_starts: list[int | None] = [None]
        self._columns = list(COLUMNS)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the queue…", id="queue-title")
        table: DataTable[object] = DataTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        wide = self.app.size.width >= 100
        self._columns = [c for c in COLUMNS if wide or c[1] not in NARROW_DROPS]
        # each cell has one space of padding either side; the scrollbar takes two columns
        others = sum(width + 2 for _, key, width in self._columns if key != "subject")
        for label, key, width in self._columns:
            if key == "subject":  # the subject takes what the other columns leave
                width = max(self.app.size.width - 2 - others - 2, 10)
            table.add_column(label, key=key, width=width)
        self.load_page(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue")
    def load_page(self, before_id: int | None) -> None:
        desk = self.app.desk  # type: ignore[attr-defined]
        rows = desk.queue(workflow.ACTIVE_STATUSES, limit=PAGE_SIZE, before_id=before_id)
        total = desk.count_tickets(workflow.ACTIVE_STATUSES)
        now = desk.clock()
        clocks = [
            nearest_clock(
                desk.rules,
                priority=row.priority,
                sla_policy=row.sla_policy,
                plan=row.plan,
                timezone=row.timezone,
                first_response_due_at=row.first_response_due_at,
                resolution_due_at=row.resolution_due_at,
                sla_due_at=row.sla_due_at,
                resolution_paused_left=row.resolution_paused_left,
                now=now,
            )
            for row in rows
        ]
        self.post_message(self.Loaded(QueuePage(rows, total, before_id, clocks)))

    @on(Loaded)
    def show_page(self, message: Loaded) -> None:
        page = message.page
        table = self.query_one(DataTable)
        now = self.app.desk.clock()  # type: ignore[attr-defined]
        table.clear()
        for row, clock in zip(page.rows, page.clocks, strict=True):
            cells = {
                "id": str(row.id),
                "priority": f"P{row.priority}",
                "status": STATUS_SHORT.get(row.status, row.status),
                "tier": str(row.tier),
                "sla": badge_cell(clock),
                "subject": literal_text(one_line(row.subject)),
                "requester": literal_text(one_line(row.requester)),
                "assignee": literal_text(row.assignee or "—"),
                "updated": age(row.updated_at, now),
            }
            table.add_row(*(cells[key] for _, key, _ in self._columns), key=str(row.id))
        start = (len(self._page_starts) - 1) * PAGE_SIZE
        shown = f"{start + 1}–{start + len(page.rows)}" if page.rows else "none"
        self.query_one("#queue-title", Static).update(
            literal(f"Active tickets: {shown} of {page.total:,}, newest first")
        )

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            notify_literal(self, event.worker.error, severity="error", title="Queue")

    def action_open_ticket(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        row_key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        if row_key is not None:
            from tuidesk.screens.ticket import TicketScreen

            self.app.push_screen(TicketScreen(int(row_key)))

    @on(DataTable.RowSelected)
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_ticket()

    def action_refresh(self) -> None:
        self.load_page(self._page_starts[-1])

    def action_next_page(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count < PAGE_SIZE:
            return
        last_key = table.coordinate_to_cell_key((table.row_count - 1, 0)).row_key.value
        self._page_starts.append(int(last_key or 0))
        self.load_page(self._page_starts[-1])

    def action_previous_page(self) -> None:
        if len(self._page_starts) > 1:
            self._page_starts.pop()
            self.load_page(self._page_starts[-1])

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_top(self) -> None:
        self.query_one(DataTable).move_cursor(row=0)
