from itertools import product

import pytest

from tuidesk.domain import workflow
from tuidesk.errors import TransitionError, ValidationError

ALLOWED = {
    ("new", "open"), ("new", "pending_customer"), ("new", "pending_vendor"), ("new", "on_hold"),
    ("new", "resolved"),
    ("open", "pending_customer"), ("open", "pending_vendor"), ("open", "on_hold"),
    ("open", "resolved"),
    ("pending_customer", "open"), ("pending_customer", "pending_vendor"),
    ("pending_customer", "on_hold"), ("pending_customer", "resolved"),
    ("pending_vendor", "open"), ("pending_vendor", "pending_customer"),
    ("pending_vendor", "on_hold"), ("pending_vendor", "resolved"),
    ("on_hold", "open"), ("on_hold", "pending_customer"), ("on_hold", "pending_vendor"),
    ("on_hold", "resolved"),
    ("resolved", "open"), ("resolved", "closed"),
}  # fmt: skip


@pytest.mark.parametrize(("old", "new"), sorted(product(workflow.STATUSES, repeat=2)))
def test_every_transition_is_allowed_or_refused_with_a_reason(old: str, new: str) -> None:
    if (old, new) in ALLOWED:
        assert workflow.can_transition(old, new)
        workflow.check_transition(old, new)
    else:
        assert not workflow.can_transition(old, new)
        with pytest.raises(TransitionError) as caught:
            workflow.check_transition(old, new)
        message = str(caught.value)
        assert message and "\n" not in message
        assert old.split("_")[0] in message or "already" in message


def test_closed_is_final_and_says_what_to_do() -> None:
    with pytest.raises(TransitionError, match="open a new ticket"):
        workflow.check_transition("closed", "open")


def test_refusal_lists_where_the_ticket_can_go() -> None:
    with pytest.raises(TransitionError, match="it can go to: open, closed"):
        workflow.check_transition("resolved", "on_hold")


def test_unknown_status_names_the_known_ones() -> None:
    with pytest.raises(ValidationError, match="use one of: new, open"):
        workflow.check_transition("open", "done")


def test_vocabularies() -> None:
    assert workflow.check_channel("on-site") == "on-site"
    with pytest.raises(ValidationError, match="unknown channel 'fax'"):
        workflow.check_channel("fax")
    with pytest.raises(ValidationError, match="tier must be 1, 2, 3 or 4"):
        workflow.check_tier(5)
    with pytest.raises(ValidationError, match="unknown role"):
        workflow.check_role("root")
    assert set(workflow.PLANS) == {"warranty", "post_warranty", "premium", "self_service"}
