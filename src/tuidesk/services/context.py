"""The one way to open a desk: the database, and the agent who acts on it.

Who may act as whom is one rule (tuidesk.domain.actor.choose_actor), asked by the
early start (tuidesk.startup, without the ORM) and by `resolve_actor` here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from tuidesk.clock import utcnow
from tuidesk.domain.actor import Actor
from tuidesk.errors import PermissionDeniedError
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent

if TYPE_CHECKING:
    from tuidesk.config import Settings

Prepare = Callable[[Database], object]


def open_desk(
    settings: Settings,
    db: Database | None = None,
    clock: Callable[[], datetime] = utcnow,
    *,
    prepare: Prepare | None = None,
) -> Desk:
    """The acting agent's Desk on the settings' database (opened and migrated unless
    `db` is given). `prepare` runs on the database before the agent is decided: the CLI
    and the app pass the demo builder for `--demo`, which is above the services."""
    from tuidesk.storage.database import open_database

    if db is None:
        db = open_database(settings.db)
    if prepare is not None:
        prepare(db)
    return _desk(settings, db, resolve_actor(db, settings.as_login), clock)


def open_desk_of(settings: Settings, actor: Actor, clock: Callable[[], datetime] = utcnow) -> Desk:
    """The Desk of an agent the early start found (tuidesk.startup), opened after the
    first frame; refused if the agent was removed or deactivated since."""
    from tuidesk.storage.database import open_database

    db = open_database(settings.db)
    with db.read() as session:
        agent = session.get(Agent, actor.id)
    if agent is None or not agent.active:
        db.dispose()
        raise PermissionDeniedError(f"the agent account {actor.login!r} is gone or deactivated")
    return _desk(settings, db, agent, clock)


def _desk(settings: Settings, db: Database, agent: Agent, clock: Callable[[], datetime]) -> Desk:
    return Desk(db, agent, clock, settings.rules, take_on_first_reply=settings.take_on_first_reply)
