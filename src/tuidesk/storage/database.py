"""`open_database()`: the one way the CLI, the app and the tests get a Database."""

from __future__ import annotations

import os
from contextlib import suppress

from tuidesk.storage.engine import (
    Database,
    create_database_engine,
    database_url,
    prepare_sqlite_file,
)
from tuidesk.storage.errors import translated
from tuidesk.storage.migrate import ensure_schema


def open_database(target: str | os.PathLike[str]) -> Database:
    """Open (creating if needed) and migrate the database at a path or URL.

    Raises DatabaseError with a message for the user; a database that cannot be opened
    is left as it was.
    """
    url = database_url(target)
    created = False
    if url.get_backend_name() == "sqlite":
        from pathlib import Path

        created = prepare_sqlite_file(Path(url.database or ""))
    db = Database(url, create_database_engine(url))
    try:
        with translated(db):
            ensure_schema(db)
    except BaseException:
        db.dispose()
        if created and db.path is not None:
            for suffix in ("", "-wal", "-shm"):
                with suppress(OSError):
                    os.unlink(f"{db.path}{suffix}")
        raise
    return db
