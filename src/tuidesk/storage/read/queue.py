"""The queue's read model: windows of rows from indexed queries, counts, change polling.

Each built-in view reads in the order of one partial index, so a window costs the same at
row 10 and at row 900,000 when it is reached by keyset (from the row before it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from tuidesk.domain import workflow
from tuidesk.domain.sla import ClockState
from tuidesk.domain.sla_policies import SlaRules, nearest_clock
from tuidesk.storage.read.base import MAX_LIKE, like, status_in, when
from tuidesk.storage.read.lookups import LookupReader

ACTIVE = status_in(workflow.ACTIVE_STATUSES, "t.status")
WAITING = status_in(workflow.WAITING_ON_OTHERS, "t.status")
FINISHED = status_in(workflow.FINISHED_STATUSES, "t.status")
RECENT_DAYS = 7
SMALL_VIEW = 5000  # rows: below this a view without an order index sorts its rows
DEFAULT_VIEW = "open"  # the view the queue opens on
FIRST_ROWS = 120  # rows read with a view, around the cursor: a tall terminal's page


class View(NamedTuple):
    """A built-in view: a filter and the indexed order it is read in."""

    key: str
    title: str
    short: str  # for the view bar below 150 columns
    tiny: str  # for the view bar below 100 columns
    where: str
    order: str  # the default sort's column; ties broken by id in the same direction
    descending: bool = False
    # False: find the rows by the filter's own index and sort them (a small set), rather
    # than walk the order index through every active ticket to find a few
    walk_order_index: bool = True

    @property
    def timed(self) -> bool:
        """Whether the clock alone moves tickets in or out (at risk, recently resolved)."""
        return ":now" in self.where or ":since" in self.where


VIEWS: tuple[View, ...] = (
    View("mine", "My tickets", "Mine", "Mine", f"{ACTIVE} AND t.assignee_id = :me", "queue_due_at"),
    View(
        "unassigned",
        "Unassigned in my tier",
        "Unassigned",
        "Unasg",
        f"{ACTIVE} AND t.tier = :tier AND t.assignee_id IS NULL",
        "queue_due_at",
    ),
    View(
        "escalated",
        "Escalated to my tier",
        "Escalated",
        "Escal",
        f"{ACTIVE} AND t.tier = :tier AND t.tier > 1",
        "queue_due_at",
    ),
    View(
        "at_risk",
        "Breached or at risk",
        "At risk",
        "Risk",
        f"{ACTIVE} AND t.sla_warn_at <= :now",
        "queue_due_at",
        walk_order_index=False,
    ),
    View("waiting", "Waiting on customer or vendor", "Waiting", "Wait", WAITING, "queue_due_at"),
    View("open", "All open", "Open", "Open", ACTIVE, "queue_due_at"),
    View(
        "resolved",
        "Recently resolved",
        "Resolved",
        "Done",
        f"{FINISHED} AND t.resolved_at >= :since",
        "resolved_at",
        descending=True,
    ),
)
VIEW_BY_KEY = {view.key: view for view in VIEWS}

COLUMNS = """
    t.id, t.priority, t.status, t.tier, t.subject, c.name, o.name, a.login,
    t.updated_at, t.sla_due_at, t.first_response_due_at, t.resolution_paused_left,
    t.sla_policy, o.plan, o.timezone, t.version
"""


class Sort(NamedTuple):
    """An order the queue can be read in: an expression, ties broken by id."""

    key: str
    label: str
    expression: str
    descending: bool = False

    def reversed(self) -> Sort:
        return Sort(self.key, self.label, self.expression, not self.descending)


# Every expression is never null, so keyset comparisons hold, and each has a partial
# index over the open tickets (status on its expression), so a window of any of them
# costs about a millisecond at a million tickets.
SORTS: tuple[Sort, ...] = (
    Sort("due", "SLA due", "t.queue_due_at"),
    Sort("priority", "priority", "t.priority"),
    Sort("updated", "last update", "t.updated_at", descending=True),
    Sort("created", "age", "t.id"),
    Sort("status", "status", "(t.status || '')"),
    Sort("tier", "tier", "t.tier"),
    Sort("subject", "subject", "t.subject"),
)
SORT_BY_KEY = {sort.key: sort for sort in SORTS}
FROM = """
    FROM ticket t
    LEFT JOIN customer c ON c.id = t.requester_id
    LEFT JOIN organization o ON o.id = c.organization_id
    LEFT JOIN agent a ON a.id = t.assignee_id
