"""The knowledge base: search as you type, a preview of the article, and its actions.

An L1 agent with a customer on the line types a few letters and reads the answer: each
keystroke starts a search in a worker, the newest query wins and older results are
dropped when they arrive late. The preview renders the article's Markdown with links
left alone (never opened on the server by a click). Opened from a ticket, the screen
also links an article to it, marks that it solved it, or puts its resolution into the
reply being written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tuidesk.domain import permissions
from tuidesk.errors import TuideskError
from tuidesk.screens import DeskScreen, binding_commands
from tuidesk.screens.modals.article_editor import ArticleEditorScreen
from tuidesk.screens.modals.confirm import ConfirmScreen
from tuidesk.screens.modals.kb_filter import STATUS_CHOICES, KbFilterScreen
from tuidesk.screens.modals.revisions import RevisionsScreen
from tuidesk.storage.read.kb_browse import BrowseKey
from tuidesk.storage.read.kb_search import Hit, KbFilter, SearchResult, words
from tuidesk.text import clean, literal, notify_literal, one_line, plural
from tuidesk.widgets.kb_results import ResultList, result_lines


@dataclass(frozen=True)
class ArticleView:
    """What the preview shows of one article."""

    id: int
    version: int
    title: str
    markdown: str
    status: str
    line: str  # status, visibility, tags, author, usage
    resolution: str


def preview_markdown(article: Any) -> str:
    """The article's sections as Markdown for the preview (the title is above it)."""
    parts = []
    for heading, value in (
        ("Symptoms", article.symptoms),
        ("Cause", article.cause),
        ("Resolution", article.resolution),
    ):
        if (value or "").strip():
            parts.append(f"### {heading}\n\n{value.strip()}")
    return clean("\n\n".join(parts) or "*This article has no text yet.*")


def article_view(kb: Any, article_id: int) -> ArticleView:
    article = kb.get(article_id)
    tags = " ".join(f"#{t}" for t in article.tags.split())
    source = f" · from ticket #{article.source_ticket_id}" if article.source_ticket_id else ""
    line = (
        f"#{article.id} {article.status} · {article.visibility} · {article.category or '—'} "
        f"{tags} · by {kb.author(article)} · linked {article.times_linked}× · solved "
        f"{article.times_solved}×{source}"
    )
    return ArticleView(
        article.id or 0,
        article.version,
        article.title,
        preview_markdown(article),
        article.status,
        line,
        article.resolution,
    )


