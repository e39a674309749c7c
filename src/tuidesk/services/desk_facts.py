"""What made a database, recorded in it, and what that allows.

The demo help desk lets anyone act as any of its agents (`--as`), and `tuidesk seed`
writes generated tickets that the append-only history keeps forever. Neither may touch
a help desk with data of its own: each writes only into a database that is empty or
that it made itself, and says so in the database (the `origin` fact) in the same
transaction as its data. Whether `--as` is open to everyone follows from that fact,
never from a command-line flag.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from tuidesk.errors import PermissionDeniedError
from tuidesk.storage.models import DeskFact

ORIGIN = "origin"
DEMO = "demo"
SEED = "seed"
# a database with a row in any of these holds a help desk: people, requests, answers
_DATA_TABLES = ("agent", "organization", "customer", "ticket", "article")


def origin(session: Session) -> str | None:
    """What made the database ("demo", "seed"), None for a help desk of its own."""
    fact = session.get(DeskFact, ORIGIN)
    return fact.value if fact is not None else None


def is_demo(session: Session) -> bool:
    """Whether this is the demo help desk tuidesk built, where anyone may act as anyone."""
    return origin(session) == DEMO


def is_empty(session: Session) -> bool:
    """No agents, organizations, customers, tickets or articles."""
    query = " UNION ALL ".join(f"SELECT 1 FROM {name}" for name in _DATA_TABLES)
    return session.execute(text(f"SELECT EXISTS ({query})")).scalar() in (0, False)


def claim(session: Session, made_by: str, where: str) -> bool:
    """Record that `made_by` fills this database, inside the write transaction that
    fills it; False when it did already. Refuses a help desk of its own, in one line."""
    found = origin(session)
    if found == made_by:
        return False
    if found is None and is_empty(session):
        session.add(DeskFact(key=ORIGIN, value=made_by))
        session.flush()
        return True
    if made_by == DEMO:
        raise PermissionDeniedError(
            f"{where} is not a demo help desk tuidesk built, so --demo does not open it; "
            "leave out --demo, or give --demo --db a new file"
        )
    raise PermissionDeniedError(
        f"{where} holds a help desk (not one tuidesk seed filled), and generated tickets "
        "would stay in its history forever; seed only a new or empty database: give "
        "--db a new file"
    )
