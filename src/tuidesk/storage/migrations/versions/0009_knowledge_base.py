"""knowledge base: the full-text index, article slugs for Markdown files, deletable drafts.

On SQLite `article_fts` is an FTS5 index over the article table's own text (external
content through the `article_document` view, so nothing is stored twice), kept in step
by triggers in the writing transaction; `prefix='1 2 3'` makes search-as-you-type
prefix queries index lookups, and `article_fts_vocab` lists its words for "did you
mean". A text-only update trigger leaves the index alone when only the counters
change. Status and visibility are words of its `meta` column, so filters cost nothing
beyond the MATCH.

`article.slug` names an article's Markdown file (`tuidesk kb export/import`), so
importing a directory twice updates the same articles.

Revisions stay append-only, except that deleting a whole article (an admin's action,
which marks it `deleting` first in the same transaction) takes its revisions with it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = "title, symptoms, cause, resolution, tags, category, meta"
# what the index's meta column holds: status and visibility as words, so that filtering
# on them is part of the MATCH and needs no read of the article table
META = (
    "'status' || {r}.status || ' visibility' || {r}.visibility || "
    "CASE WHEN {r}.status IN ('draft', 'published') THEN ' statuslive' ELSE '' END"
)


def _values(row: str) -> str:
    fields = [f"{row}.{c.strip()}" for c in COLUMNS.split(",")[:-1]]
    return ", ".join([*fields, META.format(r=row)])


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slug", sa.String(), nullable=True))
    op.create_index("ix_article_slug", "article", ["slug"], unique=True)
    if op.get_bind().dialect.name != "sqlite":
        op.execute(
            "CREATE FUNCTION tuidesk_revision_guard() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF TG_OP = 'DELETE' AND (SELECT status FROM article WHERE id = OLD.article_id)"
            " = 'deleting' THEN RETURN OLD; END IF; "
            "RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END $$"
        )
        op.execute("DROP TRIGGER article_revision_append_only ON article_revision")
        op.execute(
            "CREATE TRIGGER article_revision_append_only BEFORE UPDATE OR DELETE ON "
            "article_revision FOR EACH ROW EXECUTE FUNCTION tuidesk_revision_guard()"
        )
        return
    op.execute("DROP TRIGGER article_revision_no_delete")
    op.execute(
        "CREATE TRIGGER article_revision_no_delete BEFORE DELETE ON article_revision "
        "WHEN (SELECT status FROM article WHERE id = old.article_id) IS NOT 'deleting' "
        "BEGIN SELECT RAISE(ABORT, 'article_revision rows are append-only'); END"
    )
    op.execute(
        "CREATE VIEW article_document AS SELECT id, title, symptoms, cause, resolution, tags,"
        f" category, {META.format(r='article')} AS meta FROM article"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE article_fts USING fts5({COLUMNS}, content='article_document', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
    )
    op.execute("CREATE VIRTUAL TABLE article_fts_vocab USING fts5vocab(article_fts, 'row')")
    op.execute(
        "CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN "
        f"INSERT INTO article_fts (rowid, {COLUMNS}) VALUES (new.id, {_values('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN "
        f"INSERT INTO article_fts (article_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', old.id, {_values('old')}); END"
    )
    op.execute(
        "CREATE TRIGGER article_fts_update AFTER UPDATE OF title, symptoms, cause, resolution,"
        " tags, category, status, visibility ON article BEGIN "
        f"INSERT INTO article_fts (article_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', old.id, {_values('old')}); "
        f"INSERT INTO article_fts (rowid, {COLUMNS}) VALUES (new.id, {_values('new')}); END"
    )
    op.execute("INSERT INTO article_fts (article_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER article_revision_append_only ON article_revision")
        op.execute(
            "CREATE TRIGGER article_revision_append_only BEFORE UPDATE OR DELETE ON "
            "article_revision FOR EACH ROW EXECUTE FUNCTION tuidesk_append_only()"
        )
        op.execute("DROP FUNCTION tuidesk_revision_guard()")
    else:
        for name in ("article_fts_insert", "article_fts_delete", "article_fts_update"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE article_fts_vocab")
        op.execute("DROP TABLE article_fts")
        op.execute("DROP VIEW article_document")
        op.execute("DROP TRIGGER article_revision_no_delete")
        op.execute(
            "CREATE TRIGGER article_revision_no_delete BEFORE DELETE ON article_revision "
            "BEGIN SELECT RAISE(ABORT, 'article_revision rows are append-only'); END"
        )
    op.drop_index("ix_article_slug", table_name="article")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("slug")
