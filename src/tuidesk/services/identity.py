"""Who is acting: the real OS user of the process, or an agent an admin acts as."""

from __future__ import annotations

import re

from sqlalchemy import func
from sqlmodel import select

from tuidesk.errors import NotFoundError, PermissionDeniedError, ValidationError
from tuidesk.startup import os_login
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent

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


def resolve_actor(db: Database, as_login: str | None = None, *, trusted: bool = False) -> Agent:
    """The agent this process acts as, creating the OS user's agent on first use.

    The first agent of a new database is an admin; later ones start as tier-1 agents.
    `as_login` is honoured for admins, and for everyone when `trusted` (the demo).
    """
    login, full_name = os_login()
    with db.write() as session:
        me = session.exec(select(Agent).where(Agent.login == login)).first()
        if me is None:
            first = session.exec(select(func.count()).select_from(Agent)).one() == 0
            me = Agent(login=login, name=full_name, tier=1, role="admin" if first else "agent")
            session.add(me)
            session.flush()
        if not as_login or as_login == login:
            if not me.active:
                raise PermissionDeniedError(
                    f"your agent account {login!r} is deactivated; ask an admin"
                )
            return me
        other = session.exec(select(Agent).where(Agent.login == as_login)).first()
        if other is None:
            raise NotFoundError(
                f"no agent with login {as_login!r}; list them with 'tuidesk agent list'"
            )
        if not trusted and me.role != "admin":
            raise PermissionDeniedError(
                f"only admins may act as another agent with --as; you are {login!r} ({me.role})"
            )
        if not other.active:
            raise PermissionDeniedError(f"agent {as_login!r} is deactivated")
        return other
