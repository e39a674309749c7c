"""A multi-line editor that never loses its text: a reply, a note, a theory."""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from tuidesk.drafts import DraftStore
from tuidesk.screens import DeskModalScreen
from tuidesk.screens.confirm_drop import ConfirmDropScreen, size_of
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.text import clean, literal, one_line

AUTOSAVE_SECONDS = 1.0


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
