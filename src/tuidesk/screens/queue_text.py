"""What the queue screen writes in words: the view bar's line and a view's description.

Plain strings from plain values, so the screen only decides when to show them.
"""

from __future__ import annotations

from collections.abc import Mapping

from tuidesk.storage.read.queue import VIEWS, Filter, Sort, View


def order_text(sort: Sort) -> str:
    """The order in words, with an arrow for its direction: "by SLA due ↑"."""
    arrow = "↓" if sort.descending else "↑"
    return f"by {sort.label} {arrow}"


def view_bar_text(
    counts: Mapping[str, int], current: str, width: int, saved_name: str, narrow: Filter,
    total: int, selected: int, unshown_sort: Sort | None,
) -> str:  # fmt: skip
    """The line above the list: every view with its count (`current` in brackets), then
    the saved view or filter on screen, the selection, and the order when no column
    header shows it (`unshown_sort`); view names shorten as `width` narrows."""
    parts = []
    for number, view in enumerate(VIEWS, start=1):
        name = view.title if width >= 180 else view.short if width >= 100 else view.tiny
        count = counts.get(view.key)
        label = f"{number} {name} {'…' if count is None else f'{count:,}'}"
        parts.append(f"[{label}]" if view.key == current else label)
    if saved_name:
        parts.append(f"· ★ {saved_name}: {total:,}")
    elif narrow:
        parts.append(f"· filter {narrow.describe()}: {total:,}")
    if selected:
        parts.append(f"· {selected} selected (b: bulk action)")
    if unshown_sort is not None:
        parts.append(order_text(unshown_sort))
    return " ".join(parts)


def view_description(view: View, narrow: Filter, sort: Sort) -> str:
    """The view, filter and order to be saved, as the save-view form names them."""
    what = f"{view.title}"
    if narrow:
        what += f", filter {narrow.describe()}"
    what += f", {order_text(sort)}"
    return what
