"""The desk's agents: adding them (admins), deactivating them, and finding them by login."""

from __future__ import annotations

from sqlmodel import Session, col, select

from tuidesk.domain import workflow
from tuidesk.domain.permissions import require_admin
from tuidesk.errors import NotFoundError, ValidationError
from tuidesk.services.checks import required
from tuidesk.services.identity import check_login
from tuidesk.services.uow import UnitOfWork
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent


def add_agent(
    uow: UnitOfWork,
    login: str,
    *,
    name: str,
    tier: int = 1,
    role: str = "agent",
    email: str = "",
    timezone: str = "UTC",
) -> Agent:
    """Create an agent (admins only)."""
    require_admin(uow.actor, "add agents")
    check_login(login)
    name = required(name, "name", "the agent's name")
    workflow.check_tier(tier)
    workflow.check_role(role)
    with uow.db.write() as session:
        if session.exec(select(Agent).where(Agent.login == login)).first() is not None:
            raise ValidationError(f"an agent with login {login!r} exists already", "login")
        agent = Agent(login=login, name=name, tier=tier, role=role, email=email, timezone=timezone)
        session.add(agent)
        session.flush()
        return Agent(**agent.model_dump())


def list_agents(uow: UnitOfWork) -> list[Agent]:
    """All agents by login, deactivated ones too: every agent may see who is on the
    desk (names, logins, tiers); only admins change them."""
    with uow.db.read() as session:
        return list(session.exec(select(Agent).order_by(Agent.login)))


def set_agent_active(uow: UnitOfWork, login: str, active: bool) -> Agent:
    """Deactivate an agent (admins only), or make them active again. A deactivated
    agent cannot act and is not offered for assigning; their history stays theirs."""
    require_admin(uow.actor, "deactivate agents" if not active else "reactivate agents")
    if login == uow.actor.login and not active:
        raise ValidationError("you cannot deactivate yourself; another admin can", field="login")
    with uow.db.write() as session:
        agent = agent_by_login(session, login)
        if agent.active == active:
            state = "active" if active else "deactivated"
            raise ValidationError(f"agent {login!r} is {state} already", field="login")
        agent.active = active
        session.add(agent)
        session.flush()
        return Agent(**agent.model_dump())


def agent_logins(db: Database, ids: set[int]) -> dict[int, str]:
    """The logins of the agents `ids`, by id."""
    if not ids:
        return {}
    with db.read() as session:
        rows = session.exec(select(Agent.id, Agent.login).where(col(Agent.id).in_(ids)))
        return {agent_id: login for agent_id, login in rows}


def agent_by_login(session: Session, login: str) -> Agent:
    """The agent with this login; NotFoundError if there is none."""
    agent = session.exec(select(Agent).where(Agent.login == login)).first()
    if agent is None:
        raise NotFoundError(f"no agent with login {login!r}; see 'tuidesk agent list'")
    return agent


def active_agent(session: Session, login: str) -> Agent:
    """The active agent with this login (to give a ticket to)."""
    agent = agent_by_login(session, login)
    if not agent.active:
        raise ValidationError(f"agent {login!r} is deactivated", field="assignee")
    return agent
