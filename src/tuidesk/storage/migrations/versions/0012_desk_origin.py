"""desk facts: what made this database (the demo, the seed tool), recorded in it.

`--as` for everyone is a convenience of the demo help desk, and `tuidesk seed` writes
generated tickets that history keeps forever: both must know whether the database is
one they built, from the database itself, not from a command-line flag.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from tuidesk.storage.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    facts = op.create_table(
        "desk_fact",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    if _an_earlier_demo():  # built before this was recorded: it stays the demo
        op.bulk_insert(
            facts, [{"key": "origin", "value": "demo", "recorded_at": datetime.now(UTC)}]
        )


# The agents and vendors the demo of the tuidesk before this revision wrote, as they
# were then: a migration must not change with the demo's data files.
DEMO_LOGINS = ("amira", "tomasz", "leah", "diego", "priya", "mattias", "kenji", "sofia", "hannah")
DEMO_VENDORS = (
    "Kestrel Print Services",
    "Bluefin Fibre",
    "Ironbark Hardware Repair",
    "Pellucid Voice",
    "Quillstone Software",
)


def _an_earlier_demo() -> bool:
    """Whether the database holds the demo help desk of an earlier tuidesk: every agent
    and vendor the demo writes (agents' roles on PostgreSQL cannot add those agents)."""
    bind = op.get_bind()
    logins = list(DEMO_LOGINS)
    vendors = list(DEMO_VENDORS)
    found_agents = bind.execute(
        sa.text("SELECT count(*) FROM agent WHERE login IN :logins").bindparams(
            sa.bindparam("logins", expanding=True)
        ),
        {"logins": logins},
    ).scalar()
    found_vendors = bind.execute(
        sa.text("SELECT count(*) FROM vendor WHERE name IN :names").bindparams(
            sa.bindparam("names", expanding=True)
        ),
        {"names": vendors},
    ).scalar()
    return found_agents == len(logins) and found_vendors == len(vendors)


def downgrade() -> None:
    op.drop_table("desk_fact")