class KbScreen(DeskScreen[tuple[str, int] | None]):
    """Search the knowledge base, or browse it with no words; from a ticket, use an article.

    Dismisses with ("insert", article id) when the agent asks to put an article's
    resolution into the ticket's reply, else None.
    """

    FAILURE_TITLE = "Knowledge base"

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("escape", "back", "Back", id="kb.back"),
        # q leaves the knowledge base, as everywhere below the queue; it never quits the app
        Binding("q", "close", "Back to where you came from", show=False, id="kb.close"),
        Binding("slash", "search_box", "Search", key_display="/", id="kb.search"),
        Binding("ctrl+f,f", "filter", "Filter", key_display="^f", id="kb.filter"),
        Binding("l", "link(False)", "Link", id="kb.link"),
        Binding("S", "link(True)", "Solved it", id="kb.solved"),
        Binding("i", "insert", "Insert in reply", id="kb.insert"),
        Binding("e", "edit", "Edit", id="kb.edit"),
        Binding("ctrl+n,n", "new", "New article", key_display="^n", id="kb.new"),
        Binding("p", "publish", "Publish", show=False, id="kb.publish"),
        Binding("A", "archive", "Archive", show=False, id="kb.archive"),
        Binding("H", "revisions", "Revisions", show=False, id="kb.revisions"),
        Binding("D", "delete", "Delete", show=False, id="kb.delete"),
        Binding("tab", "focus_next", "Next pane", show=False),
        # hidden from an agent who may not write articles; their keys say why instead
        *(
            Binding(keys, f"refuse('{action}')", show=False)
            for keys, action in (
                ("ctrl+n,n", "new"),
                ("e", "edit"),
                ("p", "publish"),
                ("A", "archive"),
                ("D", "delete"),
            )
        ),  # fmt: skip
    ]

    class Results(Message):
        """A search's hits, or a page of browsing (`browsing`; `more`: where the next
        page starts, None when there is none; `appended`: a page after those shown)."""

        def __init__(
            self, number: int, result: SearchResult | None, error: str = "", *,
            browsing: bool = False, more: BrowseKey | None = None, appended: bool = False,
        ) -> None:  # fmt: skip
            super().__init__()
            self.number = number
            self.result = result
            self.error = error
            self.browsing = browsing
            self.more = more
            self.appended = appended

    class Preview(Message):
        def __init__(self, view: ArticleView | None, error: str = "") -> None:
            super().__init__()
            self.view = view
            self.error = error

    def __init__(self, query: str = "", ticket_id: int | None = None) -> None:
        super().__init__()
        self.initial_query = query
        self.ticket_id = ticket_id
        self.narrow = KbFilter()
        self.hits: list[Hit] = []
        self.searches = 0  # the number of the newest search: older results are dropped
        self.shown = 0  # the number of the search on screen
        self.view: ArticleView | None = None
        self.browsing = False  # no words typed: the list is every article, most used first
        self.more: BrowseKey | None = None  # where browsing's next page starts
        self.loading_more = False
        self.wrapped_width = 0  # the width the list's lines were cut to
        self.filter_field = KbFilterScreen.FIELDS[0]  # the filter form opens where it was left

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            self.initial_query,
            placeholder="Search the knowledge base: a few words, the last may be cut short",
            id="kb-query",
        )
        yield Static("", id="kb-note")
        with Horizontal(id="kb-main"):
            yield ResultList(id="kb-results", markup=False)
            with VerticalScroll(id="kb-preview-box"):
                yield Static("", id="kb-meta")
                yield Markdown("", id="kb-preview", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        context = f" for ticket #{self.ticket_id}" if self.ticket_id else ""
        self.sub_title = f"Knowledge base{context}"
        self.query_one("#kb-results").border_title = "Articles"
        self.query_one(Input).focus()
        self.search_now()

    # -- searching --

    @on(Input.Changed, "#kb-query")
    def search_now(self) -> None:
        self.searches += 1
        self.loading_more = False  # a page still on its way belongs to the older list
        self.run_search(self.searches, self.query_one(Input).value, self.narrow)

    @work(thread=True, exit_on_error=False, group="kb-search")
    def run_search(self, number: int, query: str, narrow: KbFilter) -> None:
        if number != self.searches:
            return  # a newer keystroke came while this waited for a thread
        kb = self.app.desk.kb
        try:
            if words(query):
                self.post_message(self.Results(number, kb.search(query, narrow)))
                return
            page = kb.browse(narrow)  # nothing to search for: every article, most used first
        except TuideskError as error:
            self.post_message(self.Results(number, None, str(error)))
            return
        result = SearchResult(query, page.hits)
        self.post_message(self.Results(number, result, browsing=True, more=page.after))

    @work(thread=True, exit_on_error=False, group="kb-more")
    def load_more(self, number: int, narrow: KbFilter, after: BrowseKey) -> None:
        try:
            page = self.app.desk.kb.browse(narrow, after)
        except TuideskError as error:
            self.post_message(self.Results(number, None, str(error), appended=True))
            return
        result = SearchResult("", page.hits)
        self.post_message(
            self.Results(number, result, browsing=True, more=page.after, appended=True)
        )

    def on_kb_screen_results(self, message: Results) -> None:
        if message.number < self.shown or message.number != self.searches:
            return  # stale: a newer query has been typed since
        self.shown = message.number
        note = self.query_one("#kb-note", Static)
        results = self.query_one("#kb-results", OptionList)
        if message.appended:
            self.loading_more = False
        if message.result is None:
            note.update(literal(message.error))
            return
        result = message.result
        self.browsing, self.more = message.browsing, message.more
        options = self._options(result.hits, self._list_width())
        if message.appended:  # the next page of browsing, below what is shown
            self.hits = [*self.hits, *result.hits]
            results.add_options(options)
        else:
            self.hits = result.hits
            highlighted = results.highlighted
            results.set_options(options)
            if self.hits:
                results.highlighted = min(highlighted or 0, len(self.hits) - 1)
        filters = self._describe_filter()
        if self.browsing:
            note.update(literal(self._browse_note(filters)))
        elif not self.hits:
            note.update(literal(f"No articles found{filters}. Try fewer or other words."))
        else:
            count = f"{plural(len(self.hits), 'article')}{filters}"
            note.update(literal(f"{result.note()} · {count}" if result.note() else count))
        if not self.hits:
            self._show(None)

    def _list_width(self) -> int:
        return max(self.query_one("#kb-results").size.width - 4, 20)

    def _options(self, hits: list[Hit], width: int) -> list[Option]:
        self.wrapped_width = width
        lines = result_lines(hits, width, by_use=self.browsing)
        return [Option(prompt, id=str(hit.id)) for prompt, hit in zip(lines, hits, strict=True)]

    @on(ResultList.Resized)
    def _rewrap(self) -> None:
        # the lines are cut to the list's width: cut again once it has a new one
        width = self._list_width()
        if width == self.wrapped_width or not self.hits:
            return
        results = self.query_one("#kb-results", OptionList)
        highlighted = results.highlighted
        results.set_options(self._options(self.hits, width))
        results.highlighted = highlighted

    def _browse_note(self, filters: str) -> str:
        if not self.hits:
            return f"No articles{filters}" + (" · ctrl+f changes it" if filters else "")
        more = ", more below" if self.more is not None else ""
        return f"Most used first: {plural(len(self.hits), 'article')}{more}{filters}"

    def _describe_filter(self) -> str:
        parts = []
        for label, statuses in STATUS_CHOICES:
            if statuses == self.narrow.statuses and label != STATUS_CHOICES[0][0]:
                parts.append(label.lower())
        for value in (self.narrow.visibility, self.narrow.category, self.narrow.tag):
            if value:
                parts.append(value)
        return f" · filter: {', '.join(parts)}" if parts else ""

    # -- the preview --

    @on(OptionList.OptionHighlighted, "#kb-results")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.load_preview(int(event.option.id))
        near_the_end = event.option_index >= event.option_list.option_count - 10
        if self.more is not None and near_the_end and not self.loading_more:
            self.loading_more = True  # browsing: the next page before the cursor gets there
            self.load_more(self.searches, self.narrow, self.more)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kb-preview")
    def load_preview(self, article_id: int) -> None:
        try:
            view = article_view(self.app.desk.kb, article_id)
        except TuideskError as error:
            self.post_message(self.Preview(None, str(error)))
            return
        self.post_message(self.Preview(view))

    def on_kb_screen_preview(self, message: Preview) -> None:
        if message.error:
            notify_literal(self, message.error, severity="warning")
        self._show(message.view)

    def _show(self, view: ArticleView | None) -> None:
        self.view = view
        meta = self.query_one("#kb-meta", Static)
        if view is None:
            meta.update("")
        else:
            meta.update(
                Content.assemble((one_line(view.title), "bold"), "\n", (one_line(view.line), "dim"))
            )
        self.query_one("#kb-preview", Markdown).update(view.markdown if view else "")
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#kb-results")
    def selected(self) -> None:
        self.query_one("#kb-preview-box").focus()

    def on_key(self, event: Any) -> None:
        if self.focused is self.query_one(Input) and event.key in ("down", "enter"):
            results = self.query_one("#kb-results", OptionList)
            if results.option_count:
                results.focus()
                if event.key == "enter":
                    self.query_one("#kb-preview-box").focus()
                event.stop()

    # -- actions --

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """False hides a key that makes no sense here or that the agent may not use;
        None shows it dimmed (no article under the cursor yet)."""
        if action == "refuse":
            return self._refusal(str(parameters[0])) is not None
        if action in ("link", "insert"):
            if self.ticket_id is None:
                return False
            return self.view is not None or None
        if self._refusal(action) is not None:
            return False
        if action in ("edit", "publish", "archive", "revisions", "delete"):
            if self.view is None:
                return None
            if action == "publish":
                return self.view.status != "published" or None
            if action == "archive":
                return self.view.status != "archived" or None
        return True

    def _refusal(self, action: str) -> str | None:
        """Why the agent may not do `action`, None when they may."""
        actor = self.app.actor
        if action == "delete" and not permissions.is_lead(actor):
            return "only leads and admins delete articles; archive it instead, or ask a lead"
        if action in ("new", "edit", "publish", "archive") and not self._can_edit():
            return (
                f"L{actor.tier} agents read the knowledge base; L2–L4 agents, leads and "
                "admins write it: send what you found to L2 in a note on the ticket"
            )
        return None

    def action_refuse(self, action: str) -> None:
        why = self._refusal(action)
        if why is not None:
            notify_literal(self, why, title="Not for you", severity="warning")

    def _can_edit(self) -> bool:
        actor = self.app.actor
        return permissions.may_edit_kb(actor)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        if self.focused is not self.query_one(Input):
            self.query_one(Input).focus()
            return
        self.dismiss(None)

    def action_search_box(self) -> None:
        self.query_one(Input).focus()

    def action_filter(self) -> None:
        form = KbFilterScreen(self.narrow, self.filter_field)

        def chosen(narrow: KbFilter | None) -> None:
            self.filter_field = form.last_field
            if narrow is not None:
                self.narrow = narrow
                self.search_now()

        self.app.push_screen(form, chosen)

    def action_link(self, solved: bool) -> None:
        if self.view is None or self.ticket_id is None:
            return
        self.use_article(self.ticket_id, self.view.id, "solved" if solved else "link")

    def action_insert(self) -> None:
        if self.view is None or self.ticket_id is None:
            return
        self.use_article(self.ticket_id, self.view.id, "insert")

    @work(thread=True, exit_on_error=False, group="kb-save")
    def use_article(self, ticket_id: int, article_id: int, how: str) -> None:
        kb = self.app.desk.kb
        try:
            if how == "insert":
                linked = {a.id for a, _ in kb.linked(ticket_id)}
                if article_id not in linked:
                    kb.link(ticket_id, article_id)
            else:
                kb.link(ticket_id, article_id, solved=how == "solved")
        except TuideskError as error:
            self.app.call_from_thread(
                notify_literal, self, str(error), severity="error", title="Not saved"
            )
            return
        self.app.call_from_thread(self._used, ticket_id, article_id, how)

    def _used(self, ticket_id: int, article_id: int, how: str) -> None:
        if how == "insert":
            self.dismiss(("insert", article_id))
            return
        what = "marked as solving" if how == "solved" else "linked to"
        notify_literal(self, f"Article #{article_id} {what} ticket #{ticket_id}", title="Saved")
        self.load_preview(article_id)

    def action_new(self) -> None:
        self._open_editor(None)

    def action_edit(self) -> None:
        if self.view is not None:
            self._open_editor(self.view.id)

    def _open_editor(self, article_id: int | None) -> None:
        def done(saved: int | None) -> None:
            if saved is not None:
                self.search_now()
                self.load_preview(saved)

        self.app.push_screen(ArticleEditorScreen(article_id), done)

    def action_publish(self) -> None:
        if self.view is not None:
            self.set_status(self.view.id, self.view.version, "publish")

    def action_archive(self) -> None:
        view = self.view
        if view is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.set_status(view.id, view.version, "archive")

        self.app.push_screen(
            ConfirmScreen(
                f"Archive #{view.id} {one_line(view.title, 50)}?",
                "It leaves searches and suggestions; its history and links stay.",
            ),
            answer,
        )

    def action_delete(self) -> None:
        view = self.view
        if view is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.set_status(view.id, view.version, "delete")

        self.app.push_screen(
            ConfirmScreen(
                f"Delete #{view.id} {one_line(view.title, 50)} for good?",
                "With all its revisions. Articles linked from tickets can only be archived.",
            ),
            answer,
        )

    @work(thread=True, exit_on_error=False, group="kb-save")
    def set_status(self, article_id: int, version: int, how: str) -> None:
        kb = self.app.desk.kb
        try:
            if how == "publish":
                kb.publish(article_id, version)
            elif how == "archive":
                kb.archive(article_id, version)
            else:
                kb.delete(article_id)
        except TuideskError as error:
            self.app.call_from_thread(
                notify_literal, self, str(error), severity="error", title="Not saved"
            )
            return
        done = {"publish": "published", "archive": "archived", "delete": "deleted"}[how]
        self.app.call_from_thread(self._status_set, article_id, done)

    def _status_set(self, article_id: int, done: str) -> None:
        notify_literal(self, f"Article #{article_id} {done}", title="Saved")
        self.search_now()
        if done != "deleted":
            self.load_preview(article_id)

    def action_revisions(self) -> None:
        if self.view is not None:
            self.app.push_screen(RevisionsScreen(self.view.id, self.view.title))

    def commands(self) -> Iterable[SystemCommand]:
        """This screen's commands for the command palette."""
        return binding_commands(self, "Knowledge base")
