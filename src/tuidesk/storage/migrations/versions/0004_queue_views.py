"""queue views: a never-null due time to sort by, the nearest warning time, and partial
indexes that let each built-in view read a window of rows in due order.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tuidesk.storage.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ACTIVE = "status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold')"
WAITING = "status IN ('pending_customer', 'pending_vendor')"
FINISHED = "status IN ('resolved', 'closed')"
NEVER = "9999-12-31 00:00:00.000000"


def _partial(name: str, columns: list[str], where: str) -> None:
    op.create_index(
        name,
        "ticket",
        columns,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("queue_due_at", UTCDateTime(), nullable=False, server_default=NEVER)
        )
        batch_op.add_column(sa.Column("sla_warn_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE ticket SET queue_due_at = sla_due_at WHERE sla_due_at IS NOT NULL")
    for old in (
        "ix_ticket_status_due",
        "ix_ticket_tier_status_due",
        "ix_ticket_assignee_status_due",
    ):
        op.drop_index(old, table_name="ticket")
    _partial("ix_queue_open", ["queue_due_at", "id"], ACTIVE)
    _partial("ix_queue_assignee", ["assignee_id", "queue_due_at", "id"], ACTIVE)
    _partial("ix_queue_tier", ["tier", "queue_due_at", "id"], ACTIVE)
    _partial("ix_queue_tier_assignee", ["tier", "assignee_id", "queue_due_at", "id"], ACTIVE)
    _partial("ix_queue_warn", ["sla_warn_at"], ACTIVE)
    _partial("ix_queue_waiting", ["queue_due_at", "id"], WAITING)
    _partial("ix_queue_finished", ["resolved_at", "id"], FINISHED)


def downgrade() -> None:
    for name in (
        "ix_queue_finished",
        "ix_queue_waiting",
        "ix_queue_warn",
        "ix_queue_tier_assignee",
        "ix_queue_tier",
        "ix_queue_assignee",
        "ix_queue_open",
    ):
        op.drop_index(name, table_name="ticket")
    op.create_index("ix_ticket_status_due", "ticket", ["status", "sla_due_at", "id"])
    op.create_index("ix_ticket_tier_status_due", "ticket", ["tier", "status", "sla_due_at"])
    op.create_index(
        "ix_ticket_assignee_status_due", "ticket", ["assignee_id", "status", "sla_due_at"]
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("sla_warn_at")
        batch_op.drop_column("queue_due_at")
