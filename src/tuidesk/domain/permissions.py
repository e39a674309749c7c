"""Who may do what: the tier and role checks every use case and screen asks.

`actor` is anything with `login`, `tier` and `role` (an Agent row or an Actor)."""

from __future__ import annotations

from typing import Any

from tuidesk.errors import PermissionDeniedError

LEADS = ("lead", "admin")  # the roles that may merge, skip a tier, change a policy


def is_admin(actor: Any) -> bool:
    """Admins: agents, the search index, acting as another."""
    return actor.role == "admin"


def is_lead(actor: Any) -> bool:
    """Leads and admins."""
    return actor.role in LEADS


def require_admin(actor: Any, what: str) -> None:
    """PermissionDeniedError unless `actor` is an admin; `what` they tried, as a verb."""
    if not is_admin(actor):
        raise PermissionDeniedError(
            f"only admins may {what}; you are {actor.login!r} ({actor.role})"
        )


def require_lead(actor: Any, what: str, advice: str = "") -> None:
    """PermissionDeniedError unless `actor` is a lead or an admin."""
    if not is_lead(actor):
        tail = f": {advice}" if advice else ""
        raise PermissionDeniedError(
            f"only leads and admins may {what}; you are {actor.login!r} ({actor.role}){tail}"
        )


def may_edit_kb(actor: Any) -> bool:
    """Tiers 2-4, leads and admins write the knowledge base; L1 reads and links it."""
    return actor.tier >= 2 or is_lead(actor)


def require_kb_editor(actor: Any, what: str) -> None:
    """PermissionDeniedError unless `actor` may write the knowledge base."""
    if not may_edit_kb(actor):
        raise PermissionDeniedError(
            f"only L2-L4 agents and leads may {what}; you are {actor.login!r} "
            f"(L{actor.tier} {actor.role}): link the article or ask L2"
        )
