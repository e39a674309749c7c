"""`?`: the keys of the screen it was opened on, grouped, in two columns.

Textual's own key panel, docked at the right, took half of an 80-column screen, listed
the focused list's arrow keys before the screen's own and cut most of them off. This
one covers the screen: the screen's keys first, then the ones of the focused list or
field, then those that work everywhere; what does not fit scrolls, and its frame says
how to scroll and close it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from tuidesk.screens import DeskModalScreen
from tuidesk.text import literal

# Textual's sideways scrolling, offered by every scrollable widget: not shown where the
# widget cannot scroll sideways
SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}
LABELS = {"command_palette": "Command palette"}  # Textual's own say just "palette"
EVERYWHERE = "Everywhere"


@dataclass
class Entry:
    """One line of the help: the keys of one action and what it does."""

    keys: list[str]
    description: str
    enabled: bool = True


@dataclass
class Group:
    title: str
    entries: list[Entry] = field(default_factory=list)


def key_groups(screen: Screen[Any]) -> list[Group]:
    """The keys active on `screen` now: its own, the focused widget's, the App's (with
    Textual's screen-wide ones, focus and copy), each action once with all its keys."""
    app = screen.app
    own = Group(getattr(screen, "HELP_TITLE", "") or getattr(screen, "FAILURE_TITLE", "")
                or "This screen")  # fmt: skip
    everywhere = Group(EVERYWHERE)
    widgets: dict[Any, Group] = {}
    seen: dict[tuple[int, str, str], Entry] = {}
    for active in screen.active_bindings.values():
        node, binding = active.node, active.binding
        description = LABELS.get(binding.action, binding.description)
        if not description:
            continue
        if binding.action in SIDEWAYS and not getattr(node, "allow_horizontal_scroll", False):
            continue
        if node is app or binding.action.startswith(("app.", "screen.")):
            group = everywhere
        elif node is screen:
            group = own
        else:
            group = widgets.setdefault(node, Group(_widget_title(node)))
        key = (id(group), binding.action, description)
        entry = seen.get(key)
        display = app.get_key_display(binding)
        if entry is None:
            seen[key] = entry = Entry([], description, bool(active.enabled))
            group.entries.append(entry)
        if display not in entry.keys:
            entry.keys.append(display)
    groups = [own, *widgets.values(), everywhere]
    return [group for group in groups if group.entries]


def _widget_title(widget: Any) -> str:
    if isinstance(widget, Input | TextArea):
        return "In the text field"
    return getattr(widget, "HELP_TITLE", "") or "Moving and choosing"


def columns(groups: list[Group]) -> tuple[list[Group], list[Group]]:
    """The groups in two columns of about the same length: split between groups where
    that is about as even, else inside one (its title repeated on the right)."""
    lines = [(group, entry) for group in groups for entry in [None, *group.entries]]
    best: tuple[int, int] | None = None  # (cost, split)
    for split in range(1, len(lines)):
        group, entry = lines[split]
        inside = entry is not None
        cost = max(split, len(lines) - split + inside) + inside  # a split title costs
        if best is None or cost < best[0]:
            best = (cost, split)
    if best is None:
        return groups, []
    left: list[Group] = []
    right: list[Group] = []
    for index, (group, entry) in enumerate(lines):
        side = left if index < best[1] else right
        if not side or side[-1].title != group.title:
            side.append(Group(group.title))
        if entry is not None:
            side[-1].entries.append(entry)
    if right and right[0].title == left[-1].title:
        right[0] = Group(right[0].title + " (more)", right[0].entries)
    return left, right


def column_text(groups: list[Group]) -> Content:
    """A column as text: each title in bold capitals, each entry's keys in bold (the
    keys column as wide as its widest), what is not possible now in parentheses."""
    width = min(max((len(" ".join(e.keys)) for g in groups for e in g.entries), default=1), 12)
    lines: list[Content] = []
    for group in groups:
        if lines:
            lines.append(Content(""))
        lines.append(literal(group.title.upper(), "bold underline"))
        for entry in group.entries:
            keys = " ".join(entry.keys)
            what = entry.description if entry.enabled else f"({entry.description}: not now)"
            style = "" if entry.enabled else "dim"
            keys_text = literal(keys.rjust(width) + " ", "bold")
            lines.append(Content.assemble(keys_text, literal(what, style)))
    return Content("\n").join(lines)


class HelpScreen(DeskModalScreen[None]):
    """The keys of the screen beneath, as they work there now."""

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", key_display="Esc"),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.groups = key_groups(screen)
        self.title_text = (
            getattr(screen, "HELP_TITLE", "") or getattr(screen, "FAILURE_TITLE", "") or "tuidesk"
        )

    def compose(self) -> ComposeResult:
        left, right = columns(self.groups)
        with VerticalScroll(id="help-box") as box:
            box.border_title = literal(f"Keys: {self.title_text}")
            box.border_subtitle = literal("↑ ↓ PgUp PgDn scroll · Esc closes")
            with Horizontal():
                yield Static(column_text(left), classes="help-column")
                yield Static(column_text(right), classes="help-column")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        box = self.query_one(VerticalScroll)
        if direction == "down":
            box.scroll_down(animate=False)
        else:
            box.scroll_up(animate=False)
