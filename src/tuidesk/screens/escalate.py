"""Escalate: hand a ticket to the next tier with the hand-off it reads first.

The form asks for the target tier (one up unless a lead skips one, with a reason), an
agent of that tier or its queue, and the hand-off: what was tried, the theory, what
the customer needs and the time spent here (from the work log). For L4, the vendor,
its case number and the contract's response time. Each rule is checked as the agent
types, with the same messages the service and the CLI give. The form is kept as a
draft per ticket while it is open (and when the app exits under it), comes back when
the ticket is escalated again, and Escape asks before dropping what was typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static, TextArea

from tuidesk.domain import escalation, workflow
from tuidesk.errors import TuideskError
from tuidesk.screens import DeskModalScreen
from tuidesk.screens.confirm_drop import ConfirmDropScreen, close_open_dropdown
from tuidesk.text import clean, literal, literal_options

AUTOSAVE_SECONDS = 1.0
# the form's typed fields, as kept in its draft (hidden ones too: a tier changed back)
TEXT_FIELDS = ("tried", "theory", "needs", "minutes", "skip_reason", "vendor", "vendor_ref",
               "vendor_hours")  # fmt: skip


def draft_key(ticket_id: int) -> str:
    return f"escalate-{ticket_id}"


def draft_values(data: dict[str, Any]) -> dict[str, Any]:
    """The form's values from a draft's data; anything of the wrong kind is left out."""
    values: dict[str, Any] = {k: data[k] for k in TEXT_FIELDS if isinstance(data.get(k), str)}
    if isinstance(data.get("tier"), int):
        values["tier"] = data["tier"]
    if isinstance(data.get("agent"), str):
        values["agent"] = data["agent"]
    return values


def vendor_completion(typed: str, vendors: list[str]) -> str:
    """The known vendor whose name starts with what was typed (any case); "" if none."""
    start = typed.strip().lower()
    if not start:
        return ""
    return next((name for name in vendors if name.lower().startswith(start)), "")


class VendorInput(Input):
    """The vendor's name: Tab completes to the known vendor shown, as the hint says."""

    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    def __init__(self, value: str, vendors: list[str], **kwargs: Any) -> None:
        super().__init__(value, suggester=SuggestFromList(vendors, case_sensitive=False), **kwargs)
        self.vendors = vendors

    def action_complete(self) -> None:
        name = vendor_completion(self.value, self.vendors)
        if name and name != self.value:
            self.value = name
            self.cursor_position = len(name)
        else:
            self.screen.focus_next()


