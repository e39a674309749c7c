"""The queue's ticket list: a line-API widget that renders only the rows on screen.

It holds a sparse cache of rows by position and asks for the ones it lacks (a message
to its screen, which reads them in a worker); it never holds the whole view. SLA
countdowns are re-rendered every second from the stored due times of the visible rows.

Every byte written reaches the agent's terminal, often over a slow SSH link, and Textual
writes every line of a region marked dirty: a cursor move marks its two lines, a
countdown its cell, rows read off screen nothing. Textual cannot scroll the terminal,
so a scroll writes the whole page: the cursor leaving the page moves it half a page
(vim's `scrolljump`, mutt's paging), not a line, and the rows ahead are read before a
page down reaches them, so that it writes one frame, not one of "…" and then the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuidesk.domain import sla, workflow
from tuidesk.storage.read.queue import Row
from tuidesk.text import one_line
from tuidesk.widgets.sla_badge import badge_text, state_style

CACHE_LIMIT = 3000  # rows kept around the viewport
MARGIN = 60  # rows read beyond the viewport on each side
READ_AHEAD_PAGES = 2  # pages beyond the viewport that are read before they are shown
STATUS_SHORT = {
    workflow.NEW: "new",
    workflow.OPEN: "open",
    workflow.PENDING_CUSTOMER: "wait cust",
    workflow.PENDING_VENDOR: "wait vend",
    workflow.ON_HOLD: "on hold",
    workflow.RESOLVED: "resolved",
    workflow.CLOSED: "closed",
}


class Column(NamedTuple):
    key: str
    label: str
    width: int  # 0: takes the room the others leave


COLUMNS = (
    Column("id", " #", 7),  # a space for the selection mark
    Column("priority", "P", 2),
    Column("status", "Status", 9),
    Column("tier", "L", 2),  # room for the arrow when sorted by tier
    Column("sla", "SLA", 10),
    Column("subject", "Subject", 0),
    Column("requester", "Requester", 16),
    Column("organization", "Organization", 16),
    Column("assignee", "Assignee", 9),
    Column("updated", "Upd", 4),
)
# the column that shows each sort of the read model
SORT_COLUMNS = {
    "due": "sla",
    "priority": "priority",
    "updated": "updated",
    "created": "id",
    "status": "status",
    "tier": "tier",
    "subject": "subject",
    "resolved_at": "updated",
}
# dropped first to last as the terminal narrows: the subject is what an agent reads a
# queue by, so at 80 columns it keeps the room and Upd and Assignee go
DROP_ORDER = ("organization", "updated", "assignee", "tier")
MIN_SUBJECT = 24


def age(moment: datetime, now: datetime) -> str:
    """A short relative time: 45s, 12m, 5h, 3d, 8w."""
    seconds = max(int((now - moment).total_seconds()), 0)
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def layout(width: int, keep: str | None = None) -> list[tuple[Column, int]]:
    """The columns that fit `width`, each with its width (one space between columns).

    The column `keep` (the sorted one) is never dropped: its header's arrow is how the
    queue says what it is sorted by."""
    columns = list(COLUMNS)
    droppable = [key for key in DROP_ORDER if key != keep]
    for key in (None, *droppable):
        if key is not None:
            columns = [c for c in columns if c.key != key]
        fixed = sum(c.width + 1 for c in columns if c.width)
        if width - fixed - 1 >= MIN_SUBJECT or key == droppable[-1]:
            break
    fixed = sum(c.width + 1 for c in columns if c.width)
    return [(c, c.width or max(width - fixed - 1, 8)) for c in columns]


def fit(text: str, width: int) -> str:
    if len(text) > width:
        return text[: max(width - 1, 0)] + "…"
    return text.ljust(width)


class TicketList(ScrollView, can_focus=True):
    """Queue rows by position; the screen feeds it windows of rows."""

    COMPONENT_CLASSES = {"ticket-list--cursor", "ticket-list--pending", "ticket-list--header"}
    DEFAULT_CSS = """
    TicketList { height: 1fr; overflow-x: hidden; }
    TicketList > .ticket-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    TicketList:blur > .ticket-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: none;
    }
    TicketList > .ticket-list--pending { color: $text-muted; }
    TicketList > .ticket-list--header { text-style: bold; background: $boost; }
    """
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("j", "cursor_down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("g,home", "first", "Top", show=False),
        Binding("G,end", "last", "Bottom", show=False),
        Binding("enter", "open", "Open", show=False, id="queue.open"),
        Binding("space", "toggle_select", "Select", show=False, id="queue.select"),
    ]

    # not a repaint of the widget: watch_cursor marks the two lines that change
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class NeedRows(Message):
        """The list lacks rows from `start` on; `after` is the cached row before them."""

        def __init__(self, start: int, count: int, after: Row | None) -> None:
            super().__init__()
            self.start = start
            self.count = count
            self.after = after

    class SelectionChanged(Message):
        """Tickets were selected or unselected for a bulk action."""

    class Opened(Message):
        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self,
        *,
        clock: Callable[[], datetime],
        clock_for: Callable[[Row, datetime], sla.ClockState | None],
        id: str | None = None,  # noqa: A002 - Textual's parameter name
    ) -> None:
        super().__init__(id=id)
        self.now = clock
        self.clock_for = clock_for
        self.total = 0
        self.generation = 0
        self.rows: dict[int, Row] = {}
        self.selected: set[int] = set()
        # reads under way for this generation: start -> end (exclusive)
        self._requested: dict[int, int] = {}
        self._columns = layout(80)
        self._layout_for: tuple[int, str | None] = (80, None)
        # what each drawn row showed of the time-dependent cells, so a tick redraws only
        # the lines whose countdown or age text changed
        self._shown: dict[int, tuple[str, str, str]] = {}
        self._style_cache: dict[str, Style] = {}
        self._strips: dict[int, tuple[tuple[object, ...], Strip]] = {}  # by position
        self._timed: dict[int, tuple[int, Row, tuple[str, str, str]]] = {}  # by ticket id
        self.sort_key = "due"
        self.descending = False
        # what each line of the widget shows (see _line_key): a reload marks dirty only
        # the lines whose content it changed, not the page
        self._drawn: dict[int, tuple[object, ...]] = {}
        self._behind = False  # lines changed while another screen was on top

    # -- data in --

    def reset(self, total: int, cursor: int = 0) -> None:
        """A new view or new data: forget the rows, keep the cursor where asked."""
        self.generation += 1
        self.total = total
        self.rows.clear()
        self._shown.clear()
        self._strips.clear()
        self._timed.clear()
        self._requested.clear()
        self.virtual_size = Size(self.content_width, total + 1)  # + the header line
        # no line marked dirty yet: add_rows marks the ones the new rows change
        self.set_reactive(TicketList.cursor, min(cursor, max(total - 1, 0)))
        # (the rows come next, with the view: nothing to read ahead yet)
        if not self.scroll_to_region_for(self.cursor, read_ahead=False):
            self.call_later(self._refresh_changed_lines)  # should no rows follow

    def add_rows(self, generation: int, start: int, rows: list[Row]) -> None:
        """Rows read for positions `start`…; stale generations are ignored."""
        if generation != self.generation:
            return
        for offset, row in enumerate(rows):
            self.rows[start + offset] = row
            self._shown.pop(start + offset, None)
        self._requested.pop(start, None)
        if len(self.rows) > CACHE_LIMIT:
            top = self.scroll_offset.y
            for position in [p for p in self.rows if abs(p - top) > CACHE_LIMIT // 2]:
                row = self.rows.pop(position)
                self._shown.pop(position, None)
                self._strips.pop(position, None)
                self._timed.pop(row.id, None)
        # rows read ahead, or read again unchanged, change nothing on screen
        self._refresh_changed_lines()
        self._read_ahead()

    @property
    def current(self) -> Row | None:
        return self.rows.get(self.cursor)

    # -- rendering --

    @property
    def content_width(self) -> int:
        """The width rows are drawn in: the widget's, less its scrollbar."""
        return self.scrollable_content_region.width or self.size.width

    def on_resize(self) -> None:
        self.virtual_size = Size(self.content_width, self.total + 1)

    @property
    def columns(self) -> list[tuple[Column, int]]:
        """The columns for the current width (a scrollbar coming or going changes it)."""
        layout_for = (self.content_width, SORT_COLUMNS.get(self.sort_key))
        if layout_for != self._layout_for:
            self._columns, self._layout_for = layout(*layout_for), layout_for
        return self._columns

    def set_sort(self, sort_key: str, descending: bool) -> None:
        self.sort_key, self.descending = sort_key, descending
        self._strips.clear()  # the sorted column is always shown: the columns may change
        self.refresh()

    def header_text(self) -> str:
        """The column labels, the sorted column marked with ↑ or ↓."""
        sorted_column = SORT_COLUMNS.get(self.sort_key)
        arrow = "↓" if self.descending else "↑"
        return " ".join(
            fit(f"{c.label}{arrow}" if c.key == sorted_column else c.label, w)
            for c, w in self.columns
        )

    @property
    def page(self) -> int:
        """How many rows fit under the header."""
        return max(self.size.height - 1, 1)

    def shows_sort_column(self, sort_key: str) -> bool:
        return any(c.key == SORT_COLUMNS.get(sort_key) for c, _ in self.columns)

    def _style(self, name: str) -> Style:
        """The widget's (name "") or a component's Rich style, looked up once."""
        style = self._style_cache.get(name)
        if style is None:
            style = self.get_component_rich_style(name) if name else self.rich_style
            self._style_cache[name] = style
        return style

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        self._strips.clear()
        super().notify_style_update()

    def _line_key(self, y: int, now: datetime) -> tuple[object, ...]:
        """What line `y` of the widget shows: equal keys draw equal lines."""
        width = self.content_width
        if y == 0:
            return ("header", self.header_text(), width)
        position = self.scroll_offset.y + y - 1
        if position >= self.total:
            return ("blank", width)
        row = self.rows.get(position)
        if row is None:
            return ("pending", width)
        timed = self._timed_texts(row, now)
        return (row, position == self.cursor, row.id in self.selected, width, timed)

    def _refresh_changed_lines(self) -> None:
        """Mark dirty the lines whose content differs from what was drawn there."""
        now, width = self.now(), self.content_width
        for y in range(self.size.height):
            if self._drawn.get(y) != self._line_key(y, now):
                self._mark(Region(0, y, width, 1))

    def _mark(self, region: Region) -> None:
        """Mark `region` of the widget dirty; under another screen, all of it for when
        the queue is back: Textual repaints the top screen for a screen beneath."""
        if self.is_mounted and self.screen.is_current:
            self.refresh(region)
        else:
            self._behind = True

    def screen_resumed(self) -> None:
        """The queue is on top again: draw what changed meanwhile."""
        if self._behind:
            self._behind = False
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_width
        now = self.now()
        key = self._line_key(y, now)
        self._drawn[y] = key
        if y == 0:  # the header stays while the rows scroll under it
            style = self._style("ticket-list--header")
            return Strip([Segment(fit(self.header_text(), width), style)], width)
        position = self.scroll_offset.y + y - 1
        if position >= self.total:
            return Strip.blank(width, self._style(""))  # styled: filters need a style
        row = self.rows.get(position)
        if row is None:
            self._want(position)
            style = self._style("ticket-list--pending")
            return Strip([Segment(fit("  …", width), style)], width)
        self._shown[position] = self._timed_texts(row, now)
        # a line is drawn again only when something on it changed: scrolling by one
        # line then draws one new line, not the whole page
        cached = self._strips.get(position)
        if cached is not None and cached[0] == key:
            return cached[1]
        base = self._style("")
        if position == self.cursor:
            base = base + self._style("ticket-list--cursor")
        segments: list[Segment] = []
        for column, column_width in self.columns:
            text, style = self._cell(column.key, row, now)
            segments.append(Segment(fit(text, column_width), base + style))
            segments.append(Segment(" ", base))
        # cells of one style drawn as one segment: Textual's work on every frame that
        # shows the line (cropping, filters) is per segment
        strip = Strip(list(Segment.simplify(segments))).adjust_cell_length(width, base)
        self._strips[position] = (key, strip)
        return strip

    def _cell(self, key: str, row: Row, now: datetime) -> tuple[str, Style]:
        plain = Style()
        if key == "id":
            mark = "●" if row.id in self.selected else " "
            return f"{mark}{row.id}", plain
        if key == "priority":
            return f"P{row.priority}", Style(bold=row.priority == 1)
        if key == "status":
            return STATUS_SHORT.get(row.status, row.status), plain
        if key == "tier":
            return str(row.tier), plain
        if key == "sla":
            clock = self.clock_for(row, now)
            if clock is None:
                return "", plain
            style = state_style(clock.state, self.app.no_color)
            return badge_text(clock, now), Style.parse(style or "none")
        if key == "subject":
            return one_line(row.subject), plain
        if key == "requester":
            return one_line(row.requester), plain
        if key == "organization":
            return one_line(row.organization), plain
        if key == "assignee":
            return row.assignee or "—", plain
        return age(row.updated_at, now), plain

    def _want(self, position: int) -> None:
        """Ask for the rows around `position`, unless a read under way brings it."""
        if any(start <= position < end for start, end in self._requested.items()):
            return
        start = max(position - MARGIN // 2, 0)
        while start < position and start in self.rows:
            start += 1
        count = self.page + 2 * MARGIN
        self._requested[start] = start + count
        self.post_message(self.NeedRows(start, count, self.rows.get(start - 1)))

    def _timed_texts(self, row: Row, now: datetime) -> tuple[str, str, str]:
        """The countdown, its state and the age of `row`, worked out once a second."""
        second = int(now.timestamp())
        cached = self._timed.get(row.id)
        if cached is not None and cached[0] == second and cached[1] is row:
            return cached[2]
        clock = self.clock_for(row, now)
        texts = (
            badge_text(clock, now) if clock else "",
            clock.state if clock else "",
            age(row.updated_at, now),
        )
        self._timed[row.id] = (second, row, texts)
        return texts

    def tick(self) -> None:
        """Redraw the cells whose countdown or age text changed; reads nothing."""
        if self._behind:
            return  # all of it is drawn when the queue is back
        now = self.now()
        top = self.scroll_offset.y
        for position in range(top, min(top + self.page, self.total)):
            row = self.rows.get(position)
            if row is None:
                continue
            shown, texts = self._shown.get(position), self._timed_texts(row, now)
            if shown is None or shown == texts:
                continue
            y = position - top + 1  # + the header line
            if shown[:2] != texts[:2]:
                self._refresh_cell("sla", y)
            if shown[2] != texts[2]:
                self._refresh_cell("updated", y)

    def _refresh_cell(self, key: str, y: int) -> None:
        """Mark one column's cell on line `y` dirty (the line, if that column is not shown)."""
        x = 0
        for column, width in self.columns:
            if column.key == key:
                self._mark(Region(x, y, width, 1))
                return
            x += width + 1
        self._mark(Region(0, y, self.content_width, 1))

    def _refresh_rows(self, position: int, count: int = 1) -> None:
        """Mark the lines of rows `position`… dirty, without the scrollbar beside them."""
        y = position - self.scroll_offset.y + 1  # + the header line
        self._mark(Region(0, y, self.content_width, count))

    def _read_ahead(self) -> None:
        """Ask for the first missing row within READ_AHEAD_PAGES of the viewport."""
        top, page = self.scroll_offset.y, self.page
        first = max(top - READ_AHEAD_PAGES * page, 0)
        last = min(top + (READ_AHEAD_PAGES + 1) * page, self.total)
        for position in (*range(top, last), *range(top - 1, first - 1, -1)):
            if position not in self.rows:
                self._want(position)
                return

    # -- cursor --

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.scroll_to_region_for(new):  # a scroll redraws everything anyway
            self._refresh_rows(old)
            self._refresh_rows(new)

    def scroll_to_region_for(self, position: int, *, read_ahead: bool = True) -> bool:
        """Scroll so that `position` is visible; True if that needed a scroll.

        Off the page by a line or a thousand, the cursor lands mid-page: the next half
        page of moves writes two lines each instead of a whole page each."""
        top, page = self.scroll_offset.y, self.page
        if top <= position < top + page:
            return False
        self.scroll_to(y=max(position - page // 2, 0), animate=False, immediate=True)
        if read_ahead:
            self._read_ahead()
        return True

    def action_cursor_up(self) -> None:
        self.cursor = max(self.cursor - 1, 0)

    def action_cursor_down(self) -> None:
        self.cursor = min(self.cursor + 1, max(self.total - 1, 0))

    def action_page_up(self) -> None:
        step = max(self.page - 1, 1)
        self.scroll_to(y=max(self.scroll_offset.y - step, 0), animate=False, immediate=True)
        self.cursor = max(self.cursor - step, 0)
        self._read_ahead()

    def action_page_down(self) -> None:
        step = max(self.page - 1, 1)
        self.scroll_to(y=self.scroll_offset.y + step, animate=False, immediate=True)
        self.cursor = min(self.cursor + step, max(self.total - 1, 0))
        self._read_ahead()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(self.total - 1, 0)

    def action_toggle_select(self) -> None:
        """Select the ticket under the cursor (or unselect it), then move down."""
        row = self.current
        if row is None:
            return
        self.selected ^= {row.id}
        self._refresh_rows(self.cursor)
        self.action_cursor_down()
        self.post_message(self.SelectionChanged())

    def set_selection(self, ids: set[int]) -> None:
        self.selected = set(ids)
        self.refresh()
        self.post_message(self.SelectionChanged())

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row))

    def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if offset is None:
            return
        if int(offset) == 0:
            return  # the header
        position = self.scroll_offset.y + int(offset) - 1
        if position < self.total:
            if position == self.cursor and getattr(event, "chain", 1) >= 2:
                self.action_open()
            self.cursor = position
