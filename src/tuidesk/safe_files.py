"""Files that tuidesk writes outside the database: never through a link, never half-written.

Such a file is first created under a new name with O_CREAT | O_EXCL | O_NOFOLLOW, so
nothing planted at that name (a symbolic link least of all) is ever opened, and is then
renamed to its own name, which replaces a file there but never writes into it. A name
that is a symbolic link or not a regular file is refused instead of replaced: in a
shared directory it may be a trap, and the user should see it. Names are plain file
names the caller made from checked values, never paths that came from outside.

`write_files()` writes small files (the knowledge base's Markdown); `copy_sqlite()`
copies a database with SQLite's online backup API, where SQLite must open the file by
its name itself, so the copy checks afterwards that SQLite wrote the file made for it.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from tuidesk.errors import DatabaseError, TuideskError

NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def write_files(directory: Path, files: Mapping[str, bytes], mode: int) -> None:
    """Write each `name: content` of `files` into `directory` with permissions `mode`.

    Every name is checked before anything is written: a symbolic link or anything but a
    regular file in the way is refused with TuideskError, as is `directory` being a
    symbolic link itself. An existing file is replaced (a new file, so a hard link to it
    elsewhere keeps its content). The umask applies to `mode`, as for every new file.
    """
    for name in files:
        _check_plain_name(name)
    try:
        folder = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        if os.path.islink(directory):
            raise TuideskError(
                f"{directory} is a symbolic link; tuidesk does not write through links: "
                "name the directory itself"
            ) from None
        raise TuideskError(f"cannot write into {directory}: {error.strerror}") from None
    try:
        for name in files:
            _refuse_in_the_way(directory, name, folder)
        for name, content in files.items():
            _write_one(directory, name, content, mode, folder)
    finally:
        os.close(folder)


def replace_private(path: Path, text: str) -> None:
    """Put `text` at `path`, readable by this user only: written in full to a new file
    beside it (mkstemp: O_EXCL | O_NOFOLLOW, 0600), synced, then renamed over `path`
    (a rename replaces a link there, never writes through it). Raises OSError."""
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _check_plain_name(name: str) -> None:
    if not name or name in (".", "..") or "/" in name or "\0" in name:
        raise ValueError(f"{name!r} is not a plain file name")


def _refuse_in_the_way(directory: Path, name: str, folder: int) -> None:
    """TuideskError if `name` in `folder` is there and is not a regular file."""
    try:
        found = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as error:
        raise TuideskError(f"cannot write {directory / name}: {error.strerror}") from None
    if stat.S_ISLNK(found.st_mode):
        raise TuideskError(
            f"{directory / name} is a symbolic link; tuidesk does not write through links: "
            "remove it or choose another directory"
        )
    if not stat.S_ISREG(found.st_mode):
        raise TuideskError(
            f"{directory / name} is in the way and is not a regular file: "
            "remove it or choose another directory"
        )


def _write_one(directory: Path, name: str, content: bytes, mode: int, folder: int) -> None:
    temporary = f".{name}.{secrets.token_hex(6)}.tmp"
    try:
        handle = os.open(temporary, NEW_FILE, mode, dir_fd=folder)
    except OSError as error:
        raise TuideskError(f"cannot write {directory / name}: {error.strerror}") from None
    try:
        try:
            # not fsynced: what is written here can be written again from the database
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
        except OSError as error:
            raise TuideskError(f"cannot write {directory / name}: {error.strerror}") from None
        # what may have been planted since the check above is refused too; a rename
        # would only replace the link, but the user should hear of it
        _refuse_in_the_way(directory, name, folder)
        try:
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError as error:
            raise TuideskError(f"cannot write {directory / name}: {error.strerror}") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise


def copy_sqlite(
    source: Path, target: Path, *, mode: int = 0o600, pages_per_step: int = -1, check: bool = True
) -> None:
    """Copy the SQLite database `source` to the new file `target`, consistently while in use.

    The copy is made in `.TARGET.partial` (created exclusively, not through a link, with
    `mode`), optionally integrity-checked, and renamed to `target` only if it is still the
    file made for it; `target` must not exist. Raises TuideskError (DatabaseError for
    SQLite's own failures) with what to do; the partial file never stays behind.
    """
    partial = target.with_name(f".{target.name}.partial")
    try:
        handle = os.open(partial, NEW_FILE, mode)
    except FileExistsError:
        raise TuideskError(
            f"{partial} is in the way (a backup to {target.name} still running, or one that "
            "was interrupted): remove it and try again"
        ) from None
    except OSError as error:
        raise TuideskError(f"cannot write {partial}: {error.strerror}") from None
    try:
        made = os.fstat(handle)
    finally:
        os.close(handle)  # a new, empty file, not the database: no SQLite lock to lose
    try:
        _copy_into(source, partial, made, pages_per_step, check)
        if not _is_file_made(partial, made):
            raise TuideskError(f"{partial} was replaced while the copy was written; try again")
        if os.path.lexists(target):
            raise TuideskError(f"{target} exists already; choose a new name or remove it first")
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise DatabaseError(f"the backup of {source} failed: {error}") from None
    except OSError as error:
        raise TuideskError(f"cannot write {target}: {error.strerror}") from None
    finally:
        if _is_file_made(partial, made):
            with suppress(OSError):
                partial.unlink()


def _copy_into(
    source: Path, partial: Path, made: os.stat_result, pages_per_step: int, check: bool
) -> None:
    reader = sqlite3.connect(f"{_uri(source)}?mode=ro", uri=True, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            # SQLite opens the file by name: make sure it opened the one made for it (a link
            # put in its place would have been followed), before anything is written
            opened = copy.execute("PRAGMA database_list").fetchone()[2]
            if not _is_file_made(Path(opened), made):
                raise TuideskError(f"{partial} was replaced before the copy began; try again")
            # no journal: a copy cut short is thrown away, never rolled back or forward
            copy.execute("PRAGMA journal_mode = OFF")
            # in steps, so writers are held up for one step at a time, not the whole copy
            reader.backup(copy, pages=pages_per_step)
        finally:
            copy.close()
    finally:
        reader.close()
    if not check:
        return
    # immutable: read the file alone, never a -wal or -shm that someone put beside it
    checker = sqlite3.connect(f"{_uri(partial)}?mode=ro&immutable=1", uri=True)
    try:
        verdict = checker.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        checker.close()
    if verdict != "ok":
        raise DatabaseError(f"the copy failed its integrity check ({verdict}); try again")


def _uri(path: Path) -> str:
    return path.absolute().as_uri()


def _is_file_made(path: Path, made: os.stat_result) -> bool:
    """Whether `path` is, without following a link, the regular file described by `made`."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    same = (found.st_dev, found.st_ino) == (made.st_dev, made.st_ino)
    return same and stat.S_ISREG(found.st_mode)
