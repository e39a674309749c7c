"""Use cases: the only code that writes. One short transaction each."""

from tuidesk.services.desk import Desk

__all__ = ["Desk"]
