"""A ticket's work order and history as one scrolling text, drawn a line at a time.

A widget per event costs a second per few hundred events to mount and makes every
page-down re-lay them all out; a ticket with thousands of events froze the screen. Here
the blocks are wrapped to the width once (again only when the width changes) and each
visible line is cut from that list, so the cost of a frame does not grow with the
history.

Each kind of event reads differently also without colour: the heading names it in
capitals (PUBLIC REPLY, INTERNAL NOTE …) and the body of an internal note hangs off a
heavy bar, a public reply's off a light one.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuidesk import workflow
from tuidesk.text import clean

# the prefix of body lines by kind: the part that reads without colour
BODY_MARKS = {workflow.EVENT_NOTE: "┃ ", workflow.EVENT_REPLY: "│ "}


@dataclass(frozen=True)
class Block:
    """One part of the page: a section title, a field, or an event."""

    kind: str  # "section", "field", or an event kind
    heading: str
    body: str = ""


class HistoryView(ScrollView, can_focus=True):
    """The blocks of a ticket page, wrapped to the width, drawn line by line."""

    COMPONENT_CLASSES = {
        "history--section",
        "history--heading",
        "history--note",
        "history--reply",
        "history--alert",
    }
    DEFAULT_CSS = """
    HistoryView { height: 1fr; padding: 0 1; }
    HistoryView > .history--section { color: $accent; text-style: bold; }
    HistoryView > .history--heading { text-style: bold; }
    HistoryView > .history--note { color: $warning; }
    HistoryView > .history--reply { color: $success; }
    HistoryView > .history--alert { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("up,k", "scroll_up", show=False),
        Binding("down,j", "scroll_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown,space", "page_down", show=False),
        Binding("home,g", "scroll_home", show=False),
        Binding("end,G", "scroll_end", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.blocks: list[Block] = []
        self._lines: list[tuple[str, str]] = []  # (text, component class or "")
        self._wrapped_for = -1
        self._styles: dict[str, Style] = {}

    def set_blocks(self, blocks: list[Block], *, keep_position: bool = False) -> None:
        """Show `blocks` (text from people in them is cleaned here)."""
        at_end = self.scroll_offset.y >= self.max_scroll_y - 1
        self.blocks = [Block(b.kind, clean(b.heading), clean(b.body)) for b in blocks]
        self._wrapped_for = -1
        self._wrap()
        if not keep_position:
            self.scroll_to(y=0, animate=False)
        elif at_end:  # reading the newest events: follow the ones that come in
            self.call_after_refresh(self.scroll_end, animate=False)

    @property
    def lines(self) -> list[str]:
        """The text as drawn at the current width (for tests and copying)."""
        self._wrap()
        return [text for text, _ in self._lines]

    def _width(self) -> int:
        return max((self.scrollable_content_region.width or self.size.width or 80), 20)

    def _wrap(self) -> None:
        width = self._width()
        if width == self._wrapped_for:
            return
        lines: list[tuple[str, str]] = []
        for block in self.blocks:
            if block.kind == "section":
                lines += [("", ""), (block.heading, "history--section")]
                continue
            if block.kind == "field":
                lines += _wrapped(block.heading, width, "", "")
                continue
            style = "history--alert" if block.kind.startswith("sla_") else "history--heading"
            lines += [("", ""), *_wrapped(block.heading, width, "", style)]
            if block.body:
                mark = BODY_MARKS.get(block.kind, "  ")
                body_style = {"note": "history--note", "reply": "history--reply"}.get(
                    block.kind, ""
                )
                lines += _wrapped(block.body, width, mark, body_style)
        self._lines = lines
        self._wrapped_for = width
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name) if name else self.rich_style
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, self._style(""))
        text, name = self._lines[index]
        style = self._style("") + self._style(name) if name else self._style("")
        return Strip([Segment(text, style)]).adjust_cell_length(width, self._style(""))

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)


def _wrapped(text: str, width: int, mark: str, style: str) -> list[tuple[str, str]]:
    """`text` wrapped to `width`, each line after `mark`; empty lines kept."""
    room = max(width - len(mark), 10)
    out: list[tuple[str, str]] = []
    for paragraph in text.split("\n"):
        pieces = textwrap.wrap(
            paragraph.expandtabs(4), room, break_long_words=True, replace_whitespace=False,
            drop_whitespace=True,
        ) or [""]  # fmt: skip
        out += [(mark + piece, style) for piece in pieces]
    return out