class EscalateScreen(DeskModalScreen[dict[str, Any] | None]):
    """Dismisses with the escalation's values (Desk.escalate's keywords) or None."""

    DEFAULT_CSS = """
    EscalateScreen { align: center middle; }
    EscalateScreen > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    EscalateScreen VerticalScroll { height: auto; max-height: 100%; }
    EscalateScreen Horizontal { height: auto; }
    EscalateScreen .label { width: 16; }
    EscalateScreen Input, EscalateScreen Input:focus {
        border: none; height: 1; padding: 0 1; width: 1fr; margin-bottom: 1;
        background: $boost;
    }
    EscalateScreen Select { width: 1fr; margin-bottom: 1; }
    EscalateScreen SelectCurrent, EscalateScreen Select:focus > SelectCurrent {
        border: none; height: 1; padding: 0 1;
    }
    EscalateScreen TextArea, EscalateScreen TextArea:focus {
        height: 4; width: 1fr; border: none; margin-bottom: 1;
    }
    EscalateScreen .error { color: $error; height: auto; dock: bottom; }
    EscalateScreen .notice { color: $warning; height: auto; }
    EscalateScreen .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "escalate", "Escalate", priority=True, id="escalate.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="escalate.cancel"),
    ]

    def __init__(
        self,
        ticket_id: int,
        brief: dict[str, Any],
        *,
        role: str,
        agents: list[tuple[str, str, int]],
        vendors: list[tuple[str, int]],
        values: dict[str, Any] | None = None,
        error: str = "",
        notice: str = "",
    ) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.current = int(brief["tier"])
        self.brief = brief
        self.role = role
        self.agents = agents
        self.vendors = dict(vendors)
        self.values = dict(values or {})
        if self.values.get("tier") not in [t for t in workflow.TIERS if t > self.current]:
            self.values.pop("tier", None)  # the ticket moved meanwhile: choose again
        self.error = error
        self.notice = notice
        self._live = False  # re-check as they type, once a ctrl+s was refused
        # what the form shows before anything is typed: no draft, nothing to ask about
        self.untyped = {field: "" for field in TEXT_FIELDS} | {
            "theory": brief["theory"], "needs": brief["goal"], "minutes": str(brief["minutes"]),
        }  # fmt: skip
        self._kept: dict[str, Any] | None = None  # what the draft on disk holds
        self._fields: dict[str, Any] = {}  # held here: they keep their text once unmounted
        self._finished = False  # escalated or dropped: nothing more to keep

    def compose(self) -> ComposeResult:
        values = self.values
        targets = [t for t in workflow.TIERS if t > self.current]
        target = int(values.get("tier") or (targets[0] if targets else self.current))
        with Vertical() as box:
            box.border_title = f"Escalate #{self.ticket_id} from L{self.current}"
            if self.notice:
                yield Static(literal(self.notice), classes="notice")
            # on the border, where a form longer than the screen cannot scroll it away
            box.border_subtitle = "ctrl+s escalates · Escape cancels"
            with VerticalScroll():
                yield self._row("To tier", Select(
                    [(workflow.TIER_NAMES[t], t) for t in targets] or [("—", self.current)],
                    value=target, allow_blank=False, id="escalate-tier"))  # fmt: skip
                yield self._row("Agent", Select(self._agent_options(target), value="",
                                allow_blank=False, id="escalate-agent"))  # fmt: skip
                yield self._row("Skip reason", Input(values.get("skip_reason", ""),
                                placeholder="why the tier between is skipped (leads)",
                                id="escalate-skip_reason"), "escalate-skip-row")  # fmt: skip
                yield Static("What was tried (steps and what they showed)")
                yield TextArea(values.get("tried", ""), soft_wrap=True, id="escalate-tried")
                yield self._row("Theory", Input(values.get("theory", self.brief["theory"]),
                                                id="escalate-theory"))  # fmt: skip
                yield self._row("Customer needs", Input(values.get("needs", self.brief["goal"]),
                                                        id="escalate-needs"))  # fmt: skip
                minutes = values.get("minutes", self.brief["minutes"])
                yield self._row("Minutes here", Input(str(minutes), id="escalate-minutes"))
                yield self._row("Vendor", VendorInput(values.get("vendor", ""), list(self.vendors),
                                placeholder="a vendor under contract (Tab completes)",
                                id="escalate-vendor"), "escalate-vendor-row")  # fmt: skip
                yield self._row("Their case #", Input(values.get("vendor_ref", ""),
                                id="escalate-vendor_ref"), "escalate-ref-row")  # fmt: skip
                yield self._row("Response hours", Input(str(values.get("vendor_hours") or ""),
                                placeholder="contract response time in hours",
                                id="escalate-vendor_hours"), "escalate-hours-row")  # fmt: skip
            yield Static(literal(self.error), classes="error", id="escalate-error")

    def _agent_options(self, tier: int) -> list[tuple[Text, str]]:
        agents = [(f"{login} — {name}", login) for login, name, t in self.agents if t == tier]
        return literal_options([(f"the L{tier} queue (unassigned)", ""), *agents])

    @staticmethod
    def _row(label: str, widget: Any, row_id: str | None = None) -> Horizontal:
        return Horizontal(Static(label, classes="label"), widget, id=row_id)

    def on_mount(self) -> None:
        self._tier_changed()
        self.query_one("#escalate-tried", TextArea).focus()
        self.query_one("#escalate-error").display = bool(self.error)
        self._fields = {field: self.query_one(f"#escalate-{field}")
                        for field in (*TEXT_FIELDS, "tier", "agent")}  # fmt: skip
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)

    def on_unmount(self) -> None:
        if not self._finished:  # the app exits under the form: keep what was typed
            self.save_draft_now()

    @property
    def tier(self) -> int:
        value = self.query_one("#escalate-tier", Select).value
        return int(value) if isinstance(value, int) else self.current

    @on(Select.Changed, "#escalate-tier")
    def _tier_changed(self) -> None:
        tier = self.tier
        options = self._agent_options(tier)
        select = self.query_one("#escalate-agent", Select)
        select.set_options(options)
        wanted = self.values.get("agent") or ""
        select.value = wanted if wanted in {login for _, login in options} else ""
        select.mutate_reactive(Select.value)  # the same value "" still shows the new tier's queue
        self.query_one("#escalate-skip-row").display = tier > self.current + 1
        vendor = tier == workflow.VENDOR_TIER
        for row in ("#escalate-vendor-row", "#escalate-ref-row", "#escalate-hours-row"):
            self.query_one(row).display = vendor
        self._check()

    @on(Input.Changed, "#escalate-vendor")
    def _vendor_typed(self, event: Input.Changed) -> None:
        known = {name.lower(): hours for name, hours in self.vendors.items()}
        hours = known.get(event.value.strip().lower())
        field = self.query_one("#escalate-vendor_hours", Input)
        if hours and not field.value:
            field.value = str(hours)

    def form_values(self) -> dict[str, Any]:
        """Every field as it stands, hidden ones included: what the draft keeps."""
        fields = self._fields
        values: dict[str, Any] = {
            field: fields[field].value for field in TEXT_FIELDS if field != "tried"
        }
        values["tried"] = fields["tried"].text
        tier, agent = fields["tier"].value, fields["agent"].value
        values["tier"] = tier if isinstance(tier, int) else self.current
        values["agent"] = agent if isinstance(agent, str) else ""
        return values

    def typed(self, values: dict[str, Any]) -> bool:
        """Whether the agent wrote anything the form did not start with."""
        return any(values[f].strip() != self.untyped[f].strip() for f in TEXT_FIELDS)

    # -- the draft --

    def _autosave(self) -> None:
        values = self.form_values()
        if values != self._kept:
            self._kept = values
            self._write_draft(values)

    @work(thread=True, exclusive=True, exit_on_error=False, group="escalate-draft")
    def _write_draft(self, values: dict[str, Any]) -> None:
        try:
            self._store(values)
        except OSError as error:
            self.app.call_from_thread(
                self.notify, clean(f"could not keep a draft: {error.strerror}"),
                severity="warning", markup=False,
            )  # fmt: skip

    def _store(self, values: dict[str, Any]) -> None:
        drafts = self.app.drafts
        if self.typed(values):
            drafts.save(draft_key(self.ticket_id), {"ticket": self.ticket_id, **values})
        else:
            drafts.delete(draft_key(self.ticket_id))

    def save_draft_now(self) -> None:
        """Write the form to its draft at once (the app calls this when it crashes)."""
        if self._finished or not self._fields:
            return
        values = self.form_values()
        try:
            self._store(values)
        except OSError:
            return  # the crash or exit that called this has its own message to show
        self._kept = values

    def collect(self) -> dict[str, Any]:
        def text(name: str) -> str:
            return self.query_one(f"#escalate-{name}", Input).value

        agent = self.query_one("#escalate-agent", Select).value
        values: dict[str, Any] = {
            "tier": self.tier,
            "tried": self.query_one("#escalate-tried", TextArea).text,
            "theory": text("theory"),
            "needs": text("needs"),
            "skip_reason": text("skip_reason") if self.tier > self.current + 1 else "",
            "agent": agent if isinstance(agent, str) and agent else None,
            "minutes": text("minutes").strip(),
        }
        if self.tier == workflow.VENDOR_TIER:
            values.update(vendor=text("vendor"), vendor_ref=text("vendor_ref"),
                          vendor_hours=text("vendor_hours").strip())  # fmt: skip
        return values

    def problem(self, values: dict[str, Any]) -> str:
        """The first thing wrong, in the service's words; "" when it can go."""
        try:
            escalation.check_escalation(self.current, values["tier"], self.role,
                                      values["skip_reason"])  # fmt: skip
            escalation.check_handoff(values["tried"], values["theory"], values["needs"])
        except TuideskError as error:
            return str(error)
        if values["minutes"] and not values["minutes"].isdigit():
            return "minutes here: a whole number"
        if values["tier"] == workflow.VENDOR_TIER:
            vendor = values["vendor"].strip()
            if not vendor:
                return "the vendor's name is required"
            known = {name.lower() for name in self.vendors}
            completion = vendor_completion(vendor, list(self.vendors))
            if vendor.lower() not in known and completion:
                # a prefix of a vendor under contract would add a new vendor by mistake
                return f"vendor: {vendor!r} is the start of {completion!r}; Tab completes it"
            if not values["vendor_ref"].strip():
                return "the vendor's reference number for the case is required"
            if values["vendor_hours"] and not values["vendor_hours"].isdigit():
                return "response h: the contract's response time in whole hours"
        return ""

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _check(self) -> None:
        if not self.is_mounted:
            return
        line = self.query_one("#escalate-error", Static)
        if self._live:  # after a refused ctrl+s, say what is still wrong as they fix it
            problem = self.problem(self.collect())
            line.update(literal(problem))
            line.display = bool(problem)

    def action_escalate(self) -> None:
        values = self.collect()
        problem = self.problem(values)
        line = self.query_one("#escalate-error", Static)
        line.update(literal(problem))
        line.display = bool(problem)
        if problem:
            self._live = True
            return
        values["minutes"] = int(values["minutes"]) if values["minutes"] else None
        if "vendor_hours" in values:
            values["vendor_hours"] = int(values["vendor_hours"]) if values["vendor_hours"] else None
        self.save_draft_now()  # kept until the escalation is saved: it may be refused
        self._finished = True
        self.dismiss(values)

    def action_cancel(self) -> None:
        if close_open_dropdown(self):
            return
        values = self.form_values()
        if not self.typed(values):
            self._drop()
            return

        def answer(drop: bool | None) -> None:
            if drop:
                self._drop()

        detail = "Not escalated yet; kept as a draft until you drop it."
        self.app.push_screen(ConfirmDropScreen("hand-off", detail), answer)

    def _drop(self) -> None:
        self._finished = True
        self.app.drafts.delete(draft_key(self.ticket_id))
        self.dismiss(None)


