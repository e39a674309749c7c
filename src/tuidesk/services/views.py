"""An agent's saved views of the queue."""

from __future__ import annotations

from sqlmodel import select

from tuidesk.errors import NotFoundError, ValidationError
from tuidesk.services.checks import MAX_VIEW_NAME, required
from tuidesk.services.uow import UnitOfWork
from tuidesk.storage.models import SavedView
from tuidesk.storage.read.queue import SORT_BY_KEY, VIEW_BY_KEY, Filter


def save_view(
    uow: UnitOfWork, name: str, base_view: str, narrow: Filter, sort: str, descending: bool
) -> bool:
    """Keep the queue's view under `name` for the acting agent; True if it replaced
    one of that name."""
    name = " ".join(required(name, "name", "a name for the view").split())
    if len(name) > MAX_VIEW_NAME:
        raise ValidationError(f"keep the name under {MAX_VIEW_NAME} characters", "name")
    if base_view not in VIEW_BY_KEY:
        raise ValidationError(f"unknown view {base_view!r}", "view")
    if sort not in SORT_BY_KEY and sort != VIEW_BY_KEY[base_view].order:
        raise ValidationError(f"unknown sort {sort!r}", "sort")
    with uow.db.write() as session:
        saved = session.exec(
            select(SavedView).where(SavedView.agent_id == uow.actor.id, SavedView.name == name)
        ).first()
        replaced = saved is not None
        if saved is None:
            saved = SavedView(agent_id=uow.actor.id, name=name)
        saved.base_view = base_view
        saved.filter = narrow.to_json()
        saved.sort = sort
        saved.descending = descending
        session.add(saved)
    return replaced


def delete_view(uow: UnitOfWork, name: str) -> None:
    """Forget one of the acting agent's saved views."""
    with uow.db.write() as session:
        saved = session.exec(
            select(SavedView).where(SavedView.agent_id == uow.actor.id, SavedView.name == name)
        ).first()
        if saved is None:
            raise NotFoundError(f"you have no saved view named {name!r}")
        session.delete(saved)
