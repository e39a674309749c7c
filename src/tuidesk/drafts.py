"""Drafts: what an agent is typing, kept on disk so that nothing typed is lost.

A crash, a dropped SSH connection, a refused save or a database that stopped answering
must not cost an agent the reply they were writing. Every editor saves its text here a
moment after each change, and the next start offers it back. Drafts live in the user's
state directory (one folder per database and agent), not in the database: they must
survive exactly the moments when the database cannot be written.

Files are written atomically (a temporary file renamed over the old one) and readable
by their owner only.
"""

from __future__ import annotations

import hashlib
import json
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from tuidesk.safe_files import replace_private


@dataclass(frozen=True)
class Draft:
    key: str  # e.g. "new-ticket", "reply-42"
    data: dict[str, Any]
    saved_at: float  # seconds since the epoch


def drafts_root() -> Path:
    return Path(platformdirs.user_state_dir("tuidesk", appauthor=False)) / "drafts"


class DraftStore:
    """The drafts of one agent on one database."""

    def __init__(self, database: str, login: str, root: Path | None = None) -> None:
        scope = hashlib.sha256(f"{database}\0{login}".encode()).hexdigest()[:16]
        self.folder = (root or drafts_root()) / scope

    def _path(self, key: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in key)
        return self.folder / f"{safe}.json"

    def save(self, key: str, data: dict[str, Any]) -> None:
        """Keep `data` under `key`, replacing what was there, atomically."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = json.dumps({"key": key, "data": data, "saved_at": time.time()})
        replace_private(self._path(key), payload)

    def load(self, key: str) -> Draft | None:
        return self._read(self._path(key))

    def delete(self, key: str) -> None:
        with suppress(OSError):
            self._path(key).unlink()

    def all(self) -> list[Draft]:
        """Every draft, newest first; unreadable files are skipped, never fatal."""
        if not self.folder.is_dir():
            return []
        drafts = [self._read(path) for path in self.folder.glob("*.json")]
        return sorted((d for d in drafts if d is not None), key=lambda d: -d.saved_at)

    @staticmethod
    def _read(path: Path) -> Draft | None:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            return Draft(str(record["key"]), dict(record["data"]), float(record["saved_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
