"""Replaying each ticket's history to its fields: a ticket row edited behind the app's
back no longer matches what its history says.

The hash chain (storage/history_chain.py) shows an edited history; it says nothing of
the ticket row, which every agent's change updates. But every change to a field is an
event that records the new value, and the `created` event records the fields the
ticket was created with (`created_record()`: its `new_value`, a JSON object, and its
body holds the description). Replaying the events in order gives what each field must
be now; `tuidesk doctor` names the fields of each ticket that differ.

A field is replayed as far as the events record it, no further: after an escalation the
new assignee (the tier's queue, or the agent named) and the theory are not recorded, so
they are not compared until an assignment or theory event says again; tickets created
before the `created` event recorded the fields are compared from their first recorded
change of each field on (their description, status, resolution and minutes from the
start). A field left unknown is never reported.

Rows are read as plain tuples, streamed in ticket order beside the events the chain
check reads (one pass over the history for both).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from tuidesk.domain import workflow

if TYPE_CHECKING:
    from tuidesk.storage.models import Ticket

UNKNOWN: Any = object()  # a field the history does not tell

# the ticket's columns compared, in the order they are read; "assignee" is a login
FIELDS = (
    "subject", "description", "goal", "status", "resolution", "theory", "tier", "assignee",
    "impact", "urgency", "priority", "sla_policy", "minutes_spent", "requester", "asset",
    "channel", "category",
)  # fmt: skip
TICKETS_SQL = (
    "SELECT t.id, t.subject, t.description, t.goal, t.status, t.resolution, t.theory,"
    " t.tier, a.login, t.impact, t.urgency, t.priority, t.sla_policy, t.minutes_spent,"
    " t.requester_id, t.asset_id, t.channel, t.category"
    " FROM ticket t LEFT JOIN agent a ON a.id = t.assignee_id ORDER BY t.id"
)
TAGS_SQL = "SELECT ticket_id, tag FROM ticket_tag ORDER BY ticket_id"
# what doctor calls a field, where its name is not the column's
LABELS = {"sla_policy": "SLA policy", "minutes_spent": "minutes spent"}
# the fields a `created` record holds, with the value of one left out
RECORDED = {
    "subject": UNKNOWN, "requester": UNKNOWN, "channel": UNKNOWN, "tier": UNKNOWN,
    "impact": UNKNOWN, "urgency": UNKNOWN, "priority": UNKNOWN,
    "goal": "", "category": "", "asset": None, "tags": (),
}  # fmt: skip
# the kinds of event that change a replayed field (replies, notes, SLA events do not)
_CHANGING = frozenset(
    (workflow.EVENT_STATUS, workflow.EVENT_ASSIGNMENT, workflow.EVENT_ESCALATION,
     workflow.EVENT_DEESCALATION, workflow.EVENT_PRIORITY, workflow.EVENT_WORKLOG,
     workflow.EVENT_THEORY, workflow.EVENT_TAGS, workflow.EVENT_SLA_POLICY)
)  # fmt: skip
_LEVELS = re.compile(r"\(impact (\d), urgency (\d)\)")
_PRIORITY = re.compile(r"P(\d)\b")
# how policy changes were written before they had an event kind of their own (a
# priority event): databases written then keep them
_POLICY = "policy "
_ORGANIZATION_POLICY = "policy of the organization"


def created_record(ticket: Ticket, tags: Iterable[str] = ()) -> str:
    """The `new_value` of a ticket's `created` event: its fields as created, as JSON
    (goal, category, asset and tags only when it has them)."""
    record: dict[str, object] = {
        "subject": ticket.subject, "requester": ticket.requester_id, "channel": ticket.channel,
        "tier": ticket.tier, "impact": ticket.impact, "urgency": ticket.urgency,
        "priority": ticket.priority,
    }  # fmt: skip
    optional = (("goal", ticket.goal), ("category", ticket.category), ("asset", ticket.asset_id))
    record.update((name, value) for name, value in optional if value)
    if tags := sorted(set(tags)):
        record["tags"] = tags
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Difference:
    """A ticket whose row says other than its history, or that has no history."""

    ticket_id: int
    fields: tuple[str, ...]  # empty: the ticket has no history at all
    orphaned: bool = False  # events of a ticket whose row is gone

    def describe(self) -> str:
        if self.orphaned:
            return f"ticket #{self.ticket_id} is gone, its history is still there"
        if not self.fields:
            return f"ticket #{self.ticket_id} has no history at all (it was deleted)"
        names = ", ".join(LABELS.get(name, name) for name in self.fields)
        verb = "differs" if len(self.fields) == 1 else "differ"
        return f"ticket #{self.ticket_id}: {names} {verb} from its history"


@dataclass
class ReplayReport:
    tickets: int = 0
    differences: list[Difference] = field(default_factory=list)
    unrecorded: int = 0  # tickets created before the `created` event recorded fields
    unnamed: int = 0  # differences beyond those kept in `differences`

    @property
    def ok(self) -> bool:
        return not self.differences


def _same_text(value: object, expected: object) -> bool:
    """Unequal values that are the same text but for NUL, which PostgreSQL stores as
    U+FFFD (the JSON record keeps the NUL)."""
    return (
        isinstance(value, str)
        and isinstance(expected, str)
        and value.replace("\x00", "\ufffd") == expected.replace("\x00", "\ufffd")
    )


class _Ticket:
    """One ticket's fields as its history tells them so far."""

    def __init__(self, created: Sequence[Any] | None) -> None:
        unknown = dict.fromkeys(FIELDS, UNKNOWN)
        self.fields: dict[str, Any] = {**unknown, "tags": UNKNOWN}
        self.recorded = False
        if created is None:  # its first event is not the creation: nothing is certain
            return
        body, new_value = created[5] or "", created[7] or ""
        self.fields.update(
            description=body, status=workflow.NEW, resolution="", theory="", assignee=None,
            sla_policy="", minutes_spent=0,
        )  # fmt: skip
        try:
            record = json.loads(new_value) if new_value.startswith("{") else None
        except ValueError:
            record = None
        if isinstance(record, dict) and "subject" in record:
            self.recorded = True
            for name, default in RECORDED.items():
                value = record.get(name, default)
                self.fields[name] = tuple(value) if name == "tags" else value

    def apply(self, kind: str, body: str, new: str, minutes: int) -> None:
        known = self.fields
        if kind == workflow.EVENT_STATUS:
            known["status"] = new
            if new == workflow.RESOLVED:
                known["resolution"] = body
        elif kind == workflow.EVENT_ASSIGNMENT:
            known["assignee"] = new or None
        elif kind in (workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION):
            known["tier"] = int(new) if new.isdigit() else UNKNOWN
            # the tier's queue or the agent named, and a new theory: not recorded
            known["assignee"] = UNKNOWN
            if kind == workflow.EVENT_ESCALATION:
                known["theory"] = UNKNOWN
        elif kind == workflow.EVENT_PRIORITY:
            if new.startswith(_POLICY):
                known["sla_policy"] = "" if new == _ORGANIZATION_POLICY else new[len(_POLICY) :]
                return
            priority, levels = _PRIORITY.match(new), _LEVELS.search(new)
            known["priority"] = int(priority.group(1)) if priority else UNKNOWN
            if levels:
                known["impact"], known["urgency"] = int(levels.group(1)), int(levels.group(2))
            else:  # the SLA sweep raised it: one of the two went up, not recorded which
                known["impact"] = known["urgency"] = UNKNOWN
        elif kind == workflow.EVENT_SLA_POLICY:
            known["sla_policy"] = "" if new == workflow.ORGANIZATION_POLICY else new
        elif kind == workflow.EVENT_WORKLOG:
            if known["minutes_spent"] is not UNKNOWN:
                known["minutes_spent"] += minutes or 0
        elif kind == workflow.EVENT_THEORY:
            known["theory"] = body
        elif kind == workflow.EVENT_TAGS:
            known["tags"] = tuple(sorted(new.split()))

    def differing(self, row: Sequence[Any], tags: tuple[str, ...]) -> tuple[str, ...]:
        known = self.fields
        names = [
            name
            for name, value in zip(FIELDS, row[1:], strict=True)
            if value != known[name] and known[name] is not UNKNOWN
            and not _same_text(value, known[name])
        ]  # fmt: skip
        if self.fields["tags"] is not UNKNOWN and self.fields["tags"] != tags:
            names.append("tags")
        return tuple(names)


