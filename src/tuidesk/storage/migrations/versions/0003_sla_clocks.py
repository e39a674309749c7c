"""SLA clocks: the ticket's policy, the next sweep moment, what a paused clock has left;
each SLA warning and breach at most once per clock.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tuidesk.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SLA_KINDS = "kind IN ('sla_warning', 'sla_breach')"


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sla_policy", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("sla_next_check_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("resolution_paused_left", sa.Integer(), nullable=True))
    op.create_index("ix_ticket_sla_next_check", "ticket", ["sla_next_check_at"])
    # The database itself refuses a second warning or breach for the same clock, so two
    # processes sweeping at the same moment cannot both write one.
    op.create_index(
        "ux_ticket_event_sla_once",
        "ticket_event",
        ["ticket_id", "kind", "new_value"],
        unique=True,
        sqlite_where=sa.text(SLA_KINDS),
        postgresql_where=sa.text(SLA_KINDS),
    )


def downgrade() -> None:
    op.drop_index("ux_ticket_event_sla_once", table_name="ticket_event")
    op.drop_index("ix_ticket_sla_next_check", table_name="ticket")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("resolution_paused_left")
        batch_op.drop_column("sla_next_check_at")
        batch_op.drop_column("sla_policy")
