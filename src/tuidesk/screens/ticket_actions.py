"""The ticket screen's actions as data: the text each writer edits, what a saved action
is called, and the one dispatch from an action's kind to the service layer."""

from __future__ import annotations

from typing import Any

from tuidesk.domain import workflow
from tuidesk.domain.priority import LEVEL_LABELS, LEVELS, priority_for, priority_label

# text actions: (editor title, what it is called in messages, presence activity)
WRITERS: dict[str, tuple[str, str, str]] = {
    "reply": ("Public reply to the customer", "reply", "writing a reply"),
    "note": ("Internal note (agents only)", "note", "writing a note"),
    "theory": ("Theory: the likely cause and the plan", "theory", "writing the theory"),
    "resolve": ("Resolve: what fixed it (the customer sees this)", "resolution", "resolving"),
    "deescalate": ("Send back a tier: a note for them", "note for the tier below", "sending back"),
    "vendor": ("Vendor update: what the vendor said or did", "vendor update", "logging the vendor"),
}


DONE = {
    "reply": "reply sent",
    "note": "note added",
    "theory": "theory updated",
    "resolve": "resolved",
    "status": "status changed",
    "assign": "assignee changed",
    "priority": "priority changed",
    "worklog": "time logged",
    "reopen": "reopened",
    "deescalate": "sent back a tier",
    "vendor": "vendor update logged",
    "merge": "merged",
}


def perform(desk: Any, ticket_id: int, kind: str, values: dict[str, Any], version: int) -> None:
    """One ticket action through the service layer, on the version the agent saw."""
    if kind == "reply":
        desk.reply(ticket_id, values["text"], expected_version=version)
    elif kind == "note":
        desk.add_note(ticket_id, values["text"], expected_version=version)
    elif kind == "theory":
        desk.set_theory(ticket_id, values["text"], expected_version=version)
    elif kind == "resolve":
        desk.resolve(ticket_id, values["text"], expected_version=version)
    elif kind == "status":
        desk.change_status(ticket_id, values["status"], expected_version=version)
    elif kind == "assign":
        desk.assign(ticket_id, values["login"], expected_version=version)
    elif kind == "priority":
        desk.change_priority(
            ticket_id, impact=values["impact"], urgency=values["urgency"], expected_version=version
        )
    elif kind == "worklog":
        desk.log_work(ticket_id, values["minutes"], values["note"], expected_version=version)
    elif kind == "reopen":
        desk.reopen(ticket_id, expected_version=version)
    elif kind == "deescalate":
        desk.deescalate(ticket_id, values["text"], expected_version=version)
    elif kind == "vendor":
        desk.vendor_update(ticket_id, values["text"], expected_version=version)
    elif kind == "merge":
        desk.merge(
            ticket_id,
            values["into"],
            expected_version=version,
            target_version=values.get("into_version"),  # the kept ticket as it was shown
        )
    else:
        raise ValueError(f"unknown ticket action {kind!r}")


def unsent_drafts(store: Any, ticket_id: int) -> dict[str, Any]:
    """The ticket's drafts left unsent, by the kind of text they are."""
    drafts = {}
    for kind in WRITERS:
        draft = store.load(f"{kind}-{ticket_id}")
        if draft is not None:
            drafts[kind] = draft
    return drafts


def status_choices(current: str) -> list[tuple[str, str]]:
    """The statuses a ticket may move to from `current`, `current` itself marked."""
    targets = [s for s in workflow.STATUSES if s == current or workflow.can_transition(current, s)]
    return [
        (s, workflow.STATUS_LABELS[s] + ("  (now: Enter keeps it)" if s == current else ""))
        for s in targets
    ]


def priority_choices(ticket: Any) -> list[tuple[str, str]]:
    """Every impact × urgency as `impact,urgency`, by the priority it gives; the ticket's marked."""
    pairs = sorted(((i, u) for i in LEVELS for u in LEVELS), key=lambda p: (sum(p), p))
    return [
        (
            f"{i},{u}",
            f"{priority_label(priority_for(i, u)):<12} impact {LEVEL_LABELS[i]}, "
            f"urgency {LEVEL_LABELS[u]}" + ("  (now)" if (i, u) == (ticket.impact,
                                                              ticket.urgency) else ""),
        )
        for i, u in pairs
    ]  # fmt: skip


def assignee_choices(
    me: str, assignee: str | None, logins: list[str]
) -> tuple[str, list[tuple[str, str]]]:
    """Who a ticket can be given to (`@me`, `@none`, the others) and which is it now."""
    current = "@me" if assignee == me else assignee or "@none"
    choices = [("@me", f"Take it ({me})"), ("@none", "Unassign")]
    choices += [(login, login) for login in logins if login != me]
    if assignee and current not in {key for key, _ in choices}:
        choices.append((assignee, assignee))  # an inactive agent still holds it
    now = "  (now: Enter keeps it)"
    choices = [(key, label + now if key == current else label) for key, label in choices]
    return current, choices
