"""The work log form: minutes spent and what was done."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from tuidesk.screens import DeskModalScreen
from tuidesk.screens.confirm_drop import ConfirmDropScreen
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.text import literal


class WorkLogScreen(DeskModalScreen[tuple[int, str] | None]):
    """Minutes spent and what was done; checked as typed."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="WorkLogScreen")
        + """
    WorkLogScreen Horizontal { height: 1; }
    WorkLogScreen .label { width: 16; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="worklog.cancel"),
        Binding("enter", "save", "Log it", priority=True, id="worklog.save"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Log time spent"
            with Horizontal():
                yield Static("Minutes", classes="label")
                yield Input(placeholder="e.g. 25, or 1h30", id="worklog-minutes")
            with Horizontal():
                yield Static("What you did", classes="label")
                yield Input(placeholder="optional", id="worklog-note")
            yield Static("", classes="error", id="worklog-error")
            yield Static(literal("Enter logs it · Escape cancels"), classes="hint")

    def _minutes(self) -> int | str:
        raw = self.query_one("#worklog-minutes", Input).value
        return parse_minutes(raw)

    @on(Input.Changed, "#worklog-minutes")
    def check(self) -> None:
        minutes = self._minutes()
        error = minutes if isinstance(minutes, str) else ""
        if not self.query_one("#worklog-minutes", Input).value:
            error = ""
        self.query_one("#worklog-error", Static).update(literal(error))

    def action_save(self) -> None:
        minutes = self._minutes()
        if isinstance(minutes, str):
            self.query_one("#worklog-error", Static).update(literal(minutes))
            self.query_one("#worklog-minutes", Input).focus()
            return
        self.dismiss((minutes, self.query_one("#worklog-note", Input).value.strip()))

    def action_cancel(self) -> None:
        if not any(field.value.strip() for field in self.query(Input)):
            self.dismiss(None)
            return

        def answer(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        detail = "Not logged yet: the minutes and what you did are gone once dropped."
        self.app.push_screen(ConfirmDropScreen("time log", detail), answer)


def parse_minutes(raw: str) -> int | str:
    """Minutes from `25`, `1h30`, `1h`, `90m`; a message (str) when it is not that."""
    import re

    text = raw.strip().lower().replace(" ", "")
    match = re.fullmatch(r"(?:(\d{1,2})h)?(?:(\d{1,4})m?)?", text)
    if not text or match is None or not any(match.groups()):
        return "minutes spent: a number like 25, or 1h30"
    minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not 0 < minutes <= 24 * 60:
        return "between 1 minute and 24 hours at a time"
    return minutes
