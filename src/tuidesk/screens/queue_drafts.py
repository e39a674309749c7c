"""The new ticket an agent left unsent, as the queue offers it back and reopens it.

The intake form keeps its draft under one key while it is typed (a crash or a dropped
connection loses nothing); the queue asks once, after its first rows, whether to
continue it, and n opens the form with it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from tuidesk.text import notify_literal, one_line

if TYPE_CHECKING:
    from tuidesk.screens.queue import QueueScreen

INTAKE_DRAFT = "new-ticket"  # tuidesk.screens.intake.DRAFT_KEY, without importing it


def saved_at_text(saved_at: float) -> str:
    """When a draft was last typed, in local time to the minute."""
    return datetime.fromtimestamp(saved_at).strftime("%Y-%m-%d %H:%M")


def offer_draft_back(screen: QueueScreen, draft: Any) -> None:
    """Ask whether to continue `draft`: yes opens the intake form with it."""
    from tuidesk.screens.modals.confirm import ConfirmScreen

    saved = saved_at_text(draft.saved_at)
    subject = one_line(draft.data.get("subject", ""), 50) or "no subject yet"

    def answer(yes: bool | None) -> None:
        if yes:
            open_intake(screen, draft)
        else:
            notify_literal(screen, "It stays kept: n continues it", title="Draft")

    screen.app.push_screen(
        ConfirmScreen(
            "Continue the new ticket you were writing?", f"{subject!r}, last typed {saved}"
        ),
        answer,
    )


def open_intake(screen: QueueScreen, draft: Any) -> None:
    """The intake form, filled from `draft` when there is one; the ticket it creates opens."""
    from tuidesk.screens.intake import IntakeScreen
    from tuidesk.screens.intake_state import draft_state

    if draft is None:
        intake = IntakeScreen()
    else:
        saved = saved_at_text(draft.saved_at)
        intake = IntakeScreen(draft_state(draft.data), saved)

    def created(ticket_id: int | None) -> None:
        if ticket_id is None:
            return
        notify_literal(screen, f"#{ticket_id} created", title="New ticket")
        screen.action_refresh()
        from tuidesk.screens.ticket import TicketScreen

        screen.app.push_screen(TicketScreen(ticket_id, step=screen.step))

    screen.app.push_screen(intake, created)
