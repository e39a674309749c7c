"""The Textual App: global bindings, identity, the database; screens do the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tuidesk.config import Settings
from tuidesk.screens.queue import QueueScreen
from tuidesk.services.desk import Desk, utcnow
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database
from tuidesk.text import notify_literal

SWEEP_FIRST_DELAY = 2.0  # seconds after start, once the queue has loaded
SWEEP_INTERVAL = 30.0


class TuideskApp(App[None]):
    """tuidesk's application: holds the acting agent's Desk and the settings."""

    CSS_PATH = "tuidesk.tcss"
    TITLE = "tuidesk"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "toggle_help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, desk: Desk, settings: Settings) -> None:
        super().__init__()
        self.desk = desk
        self.settings = settings
        self.sub_title = f"{desk.actor.name} ({desk.actor.login}, L{desk.actor.tier})"
        theme = settings.config.get("ui", {}).get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def get_default_screen(self) -> Screen[None]:
        return QueueScreen()

    def on_mount(self) -> None:
        self.set_timer(SWEEP_FIRST_DELAY, self.sweep_sla)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sla-sweep")
    def sweep_sla(self) -> None:
        """Write the SLA warnings and breaches that have fallen due, then plan the next."""
        try:
            self.desk.sweep_sla()
        finally:
            # the next sweep is planned after this one ends, so sweeps never pile up
            self.call_from_thread(self.set_timer, SWEEP_INTERVAL, self.sweep_sla)

    @on(Worker.StateChanged)
    def sweep_failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "sla-sweep" and event.state == WorkerState.ERROR:
            notify_literal(self, event.worker.error, severity="error", title="SLA sweep")

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show the keys of this screen", self.action_toggle_help)
        commands = getattr(screen, "commands", None)
        if commands is not None:
            yield from commands()


def make_app(
    settings: Settings,
    *,
    db: Database | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> TuideskApp:
    """The one factory for the app, used by the CLI and by the tests.

    Opens (and migrates) the settings' database unless `db` is given, fills the demo
    help desk on first use of `--demo`, and resolves the acting agent.
    """
    if db is None:
        db = open_database(settings.db)
    if settings.demo:
        from tuidesk.services.demo import ensure_demo

        ensure_demo(db, rules=settings.rules)
    actor = resolve_actor(db, settings.as_login, trusted=settings.demo)
    return TuideskApp(Desk(db, actor, clock, settings.rules), settings)
