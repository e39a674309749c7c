"""PostgreSQL: the knowledge base's full-text index, and ticket change notifications.

SQLite has these from FTS5 (0009) and `PRAGMA data_version`; this revision does
nothing there.

`article.search` is a stored generated tsvector over the article's words, weighted
title (A) > symptoms (B) > tags (C) > cause and resolution (D), with a GIN index: the
database keeps it in step with every write, in the writing transaction. The `simple`
configuration lower-cases and does not stem, as FTS5's unicode61 tokenizer does, and
punctuation separates words first, so a query means the same on both backends (except
that PostgreSQL keeps diacritics: "cafe" does not find "café" there).

Every history event notifies channel `tuidesk_tickets` when its transaction commits,
so a queue LISTENing there learns of another agent's change without reading a table.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _words(text: str, weight: str) -> str:
    # punctuation becomes space first, so that the words are the ones SQLite's tokenizer
    # sees: PostgreSQL's parser would keep "user@example.com" or "/etc/hosts" whole
    return (
        f"setweight(to_tsvector('simple', "
        f"regexp_replace({text}, '[^[:alnum:]]+', ' ', 'g')), '{weight}')"
    )


SEARCH = " || ".join(
    [
        _words("coalesce(title, '')", "A"),
        _words("coalesce(symptoms, '')", "B"),
        _words("coalesce(tags, '')", "C"),
        _words("coalesce(cause, '') || ' ' || coalesce(resolution, '')", "D"),
    ]
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"ALTER TABLE article ADD COLUMN search tsvector GENERATED ALWAYS AS ({SEARCH}) STORED"
    )
    op.execute("CREATE INDEX ix_article_search ON article USING gin (search)")
    op.execute(
        "CREATE FUNCTION tuidesk_notify_tickets() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM pg_notify('tuidesk_tickets', ''); RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER ticket_event_notify AFTER INSERT ON ticket_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION tuidesk_notify_tickets()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER ticket_event_notify ON ticket_event")
    op.execute("DROP FUNCTION tuidesk_notify_tickets()")
    op.execute("DROP INDEX ix_article_search")
    op.execute("ALTER TABLE article DROP COLUMN search")
