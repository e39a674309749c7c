"""ticket: minutes spent and the moment it was closed

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tuidesk.storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On SQLite this copies the ticket table: it must run with foreign keys off, or
    # dropping the old copy deletes every ticket_tag row through ON DELETE CASCADE.
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("minutes_spent", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("closed_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
        batch_op.drop_column("minutes_spent")
