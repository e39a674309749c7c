"""every article has its slug: the ones written without one get it from their title.

Articles made in the app, the demo's and generated ones had no slug until
`tuidesk kb export` wrote one into the database; `kb show --json` said `"slug": null`.
Each now gets `slugify(title)`, made unique by `-2`, `-3` … in the order of the
articles' numbers, so two copies of one database migrate alike. From here on the
database refuses an article without a slug: NOT NULL on PostgreSQL, triggers on SQLite
(whose NOT NULL would mean copying the table under its search index's triggers).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tuidesk.slugs import unique_slug

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

REQUIRED = "SELECT RAISE(ABORT, 'every article needs a slug, the name of its Markdown file')"


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, title, slug FROM article ORDER BY id")).all()
    taken = {slug for _, _, slug in rows if slug}
    given = []
    for article_id, title, slug in rows:
        if not slug:
            taken.add(slug := unique_slug(title or "", taken))
            given.append({"slug": slug, "id": article_id})
    if given:
        bind.execute(sa.text("UPDATE article SET slug = :slug WHERE id = :id"), given)
    if bind.dialect.name != "sqlite":
        op.execute("ALTER TABLE article ALTER COLUMN slug SET NOT NULL")
        return
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS article_slug_on_insert BEFORE INSERT ON article "
        f"WHEN new.slug IS NULL BEGIN {REQUIRED}; END"
    )
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS article_slug_on_update BEFORE UPDATE OF slug ON article "
        f"WHEN new.slug IS NULL BEGIN {REQUIRED}; END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("ALTER TABLE article ALTER COLUMN slug DROP NOT NULL")
        return
    op.execute("DROP TRIGGER article_slug_on_insert")
    op.execute("DROP TRIGGER article_slug_on_update")
