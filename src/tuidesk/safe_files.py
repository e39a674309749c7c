"""Files that tuidesk writes outside the database: never through a link, never half-written.

Such a file is first created under a new name with O_CREAT | O_EXCL | O_NOFOLLOW, so
nothing planted at that name (a symbolic link least of all) is ever opened, and is then
renamed to its own name, which replaces a file there but never writes into it. A name
that is a symbolic link or not a regular file is refused instead of replaced: in a
shared directory it may be a trap, and the user should see it. Names are plain file
names the caller made from checked values, never paths that came from outside.

`write_files()` writes small files (the knowledge base's Markdown).
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from tuidesk.errors import TuideskError

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
