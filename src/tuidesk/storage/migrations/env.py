"""Alembic environment: runs on the connection that tuidesk.storage.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import tuidesk.storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through tuidesk.storage.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