def _grouped_tags(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[int, tuple[str, ...]]]:
    ticket, tags = None, []
    for ticket_id, tag in rows:
        if ticket_id != ticket:
            if ticket is not None:
                yield ticket, tuple(sorted(tags))
            ticket, tags = ticket_id, []
        tags.append(tag)
    if ticket is not None:
        yield ticket, tuple(sorted(tags))


class Replay:
    """Compares tickets (rows of TICKETS_SQL, by id) and their tags (rows of TAGS_SQL)
    with the events `watch()` is given, ordered by ticket and id."""

    MAX_NAMED = 50  # differences kept to name; the rest are counted

    def __init__(self, tickets: Iterable[Sequence[Any]], tags: Iterable[Sequence[Any]]):
        self.report = ReplayReport()
        self._tickets = iter(tickets)
        self._tags = _grouped_tags(tags)
        self._next_tags: tuple[int, tuple[str, ...]] | None = next(self._tags, None)
        self._row: Sequence[Any] | None = next(self._tickets, None)

    def watch(self, events: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        """Pass `events` on unchanged, replaying each on the way."""
        ticket: int | None = None
        state: _Ticket | None = None
        for row in events:
            ticket_id = row[1]
            if ticket_id != ticket:
                if state is not None:
                    self._compare(ticket, state)
                ticket = ticket_id
                state = _Ticket(row if row[2] == workflow.EVENT_CREATED else None)
            elif row[2] in _CHANGING:
                assert state is not None
                state.apply(row[2], row[5] or "", row[7] or "", row[8])
            yield row
        if state is not None:
            self._compare(ticket, state)
        while self._row is not None:  # the tickets after the last one with events
            self._add(Difference(self._row[0], ()))
            self._row = next(self._tickets, None)

    def _tags_of(self, ticket_id: int) -> tuple[str, ...]:
        while self._next_tags is not None and self._next_tags[0] < ticket_id:
            self._next_tags = next(self._tags, None)
        if self._next_tags is not None and self._next_tags[0] == ticket_id:
            return self._next_tags[1]
        return ()

    def _compare(self, ticket_id: Any, state: _Ticket) -> None:
        while self._row is not None and self._row[0] < ticket_id:
            self._add(Difference(self._row[0], ()))  # a ticket without a single event
            self._row = next(self._tickets, None)
        if self._row is None or self._row[0] != ticket_id:
            self._add(Difference(ticket_id, (), orphaned=True))
            return
        self.report.tickets += 1
        self.report.unrecorded += not state.recorded
        differing = state.differing(self._row, self._tags_of(ticket_id))
        if differing:
            self._add(Difference(ticket_id, differing))
        self._row = next(self._tickets, None)

    def _add(self, difference: Difference) -> None:
        if len(self.report.differences) < self.MAX_NAMED:
            self.report.differences.append(difference)
        else:
            self.report.unnamed += 1


def replay_streams(connection: Any) -> Replay:
    """A Replay over the tickets and tags read through `connection` (both backends)."""
    streaming = connection.execution_options(yield_per=5000)
    tickets = streaming.execute(text(TICKETS_SQL))
    tags = streaming.execute(text(TAGS_SQL))
    return Replay((tuple(r) for r in tickets), (tuple(r) for r in tags))
