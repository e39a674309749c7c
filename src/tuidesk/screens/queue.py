"""The ticket queue: the home screen, where agents spend their day.

Built-in views with live counts, switched with the number keys; the list reads only the
rows on screen (plus a margin) from the queue's read model in workers; another agent's
change shows within about a second, the cursor staying on its ticket.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header, Static

from tuidesk.screens import DeskScreen
from tuidesk.screens.queue_commands import queue_commands
from tuidesk.screens.queue_drafts import INTAKE_DRAFT, offer_draft_back, open_intake
from tuidesk.screens.queue_text import view_bar_text, view_description
from tuidesk.storage.read.queue import (
    DEFAULT_VIEW,
    FIRST_ROWS,
    SORTS,
    VIEW_BY_KEY,
    VIEWS,
    Filter,
    QueueReader,
    Row,
    SavedView,
    Sort,
    View,
    default_sort,
)
from tuidesk.text import literal, notify_literal
from tuidesk.widgets.ticket_list import TicketList

if TYPE_CHECKING:
    from tuidesk.screens.bulk import BulkAction, BulkOutcome
    from tuidesk.startup import FirstView

POLL_SECONDS = 1.0
EARLY_WAIT = 10.0  # seconds the first load waits for the rows read ahead at start


class ViewState(NamedTuple):
    view: View
    sort: Sort
    narrow: Filter
    total: int
    counts: dict[str, int]
    cursor: int


class QueueScreen(DeskScreen[None]):
    """Tickets of one view, nearest SLA due time first."""

    FAILURE_TITLE = "Queue"

    BINDINGS = [
        Binding("r", "refresh", "Refresh", show=False, id="queue.refresh"),
        Binding("n", "new_ticket", "New", id="queue.new"),
        Binding("K", "knowledge", "Knowledge", id="queue.kb"),
        Binding("a", "take", "Take", id="queue.take"),
        Binding("e", "escalate", "Escalate", show=False, id="queue.escalate"),
        Binding("s", "sort", "Sort", id="queue.sort"),
        Binding("f", "filter", "Filter", id="queue.filter"),
        Binding("slash", "search", "Search", key_display="/", show=False, id="queue.search"),
        Binding("b", "bulk", "Bulk", show=False, id="queue.bulk"),
        Binding("v", "views", "Views", id="queue.views"),
        Binding("w", "save_view", "Save view", show=False, id="queue.save_view"),
        Binding("escape", "clear_filter", "Clear", id="queue.clear_filter"),
        Binding("S", "reverse_sort", "Reverse", show=False, id="queue.reverse_sort"),
        *(
            Binding(
                str(n), f"view('{view.key}')", view.title, show=False, id=f"queue.view.{view.key}"
            )
            for n, view in enumerate(VIEWS, start=1)
        ),
    ]

    class ViewLoaded(Message):
        def __init__(self, state: ViewState, start: int, rows: list[Row], recount: bool) -> None:
            super().__init__()
            self.state = state
            self.start = start
            self.rows = rows
            self.recount = recount  # count the other views once this one is drawn

    class CountsLoaded(Message):
        def __init__(self, counts: dict[str, int], saved: list[SavedView]) -> None:
            super().__init__()
            self.counts = counts
            self.saved = saved

    class RowsLoaded(Message):
        def __init__(self, generation: int, start: int, rows: list[Row]) -> None:
            super().__init__()
            self.generation = generation
            self.start = start
            self.rows = rows

    def __init__(self) -> None:
        super().__init__()
        self.view = VIEW_BY_KEY[DEFAULT_VIEW]
        self.sort: Sort = default_sort(self.view)
        self.narrow = Filter()
        self.reader: QueueReader | None = None
        self.counter: QueueReader | None = None  # counts the views beside the one shown
        self.counts: dict[str, int] = {}
        self.shown = False  # the first rows have been drawn
        self.saved: list[SavedView] = []  # the agent's saved views
        self._views_text = ""  # what the view bar shows
        self.saved_name = ""  # the saved view on screen, if one is
        self.filter_field = "status"  # where the filter form opens: the field used last

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the queue…", id="queue-views")
        app = self.app
        yield TicketList(
            clock=app.clock,
            clock_for=partial(Row.clock, rules=app.rules),
            id="queue",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.query_one(TicketList).tick)
        app = self.app
        if app.first_view_ready:
            # read while Textual was imported: the first frame has its rows
            first = app.first_view()
            if first is not None:
                self.reader = self.app.readers.queue  # the one the first view was read with
                self._show_view(self._first_state(first), 0, first.rows, recount=True)
                return
        self.load_view(self.view.key)

    def _first_state(self, first: FirstView) -> ViewState:
        """The state of the view read ahead at start, its rows from position 0."""
        view = VIEW_BY_KEY[first.view]
        counts = {**self.counts, view.key: first.total}
        return ViewState(view, default_sort(view), Filter(), first.total, counts, 0)

    # -- reading, in workers --

    def _reader(self) -> QueueReader:
        if self.reader is None:
            self.reader = self.app.readers.queue
        return self.reader

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-view")
    def load_view(
        self,
        key: str,
        keep: Row | None = None,
        sort: Sort | None = None,
        narrow: Filter | None = None,
        recount: bool = True,
        known_total: int | None = None,
    ) -> None:
        """Read `key`'s view: its count, and where `keep` (a row) stands in it.

        `recount` counts the other views too (after this one); `known_total` is the
        view's count when it is known already: its rows are the ones on screen, only
        ordered anew, or the last round of counts still holds (see action_view).
        """
        if self.reader is None:  # the first load: its rows may be on their way already
            first = self.app.first_view(wait=EARLY_WAIT)
            if first is not None:
                self.reader = self.app.readers.queue  # the one the first view was read with
                if first.view == key and keep is None and sort is None and not narrow:
                    state = self._first_state(first)
                    self.post_message(self.ViewLoaded(state, 0, first.rows, recount))
                    return
        reader = self._reader()
        now = self.app.clock()
        view = VIEW_BY_KEY[key]
        sort = sort or default_sort(view)
        narrow = self.narrow if narrow is None else narrow
        # the view on screen is counted here; the others in their own worker, so the
        # first rows need not wait for seven counts
        if known_total is not None:
            counts, total = self.counts, known_total
        else:
            counts = {**self.counts, key: reader.count(view, now)}
            total = reader.count(view, now, narrow) if narrow else counts[key]
        cursor = 0
        if keep is not None:
            still = reader.find(view, now, keep.id, sort, narrow)
            if still is not None:
                cursor = reader.position(view, now, still, sort, narrow)
        state = ViewState(view, sort, narrow, total, counts, cursor)
        # the rows around the cursor come with the view: drawing them then takes no
        # second round through the screen
        start = max(cursor - FIRST_ROWS // 4, 0)
        rows = reader.window(
            view, now, offset=start, limit=FIRST_ROWS, total=total, sort=sort, narrow=narrow
        )
        self.post_message(self.ViewLoaded(state, start, rows, recount))

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-counts")
    def count_views(self, skip: str) -> None:
        """The other views' counts, on a connection of their own."""
        if self.counter is None:
            self.counter = self.app.readers.counts
        now = self.app.clock()  # type: ignore[attr-defined]
        counts = {v.key: self.counter.count(v, now) for v in VIEWS if v.key != skip}
        self.post_message(self.CountsLoaded(counts, self.counter.saved_views()))

    @work(thread=True, exit_on_error=False, group="queue-rows")
    def fetch_rows(
        self,
        generation: int,
        view: View,
        sort: Sort,
        narrow: Filter,
        start: int,
        count: int,
        after: Row | None,
        total: int,
    ) -> None:
        rows = self._reader().window(
            view,
            self.app.clock(),
            offset=start,
            limit=count,
            after=after,
            total=total,
            sort=sort,
            narrow=narrow,
        )
        self.post_message(self.RowsLoaded(generation, start, rows))

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-poll")
    def poll(self) -> None:
        """Reload when another agent changed something; the next poll follows this one."""
        try:
            if self._reader().changed():
                self.app.call_from_thread(self.action_refresh)
        finally:
            self.app.call_from_thread(self.set_timer, POLL_SECONDS, self.poll)

    # -- results, on the UI thread --

    @on(ViewLoaded)
    def show_view(self, message: ViewLoaded) -> None:
        self._show_view(message.state, message.start, message.rows, message.recount)

    def _show_view(self, state: ViewState, start: int, rows: list[Row], recount: bool) -> None:
        first_load = not self.counts
        self.view = state.view
        self.sort = state.sort
        self.narrow = state.narrow
        self.counts = state.counts
        ticket_list = self.query_one(TicketList)
        ticket_list.reset(state.total, state.cursor)
        ticket_list.add_rows(ticket_list.generation, start, rows)
        ticket_list.set_sort(state.sort.key, state.sort.descending)
        self._show_counts()
        if recount:  # after this frame: the rows on screen come first
            self.call_after_refresh(self.count_views, state.view.key)
        if first_load:
            self.set_timer(POLL_SECONDS, self.poll)
        self._first_rows_shown()

    @on(CountsLoaded)
    def counts_loaded(self, message: CountsLoaded) -> None:
        # the view on screen keeps the count its rows were read with
        self.counts = {**message.counts, self.view.key: self.counts.get(self.view.key, 0)}
        self.saved = message.saved
        self._show_counts()

    def _show_counts(self) -> None:
        ticket_list = self.query_one(TicketList)
        text = view_bar_text(
            self.counts, self.view.key, self.size.width, self.saved_name, self.narrow,
            ticket_list.total, len(ticket_list.selected),
            None if ticket_list.shows_sort_column(self.sort.key) else self.sort,
        )  # fmt: skip
        if text != self._views_text:  # an update lays the screen out again: bytes to SSH
            self._views_text = text
            self.query_one("#queue-views", Static).update(literal(text))

    @on(TicketList.NeedRows)
    def need_rows(self, message: TicketList.NeedRows) -> None:
        ticket_list = self.query_one(TicketList)
        self.fetch_rows(
            ticket_list.generation, self.view, self.sort, self.narrow, message.start, message.count,
            message.after, ticket_list.total,
        )  # fmt: skip

    @on(RowsLoaded)
    def rows_loaded(self, message: RowsLoaded) -> None:
        self.query_one(TicketList).add_rows(message.generation, message.start, message.rows)

    def _first_rows_shown(self) -> None:
        if not self.shown:
            self.shown = True
            self.call_after_refresh(self.app.queue_shown)
            self.offer_draft()

    @work(thread=True, exit_on_error=False, group="queue-draft")
    def offer_draft(self) -> None:
        """A new ticket left unsent (a crash, a dropped connection): offer it back."""
        draft = self.app.drafts.load(INTAKE_DRAFT)
        if draft is not None:
            self.app.call_from_thread(offer_draft_back, self, draft)

    def action_knowledge(self) -> None:
        """The knowledge base: search articles as you type."""
        from tuidesk.screens.kb import KbScreen

        self.app.push_screen(KbScreen())

    def action_new_ticket(self) -> None:
        """Take a new ticket: the intake form (an unsent one comes back)."""
        self.load_intake_draft()

    @work(thread=True, exit_on_error=False, group="queue-draft")
    def load_intake_draft(self) -> None:
        draft = self.app.drafts.load(INTAKE_DRAFT)
        self.app.call_from_thread(open_intake, self, draft)

    @on(TicketList.Opened)
    def open_ticket(self, message: TicketList.Opened) -> None:
        from tuidesk.screens.ticket import TicketScreen

        self.app.push_screen(TicketScreen(message.row.id, step=self.step))

    def step(self, delta: int) -> int | None:
        """Move the cursor by `delta` for the ticket screen's ] and [; the ticket there."""
        ticket_list = self.query_one(TicketList)
        target = ticket_list.cursor + delta
        if not 0 <= target < ticket_list.total or target not in ticket_list.rows:
            return None
        ticket_list.cursor = target
        return ticket_list.rows[target].id

    def on_resize(self) -> None:
        if self.counts:
            self._show_counts()

    def on_screen_resume(self) -> None:
        self.query_one(TicketList).screen_resumed()

    # -- actions --

    def action_view(self, key: str) -> None:
        """A built-in view; a filter typed with f stays, a saved view's filter goes."""
        narrow = Filter() if self.saved_name else None
        self.saved_name = ""
        # the count from the last round of counts holds until the poll sees a change
        # (and counts again), unless the clock alone moves tickets in or out of the view
        narrowed = self.narrow if narrow is None else narrow
        known = None if narrowed or VIEW_BY_KEY[key].timed else self.counts.get(key)
        self.load_view(key, recount=False, narrow=narrow, known_total=known)

    def show_saved(self, name: str) -> None:
        """Show one of the agent's saved views: its base view, filter and order."""
        saved = next((v for v in self.saved if v.name == name), None)
        if saved is None:
            notify_literal(self, f"no saved view {name!r}", title="Views", severity="warning")
            return
        self.saved_name = saved.name
        self.load_view(saved.base_view, None, saved.sort, saved.narrow, recount=False)

    def action_views(self) -> None:
        """Pick a view: the built-in ones or one of yours."""
        from tuidesk.screens.modals.views import ViewsScreen

        current = f"saved:{self.saved_name}" if self.saved_name else f"view:{self.view.key}"

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            kind, value = choice
            if kind == "view":
                self.action_view(value)
            elif kind == "saved":
                self.show_saved(value)
            elif kind == "delete":
                self.delete_view(value)

        self.app.push_screen(ViewsScreen(self.counts, self.saved, current), chosen)

    def action_save_view(self) -> None:
        """Keep the current view, filter and order under a name of yours."""
        from tuidesk.screens.modals.save_view import SaveViewScreen

        what = view_description(self.view, self.narrow, self.sort)

        def chosen(name: str | None) -> None:
            if name is not None:
                self.save_view(name, self.view.key, self.narrow, self.sort)

        taken = tuple(v.name for v in self.saved)
        self.app.push_screen(SaveViewScreen(what, self.saved_name, taken), chosen)

    @work(thread=True, exit_on_error=False, group="queue-views")
    def save_view(self, name: str, key: str, narrow: Filter, sort: Sort) -> None:
        desk = self.app.desk
        replaced = desk.save_view(name, key, narrow, sort.key, sort.descending)
        saved = self._reader().saved_views()
        self.app.call_from_thread(self._views_saved, name, replaced, saved)

    def _views_saved(self, name: str, replaced: bool, saved: list[SavedView]) -> None:
        self.saved = saved
        self.saved_name = name
        self._show_counts()
        verb = "Updated" if replaced else "Saved"
        notify_literal(self, f"{verb} the view {name!r}; v lists your views", title="Views")

    @work(thread=True, exit_on_error=False, group="queue-views")
    def delete_view(self, name: str) -> None:
        self.app.desk.delete_view(name)
        saved = self._reader().saved_views()
        self.app.call_from_thread(self._view_deleted, name, saved)

    def _view_deleted(self, name: str, saved: list[SavedView]) -> None:
        self.saved = saved
        if self.saved_name == name:
            self.saved_name = ""
            self._show_counts()
        notify_literal(self, f"Deleted your view {name!r}", title="Views")

    def action_refresh(self) -> None:
        self.load_view(self.view.key, self.query_one(TicketList).current, self.sort)

    def action_sort(self) -> None:
        """Sort by the next column (SLA due, priority, last update, age, status, tier …)."""
        keys = [sort.key for sort in SORTS]
        index = keys.index(self.sort.key) + 1 if self.sort.key in keys else 0
        # a new order starts at its top: finding the old ticket's place costs a count
        self.resort(SORTS[index % len(SORTS)])

    def action_filter(self, focus: str = "") -> None:
        """The filter form, on the field used last (`focus` names another)."""
        from tuidesk.screens.modals.filter import FilterScreen

        form = FilterScreen(self.narrow, focus or self.filter_field)

        def apply(chosen: Filter | None) -> None:
            self.filter_field = form.last_field  # applied or closed: it reopens there
            if chosen is not None:
                self.saved_name = ""
                current = self.query_one(TicketList).current
                self.load_view(self.view.key, current, self.sort, chosen, recount=False)

        self.app.push_screen(form, apply)

    def action_search(self) -> None:
        self.action_filter("text")

    def action_clear_filter(self) -> None:
        """Escape: drop the selection first, then the filter."""
        ticket_list = self.query_one(TicketList)
        if ticket_list.selected:
            ticket_list.set_selection(set())
            return
        self.saved_name = ""
        current = ticket_list.current
        self.load_view(self.view.key, current, self.sort, Filter(), recount=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.narrow) or bool(self.query_one(TicketList).selected)
        return True

    @on(TicketList.SelectionChanged)
    def selection_changed(self) -> None:
        self._show_counts()
        self.refresh_bindings()

    def action_reverse_sort(self) -> None:
        self.resort(self.sort.reversed())

    def resort(self, sort: Sort) -> None:
        """The same rows in another order, from the top."""
        self.saved_name = ""
        total = self.query_one(TicketList).total
        self.load_view(self.view.key, None, sort, recount=False, known_total=total)

    def commands(self) -> Iterable[SystemCommand]:
        """This screen's commands for the command palette."""
        return queue_commands(self)

    def action_take(self) -> None:
        """Take the selected tickets, or the one under the cursor."""
        ticket_list = self.query_one(TicketList)
        if ticket_list.selected:
            from tuidesk.screens.bulk import BulkAction

            self.apply_bulk(sorted(ticket_list.selected), BulkAction("take"))
        elif ticket_list.current is not None:
            self.take(ticket_list.current)

    @work(thread=True, exit_on_error=False, group="queue-action")
    def take(self, row: Row) -> None:
        self.app.desk.take(row.id, expected_version=row.version)
        self.app.call_from_thread(notify_literal, self, f"#{row.id} is yours now", title="Taken")
        self.app.call_from_thread(self.action_refresh)

    def action_escalate(self) -> None:
        """Escalate the ticket under the cursor, with its hand-off."""
        row = self.query_one(TicketList).current
        if row is not None:
            from tuidesk.screens.escalate import start_escalation

            start_escalation(self, row.id, lambda ticket: self.action_refresh())

    def action_bulk(self) -> None:
        """Act on every selected ticket at once."""
        ticket_list = self.query_one(TicketList)
        if not ticket_list.selected:
            notify_literal(
                self, "select tickets with space first", title="Bulk", severity="warning"
            )
            return
        self.ask_bulk(sorted(ticket_list.selected))

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-bulk")
    def ask_bulk(self, ids: list[int]) -> None:
        """What the bulk form offers depends on the selected tickets as they are now."""
        from collections import Counter

        reader = self._reader()
        logins = reader.agent_logins()
        statuses = Counter(reader.statuses(ids).values())
        priority = reader.shared_priority(ids)
        self.app.call_from_thread(self._push_bulk, len(ids), logins, statuses, priority)

    def _push_bulk(
        self, count: int, logins: list[str], statuses: dict[str, int], priority: str | None
    ) -> None:
        from tuidesk.screens.bulk import BulkScreen

        def chosen(action: BulkAction | None) -> None:
            if action is not None:
                self.apply_bulk(sorted(self.query_one(TicketList).selected), action)

        self.app.push_screen(BulkScreen(count, logins, statuses, priority), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-bulk")
    def apply_bulk(self, ids: list[int], action: BulkAction) -> None:
        from tuidesk.screens.bulk import run_bulk

        desk = self.app.desk
        outcome = run_bulk(desk, self._reader().statuses, ids, action)
        self.app.call_from_thread(self._bulk_done, outcome)

    def _bulk_done(self, outcome: BulkOutcome) -> None:
        """One line of counts; the refused tickets stay selected for another try."""
        refused = outcome.refused_ids
        notify_literal(
            self, outcome.summary(), title="Bulk",
            severity="warning" if refused else "information", timeout=12 if refused else None,
        )  # fmt: skip
        self.query_one(TicketList).set_selection(refused)
        self.action_refresh()
