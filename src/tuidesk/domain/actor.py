"""Who is acting: the agent a process works as, and the OS account it runs under."""

from __future__ import annotations

import os
import pwd
from dataclasses import dataclass

from tuidesk.errors import NotFoundError, PermissionDeniedError


def os_login() -> tuple[str, str]:
    """(login, full name) of the process's real user, from its uid.

    `USER` and `LOGNAME` are not consulted: anyone can set them.
    """
    entry = pwd.getpwuid(os.getuid())
    full_name = entry.pw_gecos.split(",")[0].strip() if entry.pw_gecos else ""
    return entry.pw_name, full_name or entry.pw_name


@dataclass(frozen=True)
class Actor:
    """The agent a process acts as, as the screens need it."""

    id: int
    login: str
    name: str
    tier: int
    role: str
    timezone: str = "UTC"

    @classmethod
    def of(cls, agent: object) -> Actor:
        """From an Agent row of the ORM."""
        return cls(
            agent.id,  # type: ignore[attr-defined]
            agent.login,  # type: ignore[attr-defined]
            agent.name,  # type: ignore[attr-defined]
            agent.tier,  # type: ignore[attr-defined]
            agent.role,  # type: ignore[attr-defined]
            agent.timezone,  # type: ignore[attr-defined]
        )


@dataclass(frozen=True)
class Account:
    """What the rule of who may act as whom needs to know of an agent."""

    login: str
    role: str
    active: bool


def choose_actor(
    me: Account, as_login: str | None, other: Account | None, *, demo_desk: bool
) -> Account:
    """Whom `me` (the OS user's or database role's agent) acts as: themselves; another
    login (`as_login`, found as `other`) only as an admin or on the demo desk tuidesk
    built; a deactivated agent is refused, as itself or as another. Raises with a
    message that says why.

    The early start (tuidesk.startup, sqlite3 only) and the full path
    (services/identity.py) both ask this; the full path first creates a new user's agent.
    """
    if not me.active:  # also for --as: a deactivated admin is no longer an admin
        raise PermissionDeniedError(f"your agent account {me.login!r} is deactivated; ask an admin")
    if not as_login or as_login == me.login:
        return me
    if other is None:
        raise NotFoundError(
            f"no agent with login {as_login!r}; list them with 'tuidesk agent list'"
        )
    if me.role != "admin" and not demo_desk:
        raise PermissionDeniedError(
            f"only admins may act as another agent with --as; you are {me.login!r} ({me.role})"
        )
    if not other.active:
        raise PermissionDeniedError(f"agent {as_login!r} is deactivated")
    return other
