"""knowledge-base browsing: indexes that read the articles most used first, a page at a time.

An empty query lists the articles its filter allows ordered by how many tickets each was
linked to, then by title (case-insensitive), then id; `storage/read/kb_browse.py` reads it
by keyset, so each page is a walk along one of these indexes: all articles, or those of
one category. SQLite compares titles with NOCASE, PostgreSQL with lower(), each as its
own query orders them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEXES = {"ix_article_browse": "", "ix_article_browse_category": "category, "}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    title = "title COLLATE NOCASE" if sqlite else "lower(title)"
    for name, lead in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON article ({lead}times_linked DESC, {title}, id)")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
