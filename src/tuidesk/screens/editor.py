"""The ticket screen's small modals, at their old import path while the screens that
import them move to tuidesk.screens.modals (one modal per file)."""

from __future__ import annotations

from tuidesk.screens.modals.choice import ChoiceScreen
from tuidesk.screens.modals.confirm import ConfirmScreen
from tuidesk.screens.modals.conflict import ConflictScreen
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.screens.modals.handoff_review import HandoffReviewScreen
from tuidesk.screens.modals.modal_css import MODAL_CSS
from tuidesk.screens.modals.work_log import WorkLogScreen, parse_minutes

__all__ = [
    "MODAL_CSS",
    "ChoiceScreen",
    "ConfirmScreen",
    "ConflictScreen",
    "EditorScreen",
    "HandoffReviewScreen",
    "WorkLogScreen",
    "parse_minutes",
]
