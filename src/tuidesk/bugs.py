"""Telling an agent's mistake or a broken environment from a bug in tuidesk.

A `TuideskError`, a database that is locked or cannot be reached, a disk that refuses a
file: the agent is told in one line and goes on working. Anything else is a bug in
tuidesk: its traceback goes to a log file beside the drafts (in the user's state
directory), and the agent is told that it is a bug, where the traceback is, and that
their typed text is kept.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

import platformdirs

from tuidesk.errors import TuideskError
from tuidesk.safe_files import replace_private
from tuidesk.text import one_line

MAX_LOG = 1_000_000  # bytes kept of older tracebacks: the newest matter


def bug_log() -> Path:
    """Where tracebacks of bugs are written (`~/.local/state/tuidesk/bugs.log`)."""
    return Path(platformdirs.user_state_dir("tuidesk", appauthor=False)) / "bugs.log"


def expected_message(error: BaseException) -> str | None:
    """The one line an agent is shown for an error that is not a bug; None for a bug."""
    if isinstance(error, TuideskError):
        return one_line(error)
    if _is_database_error(error):
        first = (str(getattr(error, "orig", None) or error).strip().splitlines() or [""])[0]
        return one_line(f"the database did not answer ({first}); try again in a moment")
    if isinstance(error, OSError):  # a full disk, a file that cannot be written …
        where = f" ({error.filename})" if error.filename else ""
        return one_line(f"{error.strerror or error}{where}")
    return None


def _is_database_error(error: BaseException) -> bool:
    """A driver's error that no translator turned into a DatabaseError: the database
    locked, gone or unreachable (sqlite3's, or SQLAlchemy's once it is loaded)."""
    import sqlite3

    if isinstance(error, sqlite3.OperationalError):
        return True
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_exc is not None and isinstance(error, sqlalchemy_exc.OperationalError)


def record_bug(error: BaseException, where: str) -> Path:
    """Append the traceback of `error` to the bug log; the log's path.

    Raises OSError when the log cannot be written."""
    path = bug_log()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        old = path.read_text(encoding="utf-8", errors="replace")[-MAX_LOG:]
    except FileNotFoundError:
        old = ""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S %z")
    entry = "".join(traceback.format_exception(error))
    replace_private(path, f"{old}--- {stamp} · {where}\n{entry}\n")
    return path


def bug_notice(error: BaseException, log: Path | None) -> str:
    """The one line an agent is shown for a bug in background work."""
    where = f"the traceback is in {log}" if log else "the traceback could not be logged"
    return one_line(
        f"this is a bug in tuidesk ({type(error).__name__}: {error}); {where}: please "
        "report it. Nothing typed is lost."
    )


def crash_notice(drafts: Path, log: Path | None) -> str:
    """The one line the command line prints after the app stopped on a bug."""
    where = f"; the traceback is above and in {log}" if log else "; the traceback is above"
    return one_line(
        f"stopped on a bug: please report it{where}. What you were typing is kept "
        f"in {drafts} and comes back when you open the same form again."
    )
