"""queue sorts: partial indexes over the open tickets for sorting by priority, status,
tier, subject and last update (SLA due and age have theirs already).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ACTIVE = "status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold')"
SORTED = ("priority", "tier", "subject", "updated_at")


def upgrade() -> None:
    for column in SORTED:
        op.create_index(
            f"ix_queue_sort_{column}",
            "ticket",
            [column, "id"],
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        )
    # On the expression, not the column: an index led by status itself would be taken
    # by the planner for every view's "status IN (…)" filter, and then sort.
    op.create_index(
        "ix_queue_sort_status",
        "ticket",
        [sa.text("(status || '')"), "id"],
        sqlite_where=sa.text(ACTIVE),
        postgresql_where=sa.text(ACTIVE),
    )


def downgrade() -> None:
    op.drop_index("ix_queue_sort_status", table_name="ticket")
    for column in SORTED:
        op.drop_index(f"ix_queue_sort_{column}", table_name="ticket")
