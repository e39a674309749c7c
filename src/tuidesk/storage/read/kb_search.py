"""Knowledge-base search: SQLite FTS5 ranked by bm25, or PostgreSQL full-text search
ranked by ts_rank; safe for any string a user types.

The index (`article_fts`, migration 0009) holds each article's title, symptoms, cause,
resolution and tags, kept in step with the `article` table by triggers in the same
transaction as the write. Ranking is bm25 with the title weighted over the symptoms
over the body. The last word of a query is a prefix (search as you type), served by
the index's `prefix=` option.

No user string ever reaches MATCH as syntax: `match_expression()` keeps only the words
(what the tokenizer would index anyway) and quotes each one, so `AND`, `NEAR`, `col:`,
`*`, `^`, quotes and parentheses are plain text and an empty query matches nothing.

On PostgreSQL (migration 0010) `article.search` is a weighted tsvector with a GIN index;
`tsquery_expression()` builds the query from the same quoted words, so the same text
means the same search, and is as safe, on both.

Like the queue's read model it is plain SQL on the driver, with no ORM on the path
from a keystroke to the results.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tuidesk.storage.read.base import SqlReader

# bm25 weights per indexed column: title, symptoms, cause, resolution, tags, and the
# category and meta (status and visibility as words) columns, which only filter
WEIGHTS = (10.0, 5.0, 1.0, 1.0, 3.0, 0.0, 0.0)
TEXT_COLUMNS = "title symptoms cause resolution tags"  # what a user's words search
RANK_CAP = 2500
SNIPPET_CHARS = 110
MAX_TOKENS = 12
MAX_TOKEN_CHARS = 48
# the words of the meta column (filters, not text)
META_WORDS = frozenset(
    ["statuslive", "statusdraft", "statuspublished", "statusarchived", "visibilityinternal",
     "visibilitypublic"]
)  # fmt: skip
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # snippet markers: control characters, never shown
STATUSES = ("draft", "published", "archived")
VISIBILITIES = ("internal", "public")
# what the unicode61 tokenizer indexes as a word: letters and digits (not "_")
_WORD = re.compile(r"[^\W_]+")


def words(query: str, limit: int = MAX_TOKENS) -> list[str]:
    """The searchable words of `query`, lower case, as the index's tokenizer sees them."""
    text = unicodedata.normalize("NFKC", query or "").casefold()
    return [w[:MAX_TOKEN_CHARS] for w in _WORD.findall(text)][:limit]


def match_expression(query: str, *, prefix: bool = True, any_word: bool = False) -> str | None:
    """An FTS5 MATCH expression for what a user typed, or None when it has no words.

    Every word is a quoted string (a word holds no quote), so nothing the user typed is
    FTS5 syntax. With `prefix`, the last word also matches longer words (`prin` finds
    "printer") unless the query ends in a space, as it does once the word is finished.
    All words must match, or any of them with `any_word`.
    """
    tokens = words(query)
    if not tokens:
        return None
    parts = [f'"{t}"' for t in tokens]
    if prefix and not (query or "")[-1:].isspace():
        parts[-1] += " *"
    return (" OR " if any_word else " ").join(parts)


def tsquery_expression(
    query: str, *, prefix: bool = True, any_word: bool = False, title_only: bool = False,
    weight: str = "",
) -> str | None:  # fmt: skip
    """A PostgreSQL `to_tsquery('simple', …)` text for what a user typed, or None.

    The twin of `match_expression()`: every word is a quoted lexeme (a word holds no
    quote or operator), the last a prefix (`:*`) while it is being typed, joined by `&`
    (all words) or `|` (any). `title_only` restricts the words to the title (weight A),
    `weight` to another column of `article.search` (C: the tags).
    """
    # lower-cased as PostgreSQL's `simple` configuration does (no NFKC, no casefold)
    tokens = [w[:MAX_TOKEN_CHARS] for w in _WORD.findall((query or "").lower())][:MAX_TOKENS]
    if not tokens:
        return None
    weight = "A" if title_only else weight
    parts = [f"'{t}'" + (f":{weight}" if weight else "") for t in tokens]
    if prefix and not (query or "")[-1:].isspace():
        parts[-1] = f"'{tokens[-1]}':*{weight}"
    return (" | " if any_word else " & ").join(parts)


def highlight_pattern(query: str) -> re.Pattern[str] | None:
    """A pattern for the query's words in article text (the last also as a prefix)."""
    tokens = words(query)
    if not tokens:
        return None
    parts = [re.escape(t) + (r"\w*" if n == len(tokens) - 1 else "") for n, t in enumerate(tokens)]
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")",
                      re.IGNORECASE)  # fmt: skip


