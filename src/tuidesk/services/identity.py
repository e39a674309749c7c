"""Who is acting: the real OS user of the process (on PostgreSQL set up by `tuidesk db
grant`, the agent's database role), or an agent an admin acts as."""

from __future__ import annotations

import re

from sqlalchemy import func
from sqlmodel import select

from tuidesk.domain.actor import Account, choose_actor, os_login
from tuidesk.errors import ValidationError
from tuidesk.services import desk_facts
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent
from tuidesk.storage.roles import server_role

# \Z, not $ (which lets a final newline through); ASCII, or IGNORECASE takes the Kelvin
# sign and three more look-alikes for ASCII letters
LOGIN_PATTERN = re.compile(r"[a-z_][a-z0-9_.-]{0,31}\Z", re.IGNORECASE | re.ASCII)


def check_login(login: str) -> str:
    if not LOGIN_PATTERN.match(login or ""):
        raise ValidationError(
            f"{login!r} is not a valid login: use letters, digits, '.', '_' or '-' "
            "(at most 32, starting with a letter)",
            field="login",
        )
    return login


def resolve_actor(db: Database, as_login: str | None = None) -> Agent:
    """The agent this process acts as, creating the OS user's agent on first use.

    The first agent of a new database is an admin; later ones start as tier-1 agents.
    On PostgreSQL set up by `tuidesk db grant` an agent's database role is who they are
    (the server checked it; the client machine's OS user may be anyone), and its agent
    is an admin when the role is in the admins' group.
    `as_login` is honoured for admins, and for everyone on the demo help desk tuidesk
    built (recorded in the database: services/desk_facts.py), whatever the flags say.
    """
    login, full_name = os_login()
    with db.write() as session:
        server = server_role(session.connection())
        if server is not None:
            if server.login != login:
                full_name = server.login
            login = check_login(server.login)
        me = session.exec(select(Agent).where(Agent.login == login)).first()
        if me is None:
            if server is not None:
                admin = server.privileged
            else:
                admin = session.exec(select(func.count()).select_from(Agent)).one() == 0
            me = Agent(login=login, name=full_name, tier=1, role="admin" if admin else "agent")
            session.add(me)
            session.flush()
        other = None
        if as_login and as_login != login:
            other = session.exec(select(Agent).where(Agent.login == as_login)).first()
        chosen = choose_actor(
            _account(me),
            as_login,
            None if other is None else _account(other),
            demo_desk=other is not None and desk_facts.is_demo(session),
        )
        if chosen.login == me.login:
            return me
        assert other is not None
        return other


def _account(agent: Agent) -> Account:
    return Account(agent.login, agent.role, agent.active)
