"""Every saved version of an article, and what each save changed."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tuidesk.screens import BoxedModal
from tuidesk.text import literal, one_line


class RevisionsScreen(BoxedModal[None]):
    """Every saved version of an article; Enter shows what that save changed."""

    FAILURE_TITLE = "Revisions"

    BINDINGS = [Binding("escape", "close", "Close", id="revisions.close")]

    class Loaded(Message):
        def __init__(self, revisions: list[Any]) -> None:
            super().__init__()
            self.revisions = revisions

    def __init__(self, article_id: int, title: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.title_text = title
        self.revisions: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            title = one_line(self.title_text)
            box.border_title = literal(f"Revisions of #{self.article_id} {title}")
            yield OptionList(markup=False, id="rev-list")
            with VerticalScroll():
                yield Static("", id="rev-diff")
            yield Static(literal("Enter shows the change · Escape closes"), classes="hint")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, group="revisions")
    def load(self) -> None:
        revisions = self.app.desk.kb.revisions(self.article_id)
        self.post_message(self.Loaded(revisions))

    def on_revisions_screen_loaded(self, message: Loaded) -> None:
        self.revisions = message.revisions
        options = self.query_one(OptionList)
        options.set_options(
            Option(
                literal(
                    f"{r.number:>3}  {r.created_at:%Y-%m-%d %H:%M}  {r.author:<12} "
                    f"{one_line(r.title, 60)}"
                ),
                id=str(r.number),
            )
            for r in reversed(self.revisions)
        )
        options.focus()
        if self.revisions:
            options.highlighted = 0
            self._show(self.revisions[-1].number)

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._show(int(event.option.id))

    def _show(self, number: int) -> None:
        by_number = {r.number: r for r in self.revisions}
        if number - 1 in by_number:
            import difflib

            old, new = by_number[number - 1], by_number[number]
            text = "".join(
                difflib.unified_diff(
                    old.text.splitlines(keepends=True),
                    new.text.splitlines(keepends=True),
                    f"revision {old.number} ({old.author})",
                    f"revision {new.number} ({new.author})",
                )
            )
        else:
            text = f"revision {number}: the first version\n\n" + by_number[number].text
        self.query_one("#rev-diff", Static).update(literal(text or "no change of text"))

    def action_close(self) -> None:
        self.dismiss(None)
