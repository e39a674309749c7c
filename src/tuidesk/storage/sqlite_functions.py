"""SQL functions SQLite lacks or gets wrong for tuidesk, installed on every connection.

SQLite's built-in `lower()` folds ASCII only, so a name or subject with a capital
like Ö or Ａ was never found by its own text (PostgreSQL's lower() folds them all).
`lower()` is replaced by Python's, which agrees with `str.lower()` on the query side.
No index is built on lower(), so replacing it changes no stored data.
"""

from __future__ import annotations

import sqlite3


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def install(connection: sqlite3.Connection) -> None:
    connection.create_function("lower", 1, _lower, deterministic=True)
