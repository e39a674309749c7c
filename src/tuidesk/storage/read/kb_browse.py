"""Browsing the knowledge base: with no words to search for, the articles a filter allows,
most used first, a page at a time.

"Most used" is `article.times_linked`, the number of tickets the article was used on:
linking it (`l`), marking that it solved a ticket (`S`) and putting its resolution into
a reply (`i`) each link it, once per ticket. Views are not recorded, and `times_solved`
counts some of those same links. Ties go by title (case-insensitive), then by id.

A page is read by keyset along an index of migration 0013 (all articles, or those of
one category): the page after a key is the rest of the key's group of equal use after
its title and id, then the groups below, two range reads and never an OFFSET, so the
hundredth page costs what the first does.

The filter is the search's own (KbFilter), applied as search applies it: the statuses
(draft and published unless the agent asks for archived or all) and the visibility.
The category is the article's, compared whole (any case); each tag given must be one of
the article's tags. On SQLite the tags are found through the full-text index's tags
column first, so a tag few articles have needs no read of every article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tuidesk.storage.read.kb_search import (
    HIT_COLUMNS,
    STATUSES,
    VISIBILITIES,
    Hit,
    KbFilter,
    KbSearch,
    hit_from_row,
    tsquery_expression,
    words,
)

PAGE = 50
MAX_TAGS = 8


@dataclass(frozen=True)
class BrowseKey:
    """Where a page ended: the last article's use count, title (as the database orders
    titles: SQLite's NOCASE compares the title itself, PostgreSQL lower(title)) and id."""

    times_linked: int
    title: str
    id: int


@dataclass(frozen=True)
class BrowsePage:
    hits: list[Hit] = field(default_factory=list)
    after: BrowseKey | None = None  # the next page starts after this; None: no more


def _title_key(sqlite: bool) -> str:
    """The title as the browse indexes hold it (migration 0013)."""
    return "title COLLATE NOCASE" if sqlite else "lower(title)"


def _conditions(narrow: KbFilter, sqlite: bool) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    statuses = sorted(set(narrow.statuses) & set(STATUSES))
    if statuses and len(statuses) != len(STATUSES):
        # SQLite's planner, with no statistics, would take the status index and then sort
        # (on the expression it cannot); PostgreSQL's needs the column to estimate it
        marks = ", ".join(f":status{n}" for n in range(len(statuses)))
        column = "(status || '')" if sqlite else "status"
        clauses.append(f"{column} IN ({marks})")
        params.update({f"status{n}": s for n, s in enumerate(statuses)})
    if narrow.visibility in VISIBILITIES:
        clauses.append("visibility = :visibility")
        params["visibility"] = narrow.visibility
    category = narrow.category.strip().lower()
    if category:
        clauses.append("category = :category")
        params["category"] = category
    tags = list(dict.fromkeys(narrow.tag.replace(",", " ").lower().split()))[:MAX_TAGS]
    phrases = [" ".join(words(tag, limit=8)) for tag in tags]
    for n, tag in enumerate(tags):
        # exactly one of its tags: the index below also takes "file" for "file-share"
        clauses.append(f"{'instr' if sqlite else 'strpos'}(' ' || tags || ' ', :tag{n}) > 0")
        params[f"tag{n}"] = f" {tag} "
    if sqlite and any(phrases):  # the tags column of the full-text index (quoted words)
        clauses.append("+id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH :tag_match)")
        params["tag_match"] = " AND ".join(f'{{tags}} : "{p}"' for p in phrases if p)
    lexemes = [q for q in (tsquery_expression(t, prefix=False, weight="C") for t in tags) if q]
    if not sqlite and lexemes:
        # the tags' words in article.search (migration 0010): its statistics tell the
        # planner when a tag is rare, and its index then finds the few
        clauses.append("search @@ to_tsquery('simple', :tag_match)")
        params["tag_match"] = " & ".join(lexemes)
    return clauses, params


class KbReader(KbSearch):
    """The knowledge base's read model: KbSearch's search, and browsing without words."""

    def browse(
        self, narrow: KbFilter | None = None, after: BrowseKey | None = None, limit: int = PAGE
    ) -> BrowsePage:
        """The `limit` articles `narrow` allows after `after` (from the first when None),
        most used first, then by title. Never raises for any filter text."""
        sqlite = self._sqlite is not None
        clauses, params = _conditions(narrow or KbFilter(), sqlite)
        title = _title_key(sqlite)
        select = f"SELECT {HIT_COLUMNS}, {'title' if sqlite else 'lower(title)'} FROM article"
        order = f" ORDER BY times_linked DESC, {title}, id LIMIT :limit"

        def read(extra: list[str], count: int) -> list[Any]:
            where = " AND ".join([*clauses, *extra])
            sql = select + (f" WHERE {where}" if where else "") + order
            return self._read(sql, {**params, "limit": count})

        if after is None:
            rows = read([], limit + 1)
        else:
            params.update(linked=after.times_linked, title=after.title, after_id=after.id)
            rest = f"{title} >= :title AND ({title} > :title OR id > :after_id)"
            rows = read(["times_linked = :linked", rest], limit + 1)
            if len(rows) <= limit:
                rows += read(["times_linked < :linked"], limit + 1 - len(rows))
        hits = [hit_from_row(row) for row in rows[:limit]]
        last = rows[limit - 1] if len(rows) > limit else None
        return BrowsePage(hits, BrowseKey(last[9], last[11], last[0]) if last else None)

    def _read(self, sql: str, params: dict[str, Any]) -> list[Any]:
        return self._query_index(sql, params, "listed")
