"""The one rule of who may act as whom, without a database (domain/actor.py)."""

from __future__ import annotations

import pytest

from tuidesk.domain.actor import Account, choose_actor
from tuidesk.errors import NotFoundError, PermissionDeniedError

ALEX = Account("alex", "agent", True)
BOSS = Account("boss", "admin", True)
GONE = Account("gone", "agent", False)


def test_self_unless_deactivated() -> None:
    assert choose_actor(ALEX, None, None, demo_desk=False) is ALEX
    assert choose_actor(ALEX, "alex", None, demo_desk=False) is ALEX
    with pytest.raises(PermissionDeniedError, match="'gone' is deactivated; ask an admin"):
        choose_actor(GONE, None, None, demo_desk=True)


def test_another_only_as_an_admin_or_on_the_demo_desk() -> None:
    assert choose_actor(BOSS, "alex", ALEX, demo_desk=False) is ALEX
    assert choose_actor(ALEX, "boss", BOSS, demo_desk=True) is BOSS
    with pytest.raises(PermissionDeniedError, match="only admins may act as another"):
        choose_actor(ALEX, "boss", BOSS, demo_desk=False)
    with pytest.raises(NotFoundError, match="no agent with login 'nobody'"):
        choose_actor(BOSS, "nobody", None, demo_desk=False)
    with pytest.raises(PermissionDeniedError, match="agent 'gone' is deactivated"):
        choose_actor(BOSS, "gone", GONE, demo_desk=False)


def test_a_deactivated_admin_acts_as_nobody() -> None:
    """Deactivating an admin takes away --as too, on the demo desk as elsewhere."""
    fired = Account("fired", "admin", False)
    for demo_desk in (False, True):
        with pytest.raises(PermissionDeniedError, match="'fired' is deactivated; ask an admin"):
            choose_actor(fired, "alex", ALEX, demo_desk=demo_desk)
