"""Moved to tuidesk.storage.read (queue, lookups), #18. This alias only lets the branches of #18
still in flight merge with their old imports: delete it once they are in."""

from typing import Any

from tuidesk.storage.read import lookups, queue

_MOVED_TO = (
    queue,
    lookups,
)


def __getattr__(name: str) -> Any:
    for module in _MOVED_TO:
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(name)
