"""The small reads around a ticket: customers and their assets for intake, the agents
and vendors to hand a ticket to, who else has it open, what the escalate form starts
from, and what a bulk action checks its tickets against."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from tuidesk.storage.read.base import SqlReader, day, like

CUSTOMER_COLUMNS = """
    c.id, c.name, c.email, c.phone, c.location, o.name, o.plan, o.warranty_until,
    o.timezone, o.sla_policy
"""


class CustomerHit(NamedTuple):
    """A customer as intake shows them: who, where, and their organization's plan."""

    id: int
    name: str
    email: str
    phone: str
    location: str
    organization: str
    plan: str
    warranty_until: date | None
    timezone: str
    sla_policy: str


class AssetHit(NamedTuple):
    id: int
    kind: str
    model: str
    serial: str
    warranty_until: date | None

    def describe(self) -> str:
        return " ".join(
            x for x in (self.kind, self.model, f"({self.serial})" if self.serial else "") if x
        )


def _customer(r: Sequence[Any]) -> CustomerHit:
    return CustomerHit(
        r[0], r[1], r[2] or "", r[3] or "", r[4] or "", r[5] or "", r[6] or "",
        day(r[7]), r[8] or "UTC", r[9] or "",
    )  # fmt: skip


def _numbers(ids: Sequence[int]) -> str:
    """`ids` for an IN list: whole numbers only, never text."""
    return ", ".join(str(int(i)) for i in ids) or "NULL"


class LookupReader(SqlReader):
    """The lookups of one agent (`me`). Thread-safe: one connection behind a lock."""

    def __init__(self, target: Any, *, me: int) -> None:
        """`target` is a SQLite file path or a SQLAlchemy Engine (PostgreSQL)."""
        super().__init__(target)
        self.me = me

    def ticket_marker(self, ticket_id: int) -> tuple[int, int]:
        """(version, newest event id) of a ticket: changes when anyone changes it."""
        rows = self._query(
            "SELECT t.version, (SELECT max(e.id) FROM ticket_event e WHERE e.ticket_id = t.id) "
            "FROM ticket t WHERE t.id = :ticket",
            {"ticket": ticket_id},
        )
        return (rows[0][0], rows[0][1] or 0) if rows else (0, 0)

    def present(self, ticket_id: int, now: datetime, within: int = 45) -> list[tuple[str, str]]:
        """(login, activity) of the other agents who had `ticket_id` open lately."""
        rows = self._query(
            "SELECT a.login, p.activity FROM ticket_presence p JOIN agent a ON a.id = p.agent_id "
            "WHERE p.ticket_id = :ticket AND p.agent_id != :me AND p.seen_at >= :now "
            "ORDER BY a.login",
            {"ticket": ticket_id, "me": self.me,
             "now": self._stamp(now - timedelta(seconds=within))},
        )  # fmt: skip
        return [(r[0], r[1]) for r in rows]

    def find_customers(self, text: str, limit: int = 8) -> list[CustomerHit]:
        """Customers whose name, email or organization contains `text` (any case)."""
        words = text.lower().split()
        if not words:
            return []
        conditions, params = [], {"limit": limit}
        for index, word in enumerate(words[:4]):
            params[f"w{index}"] = f"%{like(word)}%"
            conditions.append(
                f"(lower(c.name) LIKE :w{index} ESCAPE '\\' OR lower(c.email) LIKE :w{index} "
                f"ESCAPE '\\' OR lower(coalesce(o.name, '')) LIKE :w{index} ESCAPE '\\')"
            )
        rows = self._query(
            f"SELECT {CUSTOMER_COLUMNS} FROM customer c "
            "LEFT JOIN organization o ON o.id = c.organization_id "
            f"WHERE {' AND '.join(conditions)} ORDER BY c.name, c.id LIMIT :limit",
            params,
        )
        return [_customer(r) for r in rows]

    def customer(self, customer_id: int) -> CustomerHit | None:
        rows = self._query(
            f"SELECT {CUSTOMER_COLUMNS} FROM customer c "
            "LEFT JOIN organization o ON o.id = c.organization_id WHERE c.id = :id",
            {"id": customer_id},
        )
        return _customer(rows[0]) if rows else None

    def customer_assets(self, customer_id: int) -> list[AssetHit]:
        rows = self._query(
            "SELECT id, kind, model, serial, warranty_until FROM asset "
            "WHERE owner_id = :owner ORDER BY kind, model, id",
            {"owner": customer_id},
        )
        return [AssetHit(r[0], r[1], r[2] or "", r[3] or "", day(r[4])) for r in rows]

    def agents_by_tier(self) -> list[tuple[str, str, int]]:
        """(login, name, tier) of the active agents."""
        rows = self._query(
            "SELECT login, name, tier FROM agent WHERE active ORDER BY tier, login", {}
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def agent_logins(self) -> list[str]:
        """The logins of the active agents, for assigning."""
        rows = self._query("SELECT login FROM agent WHERE active ORDER BY login", {})
        return [r[0] for r in rows]

    def vendor_names(self) -> list[tuple[str, int]]:
        """(name, contract response hours) of the known vendors."""
        rows = self._query("SELECT name, response_hours FROM vendor ORDER BY name", {})
        return [(r[0], r[1]) for r in rows]

    def escalation_brief(self, ticket_id: int) -> dict[str, Any] | None:
        """What the escalate form starts from: tier, theory, goal, minutes at this tier."""
        rows = self._query(
            "SELECT t.tier, t.theory, t.goal, t.version, t.status, ("
            " SELECT coalesce(sum(w.minutes), 0) FROM ticket_event w"
            " WHERE w.ticket_id = t.id AND w.kind = 'worklog' AND w.id > coalesce(("
            "  SELECT max(e.id) FROM ticket_event e WHERE e.ticket_id = t.id"
            "  AND e.kind IN ('escalation', 'deescalation')), 0))"
            " FROM ticket t WHERE t.id = :ticket",
            {"ticket": ticket_id},
        )
        if not rows:
            return None
        tier, theory, goal, version, status, minutes = rows[0]
        return {
            "tier": tier, "theory": theory or "", "goal": goal or "", "version": version,
            "status": status, "minutes": int(minutes),
        }  # fmt: skip

    def shared_priority(self, ids: Sequence[int]) -> str | None:
        """The "impact,urgency" that all of `ids` have in common, None if they differ."""
        rows = self._query(
            "SELECT count(DISTINCT impact * 10 + urgency), min(impact), min(urgency)"
            f" FROM ticket WHERE id IN ({_numbers(ids)})",
            {},
        )
        return f"{rows[0][1]},{rows[0][2]}" if rows and rows[0][0] == 1 else None

    def statuses(self, ids: Sequence[int]) -> dict[int, str]:
        """The status of each of `ids` as it is now (a bulk action checks against it)."""
        rows = self._query(f"SELECT id, status FROM ticket WHERE id IN ({_numbers(ids)})", {})
        return {int(r[0]): r[1] for r in rows}
