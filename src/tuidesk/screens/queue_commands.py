"""The queue's commands for the command palette: its views (yours too), orders, filter
and search, and the actions on the ticket under the cursor or the selection.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tuidesk.storage.read.queue import SORTS, VIEWS
from tuidesk.text import literal_markup
from tuidesk.widgets.ticket_list import TicketList

if TYPE_CHECKING:
    from tuidesk.screens.queue import QueueScreen


def queue_commands(screen: QueueScreen) -> Iterator[SystemCommand]:
    """The queue screen's commands; clearing the filter or the selection only when there is one."""
    for number, view in enumerate(VIEWS, start=1):
        yield SystemCommand(
            f"View: {view.title}",
            f"Show {view.title.lower()} (key {number})",
            partial(screen.action_view, view.key),
        )
    for saved in screen.saved:
        yield SystemCommand(
            f"View: ★ {literal_markup(saved.name)}",
            "One of your saved views (v lists them)",
            partial(screen.show_saved, saved.name),
        )
    yield SystemCommand("Views…", "Pick a view, or delete a saved one (v)", screen.action_views)
    yield SystemCommand(
        "Save this view", "Keep the view, filter and order under a name (w)",
        screen.action_save_view,
    )  # fmt: skip
    for sort in SORTS:
        yield SystemCommand(
            f"Sort by {sort.label}",
            "Order the queue by this column (s cycles, S reverses)",
            partial(screen.resort, sort),
        )
    yield SystemCommand("Reverse the sort", "Key S", screen.action_reverse_sort)
    yield SystemCommand("Filter the queue", "By status, priority, tier … (f)", screen.action_filter)
    yield SystemCommand(
        "Search the queue", "Words in subjects and requesters (/)", screen.action_search
    )
    if screen.narrow:
        yield SystemCommand("Clear the filter", "Escape", screen.action_clear_filter)
    yield SystemCommand(
        "Take the ticket", "Assign the selected tickets or the one under the cursor to me (a)",
        screen.action_take,
    )  # fmt: skip
    yield SystemCommand(
        "Select the ticket", "Select or unselect it for a bulk action (space)",
        screen.query_one(TicketList).action_toggle_select,
    )  # fmt: skip
    yield SystemCommand(
        "Bulk action on the selection", "Assign, status, priority, tags … (b)", screen.action_bulk
    )
    if screen.query_one(TicketList).selected:
        yield SystemCommand("Clear the selection", "Escape", screen.action_clear_filter)
    yield SystemCommand("New ticket", "Take a new ticket (n)", screen.action_new_ticket)
    yield SystemCommand(
        "Escalate the ticket", "Hand it to the next tier with a hand-off (e)",
        screen.action_escalate,
    )  # fmt: skip
    yield SystemCommand("Refresh the queue", "Key r", screen.action_refresh)
