"""A ticket's work order and history as one scrolling text, drawn a line at a time.

A widget per event costs a second per few hundred events to mount and makes every
page-down re-lay them all out; a ticket with thousands of events froze the screen. Here
the blocks are wrapped to the width once (again only when the width changes) and each
visible line is cut from that list, so the cost of a frame does not grow with the
history.

Each kind of event reads differently also without colour: the heading names it in
capitals (PUBLIC REPLY, INTERNAL NOTE …) and the body of an internal note hangs off a
heavy bar, a public reply's off a light one.

Over SSH every byte is latency, and a one-line scroll made Textual write every line of
the view again (7.5 KB at 120x40). On a screen that mixes in `ScrollsTerminal`, the view
has the terminal move its lines itself (a scrolling region, as `less` does) and draws
only the lines that scrolled in and the cells of its scrollbar that changed. It draws its
own scrollbar for that, as Textual's would look, since Textual's redraws whole.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual._compositor import CompositorUpdate
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip

from tuidesk.domain import workflow
from tuidesk.text import clean

# the prefix of body lines by kind: the part that reads without colour
BODY_MARKS = {workflow.EVENT_NOTE: "┃ ", workflow.EVENT_REPLY: "│ "}
BAR_WIDTH = 2  # as Textual's vertical scrollbars


@dataclass(frozen=True)
class Block:
    """One part of the page: a section title, a field, or an event."""

    kind: str  # "section", "field", "item" (a line of the field above), or an event kind
    heading: str
    body: str = ""


@dataclass(frozen=True)
class _Painted:
    """What the terminal shows of the view, as of the last frame that drew it."""

    top: int  # the first line shown
    bar: tuple[Segment, ...]  # the scrollbar's cell on each row
    region: Region  # where on the screen


class HistoryView(ScrollView, can_focus=True):
    """The blocks of a ticket page, wrapped to the width, drawn line by line."""

    COMPONENT_CLASSES = {
        "history--section",
        "history--heading",
        "history--note",
        "history--reply",
        "history--alert",
    }
    # the scrollbar and the right margin are drawn by render_line (see the module's docstring)
    DEFAULT_CSS = """
    HistoryView { height: 1fr; padding: 0 0 0 1; overflow-x: hidden; scrollbar-size-vertical: 0; }
    HistoryView > .history--section { color: $accent; text-style: bold; }
    HistoryView > .history--heading { text-style: bold; }
    HistoryView > .history--note { color: $warning; }
    HistoryView > .history--reply { color: $success; }
    HistoryView > .history--alert { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.blocks: list[Block] = []
        self._lines: list[tuple[str, str]] = []  # (text, component class or "")
        self._wrapped_for = -1  # the width the lines were wrapped for
        self._room = 0  # the text's width, between the margins
        self._styles: dict[str, Style] = {}
        self._bar_rows: tuple[Segment, ...] = ()
        self._bar_top = -1  # the top line _bar_rows were drawn for
        self._painted: _Painted | None = None  # None: unknown, the next frame draws all
        self._shift = 0  # lines the terminal is to scroll before the next frame
        self._shift_region: Region | None = None

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

    @property
    def has_scrollbar(self) -> bool:
        """Whether the text is longer than the view (and a scrollbar drawn at its right)."""
        return len(self._lines) > self.size.height

    def _wrap(self) -> None:
        width, height = self.size.width or 80, self.size.height
        self._bar_top = -1
        if width == self._wrapped_for and (self._room < width - 1) == self.has_scrollbar:
            return
        # narrower by the scrollbar when the text is longer than the view
        room = width - 1 - BAR_WIDTH
        lines = self._wrapped_lines(room)
        if len(lines) <= height:
            room = width - 1
            lines = self._wrapped_lines(room)
        self._lines, self._room = lines, room
        self._wrapped_for = width
        self._painted = None  # other lines now: the next frame draws them all
        self._shift, self._shift_region = 0, None
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def _wrapped_lines(self, width: int) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = []
        for block in self.blocks:
            if block.kind == "section":
                lines += [("", ""), (block.heading, "history--section")]
                continue
            if block.kind in ("field", "item"):  # an item is indented under its field
                lines += _wrapped(block.heading, width, "  " if block.kind == "item" else "", "")
                continue
            style = "history--alert" if block.kind.startswith("sla_") else "history--heading"
            lines += [("", ""), *_wrapped(block.heading, width, "", style)]
            if block.body:
                mark = BODY_MARKS.get(block.kind, "  ")
                body_style = {"note": "history--note", "reply": "history--reply"}.get(
                    block.kind, ""
                )
                lines += _wrapped(block.body, width, mark, body_style)
        return lines

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
        self._bar_top = -1
        self._painted = None
        super().notify_style_update()

    def _bar(self, top: int) -> tuple[Segment, ...]:
        """The scrollbar's cell on each row with `top` the first line shown: Textual's
        own drawing, in the view's scrollbar colours, without its mouse actions."""
        if top == self._bar_top:
            return self._bar_rows
        height = self.size.height
        if not self.has_scrollbar:
            rows: tuple[Segment, ...] = ()
        else:
            styles = self.styles
            background = styles.scrollbar_background
            if background.a < 1:
                background = self.background_colors[0] + background
            color = background + styles.scrollbar_color
            drawn = ScrollBarRender.render_bar(
                size=height, virtual_size=len(self._lines), window_size=height,
                position=top, thickness=BAR_WIDTH, vertical=True,
                back_color=background.rich_color, bar_color=color.rich_color,
            ).segments  # fmt: skip
            rows = tuple(
                Segment(
                    s.text,
                    Style(color=s.style.color, bgcolor=s.style.bgcolor, reverse=s.style.reverse),
                )  # fmt: skip
                if s.style
                else s
                for s in drawn
                if s.text != "\n"
            )
        self._bar_rows, self._bar_top = rows, top
        return rows

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self._style("")
        top = self.scroll_offset.y
        index = top + y
        text, name = self._lines[index] if index < len(self._lines) else ("", "")
        style = base + self._style(name) if name else base
        line = Strip([Segment(text, style)])
        bar = self._bar(top)
        if not bar or y >= len(bar):
            return line.adjust_cell_length(width, base)
        # where Textual's scrollbar stood: before the right margin
        text = line.adjust_cell_length(width - BAR_WIDTH - 1, base)
        return Strip([*text, bar[y], Segment(" ", base)], width)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on the scrollbar above or below its thumb moves a page, as Textual's."""
        bar = self._bar(self.scroll_offset.y)
        right = self.outer_size.width - 1  # the margin
        if not bar or not right - BAR_WIDTH <= event.x < right or not 0 <= event.y < len(bar):
            return
        thumb = [row for row, cell in enumerate(bar) if cell.style and cell.style.reverse]
        if thumb and event.y < thumb[0]:
            self.action_page_up()
        elif thumb and event.y > thumb[-1]:
            self.action_page_down()

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    # -- scrolling the terminal (see the module's docstring) --

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Instead of ScrollView's repaint of the whole view: when the terminal can move
        the lines, only the lines that scrolled in and the scrollbar cells that changed."""
        if round(old_value) == round(new_value):
            return
        if not self._shift_lines(round(new_value)):
            self._shift, self._shift_region = 0, None
            self.refresh()

    def _shift_lines(self, top: int) -> bool:
        painted = self._painted
        screen = self.screen
        if painted is None or not isinstance(screen, ScrollsTerminal):
            return False
        height, width = self.size.height, self.size.width
        shift = top - painted.top
        region = self.region
        if (
            abs(shift) >= height
            or screen is not self.app.screen
            or region != painted.region
            or region.x != 0
            or region.width != screen.size.width
            or region.height != height
            or self._covered(region)
        ):
            return False
        bar = self._bar(top)
        rows = set()
        for row in range(height):
            was = row + shift  # the row of the last frame the terminal moves here
            if not 0 <= was < height or (bar and painted.bar and bar[row] != painted.bar[was]):
                rows.add(row)
        for row in rows:
            self.refresh(Region(0, row, width, 1))
        # every line's text moved: no line Textual kept drawn may be reused (it draws them
        # again when a dialog or a notice over the view needs them), only these written
        self._styles_cache.clear()
        self._shift, self._shift_region = shift, region
        return True

    def _covered(self, region: Region) -> bool:
        """Whether anything is drawn over the view (a toast, a tooltip): moving the
        terminal's lines would move it too."""
        for widget, (other, _) in self.screen._compositor.visible_widgets.items():
            if widget is self:
                return False  # the rest are beneath it
            mine = widget in self.ancestors or widget.parent is self  # its own scrollbars
            if not mine and other.overlaps(region):
                return True
        return False

    @property
    def shift_pending(self) -> bool:
        """Whether the terminal is to move this view's lines before the next frame."""
        return self._shift != 0

    def frame_drawn(self, drawn: bool) -> str:
        """Called by the screen for each frame it writes: the escape sequences that move
        the terminal's lines first, if any; `drawn` says whether the frame includes this
        view's refreshes. Records what the terminal shows from then on."""
        region = self.region
        sequence = ""
        if self._shift and drawn:
            if region == self._shift_region:
                sequence = scroll_sequence(region, self._shift)
            self._shift, self._shift_region = 0, None
            if not sequence:  # it moved meanwhile: what the terminal shows is not known
                self._painted = None
                self.refresh()  # drawn whole in the next frame
                return ""
        if drawn and not self._shift:
            top = self.scroll_offset.y
            self._painted = _Painted(top, self._bar(top), region)
        elif self._painted is not None and self._painted.region != region:
            self._painted = None  # moved by the layout: the next scroll draws it all
        return sequence

    def frame_elsewhere(self) -> None:
        """The view's screen is not the one on top: another screen draws over it."""
        self._painted = None
        if self._shift:
            self._shift, self._shift_region = 0, None
            self.refresh()


def scroll_sequence(region: Region, lines: int) -> str:
    """Escape sequences that move the terminal rows of `region` up by `lines` (down when
    negative), the rows scrolled in left blank: a scrolling region (DECSTBM), a line feed
    at its bottom or a reverse index at its top for each line (VT100, as every terminal
    and tmux take them), then the whole screen as the region again."""
    top, bottom = region.y + 1, region.bottom
    up, down = f"\x1b[{bottom};1H" + "\n" * lines, f"\x1b[{top};1H" + "\x1bM" * -lines
    return f"\x1b[{top};{bottom}r{up if lines > 0 else down}\x1b[r"


class _ScrolledFirst(CompositorUpdate):
    """A frame that moves some of the terminal's lines before it draws."""

    def __init__(self, sequence: str, update: Any) -> None:
        self.sequence = sequence
        self.update = update

    def render_segments(self, console: Any) -> str:
        return self.sequence + self.update.render_segments(console)


class ScrollsTerminal:
    """For a Screen with HistoryViews: each frame starts with the terminal moving the
    lines a view scrolled (see the module's docstring). Textual (8.x) has no hook for
    this; it takes the top screen's one place where a frame is written."""

    def _compositor_refresh(self) -> None:
        screen: Any = self
        app = screen.app
        views = list(screen.query(HistoryView))
        if screen is not app.screen or app.is_inline:
            for view in views:
                view.frame_elsewhere()
            super()._compositor_refresh()  # type: ignore[misc]
            return
        dirty = screen._dirty_widgets
        everything = screen in dirty
        if not any(view.shift_pending for view in views):
            for view in views:
                view.frame_drawn(everything or view in dirty)
            super()._compositor_refresh()  # type: ignore[misc]
            return
        # Screen._compositor_refresh's branch for the top screen, the moves first
        update = screen._compositor.render_update(screen_stack=app._background_screens)
        drawn = update is not None
        sequence = "".join(view.frame_drawn(drawn and (everything or view in dirty))
                           for view in views)  # fmt: skip
        app._display(screen, _ScrolledFirst(sequence, update) if sequence else update)
        dirty.clear()

    def on_screen_suspend(self) -> None:
        """Another screen draws over the terminal: what it shows of a view is not known."""
        for view in self.query(HistoryView):  # type: ignore[attr-defined]
            view.frame_elsewhere()


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
