"""One screen per file; every screen derives from DeskScreen or DeskModalScreen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import on
from textual.actions import parse
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from tuidesk.app import TuideskApp

ResultType = TypeVar("ResultType")


class QuietBeneath:
    """A screen that others open over hands its changes up to the screen on top once.

    Textual (8.x) hands the changes of a visible screen beneath to the top screen and
    marks the screen beneath changed again as it does so, which hands them up again on
    the next frame, for as long as the top screen is open: with the filter form or a
    reply editor over the queue or a ticket, the whole screen was written to the
    terminal three times a second (27 KB/s over SSH, idle)."""

    def _compositor_refresh(self) -> None:
        screen: Any = self
        app, dirty = screen.app, screen._compositor._dirty_regions
        if screen is not app.screen and screen in app._background_screens and dirty:
            app.screen.refresh(*dirty)
            dirty.clear()
            screen._dirty_widgets.clear()
            return
        super()._compositor_refresh()  # type: ignore[misc]


class DeskScreen(QuietBeneath, Screen[ResultType]):
    """A tuidesk screen. Its workers raise; their failures go to the App's one handler
    (TuideskApp.worker_failed), since Worker.StateChanged does not bubble. Beneath
    another screen it writes nothing to the terminal of its own (QuietBeneath)."""

    FAILURE_TITLE = ""  # the title of the notice when one of its workers fails

    @property
    def app(self) -> TuideskApp:
        """The running app, typed: its desk, readers, actor, clock and drafts."""
        return cast("TuideskApp", super().app)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.app.worker_failed(event.worker)


class DeskModalScreen(ModalScreen[ResultType], DeskScreen[ResultType]):
    """A tuidesk modal screen (a form, a question, a list to pick from). ModalScreen
    comes first: Textual's CSS types follow the first base (`ModalScreen { … }`)."""


class BoxedModal(DeskModalScreen[ResultType]):
    """A modal whose content is one box in the middle of the screen (a `Vertical`):
    a question, a form, a list to pick from. Its look is styles/modal.tcss; a modal's
    own file there changes only what differs (its width, say)."""


def binding_commands(screen: Screen[object], prefix: str) -> Iterable[SystemCommand]:
    """A command-palette entry for each of the screen's described bindings, but for
    what the agent may not do here (the screen's `check_action` says False)."""
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.description and binding.id:
            _, name, parameters = parse(binding.action)
            if screen.check_action(name, parameters) is False:
                continue
            key = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                f"{prefix}: {binding.description}",
                f"Key {key}",
                partial(screen.run_action, binding.action),
            )
