"""Showing text that came from people: literally, without markup, without control characters.

Every widget that shows a subject, a body, a name or an error message that may quote
them goes through `literal()` (for Static, Label, border titles, OptionList options …),
`literal_text()` (for DataTable cells and other Rich renderables), `literal_options()`
(for a Select's options) or `literal_markup()` (for the few Textual APIs that take only
a markup string: the command palette's commands). Nothing a customer typed is ever parsed as
Textual or Rich markup, and no terminal control sequence reaches the terminal. Text in
the editing widgets (Input, TextArea), which take what is pasted or stored as it is, is
kept from the terminal by `NO_CONTROL_CHARACTERS`, a line filter for the whole app.

The command line cleans text too, and starts without Textual (the queue's rows are read
while Textual is imported, see tuidesk.startup): what needs Textual or Rich imports it
on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from rich.text import Text
    from textual.content import Content

Value = TypeVar("Value")

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides
# and isolates that can make text display in another order than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]")
# the same and tab and newline: what a line drawn on the screen never holds
_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]")


def clean(value: object) -> str:
    """Return `value` as a string with terminal control characters removed.

    Carriage returns become newlines so that `\\r\\n` from email reads as one line break.
    """
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def escape_json_controls(json_text: str) -> str:
    """JSON text with the characters `clean()` removes written as `\\uXXXX` escapes.

    JSON output keeps every character of the data; `json.dumps` escapes C0 controls but
    not DEL, C1 controls or the bidirectional ones, which a terminal would then act on.
    They can only occur inside JSON strings, where the escape stands for the same one.
    """
    return _CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", json_text)


def one_line(value: object, limit: int | None = None) -> str:
    """`clean()` folded to a single line, optionally cut to `limit` characters with …"""
    text = " ".join(clean(value).split())
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    return text


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 event`, `2 events`, `1,204 events`: a count with its noun, for every screen and
    the command line (`many` for a noun that does not just take an s)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def literal(value: object, style: str = "") -> Content:
    """Text from people as Textual `Content`: shown exactly, never parsed as markup."""
    from textual.content import Content

    return Content.styled(clean(value), style) if style else Content(clean(value))


def literal_text(value: object, style: str = "") -> Text:
    """Text from people as a Rich `Text` (for DataTable cells): never parsed as markup."""
    from rich.text import Text

    return Text(clean(value), style=style)


def literal_options(options: Iterable[tuple[object, Value]]) -> list[tuple[Text, Value]]:
    """A Select's (label, value) pairs with labels from people, each one line, literally.

    Rich `Text` rather than `Content`: Select parses a str label as markup, and its
    type-to-search reads only Text and str labels."""
    return [(literal_text(one_line(label)), value) for label, value in options]


def literal_markup(value: object) -> str:
    """Text from people as Textual markup that shows exactly that text (one line), for
    APIs that take only markup: the command palette parses its commands' titles and help.
    Textual's markup needs only `[` escaped: `$` and backslashes are literal outside tags."""
    return one_line(value).replace("[", "\\[")


def notify_literal(
    node: object,
    message: object,
    *,
    severity: str = "information",
    title: str = "",
    timeout: float | None = None,
) -> None:
    """`node.notify()` with text that may quote people: markup off, controls stripped."""
    node.notify(  # type: ignore[attr-defined]
        clean(message), title=clean(title), severity=severity, markup=False, timeout=timeout
    )


@cache
def _line_filter() -> tuple[type, object]:
    from rich.segment import Segment
    from textual.color import Color
    from textual.filter import LineFilter

    class ControlCharacterFilter(LineFilter):
        """A Textual line filter that drops `clean()`'s control characters (and tab and
        newline) from every line drawn, whichever widget drew it. They are all zero
        cells wide, so nothing on the line moves."""

        def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
            search, strip = _LINE_CONTROL.search, _LINE_CONTROL.sub
            return [
                Segment(strip("", text), style, control)
                if not control and search(text)
                else segment
                for segment in segments
                for text, style, control in (segment,)
            ]

    return ControlCharacterFilter, ControlCharacterFilter()


def __getattr__(name: str) -> Any:
    """`ControlCharacterFilter` and `NO_CONTROL_CHARACTERS` (its one instance), made
    when the app first asks for them."""
    if name == "ControlCharacterFilter":
        return _line_filter()[0]
    if name == "NO_CONTROL_CHARACTERS":
        return _line_filter()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
