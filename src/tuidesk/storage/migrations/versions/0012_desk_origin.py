"""desk facts: what made this database (the demo, the seed tool), recorded in it.

`--as` for everyone is a convenience of the demo help desk, and `tuidesk seed` writes
generated tickets that history keeps forever: both must know whether the database is
one they built, from the database itself, not from a command-line flag.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tuidesk.storage.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_fact",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("desk_fact")
