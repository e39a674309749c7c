"""The errors tuidesk raises on purpose: each carries a message a user can act on."""

from __future__ import annotations

from typing import Any


class TuideskError(Exception):
    """Base class: `str(error)` is one line that says what is wrong and what to do."""


class ConfigError(TuideskError):
    """The configuration file or an environment override is malformed."""


class DatabaseError(TuideskError):
    """The database cannot be opened, read or written."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer tuidesk."""


class ValidationError(TuideskError):
    """A value given by the user is not acceptable."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(TuideskError):
    """A ticket, agent, customer … does not exist."""


class PermissionDeniedError(TuideskError):
    """The acting agent's role does not allow the action."""


class TransitionError(ValidationError):
    """A ticket status change that the workflow does not allow."""


class ConflictError(TuideskError):
    """Another agent changed the ticket after it was read; nothing was written.

    `current` is the ticket as it is now, so the UI can show what changed.
    """

    def __init__(self, message: str, current: Any = None) -> None:
        super().__init__(message)
        self.current = current
