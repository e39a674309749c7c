"""Tamper evidence for the ticket history: each event's hash chains to its ticket's last.

`ticket_event.hash` is SHA-256 over the previous event's hash (of the same ticket; ""
for the first) and the event's own fields. The append-only triggers stop mistakes made
through the app or a careless UPDATE; the chain shows an edit made behind the app's
back, by anyone who could write the file or the tables directly: change one event (or
delete one, or insert one) and from there on the stored hashes no longer follow.
`tuidesk doctor` walks the chains and names the first broken link of each ticket.

The hash is computed in the writing transaction, just before the flush that inserts the
event: on PostgreSQL the ticket's row is locked first (`FOR UPDATE`), so two agents
appending to one ticket at once cannot both chain onto the same predecessor; SQLite's
write transactions are serialized already. The bulk seeder computes the same hashes
with `event_hash()`.

It is evidence, not protection: someone who can write the database can also recompute
every hash after theirs, or cut the end off a history (a shorter chain is still valid).
Witnesses kept outside the database show both (services/witness.py), and a backup's
hashes: an event hashed differently in the backup than in the live database was
rewritten since.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, inspect, text
from sqlmodel import Session

from tuidesk.storage.models import TicketEvent

STAMP = "%Y-%m-%d %H:%M:%S.%f"


def stamp(moment: datetime | str) -> str:
    """The canonical text of an event's time (UTC, microseconds) for hashing."""
    if isinstance(moment, str):
        return moment if "." in moment else moment + ".000000"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime(STAMP)


def event_hash(
    previous: str,
    ticket_id: int,
    kind: str,
    author_id: int | None,
    created_at: datetime | str,
    body: str,
    old_value: str,
    new_value: str,
    minutes: int,
) -> str:
    """The hash of one event after `previous` (its ticket's last event's hash, or "")."""
    # JSON with ASCII escapes: unambiguous field boundaries, and any text hashes (even
    # lone surrogates from badly encoded mail)
    # NUL as U+FFFD, as PostgreSQL stores it (SQLite keeps NUL): one hash on both
    body, old_value, new_value = (
        t.replace("\x00", "\ufffd") if "\x00" in t else t for t in (body, old_value, new_value)
    )
    fields = [ticket_id, kind, author_id, stamp(created_at), body, old_value, new_value, minutes]
    payload = previous + "\n" + json.dumps(fields, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def hash_of(previous: str, row: Any) -> str:
    """`event_hash()` of a TicketEvent or a row with the same field names."""
    return event_hash(
        previous, row.ticket_id, row.kind, row.author_id, row.created_at, row.body or "",
        row.old_value or "", row.new_value or "", row.minutes or 0,
    )  # fmt: skip


@event.listens_for(Session, "before_flush")
def _chain_new_events(session: Session, flush_context: object, instances: object) -> None:
    """Give every new event its hash, in the order they were added, per ticket."""
    new = [o for o in session.new if isinstance(o, TicketEvent)]
    if not new:
        return
    new.sort(key=lambda o: inspect(o).insert_order)
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    last: dict[int, str] = {}
    for ticket_id in sorted({e.ticket_id for e in new}):  # lock in one order: no deadlock
        if postgres:
            connection.execute(
                text("SELECT id FROM ticket WHERE id = :id FOR UPDATE"), {"id": ticket_id}
            )
        last[ticket_id] = (
            connection.execute(
                text(
                    "SELECT hash FROM ticket_event WHERE ticket_id = :id ORDER BY id DESC LIMIT 1"
                ),
                {"id": ticket_id},
            ).scalar()
            or ""
        )
    for item in new:
        item.hash = hash_of(last[item.ticket_id], item)
        last[item.ticket_id] = item.hash


@dataclass(frozen=True)
class Break:
    """The first event of a ticket whose stored hash does not follow its chain."""

    ticket_id: int
    event_id: int
    position: int  # 1 for the ticket's first event

    def describe(self) -> str:
        return (
            f"ticket #{self.ticket_id}, event {self.event_id} (its history's entry "
            f"{self.position}) does not match its hash: it or an earlier entry was edited, "
            "removed or inserted behind the app's back"
        )


@dataclass
class ChainReport:
    tickets: int = 0
    events: int = 0
    breaks: list[Break] = field(default_factory=list)
    heads: dict[int, str] = field(default_factory=dict)  # ticket id → its last hash

    @property
    def ok(self) -> bool:
        return not self.breaks


def verify_rows(rows: Iterable[Sequence[Any]], report: ChainReport | None = None) -> ChainReport:
    """Walk rows of (id, ticket_id, kind, author_id, created_at, body, old_value,
    new_value, minutes, hash) ordered by ticket, then id."""
    report = report or ChainReport()
    ticket: int | None = None
    previous = ""
    position = 0
    broken = False
    for row in rows:
        event_id, ticket_id, kind, author, created, body, old, new, minutes, stored = row
        if ticket_id != ticket:
            ticket, previous, position, broken = ticket_id, "", 0, False
            report.tickets += 1
        position += 1
        report.events += 1
        expected = event_hash(previous, ticket_id, kind, author, created, body or "",
                              old or "", new or "", minutes or 0)  # fmt: skip
        if stored != expected and not broken:
            report.breaks.append(Break(ticket_id, event_id, position))
            broken = True
        previous = stored or ""
        report.heads[ticket_id] = previous
    return report


def event_rows(connection: Any) -> Iterator[tuple[Any, ...]]:
    """Every event as the rows `verify_rows()` takes, streamed through a SQLAlchemy
    connection (both backends)."""
    # plain SQL: the stored time as the driver gives it (SQLite's text is already the
    # canonical stamp; PostgreSQL's a naive UTC datetime), no ORM type on 1M rows
    result = connection.execution_options(yield_per=5000).execute(
        text(
            "SELECT id, ticket_id, kind, author_id, created_at, body, old_value, new_value,"
            " minutes, hash FROM ticket_event ORDER BY ticket_id, id"
        )
    )
    return (tuple(r) for r in result)


def verify(connection: Any) -> ChainReport:
    """Verify every ticket's chain through a SQLAlchemy connection (both backends).

    The next link is checked against the stored hash of the one before, so one edited
    event is named once, and the rest of its ticket's chain is still checked."""
    return verify_rows(event_rows(connection))
