"""New ticket: L1's first job, collecting who, where, which equipment and what for.

Built for an agent on the phone: the requester is found as they spell it (name, email
or company), or created in place; their equipment is picked or added; priority and the
SLA due times that would follow show as impact and urgency change, with the support plan
and warranty beside them. Each field is checked where it is typed. The form is saved as
a draft a second after each change, so a crash or a dropped connection loses nothing;
the next start offers it back. Escape on a changed form asks first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from tuidesk.domain import workflow
from tuidesk.domain.priority import LEVEL_LABELS
from tuidesk.errors import TuideskError
from tuidesk.screens import DeskScreen
from tuidesk.screens.confirm_drop import ConfirmDropScreen, close_open_dropdown
from tuidesk.screens.intake_state import IntakeState, check_fields, sla_preview, warranty_note
from tuidesk.screens.modals.new_asset import NewAssetScreen
from tuidesk.screens.modals.new_customer import NewCustomerScreen
from tuidesk.storage.read.lookups import AssetHit, CustomerHit, LookupReader
from tuidesk.text import clean, literal, literal_options, one_line

DRAFT_KEY = "new-ticket"
AUTOSAVE_SECONDS = 1.0
LEVEL_OPTIONS = [(f"{level} {LEVEL_LABELS[level]}", level) for level in (1, 2, 3)]
TEXT_FIELDS = ("subject", "goal", "category", "tags")


class IntakeScreen(DeskScreen[int | None]):
    """The new-ticket form; dismisses with the new ticket's id, or None."""

    FAILURE_TITLE = "New ticket"

    BINDINGS = [
        Binding("ctrl+s", "save", "Create ticket", priority=True, id="intake.save"),
        Binding("ctrl+n", "new_customer", "New customer", priority=True, id="intake.customer"),
        Binding("escape", "cancel", "Cancel", priority=True, id="intake.cancel"),
    ]

    class Found(Message):
        def __init__(self, query: str, hits: list[CustomerHit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    class Chosen(Message):
        def __init__(self, customer: CustomerHit, assets: list[AssetHit], asset: int | None):
            super().__init__()
            self.customer = customer
            self.assets = assets
            self.asset = asset

    def __init__(self, draft: IntakeState | None = None, saved_at: str = "") -> None:
        super().__init__()
        self.state = draft or IntakeState()
        self.restored = saved_at
        self.customer: CustomerHit | None = None
        self.assets: list[AssetHit] = []
        self.hits: list[CustomerHit] = []
        self._saved_state = IntakeState() if draft is None else draft
        self._filling = False  # fields set by code, not typed

    def compose(self) -> ComposeResult:
        state = self.state
        yield Header()
        with VerticalScroll(id="intake-form"):
            if self.restored:
                notice = f"Restored the new ticket you were writing ({self.restored})."
                yield Static(literal(notice), classes="notice")
            yield self._row("Requester", Input(state.requester_label,
                            placeholder="name, email or company; ctrl+n adds a new one",
                            id="intake-requester"))  # fmt: skip
            yield OptionList(id="intake-hits")
            yield Static("", id="intake-requester-error", classes="error")
            yield Static("", id="intake-customer")
            yield self._row("Equipment", Select([("None", -1)], value=-1, allow_blank=False,
                                                id="intake-asset"))  # fmt: skip
            yield self._row("Channel", Select([(c, c) for c in workflow.CHANNELS],
                                              value=state.channel, allow_blank=False,
                                              id="intake-channel"))  # fmt: skip
            yield self._row("Subject", Input(state.subject, id="intake-subject"))
            yield Static("", id="intake-subject-error", classes="error")
            yield Static("Symptoms: what happens, error messages, since when", classes="label wide")
            yield TextArea(state.symptoms, soft_wrap=True, id="intake-symptoms")
            yield self._row("Trying to", Input(state.goal, placeholder="what the customer "
                            "wants to get done", id="intake-goal"))  # fmt: skip
            with Horizontal(classes="row"):
                yield Static("Urgency", classes="label")
                yield Select(LEVEL_OPTIONS, value=state.urgency, allow_blank=False,
                             id="intake-urgency")  # fmt: skip
                yield Static(" Impact", classes="label short")
                yield Select(LEVEL_OPTIONS, value=state.impact, allow_blank=False,
                             id="intake-impact")  # fmt: skip
            yield self._row("Assignee", Select(self._assignee_options(), value=state.assign_to_me,
                            allow_blank=False, id="intake-assignee"))  # fmt: skip
            yield self._row("Category", Input(state.category, id="intake-category"))
            yield Static("", id="intake-category-error", classes="error")
            yield self._row("Tags", Input(state.tags, placeholder="space-separated",
                                          id="intake-tags"))  # fmt: skip
            yield Static("", id="intake-tags-error", classes="error")
        yield Static("", id="intake-preview")  # always in sight while the form scrolls
        yield Footer()

    def _assignee_options(self) -> list[tuple[str, bool]]:
        actor = self.app.actor
        return [
            (one_line(f"Me ({actor.login}): I work on it, it is open"), True),
            ("Nobody: new in the L1 queue for whoever takes it", False),
        ]

    @staticmethod
    def _row(label: str, widget: Any) -> Horizontal:
        return Horizontal(Static(label, classes="label"), widget, classes="row")

    def on_mount(self) -> None:
        self.query_one("#intake-hits").display = False
        for line in self.query(".error"):
            line.display = False
        self.query_one("#intake-requester", Input).focus()
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        self._preview()
        if self.state.requester_id is not None:
            self.choose_customer(self.state.requester_id, self.state.asset_id)

    def _reader(self) -> LookupReader:
        return self.app.readers.lookups

    # -- the requester --

    @on(Input.Changed, "#intake-requester")
    def requester_typed(self, event: Input.Changed) -> None:
        if self._filling:
            return
        if self.state.requester_id is not None and event.value != self.state.requester_label:
            self.state.requester_id = None  # typing again: choose again
            self.customer = None
            self._show_customer()
        self.search(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-search")
    def search(self, text: str) -> None:
        """Search as you type: the latest query wins (exclusive), stale ones are dropped."""
        hits = self._reader().find_customers(text) if len(text.strip()) >= 2 else []
        self.post_message(self.Found(text, hits))

    @on(Found)
    def show_hits(self, message: Found) -> None:
        if message.query != self.query_one("#intake-requester", Input).value:
            return  # typed on since
        self.hits = message.hits
        hits = self.query_one("#intake-hits", OptionList)
        hits.clear_options()
        for hit in message.hits:
            where = " · ".join(x for x in (hit.organization, hit.email or hit.phone) if x)
            hits.add_option(Option(literal(f"{hit.name} — {where}"), id=str(hit.id)))
        if not message.hits and len(message.query.strip()) >= 2:
            hits.add_option(Option(literal("No customer found: ctrl+n adds one"), id="new"))
        hits.display = bool(hits.option_count) and self.state.requester_id is None
        if message.hits:
            hits.highlighted = 0

    def on_key(self, event: Any) -> None:
        """Down from the requester field goes into the results."""
        hits = self.query_one("#intake-hits", OptionList)
        requester = self.query_one("#intake-requester", Input)
        if event.key == "down" and self.focused is requester and hits.display:
            hits.focus()
            event.stop()

    @on(Input.Submitted, "#intake-requester")
    def requester_entered(self) -> None:
        """Enter in the requester field picks the highlighted customer."""
        hits = self.query_one("#intake-hits", OptionList)
        if self.hits and hits.display:
            self.choose_customer(self.hits[hits.highlighted or 0].id)

    @on(OptionList.OptionSelected, "#intake-hits")
    def hit_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "new":
            self.action_new_customer()
        elif event.option.id:
            self.choose_customer(int(event.option.id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-customer")
    def choose_customer(self, customer_id: int, asset_id: int | None = None) -> None:
        reader = self._reader()
        customer = reader.customer(customer_id)
        if customer is None:
            return
        self.post_message(self.Chosen(customer, reader.customer_assets(customer_id), asset_id))

    @on(Chosen)
    def customer_chosen(self, message: Chosen) -> None:
        customer = message.customer
        self.customer = customer
        self.assets = message.assets
        self.state.requester_id = customer.id
        label = one_line(f"{customer.name} <{customer.email}>" if customer.email else customer.name)
        self.state.requester_label = label
        self._filling = True
        self.query_one("#intake-requester", Input).value = label
        self._filling = False
        hits = self.query_one("#intake-hits", OptionList)
        # picked from the field or from its list (hiding the list moves focus on by itself)
        picking = self.focused in (self.query_one("#intake-requester", Input), hits)
        hits.display = False
        self._error("requester", "")
        options = [("None", -1), *((a.describe(), a.id) for a in message.assets)]
        options.append(("New equipment…", -2))
        select = self.query_one("#intake-asset", Select)
        select.set_options(literal_options(options))
        wanted = message.asset if message.asset in {a.id for a in message.assets} else -1
        select.value = wanted
        self._show_customer()
        self._preview()
        if picking:
            self.query_one("#intake-subject", Input).focus()

    def _error(self, field: str, problem: str) -> None:
        """The message next to `field`; the line is gone when there is none."""
        line = self.query_one(f"#intake-{field}-error", Static)
        line.update(literal(problem))
        line.display = bool(problem)

    def _show_customer(self) -> None:
        line = self.query_one("#intake-customer", Static)
        customer = self.customer
        if customer is None:
            line.update("")
            return
        contact = " · ".join(x for x in (customer.phone, customer.location) if x)
        asset = next((a for a in self.assets if a.id == self.state.asset_id), None)
        note = warranty_note(customer, asset, self.app.clock().date())
        line.update(literal(f"{contact}\n{note}" if contact else note))

    # -- the other fields --

    @on(Select.Changed, "#intake-asset")
    def asset_changed(self, event: Select.Changed) -> None:
        if event.value == -2:
            self.new_asset()
            return
        self.state.asset_id = None if event.value in (-1, Select.BLANK) else int(event.value)
        self._show_customer()

    def new_asset(self) -> None:
        def made(values: dict[str, str] | None) -> None:
            if values is None or self.customer is None:
                self.query_one("#intake-asset", Select).value = -1
                return
            self.create_asset(self.customer.id, values)

        self.app.push_screen(NewAssetScreen(), made)

    @work(thread=True, exit_on_error=False, group="intake-create")
    def create_asset(self, customer_id: int, values: dict[str, str]) -> None:
        try:
            until = date.fromisoformat(values["warranty"]) if values["warranty"].strip() else None
        except ValueError:
            until = None
        desk = self.app.desk
        asset = desk.create_asset(
            customer_id, kind=values["kind"], model=values["model"], serial=values["serial"],
            warranty_until=until,
        )  # fmt: skip
        self.app.call_from_thread(self.choose_customer, customer_id, asset.id)

    @on(Select.Changed, "#intake-channel")
    def channel_changed(self, event: Select.Changed) -> None:
        self.state.channel = str(event.value)

    @on(Select.Changed, "#intake-assignee")
    def assignee_changed(self, event: Select.Changed) -> None:
        self.state.assign_to_me = event.value is True

    @on(Select.Changed, "#intake-urgency, #intake-impact")
    def level_changed(self, event: Select.Changed) -> None:
        setattr(self.state, str(event.select.id).removeprefix("intake-"), int(event.value))  # type: ignore[arg-type]
        self._preview()

    @on(Input.Changed, "#intake-subject, #intake-goal, #intake-category, #intake-tags")
    def text_changed(self, event: Input.Changed) -> None:
        field = str(event.input.id).removeprefix("intake-")
        setattr(self.state, field, event.value)
        if field in ("subject", "category", "tags"):
            problem = check_fields(self.state).get(field, "") if event.value else ""
            self._error(field, problem)

    @on(TextArea.Changed, "#intake-symptoms")
    def symptoms_changed(self, event: TextArea.Changed) -> None:
        self.state.symptoms = event.text_area.text

    def _preview(self) -> None:
        now = self.app.clock()
        rules = self.app.rules
        text = sla_preview(rules, self.customer, self.state.impact, self.state.urgency, now)
        self.query_one("#intake-preview", Static).update(literal(text))

    # -- drafts, saving, leaving --

    def _autosave(self) -> None:
        self._sync()
        if self.state == self._saved_state:
            return
        snapshot = IntakeState(**vars(self.state))
        self._saved_state = snapshot
        self.write_draft(snapshot)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-draft")
    def write_draft(self, state: IntakeState) -> None:
        drafts = self.app.drafts
        try:
            if state.is_empty():
                drafts.delete(DRAFT_KEY)
            else:
                drafts.save(DRAFT_KEY, vars(state))
        except OSError as error:
            self.app.call_from_thread(
                self.notify, clean(f"could not keep a draft: {error.strerror}"),
                severity="warning", markup=False,
            )  # fmt: skip

    def save_draft_now(self) -> None:
        """The form as it is into its draft, at once: the app is stopping on a bug."""
        self._sync()
        if not self.state.is_empty():
            self.app.drafts.save(DRAFT_KEY, vars(self.state))

    def action_new_customer(self) -> None:
        typed = self.query_one("#intake-requester", Input).value
        name = "" if "@" in typed else typed

        def made(values: dict[str, str] | None) -> None:
            if values is not None:
                self.create_customer(values)

        self.app.push_screen(NewCustomerScreen(name), made)

    @work(thread=True, exit_on_error=False, group="intake-create")
    def create_customer(self, values: dict[str, str]) -> None:
        try:
            customer = self.app.desk.create_customer(**values)
        except TuideskError as error:
            self.app.call_from_thread(self._customer_refused, str(error), values)
            return
        self.app.call_from_thread(self.choose_customer, customer.id)

    def _customer_refused(self, why: str, values: dict[str, str]) -> None:
        self._error("requester", why)

    def _sync(self) -> None:
        """Read the fields themselves: a key pressed right after typing can come before
        the typing's change messages."""
        for field in TEXT_FIELDS:
            setattr(self.state, field, self.query_one(f"#intake-{field}", Input).value)
        if self.state.requester_id is None:  # a name taken down before it was looked up
            self.state.requester_label = self.query_one("#intake-requester", Input).value
        self.state.symptoms = self.query_one("#intake-symptoms", TextArea).text
        for field in ("urgency", "impact"):
            value = self.query_one(f"#intake-{field}", Select).value
            if isinstance(value, int):
                setattr(self.state, field, value)
        channel = self.query_one("#intake-channel", Select).value
        if isinstance(channel, str):
            self.state.channel = channel
        assign = self.query_one("#intake-assignee", Select).value
        if isinstance(assign, bool):
            self.state.assign_to_me = assign

    def action_save(self) -> None:
        self._sync()
        problems = check_fields(self.state)
        for field in ("requester", "subject", "category", "tags"):
            self._error(field, problems.get(field, ""))
        if problems:
            first = next(iter(problems))
            self.query_one(f"#intake-{first}", Input).focus()
            return
        self.create_ticket(IntakeState(**vars(self.state)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-save")
    def create_ticket(self, state: IntakeState) -> None:
        desk = self.app.desk
        try:
            ticket = desk.create_ticket(
                subject=state.subject.strip(),
                requester_id=state.requester_id,
                description=state.symptoms,
                goal=state.goal.strip(),
                channel=state.channel,
                urgency=state.urgency,
                impact=state.impact,
                category=state.category,
                tags=state.tags,
                asset_id=state.asset_id,
                assignee=desk.actor.login if state.assign_to_me else None,
            )
        except TuideskError as error:
            self.app.call_from_thread(self._refused, error)
            return
        self.app.drafts.delete(DRAFT_KEY)
        self.app.call_from_thread(self._created, ticket.id)

    def _refused(self, error: TuideskError) -> None:
        field = getattr(error, "field", "") or ""
        if self.query(f"#intake-{field}-error"):
            self._error(field, str(error))
        else:
            self.notify(clean(error), title="Not created", severity="error", markup=False)

    def _created(self, ticket_id: int) -> None:
        self._saved_state = self.state  # nothing left to keep
        self.dismiss(ticket_id)

    def action_cancel(self) -> None:
        if close_open_dropdown(self):
            return
        self._sync()
        if self.query_one("#intake-hits").display:
            self.query_one("#intake-hits").display = False
            return
        if self.state.is_empty():
            self._leave()
            return

        def answer(drop: bool | None) -> None:
            if drop:
                self._leave()

        detail = "Not created yet; kept as a draft until you drop it."
        self.app.push_screen(ConfirmDropScreen("new ticket", detail), answer)

    def _leave(self) -> None:
        self.app.drafts.delete(DRAFT_KEY)
        self._saved_state = self.state
        self.dismiss(None)
