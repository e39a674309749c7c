"""The read models of one agent, as the App holds them: each opened on first use (in a
worker, since opening reads the disk), shared by the screens, closed with the App."""

from __future__ import annotations

import threading
from typing import Any

from tuidesk.storage.read.lookups import LookupReader
from tuidesk.storage.read.queue import QueueReader


class Readers:
    """`queue` reads the queue's windows and polls for changes; `counts` counts the views
    beside the one shown, on its own connection so that counting never holds up a
    window; `lookups` serves the ticket, intake and escalate screens."""

    def __init__(self, target: Any, *, me: int, tier: int) -> None:
        """`target` is a SQLite file path or a SQLAlchemy Engine (PostgreSQL)."""
        self.target = target
        self.me = me
        self.tier = tier
        self._lock = threading.Lock()
        self._queue: QueueReader | None = None
        self._counts: QueueReader | None = None
        self._lookups: LookupReader | None = None

    def adopt_queue(self, reader: QueueReader) -> None:
        """Take the reader the early start read the queue's first view with (its poll
        marker stands where those rows were read)."""
        with self._lock:
            adopted = self._queue is None
            if adopted:
                self._queue = reader
        if not adopted:  # the queue read for itself meanwhile
            reader.close()

    @property
    def queue(self) -> QueueReader:
        with self._lock:
            if self._queue is None:
                self._queue = QueueReader(self.target, me=self.me, tier=self.tier)
                self._queue.changed()  # remember where the data stands now
            return self._queue

    @property
    def counts(self) -> QueueReader:
        with self._lock:
            if self._counts is None:
                self._counts = QueueReader(self.target, me=self.me, tier=self.tier)
            return self._counts

    @property
    def lookups(self) -> LookupReader:
        with self._lock:
            if self._lookups is None:
                self._lookups = LookupReader(self.target, me=self.me)
            return self._lookups

    def close(self) -> None:
        """Close every reader opened (each waits for a read in flight)."""
        with self._lock:
            opened = [r for r in (self._queue, self._counts, self._lookups) if r is not None]
            self._queue = self._counts = self._lookups = None
        for reader in opened:
            reader.close()
