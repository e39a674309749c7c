"""The Textual App: global bindings, identity, the database; screens do the rest.

The queue reads with plain SQL from the start; the service layer (`app.desk`, which
needs the ORM) may still be loading in a worker when the first frame is drawn. Workers
that act wait for it; the UI thread never touches it before `desk_loaded` is set.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.filter import LineFilter
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tuidesk.bugs import bug_notice, expected_message, record_bug
from tuidesk.clock import utcnow
from tuidesk.config import Settings
from tuidesk.domain.actor import Actor
from tuidesk.drafts import DraftStore
from tuidesk.screens.queue import QueueScreen
from tuidesk.startup import EarlyStart, FirstView
from tuidesk.storage.read.readers import Readers
from tuidesk.storage.sqlite_file import sqlite_path
from tuidesk.text import NO_CONTROL_CHARACTERS, literal, notify_literal, one_line

if TYPE_CHECKING:
    from tuidesk.services.desk import Desk
    from tuidesk.storage.engine import Database

SWEEP_FIRST_DELAY = 2.0  # seconds after the desk has loaded
SWEEP_INTERVAL = 30.0
DESK_LOAD_FALLBACK = 1.5  # seconds: load the desk even if the queue's rows are slow
DESK_WAIT = 120.0  # seconds a worker waits for the desk before giving up
REPEAT_AFTER = 300.0  # seconds before the same background error is shown again
BUG_NOTICE_SECONDS = 30.0  # long enough to note where the traceback is
# work nobody asked for just now, by worker group: its errors are shown once a while
BACKGROUND_WORK = {
    "desk": "Opening the desk",
    "sla-sweep": "SLA sweep",
    "ticket-presence": "Ticket",
    "ticket-poll": "Ticket",
}
STYLES = Path(__file__).parent / "styles"
SHARED_STYLES = {"app.tcss", "modal.tcss", "focus.tcss"}
GC_INTERVAL = 1.0  # seconds between collections of the young generations
GC_FULL_EVERY = 60  # of those: a full collection once a minute
GC_YOUNG = 700  # objects allocated since the last collection: Python's own threshold


class TuideskApp(App[None]):
    """tuidesk's application: the acting agent, the settings, and the agent's Desk."""

    # every style of the app, its screens and its widgets: one file per screen or widget
    # (styles/README.md), all read at start so opening a screen never waits on the disk
    CSS_PATH = [
        STYLES / "app.tcss",  # first what holds everywhere, then what every modal shares,
        STYLES / "modal.tcss",  # then each screen's and widget's own, which wins a tie
        *sorted(path for path in STYLES.glob("*.tcss") if path.name not in SHARED_STYLES),
        STYLES / "focus.tcss",  # last: the focused field's bar wins over every field rule
    ]
    TITLE = "tuidesk"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "toggle_help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(
        self,
        settings: Settings,
        actor: Actor,
        *,
        clock: Callable[[], datetime] = utcnow,
        queue_target: Any,
        desk: Desk | None = None,
        open_desk: Callable[[], Desk] | None = None,
        early: EarlyStart | None = None,
    ) -> None:
        """`queue_target` is what the queue reads (a SQLite path or an Engine); the
        Desk is given, or `open_desk` makes it in a worker after the first frame;
        `early` may have read the queue's first rows already."""
        super().__init__()
        self.settings = settings
        self.actor = actor
        self.clock = clock
        self.rules = settings.rules
        self.queue_target = queue_target
        # the read models, built once next to the desk; the screens take them from here
        self.readers = Readers(queue_target, me=actor.id, tier=actor.tier)
        # what the agent types is kept here until it is saved (see tuidesk.drafts)
        self.drafts = DraftStore(str(sqlite_path(settings.db) or settings.db), actor.login)
        self._desk = desk
        self._open_desk = open_desk
        self._early = early
        self._desk_error: BaseException | None = None
        self._background_errors: dict[tuple[str, str], float] = {}  # when last shown
        self.desk_loaded = threading.Event()
        self.crashed = False  # stopped on a bug (see _handle_exception)
        self.crash_log: Path | None = None  # where its traceback was written
        if desk is not None:
            self.desk_loaded.set()
        self.sub_title = f"{actor.name} ({actor.login}, L{actor.tier})"
        theme = settings.config.get("ui", {}).get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    @property
    def desk(self) -> Desk:
        """The acting agent's service layer; in a worker, waits until it has loaded."""
        if not self.desk_loaded.is_set():
            if threading.get_ident() == self._thread_id:
                raise RuntimeError("the desk is still loading; use it from a worker")
            if not self.desk_loaded.wait(DESK_WAIT):
                raise TimeoutError("the help desk did not finish loading; restart tuidesk")
        if self._desk is None:
            assert self._desk_error is not None
            raise self._desk_error
        return self._desk

    @property
    def first_view_ready(self) -> bool:
        """Whether the queue's first view was read ahead (see tuidesk.startup)."""
        return self._early is not None and self._early.rows_read

    def first_view(self, wait: float = 0.0) -> FirstView | None:
        """The queue's first view as read ahead, once; None if there is none (after
        waiting up to `wait` seconds for it): then the queue reads for itself. Its
        reader becomes the App's queue reader."""
        first = None if self._early is None else self._early.take_first_view(wait)
        if first is not None:
            self.readers.adopt_queue(first.reader)
        return first

    @property
    def _background_screens(self) -> list[Screen[Any]]:
        """Textual counts the screen under the top one as visible even when the top one
        is opaque, and hands the changes of a visible screen beneath to the top one: the
        queue under a ticket then had the ticket screen written out whole twice a
        second (17 KB/s to the agent's terminal, idle). Under an opaque screen, none."""
        screens: list[Screen[Any]] = super()._background_screens
        return screens if self.screen.styles.background.a < 1 else []

    def get_default_screen(self) -> Screen[None]:
        return QueueScreen()

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's text: titles hold names (the agent's, an article's), shown
        literally on one line whatever the screen put there."""
        head, tail = literal(one_line(title)), one_line(sub_title)
        return Content.assemble(head, (" — ", "dim"), literal(tail, "dim")) if tail else head

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Every drawn line without terminal control characters: the editing widgets
        (Input, TextArea) show pasted or stored text as it is, escapes included."""
        return [*super().get_line_filters(), NO_CONTROL_CHARACTERS]

    def on_mount(self) -> None:
        # Python's collector runs when allocations pass a threshold, which is in the
        # middle of drawing a frame: each redraw leaves Textual's strips in reference
        # cycles, and a collection there made one key press in ten miss its frame
        # (7-10 ms for the oldest generation). The app collects on a timer instead.
        gc.disable()
        self._collections = 0
        self.set_interval(GC_INTERVAL, self.collect_garbage)
        if self.desk_loaded.is_set():
            gc.freeze()  # as load_desk does once the desk is there
            self.set_timer(SWEEP_FIRST_DELAY, self.sweep_sla)
        else:
            self.set_timer(DESK_LOAD_FALLBACK, self.load_desk)

    def collect_garbage(self) -> None:
        """The collector's work, between key presses rather than inside a frame."""
        if not self.desk_loaded.is_set():
            return  # start-up's objects are frozen first (load_desk), never scanned
        self._collections += 1
        if self._collections % GC_FULL_EVERY == 0:
            gc.collect()
        elif gc.get_count()[0] >= GC_YOUNG:  # idle: nothing new to look at
            gc.collect(1)

    def on_unmount(self) -> None:
        self.readers.close()
        gc.unfreeze()  # back as Python keeps it (tests run many apps in one process)
        gc.enable()

    def queue_shown(self) -> None:
        """The queue drew its first rows: now the rest can load."""
        if not self.desk_loaded.is_set():
            self.load_desk()

    @work(thread=True, exclusive=True, exit_on_error=False, group="desk")
    def load_desk(self) -> None:
        if self.desk_loaded.is_set() or self._open_desk is None:
            return
        opener, self._open_desk = self._open_desk, None
        try:
            self._desk = opener()
            # Move what start-up made (Textual, the ORM's classes) out of the
            # collector's sight: a full collection over them froze the queue for 70-90
            # ms every second or so while the cursor moved; frozen, they are never
            # scanned again.
            gc.freeze()
        except BaseException as error:
            self._desk_error = error
            raise
        finally:
            self.desk_loaded.set()
        self.call_from_thread(self.set_timer, SWEEP_FIRST_DELAY, self.sweep_sla)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sla-sweep")
    def sweep_sla(self) -> None:
        """Write the SLA warnings and breaches that have fallen due, then plan the next."""
        try:
            self.desk.sweep_sla()
            self.witness_history()
        finally:
            # the next sweep is planned after this one ends, so sweeps never pile up
            self.call_from_thread(self.set_timer, SWEEP_INTERVAL, self.sweep_sla)

    def witness_history(self) -> None:
        """Record the end of the history as this app sees it, outside the database, for
        `tuidesk doctor` to find a cut-off end by (see tuidesk.services.witness). In the
        sweep's worker: a small file, written only when the end has moved."""
        from tuidesk.errors import TuideskError
        from tuidesk.services import witness

        db = self.desk.db
        try:
            with db.read() as session:
                witness.record(db.url, session.connection(), "the app")
        except TuideskError as error:
            self.call_from_thread(self.notify_background, error, "History witness")

    def notify_background(self, error: object, title: str) -> None:
        """An error of work nobody asked for just now (the sweep, the presence
        heartbeat): shown once, not again every round while the fault lasts."""
        if self._shown_lately(title, error):
            return
        notify_literal(self, error, severity="error", title=title)

    def _shown_lately(self, title: str, error: object) -> bool:
        """Whether this error was shown in the last REPEAT_AFTER seconds; now it is."""
        key = (title, str(error))
        now = time.monotonic()
        if now - self._background_errors.get(key, -REPEAT_AFTER) < REPEAT_AFTER:
            return True
        self._background_errors[key] = now
        return False

    @on(Worker.StateChanged)
    def app_worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """The one handler of every worker that ended in an error: the App's own, and
        every screen's (tuidesk.screens.DeskScreen forwards them, as Worker.StateChanged
        does not bubble). The agent's mistake or a database that did not answer is one
        line; anything else is a bug, logged and said to be one (tuidesk.bugs)."""
        error = worker.error
        if error is None:
            return
        title = BACKGROUND_WORK.get(worker.group) or getattr(worker.node, "FAILURE_TITLE", "")
        title = title or "Not done"
        message = expected_message(error)
        background = worker.group in BACKGROUND_WORK
        if message is not None:
            if background:
                self.notify_background(message, title)
            else:
                notify_literal(self, message, severity="error", title=title)
        elif worker.group == "bug-log":  # writing the log itself failed: say so, once
            notify_literal(self, bug_notice(error, None), severity="error", title="Bug")
        elif not (background and self._shown_lately(title, type(error).__name__)):
            self.report_bug(error, f"{title} ({worker.group or worker.name})")

    def report_bug(self, error: BaseException, where: str) -> None:
        """Log the traceback of a bug in background work (off the UI thread), then tell
        the agent it is a bug and where its traceback is; the app goes on."""

        def write() -> None:
            try:
                log: Path | None = record_bug(error, where)
            except OSError:
                log = None
            self.call_from_thread(
                notify_literal, self, bug_notice(error, log), severity="error", title="Bug",
                timeout=BUG_NOTICE_SECONDS,
            )  # fmt: skip

        self.run_worker(write, thread=True, exit_on_error=False, group="bug-log")

    def _handle_exception(self, error: Exception) -> None:
        """An exception nothing handled (a bug) stops the app, in Textual with return code
        1, which the CLI makes its exit status. First every open form's text is kept as
        its draft and the traceback is logged: the terminal that shows it may be gone."""
        if not self.crashed:
            self.crashed = True
            unsaved = self.save_open_drafts()
            where = "the app" + (f"; drafts not kept: {'; '.join(unsaved)}" if unsaved else "")
            try:
                self.crash_log = record_bug(error, where)
            except OSError:
                self.crash_log = None
        super()._handle_exception(error)

    def save_open_drafts(self) -> list[str]:
        """Have every open screen that holds typed text write it to its draft now
        (`save_draft_now`, synchronous: the app is stopping). tuidesk runs in one mode,
        so its screen stack is every screen. The screens that could not, and why."""
        unsaved = []
        for screen in self.screen_stack:
            save = getattr(screen, "save_draft_now", None)
            if save is None:
                continue
            try:
                save()
            except Exception as error:  # one form's failure must not cost the others theirs
                unsaved.append(f"{type(screen).__name__}: {type(error).__name__}: {error}")
        return unsaved

    def action_toggle_help(self) -> None:
        """`?`: the keys of the screen on top (tuidesk.screens.help), or close them."""
        from tuidesk.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Keys":  # Textual's key panel: the help below replaces it
                yield command
        yield SystemCommand("Help", "Show the keys of this screen", self.action_toggle_help)
        commands = getattr(screen, "commands", None)
        if commands is not None:
            yield from commands()


