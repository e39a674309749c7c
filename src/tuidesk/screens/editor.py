"""The small modals the ticket screen works with: a multi-line editor that never loses
its text, a yes/no question, a pick-one list, the work log form, and the collision view.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tuidesk.drafts import DraftStore
from tuidesk.screens import DeskModalScreen
from tuidesk.screens.confirm_drop import ConfirmDropScreen, size_of
from tuidesk.text import clean, literal, one_line, plural

AUTOSAVE_SECONDS = 1.0

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90; max-width: 100%; height: auto; max-height: 100%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .hint {{ color: $text-muted; }}
{name} .error {{ color: $error; height: auto; }}
{name} .notice {{ color: $warning; height: auto; }}
{name} Input, {name} Input:focus {{ border: none; height: 1; padding: 0 1; }}
{name} OptionList {{ height: auto; max-height: 16; border: none; padding: 0; }}
"""


class ConfirmScreen(DeskModalScreen[bool]):
    """A yes/no question: y or Enter for yes, n or Escape for no."""

    DEFAULT_CSS = MODAL_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question))
            if self.detail:
                yield Static(literal(self.detail), classes="hint")
            yield Static(literal("y yes · n no"), classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ChoiceScreen(DeskModalScreen[str | None]):
    """Pick one of `choices` ((id, label) pairs); Enter picks, Escape cancels.

    The list opens on `current` (the value the thing has now), so Enter keeps it."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChoiceScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, str]],
        hint: str = "",
        current: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.hint = hint
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = literal(one_line(self.title_text))
            yield OptionList(*(Option(literal(label), id=key) for key, label in self.choices))
            yield Static(literal(self.hint or "Enter picks · Escape cancels"), classes="hint")

    def on_mount(self) -> None:
        keys = [key for key, _ in self.choices]
        if self.current in keys:
            self.query_one(OptionList).highlighted = keys.index(self.current)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditorScreen(DeskModalScreen[str | None]):
    """Multi-line text with a send key. The text is saved as a draft a moment after each
    change, so a crash or a dropped connection keeps it; Escape asks before dropping any
    text that is not saved yet, whether typed, restored from a draft or inserted.

    Dismisses with the text to send (the caller deletes the draft once it is saved) or
    None when the agent dropped it (the draft is deleted then).
    """

    DEFAULT_CSS = (
        MODAL_CSS.format(name="EditorScreen")
        + """
    EditorScreen > Vertical { width: 100; height: 80%; }
    EditorScreen TextArea { height: 1fr; border: none; }
    """
    )
    BINDINGS = [
        Binding("ctrl+s", "send", "Send", priority=True, id="editor.send"),
        Binding("escape", "cancel", "Cancel", priority=True, id="editor.cancel"),
    ]

    def __init__(
        self,
        title: str,
        text: str = "",
        *,
        drafts: DraftStore | None = None,
        draft_key: str = "",
        draft_extra: dict[str, Any] | None = None,
        notice: str = "",
        required: str = "write something first, or Escape to drop it",
        what: str = "text",
        stored: str = "",
    ) -> None:
        """`what` names the text in the question before dropping it ("reply"); `stored`
        is what is saved already where the text goes (the current theory): only text
        other than that is unsent, is kept as a draft and is asked about."""
        super().__init__()
        self.title_text = title
        self.initial = text
        self.drafts = drafts
        self.draft_key = draft_key
        self.draft_extra = draft_extra or {}
        self.notice = notice
        self.required = required
        self.what = what
        self.stored = stored
        self._saved_text = stored  # text opened with (a draft, an article) is kept too
        # an autosave in flight must not write the draft back after it was dropped
        self._draft_lock = threading.Lock()
        self._dropped = False

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = literal(one_line(self.title_text))
            if self.notice:
                yield Static(literal(self.notice), classes="notice")
            yield TextArea(self.initial, soft_wrap=True, id="editor-text")
            yield Static("", classes="error", id="editor-error")
            yield Static(
                literal("ctrl+s sends · Escape cancels · your text is kept as a draft meanwhile"),
                classes="hint",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def _autosave(self) -> None:
        text = self.text
        if self.drafts is None or text == self._saved_text:
            return
        self._saved_text = text
        self._write_draft(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def _write_draft(self, text: str) -> None:
        assert self.drafts is not None
        try:
            with self._draft_lock:
                self._store(text)
        except OSError as error:
            self.app.call_from_thread(
                self.notify,
                clean(f"could not keep a draft: {error.strerror}; copy your text somewhere safe"),
                severity="warning",
                markup=False,
            )

    def _store(self, text: str) -> None:
        """Write or delete the draft (under the lock), unless the text was dropped."""
        assert self.drafts is not None
        if not self._dropped:
            if text.strip():
                self.drafts.save(self.draft_key, {**self.draft_extra, "text": text})
            else:
                self.drafts.delete(self.draft_key)

    def save_draft_now(self) -> None:
        """The text as it is into its draft, at once: the app is stopping on a bug."""
        if self.drafts is not None and self.text.strip():
            self.drafts.save(self.draft_key, {**self.draft_extra, "text": self.text})

    @on(TextArea.Changed)
    def changed(self) -> None:
        self.query_one("#editor-error", Static).update("")

    def action_send(self) -> None:
        text = self.text
        if not text.strip():
            self.query_one("#editor-error", Static).update(literal(self.required))
            return
        self._keep_now(text)
        self.dismiss(text)

    def _keep_now(self, text: str) -> None:
        """Write the draft before handing the text on: the save may still fail."""
        if self.drafts is not None and text.strip():
            # on failure the text still travels with the save, and comes back if it fails
            with suppress(OSError):
                self.drafts.save(self.draft_key, {**self.draft_extra, "text": text})

    def action_cancel(self) -> None:
        text = self.text
        if not text.strip() or text == self.stored:
            self._drop()
            return

        def answer(drop: bool | None) -> None:
            if drop:
                self._drop()

        self._keep_now(text)  # the question says it is kept: it is, before the autosave
        detail = f"{size_of(text)}, not sent. Kept as a draft until you drop it."
        self.app.push_screen(ConfirmDropScreen(self.what, detail), answer)

    def _drop(self) -> None:
        if self.drafts is not None:
            with self._draft_lock:  # after an autosave in flight, and none after it
                self._dropped = True
                self.drafts.delete(self.draft_key)
        self.dismiss(None)


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


class ConflictScreen(DeskModalScreen[str | None]):
    """Someone changed the ticket while you wrote: what they did, and what to do now.

    Dismisses with "apply" (save yours on top of theirs) or "edit" (keep editing).
    """

    DEFAULT_CSS = (
        MODAL_CSS.format(name="ConflictScreen")
        + """
    ConflictScreen VerticalScroll { height: auto; max-height: 16; }
    ConflictScreen .event-head { text-style: bold; }
    ConflictScreen .event-body { padding-left: 2; }
    """
    )
    BINDINGS = [
        Binding("a", "choose('apply')", "Apply mine on top", id="conflict.apply"),
        Binding("e,escape", "choose('edit')", "Keep editing", id="conflict.edit"),
    ]

    def __init__(
        self, what: str, changes: Sequence[tuple[str, str]], fields: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.what = what
        self.changes = list(changes)  # (event heading: what, who, when; its text)
        self.fields = list(fields)  # "Status: Open → On hold"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Changed while you were writing"
            yield Static(
                literal(
                    f"Someone changed this ticket after you opened it. Your {self.what} is "
                    "not saved yet and not lost. What changed:"
                ),
                classes="notice",
            )
            with VerticalScroll():
                if self.fields:
                    yield Static(literal("Fields"), classes="event-head")
                    for line in self.fields:
                        yield Static(literal(line), classes="event-body")
                if not self.changes and not self.fields:
                    yield Static(literal("(no new history event and no field shown here changed)"))
                for head, body in self.changes:
                    yield Static(literal(head), classes="event-head")
                    if body:
                        yield Static(literal(_fold(body)), classes="event-body")
            yield Static(
                literal("a applies yours on top of these · e (or Escape) goes back to editing"),
                classes="hint",
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class HandoffReviewScreen(DeskModalScreen[None]):
    """The hand-off an agent of the new tier reads before anything else (once)."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="HandoffReviewScreen")
        + """
    HandoffReviewScreen VerticalScroll { height: auto; max-height: 20; }
    HandoffReviewScreen .path { text-style: bold; }
    """
    )
    BINDINGS = [Binding("enter,escape", "done", "Read it", id="review.done")]

    def __init__(self, ticket_id: int, heading: str, path: str, body: str) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.heading = heading
        self.path = path
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"#{self.ticket_id}: review the hand-off first"
            yield Static(literal(self.heading), classes="path")
            if self.path:
                yield Static(literal(f"Path: {self.path}"))
            with VerticalScroll():
                yield Static(literal(self.body))
            yield Static(literal("Enter: read, on to the ticket"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_done(self) -> None:
        self.dismiss(None)


def _fold(text: str, lines: int = 6) -> str:
    parts = text.splitlines()
    if len(parts) <= lines:
        return text
    return (
        "\n".join(parts[:lines]) + f"\n… ({plural(len(parts) - lines, 'more line', 'more lines')})"
    )


Callback = Callable[[Any], None]