def start_escalation(
    screen: Any, ticket_id: int, done: Any = None, values: dict[str, Any] | None = None,
    error: str = "",
) -> None:  # fmt: skip
    """Open the escalate form for `ticket_id` on `screen`, escalate with what it returns,
    and call `done(ticket)` afterwards. A refusal brings the form back, filled in."""
    app = screen.app

    def read() -> None:
        reader = app.readers.lookups
        brief = reader.escalation_brief(ticket_id)
        agents, vendors = reader.agents_by_tier(), reader.vendor_names()
        if brief is None:
            app.call_from_thread(screen.notify, f"there is no ticket #{ticket_id}",
                                 severity="error", markup=False)  # fmt: skip
            return
        draft = app.drafts.load(draft_key(ticket_id)) if values is None else None
        app.call_from_thread(_show, brief, agents, vendors, draft)

    def _show(brief: dict[str, Any], agents: Any, vendors: Any, draft: Any) -> None:
        if brief["tier"] >= workflow.VENDOR_TIER:
            screen.notify("the ticket is with the vendor (L4): de-escalate it to bring it back",
                          severity="warning", markup=False)  # fmt: skip
            return

        def chosen(result: dict[str, Any] | None) -> None:
            if result is not None:
                screen.run_worker(
                    lambda: _escalate(result, brief["version"]), thread=True,
                    exit_on_error=False, group="escalate",
                )  # fmt: skip

        form, notice = values, ""
        if draft is not None:
            form = draft_values(draft.data)
            saved = datetime.fromtimestamp(draft.saved_at).strftime("%Y-%m-%d %H:%M")
            notice = f"Your unsent hand-off from {saved} is back."
        app.push_screen(
            EscalateScreen(ticket_id, brief, role=app.actor.role, agents=agents,
                           vendors=vendors, values=form, error=error, notice=notice),
            chosen,
        )  # fmt: skip

    def _escalate(result: dict[str, Any], version: int) -> None:
        from tuidesk.errors import ConflictError

        try:
            ticket = app.desk.escalate(ticket_id, expected_version=version, **result)
        except ConflictError:
            why = "someone changed the ticket meanwhile; check the form and escalate again"
            app.call_from_thread(start_escalation, screen, ticket_id, done, result, why)
            return
        except TuideskError as refusal:
            app.call_from_thread(start_escalation, screen, ticket_id, done, result,
                                 str(refusal))  # fmt: skip
            return
        app.drafts.delete(draft_key(ticket_id))
        where = f"L{ticket.tier}" + (f" ({result['agent']})" if result.get("agent") else " queue")
        app.call_from_thread(screen.notify, clean(f"#{ticket_id} escalated to {where}"),
                             title="Escalated", markup=False)  # fmt: skip
        if done is not None:
            app.call_from_thread(done, ticket)

    screen.run_worker(read, thread=True, exit_on_error=False, group="escalate-read")