def make_app(
    settings: Settings,
    *,
    db: Database | None = None,
    clock: Callable[[], datetime] = utcnow,
    early: EarlyStart | None = None,
) -> TuideskApp:
    """The one factory for the app, used by the CLI and by the tests.

    A SQLite database at the current schema whose agent exists opens at once, the ORM
    following in a worker (see tuidesk.startup); the CLI starts `early` before it
    imports Textual, else it starts here. Otherwise this opens (and migrates) the
    database first unless `db` is given, fills the demo help desk on first use of
    `--demo`, and resolves the acting agent, creating the OS user's on first use.
    """
    if db is None:
        if early is None:
            early = EarlyStart(settings.db, settings.as_login, demo=settings.demo, clock=clock)
        actor = early.wait_actor()
        path = sqlite_path(settings.db)
        if actor is not None and path is not None:
            return TuideskApp(
                settings,
                actor,
                clock=clock,
                queue_target=str(path),
                open_desk=lambda: _open_desk(settings, actor, clock),
                early=early,
            )
        early.discard()
    from tuidesk.demo.build import demo_preparer
    from tuidesk.services.context import open_desk

    desk = open_desk(settings, db, clock, prepare=demo_preparer(settings))
    return TuideskApp(
        settings,
        Actor.of(desk.actor),
        clock=clock,
        queue_target=desk.queue_target(),
        desk=desk,
    )


def _open_desk(settings: Settings, actor: Actor, clock: Callable[[], datetime]) -> Desk:
    """The Desk of an agent found by tuidesk.startup (after the first frame)."""
    from tuidesk.services.context import open_desk_of

    return open_desk_of(settings, actor, clock)