def snippet(pattern: re.Pattern[str] | None, texts: Sequence[str]) -> str:
    """A short excerpt of the first text with a match, the matches between markers.

    Computed here rather than by FTS5's snippet(), which re-reads every candidate row;
    this reads the few rows shown."""
    text = next((t for t in texts if t and pattern and pattern.search(t)), texts[0] or "")
    text = " ".join(text.replace(HIT_OPEN, " ").replace(HIT_CLOSE, " ").split())
    found = pattern.search(text) if pattern else None
    start = 0
    if found and found.start() > SNIPPET_CHARS // 3:
        start = text.rfind(" ", 0, found.start() - SNIPPET_CHARS // 4) + 1
    excerpt = text[start : start + SNIPPET_CHARS]
    if start + SNIPPET_CHARS < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] if " " in excerpt else excerpt
        excerpt += "…"
    if start:
        excerpt = "…" + excerpt
    if pattern is None:
        return excerpt
    return pattern.sub(lambda m: f"{HIT_OPEN}{m.group(0)}{HIT_CLOSE}", excerpt)


@dataclass(frozen=True)
class KbFilter:
    """What a search is narrowed to. Empty fields do not narrow."""

    statuses: tuple[str, ...] = ("draft", "published")
    visibility: str = ""
    category: str = ""
    tag: str = ""

    def match(self) -> tuple[str, dict[str, Any]]:
        """The filter as more MATCH terms (" AND …"): status and visibility are words
        of the index's `meta` column, so filtering costs no read of the article table."""
        clauses: list[str] = []
        statuses = set(self.statuses) & set(STATUSES)
        if statuses == {"draft", "published"}:
            clauses.append('{meta} : "statuslive"')
        elif statuses and statuses != set(STATUSES):
            clauses.append(
                "{meta} : (" + " OR ".join(f'"status{s}"' for s in sorted(statuses)) + ")"
            )
        if self.visibility in VISIBILITIES:
            clauses.append(f'{{meta}} : "visibility{self.visibility}"')
        for column, value in (("category", self.category), ("tags", self.tag)):
            phrase = " ".join(words(value, limit=8))
            if phrase:
                clauses.append(f'{{{column}}} : "{phrase}"')
        return "".join(f" AND {c}" for c in clauses), {}

    def where(self) -> tuple[str, dict[str, Any]]:
        """The filter as SQL conditions on `article` (" AND …"), for PostgreSQL."""
        clauses: list[str] = []
        params: dict[str, Any] = {}
        statuses = sorted(set(self.statuses) & set(STATUSES))
        if statuses and len(statuses) != len(STATUSES):
            marks = ", ".join(f":status{n}" for n in range(len(statuses)))
            clauses.append(f"status IN ({marks})")
            params.update({f"status{n}": s for n, s in enumerate(statuses)})
        if self.visibility in VISIBILITIES:
            clauses.append("visibility = :visibility")
            params["visibility"] = self.visibility
        for column, value in (("category", self.category), ("tags", self.tag)):
            phrase = " ".join(words(value, limit=8))
            if phrase:
                clauses.append(
                    f"to_tsvector('simple', {column}) @@ phraseto_tsquery('simple', :{column})"
                )
                params[column] = phrase
        return "".join(f" AND {c}" for c in clauses), params


@dataclass(frozen=True)
class Hit:
    """One search result, ready for a list: the snippet carries its match markers."""

    id: int
    title: str
    snippet: str  # matched words between HIT_OPEN and HIT_CLOSE
    tags: str
    category: str
    status: str
    visibility: str
    times_linked: int
    times_solved: int
    matched: int = 0  # how many of the query's words the article holds

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_a_match) pieces, for highlighting."""
        parts: list[tuple[str, bool]] = []
        for n, piece in enumerate(self.snippet.split(HIT_OPEN)):
            if n == 0:
                parts.append((piece, False))
                continue
            matched, _, rest = piece.partition(HIT_CLOSE)
            parts.append((matched, True))
            if rest:
                parts.append((rest, False))
        return [(t, m) for t, m in parts if t]


# what a result list reads of an article, in the order hit_from_row() takes it
HIT_COLUMNS = (
    "id, title, symptoms, resolution, cause, tags, category, status, visibility, times_linked,"
    " times_solved"
)


def hit_from_row(
    row: Sequence[Any],
    pattern: re.Pattern[str] | None = None,
    found: Sequence[re.Pattern[str] | None] = (),
) -> Hit:
    """A result from an article's HIT_COLUMNS: its snippet marks `pattern`'s matches, and
    `matched` counts the patterns in `found` that its text holds."""
    text = " ".join(str(v) for v in row[1:6]) if found else ""
    matched = sum(1 for p in found if p is not None and p.search(text))
    excerpt = snippet(pattern, (row[2], row[3], row[4], row[1]))
    return Hit(row[0], row[1], excerpt, *row[5:11], matched)


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    # set when the query found nothing and a spelling from the index did: the hits are
    # then those of `corrected`
    corrected: str = ""
    # True when no article has all the words and the hits have some of them
    any_word: bool = False

    def note(self) -> str:
        """What the hits are, when they are not simply the query's: one line."""
        if self.corrected:
            return f"Showing results for {self.corrected!r}"
        if self.any_word:
            return "No article has all the words; these have some"
        return ""


