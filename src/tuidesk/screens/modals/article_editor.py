"""Write or edit a knowledge-base article, kept as a draft while typing."""

from __future__ import annotations

from contextlib import suppress

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Select, Static, TextArea

from tuidesk.errors import ConflictError, TuideskError
from tuidesk.screens import BoxedModal
from tuidesk.screens.confirm_drop import ConfirmDropScreen, close_open_dropdown
from tuidesk.text import literal, notify_literal


class ArticleEditorScreen(BoxedModal[int | None]):
    """Write or edit an article. Kept as a draft while typing; an edit that collides with
    someone else's keeps the text and says so; ctrl+s again saves it over theirs."""

    FAILURE_TITLE = "Article"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="article.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="article.cancel"),
    ]
    FIELDS = ("title", "symptoms", "cause", "resolution", "tags", "category", "visibility")

    class Loaded(Message):
        def __init__(
            self, values: dict[str, str], version: int | None, notice: str, stored: dict[str, str]
        ) -> None:
            super().__init__()
            self.values = values
            self.version = version
            self.notice = notice
            self.stored = stored

    def __init__(self, article_id: int | None, initial: dict[str, str] | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.initial = initial
        self.version: int | None = None
        self.loaded: dict[str, str] = {}  # the form as opened, a restored draft included
        self.stored: dict[str, str] = {}  # the article as saved: nothing unsent in it

    @property
    def draft_key(self) -> str:
        return f"article-{self.article_id or 'new'}"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = (
                f"Edit article #{self.article_id}" if self.article_id else "New article (draft)"
            )
            yield Static("", classes="notice", id="ae-notice")
            with Vertical(id="ae-form"):
                yield Static("Title", classes="label")
                yield Input(id="ae-title")
                yield Static("Symptoms: what the user sees", classes="label")
                yield TextArea(soft_wrap=True, id="ae-symptoms")
                yield Static("Cause", classes="label")
                yield TextArea(soft_wrap=True, id="ae-cause")
                yield Static("Resolution steps (Markdown)", classes="label")
                yield TextArea(soft_wrap=True, id="ae-resolution")
                with Horizontal(id="ae-row"):  # labelled: a placeholder goes with text
                    with Vertical():
                        yield Static("Tags", classes="label")
                        yield Input(placeholder="vpn network", id="ae-tags")
                    with Vertical():
                        yield Static("Category", classes="label")
                        yield Input(placeholder="e.g. network", id="ae-category")
                    with Vertical():
                        yield Static("Visibility", classes="label")
                        yield Select(
                            [("Internal", "internal"), ("Public", "public")],
                            value="internal",
                            allow_blank=False,
                            id="ae-visibility",
                        )
            yield Static("", classes="error", id="ae-error")
            yield Static(
                literal("ctrl+s saves · Escape cancels · kept as a draft meanwhile"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#ae-title", Input).focus()
        self.load()
        self.set_interval(1.0, self._autosave)

    @work(thread=True, exit_on_error=False, group="article-load")
    def load(self) -> None:
        values = dict(self.initial or {})
        version = None
        stored: dict[str, str] = {}  # a new article has nothing saved yet
        if self.article_id is not None:
            article = self.app.desk.kb.get(self.article_id)
            values = {name: str(getattr(article, name) or "") for name in self.FIELDS}
            version = article.version
            stored = dict(values)
        notice = ""
        draft = self.app.drafts.load(self.draft_key)
        if draft is not None and isinstance(draft.data.get("values"), dict):
            values = {**values, **{k: str(v) for k, v in draft.data["values"].items()}}
            notice = "Your unsaved edit of this article is back."
        self.post_message(self.Loaded(values, version, notice, stored))

    def on_article_editor_screen_loaded(self, message: Loaded) -> None:
        self.version = message.version
        self._fill(message.stored)  # read back through the widgets, as the form is compared
        self.stored = self.values()
        self._fill(message.values)
        self.loaded = self.values()
        if message.notice:
            self.query_one("#ae-notice", Static).update(literal(message.notice))

    def _fill(self, values: dict[str, str]) -> None:
        for name in self.FIELDS:
            widget = self.query_one(f"#ae-{name}")
            value = values.get(name, "")
            if isinstance(widget, TextArea):
                widget.load_text(value)
            elif isinstance(widget, Select):
                widget.value = value if value in ("internal", "public") else "internal"
            else:
                widget.value = value  # type: ignore[attr-defined]

    def values(self) -> dict[str, str]:
        result = {}
        for name in self.FIELDS:
            widget = self.query_one(f"#ae-{name}")
            if isinstance(widget, TextArea):
                result[name] = widget.text
            else:
                result[name] = str(widget.value)  # type: ignore[attr-defined]
        return result

    def _autosave(self) -> None:
        values = self.values()
        if self.loaded and values != self.loaded:
            self._keep(values)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article-draft")
    def _keep(self, values: dict[str, str]) -> None:
        try:
            self.app.drafts.save(self.draft_key, {"values": values})
        except OSError as error:
            self.app.call_from_thread(
                notify_literal, self, f"could not keep a draft: {error.strerror}",
                severity="warning",
            )  # fmt: skip

    def save_draft_now(self) -> None:
        """The fields as they are into the draft, at once: the app is stopping on a bug."""
        values = self.values()
        typed = any(value.strip() for name, value in values.items() if name != "visibility")
        if typed and values != self.loaded:
            self.app.drafts.save(self.draft_key, {"values": values})

    def action_save(self) -> None:
        self.query_one("#ae-error", Static).update("")
        self.save(self.values(), self.version)

    @work(thread=True, exit_on_error=False, group="article-save")
    def save(self, values: dict[str, str], version: int | None) -> None:
        kb = self.app.desk.kb
        # the save below carries the text, and a failure keeps it on screen
        with suppress(OSError):
            self.app.drafts.save(self.draft_key, {"values": values})
        try:
            if self.article_id is None:
                article = kb.create(**values)
            else:
                article = kb.update(self.article_id, version, **values)
        except ConflictError as conflict:
            current = conflict.current.version if conflict.current is not None else version
            self.app.call_from_thread(self._collided, current)
            return
        except TuideskError as error:
            self.app.call_from_thread(self._refused, str(error))
            return
        self.app.drafts.delete(self.draft_key)
        self.app.call_from_thread(self._saved, article.id)

    def _collided(self, current: int | None) -> None:
        self.version = current
        self.query_one("#ae-notice", Static).update(
            literal(
                "Someone else saved this article since you opened it. Your text is still "
                "here; ctrl+s saves it over theirs (their version stays in the revisions)."
            )
        )

    def _refused(self, why: str) -> None:
        self.query_one("#ae-error", Static).update(literal(f"Not saved: {why}"))

    def _saved(self, article_id: int) -> None:
        notify_literal(self, f"Article #{article_id} saved", title="Saved")
        self.dismiss(article_id)

    def action_cancel(self) -> None:
        if close_open_dropdown(self):
            return
        if not self.loaded or self.values() == self.stored:
            self.app.drafts.delete(self.draft_key)
            self.dismiss(None)
            return

        def answer(drop: bool | None) -> None:
            if drop:
                self.app.drafts.delete(self.draft_key)
                self.dismiss(None)

        what = "new article" if self.article_id is None else "edit of the article"
        detail = "Not saved; kept as a draft until you drop it."
        self.app.push_screen(ConfirmDropScreen(what, detail), answer)
