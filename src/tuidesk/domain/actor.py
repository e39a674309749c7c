"""Who is acting: the agent a process works as, and the OS account it runs under."""

from __future__ import annotations

import os
import pwd
from dataclasses import dataclass


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