class KbSearch(SqlReader):
    """Searches the knowledge base. Thread-safe: one connection behind a lock."""

    def __init__(self, target: Any) -> None:
        """`target` is a SQLite file path or a SQLAlchemy Engine (PostgreSQL)."""
        super().__init__(target)
        self._vocabulary: dict[int, list[str]] | None = None
        self._vocabulary_marker: Any = None
        self._corrections: dict[tuple[str, bool], str] = {}  # word → nearest known word

    def search(
        self,
        query: str,
        narrow: KbFilter | None = None,
        *,
        limit: int = 30,
        prefix: bool = True,
        correct: bool = True,
        any_word: bool = False,
    ) -> SearchResult:
        """The best `limit` articles for `query`, best first. Never raises for any text.

        With `correct`, a query that finds nothing is retried with its misspelt words
        replaced by the nearest words of the index, then with any of its words rather
        than all, and the result says so (`note()`).
        """
        if not words(query):
            return SearchResult(query)
        narrow = narrow or KbFilter()
        hits = self._match(query, narrow, limit, prefix=prefix, any_word=any_word)
        if hits or not correct:
            return SearchResult(query, hits)
        corrected = self.correct(query, prefix=prefix)
        if corrected:
            hits = self._match(corrected, narrow, limit, prefix=prefix, any_word=any_word)
            if hits:
                return SearchResult(query, hits, corrected)
        if any_word or len(words(query)) < 2:
            return SearchResult(query)
        # no article has every word: the ones with the most of them, best ranked first
        hits = self._match(query, narrow, limit, prefix=prefix, any_word=True)
        return SearchResult(query, hits, any_word=bool(hits))

    def _match(
        self, query: str, narrow: KbFilter, limit: int, *, prefix: bool, any_word: bool
    ) -> list[Hit]:
        tokens = words(query)
        # a single letter as you start typing: its words in titles, not in every article
        title_only = len(tokens) == 1 and len(tokens[0]) == 1
        if self._sqlite is None:
            ids = self._match_postgres(query, narrow, limit, prefix, any_word, title_only)
        else:
            ids = self._match_sqlite(query, narrow, limit, prefix, any_word, title_only)
        return self._hits(ids, query) if ids else []

    def _match_postgres(
        self, query: str, narrow: KbFilter, limit: int, prefix: bool, any_word: bool,
        title_only: bool,
    ) -> list[int]:  # fmt: skip
        expression = tsquery_expression(
            query, prefix=prefix, any_word=any_word, title_only=title_only
        )
        where, params = narrow.where()
        # ts_rank's weights run D, C, B, A: body, tags, symptoms, title (as bm25's above);
        # like SQLite, only the newest RANK_CAP matches are ranked
        sql = (
            "SELECT id FROM (SELECT id, ts_rank('{0.1, 0.3, 0.5, 1.0}', search, q) AS score"
            " FROM article, to_tsquery('simple', :match) AS q WHERE search @@ q" + where +
            " ORDER BY id DESC LIMIT :cap) AS ranked ORDER BY score DESC, id LIMIT :limit"
        )  # fmt: skip
        params.update({"match": expression, "cap": RANK_CAP, "limit": limit})
        return [r[0] for r in self._query_index(sql, params, "searched")]

    def _match_sqlite(
        self, query: str, narrow: KbFilter, limit: int, prefix: bool, any_word: bool,
        title_only: bool,
    ) -> list[int]:  # fmt: skip
        expression = match_expression(query, prefix=prefix, any_word=any_word)
        where, params = narrow.match()
        columns = "title" if title_only else TEXT_COLUMNS
        weights = ", ".join(str(w) for w in WEIGHTS)
        # bm25 over at most RANK_CAP matches, the newest: a one-letter prefix can match
        # every article, and ranking 50,000 costs 50 ms where 2,500 cost 3
        sql = (
            "SELECT id FROM (SELECT rowid AS id, bm25(article_fts, " + weights + ") AS score"
            " FROM article_fts WHERE article_fts MATCH :match ORDER BY rowid DESC"
            " LIMIT :cap) ORDER BY score, id LIMIT :limit"
        )
        params = {"match": f"{{{columns}}} : ({expression}){where}", "cap": RANK_CAP,
                  "limit": limit}  # fmt: skip
        return [r[0] for r in self._query_index(sql, params, "searched")]

    def _hits(self, ids: list[int], query: str) -> list[Hit]:
        """The articles `ids`, in that order, as results with snippets for `query`."""
        tokens = words(query)
        marks = ", ".join(f":id{n}" for n in range(len(ids)))
        rows = self._query(
            f"SELECT {HIT_COLUMNS} FROM article WHERE id IN ({marks})",
            {f"id{n}": article_id for n, article_id in enumerate(ids)},
        )
        by_id = {r[0]: r for r in rows}
        pattern = highlight_pattern(query)
        found = [highlight_pattern(word) for word in dict.fromkeys(tokens)]
        # an id missing from the rows was deleted between the two reads
        return [hit_from_row(by_id[i], pattern, found) for i in ids if i in by_id]

    # -- typo tolerance --

    def vocabulary(self) -> dict[int, list[str]]:
        """The index's words by length (cached until an article changes)."""
        marker = self._change_marker()
        if self._vocabulary is None or marker != self._vocabulary_marker:
            self._corrections.clear()
            # in a large knowledge base, words of two articles or more: a typo is
            # corrected to a word people use, not to a one-off error code
            size = self._query("SELECT count(*) FROM article", {})[0][0]
            vocabulary = (
                "SELECT term FROM article_fts_vocab WHERE doc >= :least"
                if self._sqlite is not None
                else "SELECT word FROM ts_stat('SELECT search FROM article') WHERE ndoc >= :least"
            )
            rows = self._query(vocabulary, {"least": 2 if size > 500 else 1})
            by_length: dict[int, list[str]] = {}
            for (term,) in rows:
                if term not in META_WORDS:
                    by_length.setdefault(len(term), []).append(term)
            self._vocabulary = by_length
            self._vocabulary_marker = marker
        return self._vocabulary

    def _change_marker(self) -> Any:
        """Changes whenever any article may have changed (cheap on SQLite)."""
        if self._sqlite is not None:
            with self._lock:
                return self._sqlite.execute("PRAGMA data_version").fetchone()[0]
        return self._query("SELECT count(*), max(updated_at) FROM article", {})[0]

    def _known(self, word: str, prefix: bool) -> bool:
        if self._sqlite is None:  # PostgreSQL has no index of words: the cached list
            near = self.vocabulary()
            if not prefix:
                return word in near.get(len(word), ())
            return any(w.startswith(word) for n, ws in near.items() if n >= len(word) for w in ws)
        if prefix:
            rows = self._query(
                "SELECT 1 FROM article_fts_vocab WHERE term >= :w AND term < :end LIMIT 1",
                {"w": word, "end": word + "\U0010ffff"},
            )
        else:
            rows = self._query(
                "SELECT 1 FROM article_fts_vocab WHERE term = :w LIMIT 1", {"w": word}
            )
        return bool(rows)

    def correct(self, query: str, *, prefix: bool = True) -> str:
        """`query` with each word the index does not know replaced by its nearest known
        word ("did you mean"), or "" when there is nothing better to offer."""
        tokens = words(query)
        if not tokens:
            return ""
        open_end = prefix and not (query or "")[-1:].isspace()
        vocabulary = self.vocabulary()  # also forgets corrections when articles changed
        result = [
            self._nearest(token, open_end and n == len(tokens) - 1, vocabulary)
            for n, token in enumerate(tokens)
        ]
        return " ".join(result) if result != tokens else ""

    def _nearest(self, token: str, prefix: bool, vocabulary: dict[int, list[str]]) -> str:
        """`token` if the index knows it, else its nearest known word (or itself)."""
        key = (token, prefix)
        if key not in self._corrections:
            self._corrections[key] = self._find_nearest(token, prefix, vocabulary)
        return self._corrections[key]

    def _find_nearest(self, token: str, prefix: bool, vocabulary: dict[int, list[str]]) -> str:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import DamerauLevenshtein

        if len(token) < 3 or self._known(token, prefix):
            return token
        allowed = 1 if len(token) <= 5 else 2
        near = [w for n in range(len(token) - allowed, len(token) + allowed + 1)
                for w in vocabulary.get(n, ())]  # fmt: skip
        candidates = process.extract(
            token,
            near,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=allowed,
            limit=5,
        )
        if not candidates:
            return token
        # the fewest edits, then the most similar, then the shortest
        best = min(
            candidates,
            key=lambda c: (c[1], -fuzz.ratio(token, c[0]), len(c[0]), c[0]),
        )
        return str(best[0])
