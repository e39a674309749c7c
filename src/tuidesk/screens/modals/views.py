"""Pick a view of the queue: the built-in ones with their counts, then the agent's saved ones."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from tuidesk.screens import BoxedModal
from tuidesk.storage.read.queue import VIEW_BY_KEY, VIEWS, SavedView
from tuidesk.text import literal, one_line


class ViewsScreen(BoxedModal[tuple[str, str] | None]):
    """Every view: the built-in ones with their counts, then the agent's saved ones.

    Dismisses with ("view", key), ("saved", name) or ("delete", name).
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="views.cancel"),
        Binding("delete,d", "delete", "Delete saved view", id="views.delete"),
    ]

    def __init__(self, counts: dict[str, int], saved: list[SavedView], current: str) -> None:
        super().__init__()
        self.counts = counts
        self.saved = saved
        self.current = current  # "view:KEY" or "saved:NAME"

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for number, view in enumerate(VIEWS, start=1):
            count = self.counts.get(view.key)
            shown = "…" if count is None else f"{count:,}"
            options.append(
                Option(literal(f"{number}  {view.title} ({shown})"), id=f"view:{view.key}")
            )
        if self.saved:
            options.append(None)
        for saved in self.saved:
            base = VIEW_BY_KEY[saved.base_view].short
            narrow = f" · {saved.narrow.describe()}" if saved.narrow else ""
            arrow = "↓" if saved.descending else "↑"
            options.append(
                Option(
                    literal(
                        f"★  {one_line(saved.name)} — {base}{narrow} "
                        f"· by {saved.sort.label} {arrow}"
                    ),
                    id=f"saved:{saved.name}",
                )
            )
        with Vertical() as box:
            box.border_title = "Views"
            yield OptionList(*options, id="views-list")
            hint = "Enter shows · d deletes a saved view · Escape cancels"
            if not self.saved:
                hint = "Enter shows · w in the queue saves a filtered view · Escape cancels"
            yield Static(literal(hint), classes="hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        try:
            option_list.highlighted = option_list.get_option_index(self.current)
        except OptionDoesNotExist:  # a view deleted meanwhile: start at the top
            option_list.highlighted = 0

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        kind, _, value = (event.option.id or "").partition(":")
        self.dismiss((kind, value))

    def action_delete(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is None:
            return
        kind, _, value = (
            option_list.get_option_at_index(option_list.highlighted).id or ""
        ).partition(":")
        if kind == "saved":
            self.dismiss(("delete", value))
        else:
            self.notify("built-in views cannot be deleted", severity="warning", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