"""


@dataclass(frozen=True)
class Filter:
    """Narrows a view: each field set must match (all of them)."""

    statuses: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    tiers: tuple[int, ...] = ()
    assignee: str = ""  # a login, "me", or "none"
    organization: str = ""  # part of the name, any case
    tag: str = ""
    text: str = ""  # part of the subject or the requester's name, any case

    def __bool__(self) -> bool:
        return any(
            (self.statuses, self.priorities, self.tiers, self.assignee, self.organization,
             self.tag, self.text)
        )  # fmt: skip

    def sql(self) -> tuple[str, dict[str, Any]]:
        """A condition to AND to a view's, with its parameters (user text never in SQL)."""
        parts: list[str] = []
        params: dict[str, Any] = {}
        for name, values in (("status", self.statuses), ("priority", self.priorities),
                             ("tier", self.tiers)):  # fmt: skip
            if values:
                marks = []
                for index, value in enumerate(values):
                    params[f"f_{name}_{index}"] = value
                    marks.append(f":f_{name}_{index}")
                parts.append(f"t.{name} IN ({', '.join(marks)})")
        if self.assignee == "none":
            parts.append("t.assignee_id IS NULL")
        elif self.assignee == "me":
            parts.append("t.assignee_id = :me")
        elif self.assignee:
            parts.append("a.login = :f_assignee")
            params["f_assignee"] = self.assignee
        if self.organization:
            parts.append("lower(o.name) LIKE :f_org ESCAPE '\\'")
            params["f_org"] = f"%{like(self.organization.lower()[:MAX_LIKE])}%"
        if self.tag:
            parts.append(
                "EXISTS (SELECT 1 FROM ticket_tag g WHERE g.ticket_id = t.id AND g.tag = :f_tag)"
            )
            params["f_tag"] = self.tag.lower()
        if self.text:
            parts.append(
                "(lower(t.subject) LIKE :f_text ESCAPE '\\'"
                " OR lower(coalesce(c.name, '')) LIKE :f_text ESCAPE '\\')"
            )
            params["f_text"] = f"%{like(self.text.lower()[:MAX_LIKE])}%"
        return " AND ".join(parts), params

    def to_json(self) -> str:
        import json  # saved views are read and written after the first frame

        return json.dumps(
            {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items() if v},
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Filter:
        """A Filter from `to_json()`'s text; unknown or malformed parts are left out."""
        import json

        try:
            data = json.loads(text or "{}")
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        fields: dict[str, Any] = {}
        for name in ("statuses", "priorities", "tiers"):
            values = data.get(name)
            if isinstance(values, list):
                fields[name] = tuple(values)
        for name in ("assignee", "organization", "tag", "text"):
            if isinstance(data.get(name), str):
                fields[name] = data[name]
        return cls(**fields)

    def describe(self) -> str:
        """`"vpn" P1,P2 open` — for the view bar."""
        words = []
        if self.text:
            words.append(f'"{self.text}"')
        if self.statuses:
            words.append(",".join(self.statuses))
        if self.priorities:
            words.append(",".join(f"P{p}" for p in self.priorities))
        if self.tiers:
            words.append(",".join(f"L{t}" for t in self.tiers))
        if self.assignee:
            words.append(f"@{self.assignee}")
        if self.organization:
            words.append(f"org:{self.organization}")
        if self.tag:
            words.append(f"#{self.tag}")
        return " ".join(words)


class SavedView(NamedTuple):
    """A filter an agent saved under a name (the saved_view table, read plainly)."""

    name: str
    base_view: str
    narrow: Filter
    sort_key: str
    descending: bool

    @property
    def sort(self) -> Sort:
        view = VIEW_BY_KEY[self.base_view]
        base = SORT_BY_KEY.get(self.sort_key) or default_sort(view)
        return Sort(base.key, base.label, base.expression, self.descending)


def default_sort(view: View) -> Sort:
    if view.order == "queue_due_at":
        return SORT_BY_KEY["due"]
    return Sort(view.order, "resolved", f"t.{view.order}", view.descending)


class Row(NamedTuple):
    """One line of the queue, with what its SLA badge needs to count down alone."""

    id: int
    priority: int
    status: str
    tier: int
    subject: str
    requester: str
    organization: str
    assignee: str
    updated_at: datetime
    sla_due_at: datetime | None
    first_response_due_at: datetime | None
    resolution_paused_left: int | None
    sla_policy: str
    plan: str
    timezone: str
    version: int
    sort_value: Any  # the raw value of the sort expression, for keyset paging

    def clock(self, now: datetime, rules: SlaRules) -> ClockState | None:
        """The SLA clock this row shows, from its stored fields (no query)."""
        return nearest_clock(
            rules,
            priority=self.priority,
            sla_policy=self.sla_policy,
            plan=self.plan,
            timezone=self.timezone,
            first_response_due_at=self.first_response_due_at,
            sla_due_at=self.sla_due_at,
            resolution_paused_left=self.resolution_paused_left,
            now=now,
        )


class QueueReader(LookupReader):
    """Reads queue windows for one agent. Thread-safe: one connection behind a lock.

    It answers the lookups too: the queue's bulk actions check their tickets through it."""

    def __init__(self, target: Any, *, me: int, tier: int) -> None:
        """`target` is a SQLite file path or a SQLAlchemy Engine (PostgreSQL)."""
        super().__init__(target, me=me)
        self.tier = tier
        self._marker: Any = None
        self._data_version: int | None = None
        self._listener: Any = None  # PostgreSQL: a connection LISTENing for changes
        self._sizes: dict[str, int] = {}  # the last count of each view

    # -- plumbing --

    def _params(self, now: datetime) -> dict[str, Any]:
        since = now - timedelta(days=RECENT_DAYS)
        return {"me": self.me, "tier": self.tier, "now": self._stamp(now),
                "since": self._stamp(since)}  # fmt: skip

    # -- reads --

    def changed(self) -> bool:
        """Whether the tickets changed since the last call (cheap).

        Every change to a ticket writes a history event in the same transaction, so the
        newest event id marks them all; presence heartbeats and saved views, which the
        queue does not show, leave it alone. On SQLite `PRAGMA data_version` (no read
        at all) says first whether anything at all was committed.
        """
        if self._sqlite is not None:
            with self._lock:
                version = self._sqlite.execute("PRAGMA data_version").fetchone()[0]
            if version == self._data_version:
                return False
            self._data_version = version
        else:
            heard = self._heard()
            if heard is not None:
                return heard
        marker = self._query("SELECT max(id) FROM ticket_event", {})[0][0]
        changed = marker != self._marker
        self._marker = marker
        return changed

    def _heard(self) -> bool | None:
        """PostgreSQL: whether a history event was committed since the last call, from
        the notifications of channel `tuidesk_tickets` (migration 0010), which cost no
        read at all; None when not listening (the newest event id is the marker then).

        The first call starts listening and says True, as the first marker does."""
        with self._lock:
            try:
                if self._listener is None:
                    import psycopg

                    url = self._engine.url.set(drivername="postgresql")
                    self._listener = psycopg.connect(
                        url.render_as_string(hide_password=False), autocommit=True
                    )
                    self._listener.execute("LISTEN tuidesk_tickets")
                    return True
                return bool(list(self._listener.notifies(timeout=0)))
            except Exception:  # noqa: BLE001 - a lost connection: fall back, retry later
                if self._listener is not None:
                    self._listener.close()
                self._listener = None
                return None

    def close(self) -> None:
        super().close()
        with self._lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None

    def _where(
        self, view: View, now: datetime, narrow: Filter | None
    ) -> tuple[str, dict[str, Any]]:
        params = self._params(now)
        if not narrow:
            return view.where, params
        condition, extra = narrow.sql()
        params.update(extra)
        return f"{view.where} AND {condition}", params

    def count(self, view: View, now: datetime, narrow: Filter | None = None) -> int:
        where, params = self._where(view, now, narrow)
        joins = FROM if narrow else "FROM ticket t"
        count = int(self._query(f"SELECT count(*) {joins} WHERE {where}", params)[0][0])
        if not narrow:
            self._sizes[view.key] = count
        return count

    def _order(self, view: View, sort: Sort) -> tuple[str, str, str]:
        """(expression to order by, forward direction, backward direction)."""
        expression = sort.expression
        # a small filtered set is found by its own index and sorted; a large one is
        # faster read along the order index (the last count says which)
        small = self._sizes.get(view.key, 0) <= SMALL_VIEW
        if sort.key == "due" and not view.walk_order_index and small and self._sqlite is not None:
            expression = f"+{expression}"  # a unary + keeps SQLite off the order index
        forward, backward = ("DESC", "ASC") if sort.descending else ("ASC", "DESC")
        return expression, forward, backward

    def window(
        self,
        view: View,
        now: datetime,
        *,
        offset: int,
        limit: int,
        after: Row | None = None,
        total: int | None = None,
        sort: Sort | None = None,
        narrow: Filter | None = None,
    ) -> list[Row]:
        """`limit` rows of `view` from position `offset`, in `sort` order.

        With `after` (the row at offset - 1) the read is a keyset seek: it costs the same
        anywhere in the view. Past the middle without one, the view is read backwards.
        """
        sort = sort or default_sort(view)
        where, params = self._where(view, now, narrow)
        expression, forward, backward = self._order(view, sort)
        select = f"SELECT {COLUMNS}, {sort.expression} {FROM}"
        if after is not None:
            compare = "<" if sort.descending else ">"
            where += f" AND ({sort.expression}, t.id) {compare} (:after_value, :after_id)"
            params.update(after_value=after.sort_value, after_id=after.id, limit=limit)
            sql = (
                f"{select} WHERE {where} "
                f"ORDER BY {expression} {forward}, t.id {forward} LIMIT :limit"
            )
            return [self._row(r) for r in self._query(sql, params)]
        if total is not None and offset > total // 2:
            take = min(limit, total - offset)
            if take <= 0:
                return []
            sql = (
                f"{select} WHERE {where} "
                f"ORDER BY {expression} {backward}, t.id {backward} LIMIT :limit OFFSET :offset"
            )
            params.update(limit=take, offset=max(total - offset - limit, 0))
            rows = [self._row(r) for r in self._query(sql, params)]
            rows.reverse()
            return rows
        sql = (
            f"{select} WHERE {where} "
            f"ORDER BY {expression} {forward}, t.id {forward} LIMIT :limit OFFSET :offset"
        )
        params.update(limit=limit, offset=offset)
        return [self._row(r) for r in self._query(sql, params)]

    def position(
        self,
        view: View,
        now: datetime,
        row: Row,
        sort: Sort | None = None,
        narrow: Filter | None = None,
    ) -> int:
        """How many rows of `view` come before `row` (to keep the cursor on a ticket)."""
        sort = sort or default_sort(view)
        where, params = self._where(view, now, narrow)
        compare = ">" if sort.descending else "<"
        sql = (
            f"SELECT count(*) {FROM} WHERE {where} "
            f"AND ({sort.expression}, t.id) {compare} (:value, :id)"
        )
        params.update(value=row.sort_value, id=row.id)
        return int(self._query(sql, params)[0][0])

    def find(
        self,
        view: View,
        now: datetime,
        ticket_id: int,
        sort: Sort | None = None,
        narrow: Filter | None = None,
    ) -> Row | None:
        """The row of `ticket_id` if the ticket is in `view`."""
        sort = sort or default_sort(view)
        where, params = self._where(view, now, narrow)
        params["ticket"] = ticket_id
        sql = f"SELECT {COLUMNS}, {sort.expression} {FROM} WHERE {where} AND t.id = :ticket"
        rows = self._query(sql, params)
        return self._row(rows[0]) if rows else None

    def saved_views(self) -> list[SavedView]:
        """The acting agent's saved views, by name."""
        rows = self._query(
            "SELECT name, base_view, filter, sort, descending FROM saved_view "
            "WHERE agent_id = :me ORDER BY lower(name)",
            {"me": self.me},
        )
        return [
            SavedView(r[0], r[1], Filter.from_json(r[2]), r[3], bool(r[4]))
            for r in rows
            if r[1] in VIEW_BY_KEY
        ]

    @staticmethod
    def _row(r: Sequence[Any]) -> Row:
        return Row(
            id=r[0],
            priority=r[1],
            status=r[2],
            tier=r[3],
            subject=r[4],
            requester=r[5] or "",
            organization=r[6] or "",
            assignee=r[7] or "",
            updated_at=when(r[8]) or datetime.now(UTC),
            sla_due_at=when(r[9]),
            first_response_due_at=when(r[10]),
            resolution_paused_left=r[11],
            sla_policy=r[12] or "",
            plan=r[13] or "",
            timezone=r[14] or "UTC",
            version=r[15],
            sort_value=r[16],
        )
