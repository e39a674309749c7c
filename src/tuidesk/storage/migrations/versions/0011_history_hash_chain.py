"""history hash chain: each ticket event carries a SHA-256 chained to its ticket's last.

Existing events are hashed here, in ticket and id order, with the append-only triggers
lifted for the backfill only (in this same transaction). From here on the desk computes
the hash as it writes (storage/history_chain.py) and `tuidesk doctor` verifies it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tuidesk.storage.history_chain import event_hash
from tuidesk.storage.types import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

EVENTS = sa.table(
    "ticket_event",
    sa.column("id", sa.Integer()),
    sa.column("ticket_id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("author_id", sa.Integer()),
    sa.column("created_at", UTCDateTime()),
    sa.column("body", sa.String()),
    sa.column("old_value", sa.String()),
    sa.column("new_value", sa.String()),
    sa.column("minutes", sa.Integer()),
    sa.column("hash", sa.String()),
)
BATCH = 5000


def upgrade() -> None:
    op.add_column("ticket_event", sa.Column("hash", sa.String(), nullable=False, server_default=""))
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER ticket_event_no_update")
    else:
        op.execute("ALTER TABLE ticket_event DISABLE TRIGGER ticket_event_append_only")
    e = EVENTS.c
    update = EVENTS.update().where(e.id == sa.bindparam("event_id")).values(hash=sa.bindparam("h"))
    ticket, previous, after = None, "", (0, 0)
    while True:  # in pages, in (ticket, id) order: a big desk does not fill the memory
        rows = bind.execute(
            sa.select(e.id, e.ticket_id, e.kind, e.author_id, e.created_at, e.body,
                      e.old_value, e.new_value, e.minutes)
            .where(sa.tuple_(e.ticket_id, e.id) > sa.tuple_(*after))
            .order_by(e.ticket_id, e.id)
            .limit(BATCH)
        ).all()  # fmt: skip
        if not rows:
            break
        batch = []
        for row in rows:
            if row.ticket_id != ticket:
                ticket, previous = row.ticket_id, ""
            previous = event_hash(previous, row.ticket_id, row.kind, row.author_id,
                                  row.created_at, row.body or "", row.old_value or "",
                                  row.new_value or "", row.minutes or 0)  # fmt: skip
            batch.append({"event_id": row.id, "h": previous})
        bind.execute(update, batch)
        after = (rows[-1].ticket_id, rows[-1].id)
    if sqlite:
        op.execute(
            "CREATE TRIGGER ticket_event_no_update BEFORE UPDATE ON ticket_event "
            "BEGIN SELECT RAISE(ABORT, 'ticket_event rows are append-only'); END"
        )
    else:
        op.execute("ALTER TABLE ticket_event ENABLE TRIGGER ticket_event_append_only")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite drops a column by copying the table: keep the triggers around that
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER ticket_event_no_{action}")
        with op.batch_alter_table("ticket_event") as batch_op:
            batch_op.drop_column("hash")
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ticket_event_no_{action.lower()} BEFORE {action} ON "
                f"ticket_event BEGIN SELECT RAISE(ABORT, 'ticket_event rows are append-only'); "
                "END"
            )
    else:
        op.drop_column("ticket_event", "hash")
