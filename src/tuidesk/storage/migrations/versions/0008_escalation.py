"""escalation: the vendor's contract clock on a ticket, and hand-offs already read.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tuidesk.storage.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vendor_due_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("vendor_responded_at", UTCDateTime(), nullable=True))
    op.create_table(
        "handoff_seen",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agent.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["ticket_event.id"]),
        sa.PrimaryKeyConstraint("agent_id", "event_id"),
    )


def downgrade() -> None:
    op.drop_table("handoff_seen")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("vendor_responded_at")
        batch_op.drop_column("vendor_due_at")
