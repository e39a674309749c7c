"""One ticket: its header, the work order, the whole history, and every action on it.

Each action is a key. Text is written in an editor that keeps a draft on disk as it
goes; a save that collides with another agent's change shows that change and lets the
agent apply theirs on top or keep editing. Nothing typed is lost on a refusal, a
conflict, a crash or a dropped connection. Who else has the ticket open shows in the
header (a heartbeat), and another agent's change shows within a couple of seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Header, Static

from tuidesk.domain import escalation, workflow
from tuidesk.errors import ConflictError, TuideskError
from tuidesk.markdown_plain import markdown_to_plain
from tuidesk.screens import DeskScreen, binding_commands
from tuidesk.screens.modals.choice import ChoiceScreen
from tuidesk.screens.modals.confirm import ConfirmScreen
from tuidesk.screens.modals.conflict import ConflictScreen
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.screens.modals.handoff_review import HandoffReviewScreen
from tuidesk.screens.modals.work_log import WorkLogScreen
from tuidesk.screens.ticket_actions import (
    DONE,
    WRITERS,
    assignee_choices,
    perform,
    priority_choices,
    status_choices,
    unsent_drafts,
)
from tuidesk.screens.ticket_text import (
    body_blocks,
    changed_fields,
    escalation_path,
    event_heading,
    header_lines,
    local_time,
    vendor_line,
)
from tuidesk.services.ticket_reads import TicketDetail
from tuidesk.storage.read.lookups import LookupReader
from tuidesk.text import literal, notify_literal, one_line
from tuidesk.widgets.history import HistoryView, ScrollsTerminal
from tuidesk.widgets.sla_badge import LiveClock, SlaBadge

POLL_SECONDS = 2.0
HEARTBEAT_SECONDS = 15.0


class TicketScreen(ScrollsTerminal, DeskScreen[None]):
    """A ticket's work order and history, and every action on it."""

    FAILURE_TITLE = "Ticket"

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", show=False, id="ticket.back"),
        Binding("r", "write('reply')", "Reply", id="ticket.reply"),
        Binding("i", "write('note')", "Note", id="ticket.note"),
        Binding("s", "status", "Status", id="ticket.status"),
        Binding("a", "assign", "Assign", id="ticket.assign"),
        Binding("R", "write('resolve')", "Resolve", id="ticket.resolve"),
        Binding("e", "escalate", "Escalate", id="ticket.escalate"),
        Binding("d", "write('deescalate')", "Send back", show=False, id="ticket.deescalate"),
        Binding("u", "write('vendor')", "Vendor update", show=False, id="ticket.vendor"),
        Binding("p", "priority", "Priority", show=False, id="ticket.priority"),
        Binding("t", "log_time", "Log time", show=False, id="ticket.log_time"),
        Binding("h", "write('theory')", "Theory", show=False, id="ticket.theory"),
        Binding("o", "reopen", "Reopen", show=False, id="ticket.reopen"),
        Binding("M", "merge", "Merge into…", show=False, id="ticket.merge"),
        Binding("right_square_bracket", "step(1)", "Next", show=False, key_display="]",
                id="ticket.next"),
        Binding("left_square_bracket", "step(-1)", "Previous", show=False, key_display="[",
                id="ticket.previous"),
        Binding("K", "knowledge", "Knowledge", id="ticket.kb"),
        Binding("W", "article_from_ticket", "Write article", show=False, id="ticket.article"),
        Binding("x", "toggle_fold", "Unfold", show=False, id="ticket.fold"),
        Binding("f5", "reload", "Reload", show=False, id="ticket.reload"),
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
    ]  # fmt: skip

    class Loaded(Message):
        def __init__(
            self,
            detail: TicketDetail,
            clocks: list[LiveClock],
            policy: str,
            drafts: dict[str, Any],
            handoff: Any = None,
            articles: tuple[list[tuple[int, str, bool]], list[tuple[int, str]]] = ([], []),
        ) -> None:
            super().__init__()
            self.handoff = handoff
            self.articles = articles
            self.detail = detail
            self.clocks = clocks
            self.policy = policy
            self.drafts = drafts

    class Present(Message):
        def __init__(self, ticket_id: int, others: list[tuple[str, str]]) -> None:
            super().__init__()
            self.ticket_id = ticket_id
            self.others = others

    def __init__(self, ticket_id: int, step: Callable[[int], int | None] | None = None) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.step = step  # moves the queue's cursor; the ticket id there, if any
        self.detail: TicketDetail | None = None
        self.drafts: dict[str, Any] = {}  # this ticket's unsent drafts, by kind
        self.others: list[tuple[str, str]] = []
        self.expanded = False
        self.activity = "viewing"
        self.marker: tuple[int, int] | None = None  # (version, last event id) shown
        # what the agent saw at each version shown: (ticket, last event id), for collisions
        self.seen: dict[int, tuple[Any, int]] = {}
        self.reviewed: set[int] = set()  # hand-offs shown here already
        self._vendor_text: str | None = None  # the vendor line on screen
        # (linked: id, title, solved it), (suggested: id, title)
        self.articles: tuple[list[tuple[int, str, bool]], list[tuple[int, str]]] = ([], [])

    @property
    def version(self) -> int | None:
        return self.detail.ticket.version if self.detail else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Loading ticket #{self.ticket_id}…", id="ticket-head")
        yield Static("", id="ticket-presence")
        yield Horizontal(id="ticket-sla")
        yield Static("", id="ticket-vendor")
        yield HistoryView(id="ticket-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ticket-presence").display = False
        self.query_one(HistoryView).focus()
        self.set_interval(1.0, self._tick_vendor)
        self.load()
        self.set_timer(POLL_SECONDS, self.poll)
        self.heartbeat()

    def on_unmount(self) -> None:
        self.leave(self.ticket_id)

    # -- reading --

    def _reader(self) -> LookupReader:
        return self.app.readers.lookups

    @work(thread=True, exclusive=True, exit_on_error=False, group="ticket")
    def load(self) -> None:
        ticket_id = self.ticket_id
        desk = self.app.desk
        detail = desk.ticket_detail(ticket_id)
        clocks, policy = desk.clocks(ticket_id)
        live = [LiveClock(c, policy.calendar) for c in (clocks.first_response, clocks.resolution)]
        drafts = unsent_drafts(self.app.drafts, ticket_id)
        handoff = desk.unseen_handoff(ticket_id)
        linked = [(a.id, a.title, solved) for a, solved in desk.kb.linked(ticket_id)]
        known = {article_id for article_id, _, _ in linked}
        suggested = [
            (hit.id, hit.title) for hit in desk.kb.suggestions(ticket_id, 4).hits
            if hit.id not in known
        ][:3]  # fmt: skip
        articles = (linked, suggested)
        self.post_message(self.Loaded(detail, live, policy.name, drafts, handoff, articles))

    @work(thread=True, exclusive=True, exit_on_error=False, group="ticket-poll")
    def poll(self) -> None:
        """Reload when anyone changed the ticket; show who else has it open."""
        try:
            ticket_id = self.ticket_id
            reader = self._reader()
            marker = reader.ticket_marker(ticket_id)
            others = reader.present(ticket_id, self.app.clock())
            self.post_message(self.Present(ticket_id, others))
            if self.marker is not None and marker != self.marker:
                self.app.call_from_thread(self.load)
        finally:
            self.app.call_from_thread(self.set_timer, POLL_SECONDS, self.poll)

    @work(thread=True, exclusive=True, exit_on_error=False, group="ticket-presence")
    def heartbeat(self) -> None:
        """Tell the others this ticket is open here (and what is being done to it)."""
        try:
            self.app.desk.be_present(self.ticket_id, self.activity)
        finally:
            self.app.call_from_thread(self.set_timer, HEARTBEAT_SECONDS, self.heartbeat)

    @work(thread=True, exit_on_error=False, group="ticket-leave")
    def leave(self, ticket_id: int) -> None:
        self.app.desk.leave(ticket_id)

    # -- showing --

    @on(Present)
    def show_presence(self, message: Present) -> None:
        if message.ticket_id != self.ticket_id:
            return
        self.others = message.others
        line = self.query_one("#ticket-presence", Static)
        line.display = bool(message.others)
        if message.others:
            who = ", ".join(
                login if activity == "viewing" else f"{login} ({activity})"
                for login, activity in message.others
            )
            line.update(literal(f"Also open by: {who}"))

    @on(Loaded)
    def show_ticket(self, message: Loaded) -> None:
        detail = message.detail
        if detail.ticket.id != self.ticket_id:
            return  # an older read, from before ] or [
        same = self.detail is not None and self.detail.ticket.id == detail.ticket.id
        self.detail = detail
        self.drafts = message.drafts
        self.articles = message.articles
        last_event = detail.history[-1].event.id if detail.history else 0
        self.marker = (detail.ticket.version, last_event or 0)
        self.seen[detail.ticket.version] = (detail.ticket, last_event or 0)
        lines = header_lines(detail)
        if self.drafts:
            kinds = ", ".join(WRITERS[k][1] for k in self.drafts)
            lines.append(f"Unsent draft: {kinds} (its key opens it again)")
        self.sub_title = f"#{detail.ticket.id}"
        self.query_one("#ticket-head", Static).update(literal("\n".join(lines)))
        strip = self.query_one("#ticket-sla", Horizontal)
        strip.remove_children()
        now = self.app.clock
        strip.mount_all(
            [
                Static(literal(f"SLA {workflow.plan_label(message.policy)}"), classes="sla-policy"),
                *(SlaBadge(live, now, zone=self.app.actor.timezone) for live in message.clocks),
            ]
        )
        self._tick_vendor()
        self._show_body(keep_position=same)
        self.refresh_bindings()
        if message.handoff is not None and message.handoff.id not in self.reviewed:
            self.review(message.handoff, escalation_path(detail))

    def review(self, handoff: Any, path: str) -> None:
        """The first time an agent of the new tier opens it: the hand-off, first."""
        self.reviewed.add(handoff.id)
        heading = f"Escalated L{handoff.old_value} → L{handoff.new_value}"

        def read(_: object) -> None:
            self.run_worker(
                lambda: self.app.desk.mark_handoff_seen(handoff.id),
                thread=True, exit_on_error=False, group="ticket-review",
            )  # fmt: skip

        self.app.push_screen(HandoffReviewScreen(self.ticket_id, heading, path, handoff.body), read)

    def _tick_vendor(self) -> None:
        """The vendor's countdown, redrawn every second with the SLA badges."""
        line = self.query_one("#ticket-vendor", Static)
        if self.detail is None:
            line.display = False
            self._vendor_text = None
            return
        text = vendor_line(self.detail.ticket, self.detail.vendor, self.app.clock())
        if text != self._vendor_text:  # unchanged, it is not drawn again (bytes to SSH)
            self._vendor_text = text
            line.update(literal(text))
            line.display = bool(text)

    def _show_body(self, keep_position: bool = False) -> None:
        detail = self.detail
        if detail is None:
            return
        blocks = body_blocks(detail, self.app.actor.timezone, self.expanded, self.articles)
        self.query_one(HistoryView).set_blocks(blocks, keep_position=keep_position)

    # -- actions --

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.detail is None:
            return action in {"back", "reload", "scroll_down", "scroll_up"} or None
        status = self.detail.ticket.status
        if action == "reopen":
            return status == workflow.RESOLVED or None
        tier = self.detail.ticket.tier
        if action == "write" and parameters == ("deescalate",):
            return tier > 1 or None
        if action == "write" and parameters == ("vendor",):
            return self.detail.ticket.vendor_id is not None or None
        if action == "escalate":
            return (tier < workflow.VENDOR_TIER and status not in (workflow.RESOLVED,
                    workflow.CLOSED)) or None  # fmt: skip
        if action in {"write", "status", "assign", "priority", "log_time"}:
            if parameters == ("resolve",) and status in (workflow.RESOLVED, workflow.CLOSED):
                return None
            return status != workflow.CLOSED or None
        return True

    def action_write(self, kind: str) -> None:
        """Open the editor for a reply, a note, the theory or the resolution."""
        if self.detail is None:
            return
        title, _, activity = WRITERS[kind]
        draft = self.drafts.get(kind)
        notice = ""
        if draft is not None:
            saved = datetime.fromtimestamp(draft.saved_at).strftime("%Y-%m-%d %H:%M")
            text = str(draft.data.get("text", ""))
            notice = f"Your unsent draft from {saved} is back."
        elif kind == "theory":
            text = self.detail.ticket.theory
        else:
            text = ""
        self.open_editor(kind, text, self.detail.ticket.version, notice, "", activity)

    def return_tier(self) -> int:
        """The tier `d` sends the ticket back to: the one it came from."""
        assert self.detail is not None
        moves = [
            (e.event.kind, e.event.old_value, e.event.new_value)
            for e in self.detail.history
            if e.event.kind in (workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION)
        ]
        return escalation.return_tier(self.detail.ticket.tier, moves)

    def open_editor(
        self, kind: str, text: str, version: int, notice: str, title: str = "", activity: str = ""
    ) -> None:
        title = title or WRITERS[kind][0]
        if kind == "deescalate" and self.detail is not None:
            title = f"Send back to L{self.return_tier()}: a note for them"
        self._set_activity(activity or WRITERS[kind][2])
        ticket_id = self.ticket_id
        # the saved theory is not unsent text: Escape on it asks nothing
        stored = (self.detail.ticket.theory or "") if kind == "theory" and self.detail else ""

        def done(result: str | None) -> None:
            self._set_activity("viewing")
            if result is None:
                self.drafts.pop(kind, None)
            else:
                self.save(ticket_id, kind, {"text": result}, version)

        self.app.push_screen(
            EditorScreen(
                f"#{ticket_id} · {title}",
                text,
                drafts=self.app.drafts,
                draft_key=f"{kind}-{ticket_id}",
                draft_extra={"ticket": ticket_id, "kind": kind},
                notice=notice,
                what=WRITERS[kind][1],
                stored=stored,
            ),
            done,
        )

    def _set_activity(self, activity: str) -> None:
        if activity != self.activity:
            self.activity = activity
            self.heartbeat()

    def action_status(self) -> None:
        if self.detail is None:
            return
        current = self.detail.ticket.status
        choices = status_choices(current)
        version = self.detail.ticket.version

        def chosen(status: str | None) -> None:
            if status == current:
                return  # kept as it is: nothing to write
            if status == workflow.RESOLVED:
                self.action_write("resolve")
            elif status is not None:
                self.save(self.ticket_id, "status", {"status": status}, version)

        self.app.push_screen(
            ChoiceScreen(
                f"Status of #{self.ticket_id}: now {workflow.status_label(current).lower()}",
                choices,
                current=current,
            ),
            chosen,
        )

    def action_assign(self) -> None:
        if self.detail is not None:
            self.ask_assignee(self.ticket_id, self.detail.ticket.version)

    @work(thread=True, exclusive=True, exit_on_error=False, group="ticket-ask")
    def ask_assignee(self, ticket_id: int, version: int) -> None:
        logins = self._reader().agent_logins()
        self.app.call_from_thread(self._push_assignee, ticket_id, version, logins)

    def _push_assignee(self, ticket_id: int, version: int, logins: list[str]) -> None:
        me = self.app.actor.login
        assignee = self.detail.assignee if self.detail is not None else ""
        current, choices = assignee_choices(me, assignee, logins)

        def chosen(login: str | None) -> None:
            if login is not None and login != current:
                target = me if login == "@me" else None if login == "@none" else login
                self.save(ticket_id, "assign", {"login": target}, version)

        self.app.push_screen(ChoiceScreen(f"Assign #{ticket_id}", choices, current=current), chosen)

    def action_priority(self) -> None:
        if self.detail is None:
            return
        ticket = self.detail.ticket
        choices = priority_choices(ticket)
        version = ticket.version
        current = f"{ticket.impact},{ticket.urgency}"

        def chosen(value: str | None) -> None:
            if value is not None and value != current:
                impact, urgency = (int(x) for x in value.split(","))
                self.save(
                    self.ticket_id, "priority", {"impact": impact, "urgency": urgency}, version
                )

        self.app.push_screen(
            ChoiceScreen(
                f"Priority of #{self.ticket_id}: impact × urgency", choices, current=current
            ),
            chosen,
        )

    def action_log_time(self) -> None:
        if self.detail is None:
            return
        version = self.detail.ticket.version

        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None:
                minutes, note = result
                self.save(self.ticket_id, "worklog", {"minutes": minutes, "note": note}, version)

        self.app.push_screen(WorkLogScreen(), chosen)

    def action_reopen(self) -> None:
        if self.detail is None:
            return
        version = self.detail.ticket.version

        def answer(yes: bool | None) -> None:
            if yes:
                self.save(self.ticket_id, "reopen", {}, version)

        self.app.push_screen(
            ConfirmScreen(f"Reopen #{self.ticket_id}?", "Its resolution clock resumes."), answer
        )

    def action_merge(self) -> None:
        """Close this ticket as a duplicate of another (leads and admins)."""
        if self.detail is None:
            return
        from tuidesk.screens.merge import MergeScreen

        version = self.detail.ticket.version
        zone = self.app.actor.timezone

        def chosen(result: tuple[int, int] | None) -> None:
            if result is not None:
                into, into_version = result
                values = {"into": into, "into_version": into_version}
                self.save(self.ticket_id, "merge", values, version)

        self.app.push_screen(
            MergeScreen(self.detail, lambda moment: local_time(moment, zone)), chosen
        )

    @work(thread=True, exit_on_error=False, group="ticket-save")
    def save(self, ticket_id: int, kind: str, values: dict[str, Any], version: int) -> None:
        """Apply one action on the version the agent saw; a collision is shown, not lost."""
        desk = self.app.desk
        try:
            perform(desk, ticket_id, kind, values, version)
        except ConflictError as conflict:
            if kind == "merge":  # either ticket moved since both were shown: look again
                why = f"{conflict}; press M to see both again"
                self.app.call_from_thread(self._refused, ticket_id, kind, values, version, why)
                return
            # what changed since the version this action was started on, even when the
            # screen has reloaded meanwhile (the editor stays on the version it opened at)
            seen_ticket, seen_event = (
                self.seen.get(version, (None, 0)) if ticket_id == self.ticket_id else (None, 0)
            )
            history = desk.history(ticket_id)
            changes = [
                (event_heading(entry, self.app.actor.timezone), entry.event.body)
                for entry in history
                if (entry.event.id or 0) > seen_event
            ]
            fields: list[str] = []
            if seen_ticket is not None and conflict.current is not None:
                ids = {seen_ticket.assignee_id, conflict.current.assignee_id} - {None}
                fields = changed_fields(seen_ticket, conflict.current, desk.agent_logins(ids))
            current = conflict.current.version if conflict.current is not None else version
            if conflict.current is not None and ticket_id == self.ticket_id and history:
                # shown now: the next collision lists only what comes after this one
                self.seen[current] = (conflict.current, history[-1].event.id or 0)
            self.app.call_from_thread(
                self._collided, ticket_id, kind, values, current, changes, fields
            )
            return
        except TuideskError as error:
            self.app.call_from_thread(self._refused, ticket_id, kind, values, version, str(error))
            return
        if kind in WRITERS:
            self.app.drafts.delete(f"{kind}-{ticket_id}")
        self.app.call_from_thread(self._saved, ticket_id, kind)

    def _saved(self, ticket_id: int, kind: str) -> None:
        self.drafts.pop(kind, None)
        notify_literal(self, f"#{ticket_id}: {DONE.get(kind, kind)}", title="Saved")
        if ticket_id == self.ticket_id:
            self.load()

    def _refused(
        self, ticket_id: int, kind: str, values: dict[str, Any], version: int, why: str
    ) -> None:
        notify_literal(self, why, title="Not saved", severity="error", timeout=10)
        if kind in WRITERS:  # the text comes back, with the reason above it
            self.open_editor(kind, values["text"], version, f"Not saved: {why}")

    def _collided(
        self,
        ticket_id: int,
        kind: str,
        values: dict[str, Any],
        current: int,
        changes: list[tuple[str, str]],
        fields: list[str] | None = None,
    ) -> None:
        what = WRITERS[kind][1] if kind in WRITERS else DONE.get(kind, kind)

        def chosen(choice: str | None) -> None:
            if choice == "apply":
                self.save(ticket_id, kind, values, current)
            elif kind in WRITERS:
                self.open_editor(
                    kind, values["text"], current, "The ticket changed meanwhile (see above)."
                )
            if ticket_id == self.ticket_id:
                self.load()

        self.app.push_screen(ConflictScreen(what, changes, fields or []), chosen)

    def action_knowledge(self) -> None:
        """The knowledge base, searching for this ticket: link, mark solved, insert."""
        if self.detail is None:
            return
        from tuidesk.screens.kb import KbScreen
        from tuidesk.services.kb import suggestion_query

        ticket = self.detail.ticket
        query = suggestion_query(ticket.subject, "")
        ticket_id, version = self.ticket_id, ticket.version

        def done(result: tuple[str, int] | None) -> None:
            if result is not None and result[0] == "insert":
                self.insert_article(ticket_id, result[1], version)
            elif ticket_id == self.ticket_id:
                self.load()

        self.app.push_screen(KbScreen(query + " ", ticket_id), done)

    @work(thread=True, exit_on_error=False, group="ticket-kb")
    def insert_article(self, ticket_id: int, article_id: int, version: int) -> None:
        desk = self.app.desk
        article = desk.kb.get(article_id)
        # linking the article changed the ticket: the reply is written on top of that
        version = desk.get_ticket(ticket_id).version
        resolution = markdown_to_plain(article.resolution)  # what a customer can read
        internal = article.visibility != "public"
        self.app.call_from_thread(
            self._insert, ticket_id, article.title, resolution, version, internal
        )

    def _insert(
        self, ticket_id: int, title: str, resolution: str, version: int, internal: bool = False
    ) -> None:
        """Open the reply with the article's resolution after what was written so far;
        an internal article's goes into a public reply only when the agent says so."""
        if ticket_id != self.ticket_id or self.detail is None:
            return
        self.load()
        if not internal:
            self._insert_into("reply", title, resolution, version)
            return

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self._insert_into(kind, title, resolution, version)

        choices = [
            ("note", "Into an internal note (agents only)"),
            ("reply", "Into the public reply anyway: the customer reads it"),
        ]
        self.app.push_screen(
            ChoiceScreen(
                "Insert an internal article",
                choices,
                hint=f"“{one_line(title, 60)}” is written for agents, not for the customer. "
                "Enter puts it where chosen · Escape: neither",
                current="note",
            ),
            chosen,
        )

    def _insert_into(self, kind: str, title: str, resolution: str, version: int) -> None:
        draft = self.drafts.get(kind)
        text = str(draft.data.get("text", "")) if draft is not None else ""
        text = (text.rstrip() + "\n\n" if text.strip() else "") + resolution.strip() + "\n"
        self.open_editor(kind, text, version, f"Inserted from the article: {title}")

    def action_article_from_ticket(self) -> None:
        """Turn this resolved ticket into a draft article, then edit it."""
        self.article_from_ticket(self.ticket_id)

    @work(thread=True, exit_on_error=False, group="ticket-kb")
    def article_from_ticket(self, ticket_id: int) -> None:
        try:
            article = self.app.desk.kb.draft_from_ticket(ticket_id)
        except TuideskError as error:
            self.app.call_from_thread(
                notify_literal, self, str(error), severity="error", title="No article"
            )
            return
        self.app.call_from_thread(self._edit_article, article.id)

    def _edit_article(self, article_id: int) -> None:
        from tuidesk.screens.kb import ArticleEditorScreen

        notify_literal(self, f"Draft article #{article_id} written from this ticket")
        self.app.push_screen(ArticleEditorScreen(article_id))

    def action_escalate(self) -> None:
        """Hand the ticket to the next tier with the hand-off (the escalate form)."""
        from tuidesk.screens.escalate import start_escalation

        start_escalation(self, self.ticket_id, lambda ticket: self.load())

    def action_step(self, delta: int) -> None:
        """The next (1) or previous (-1) ticket of the queue's view, without going back."""
        if self.step is None:
            return
        ticket_id = self.step(delta)
        if ticket_id is None:
            edge = "last" if delta > 0 else "first"
            notify_literal(self, f"this is the {edge} ticket of the view", title="Queue")
            return
        self.leave(self.ticket_id)
        self.ticket_id = ticket_id
        self.detail = None
        self.marker = None
        self.expanded = False
        self.query_one("#ticket-head", Static).update(literal(f"Loading ticket #{ticket_id}…"))
        self.query_one("#ticket-presence").display = False
        self.load()
        self.heartbeat()

    def action_toggle_fold(self) -> None:
        self.expanded = not self.expanded
        self._show_body(keep_position=True)

    def action_back(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.load()

    def action_scroll_down(self) -> None:
        self.query_one(HistoryView).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(HistoryView).scroll_up(animate=False)

    def commands(self) -> Iterable[SystemCommand]:
        """This screen's commands for the command palette."""
        return binding_commands(self, "Ticket")
