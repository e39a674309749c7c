"""The knowledge base's use cases: articles, their revisions, and their use on tickets.

The seeds: L1 answers most problems from a knowledge base, and what L2 and L3 learn is
written into it. So L1 searches, reads, links and marks what solved a ticket; tiers 2-4
and leads write, publish and archive; deleting is for leads and admins, and only for
an article no ticket links (archive the others).

Every save of an article's text keeps a revision (append-only), and an edit based on an
older version is refused with ConflictError, as for tickets.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, or_, select

from tuidesk.domain import workflow
from tuidesk.domain.permissions import may_edit_kb, require_admin, require_kb_editor, require_lead
from tuidesk.errors import ConflictError, NotFoundError, ValidationError
from tuidesk.services.checks import normalize_category, normalize_tags
from tuidesk.services.ticket_reads import get_ticket, read_target, ticket_detail
from tuidesk.services.uow import UnitOfWork
from tuidesk.slugs import SLUG, slugify, unique_slug
from tuidesk.storage.models import Agent, Article, ArticleRevision, Ticket, TicketArticle
from tuidesk.storage.read.kb_browse import BrowseKey, BrowsePage, KbReader
from tuidesk.storage.read.kb_search import (
    MAX_TOKENS,
    STATUSES,
    VISIBILITIES,
    KbFilter,
    SearchResult,
    words,
)

MAX_TITLE = 200
TEXT_FIELDS = ("title", "symptoms", "cause", "resolution", "tags")
FIELDS = (*TEXT_FIELDS, "category", "visibility")
SLUG_ATTEMPTS = 5  # agents writing articles of one title at the same moment
# words too common to say anything about a ticket, left out of its suggestions' query
STOP_WORDS = frozenset(
    """
    a about after all also am an and any are as at be been before being but by can
    cannot could did do does doesn don for from had has have he her his how i if in
    into is isn it its just me my no not now of on only or our out over please same
    she since so some still than that the their them then there these they this to
    too up us very was we were what when where which while who why will with won
    would you your
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class RevisionEntry:
    number: int
    author: str
    created_at: datetime
    title: str
    text: str  # the whole article as Markdown, for diffs


def article_markdown(article: Any) -> str:
    """The article (or a revision) as one Markdown text: what diffs and exports show."""
    parts = [f"# {article.title}"]
    for heading, value in (
        ("Symptoms", article.symptoms),
        ("Cause", article.cause),
        ("Resolution", article.resolution),
    ):
        parts.append(f"## {heading}\n\n{(value or '').strip()}")
    return "\n\n".join(parts) + "\n"


def _copy(article: Article) -> Article:
    return Article(**article.model_dump())


class Knowledge:
    """The knowledge base as `desk.actor` uses it."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.db = uow.db
        self._search: KbReader | None = None

    @property
    def actor(self) -> Agent:
        return self.uow.actor

    # ---- permissions ---------------------------------------------------------------

    def can_edit(self) -> bool:
        """Tiers 2-4, leads and admins write the knowledge base."""
        return may_edit_kb(self.actor)

    def _require_editor(self, what: str) -> None:
        require_kb_editor(self.actor, what)

    # ---- reading -------------------------------------------------------------------

    def searcher(self) -> KbReader:
        if self._search is None:
            self._search = KbReader(read_target(self.db))
        return self._search

    def search(self, query: str, narrow: KbFilter | None = None, **options: Any) -> SearchResult:
        return self.searcher().search(query, narrow, **options)

    def browse(self, narrow: KbFilter | None = None, after: BrowseKey | None = None) -> BrowsePage:
        """A page of the articles `narrow` allows, most used (linked to most tickets)
        first, then by title; the next page is the one `after` the page's `after`."""
        return self.searcher().browse(narrow, after)

    def suggestions(self, ticket_id: int, limit: int = 5) -> SearchResult:
        """Published articles for a ticket's subject and symptoms, best first: those
        that share at least two of its words (one, for a one-word ticket)."""
        ticket = get_ticket(self.db, ticket_id)
        query = suggestion_query(ticket.subject, ticket.description)
        result = self.searcher().search(
            query, KbFilter(statuses=("published",)), limit=limit * 2, prefix=False,
            any_word=True,
        )  # fmt: skip
        least = min(2, len(words(query)))
        hits = [hit for hit in result.hits if hit.matched >= least][:limit]
        return SearchResult(query, hits)

    def get(self, article_id: int) -> Article:
        with self.db.read() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise NotFoundError(f"there is no article #{article_id}; try 'tuidesk kb search'")
            return _copy(article)

    def every_article(self) -> list[Article]:
        """Every article by number, archived ones too (for exporting them all)."""
        with self.db.read() as session:
            return [_copy(a) for a in session.exec(select(Article).order_by(col(Article.id)))]

    def author(self, article: Article) -> str:
        if article.author_id is None:
            return "system"
        with self.db.read() as session:
            agent = session.get(Agent, article.author_id)
            return agent.login if agent else "?"

    def linked(self, ticket_id: int) -> list[tuple[Article, bool]]:
        """The articles linked to a ticket, with whether each solved it."""
        with self.db.read() as session:
            rows = session.exec(
                select(Article, TicketArticle.solved)
                .join(TicketArticle, col(TicketArticle.article_id) == Article.id)
                .where(TicketArticle.ticket_id == ticket_id)
                .order_by(col(TicketArticle.linked_at))
            ).all()
            return [(_copy(a), bool(solved)) for a, solved in rows]

    def revisions(self, article_id: int) -> list[RevisionEntry]:
        """Every saved version of the article, oldest first."""
        with self.db.read() as session:
            rows = session.exec(
                select(ArticleRevision, Agent.login)
                .join(Agent, col(Agent.id) == ArticleRevision.author_id, isouter=True)
                .where(ArticleRevision.article_id == article_id)
                .order_by(col(ArticleRevision.number))
            ).all()
        return [
            RevisionEntry(r.number, login or "system", r.created_at, r.title, article_markdown(r))
            for r, login in rows
        ]

    def diff(self, article_id: int, old: int, new: int) -> str:
        """A unified diff between two revisions of the article."""
        by_number = {r.number: r for r in self.revisions(article_id)}
        for number in (old, new):
            if number not in by_number:
                raise NotFoundError(f"article #{article_id} has no revision {number}")
        a, b = by_number[old], by_number[new]
        return "".join(
            difflib.unified_diff(
                a.text.splitlines(keepends=True),
                b.text.splitlines(keepends=True),
                f"revision {old} ({a.author})",
                f"revision {new} ({b.author})",
            )
        )

    # ---- writing -------------------------------------------------------------------

    def create(
        self,
        *,
        title: str,
        symptoms: str = "",
        cause: str = "",
        resolution: str = "",
        tags: Any = None,
        category: str = "",
        visibility: str = "internal",
        status: str = "draft",
        source_ticket_id: int | None = None,
        slug: str | None = None,
    ) -> Article:
        """A new article with its first revision, and its slug: `slug`, or one made
        from the title, unique among the articles."""
        self._require_editor("write articles")
        values = checked_fields(
            {
                "title": title,
                "symptoms": symptoms,
                "cause": cause,
                "resolution": resolution,
                "tags": tags,
                "category": category,
                "visibility": visibility,
            }
        )
        check_article_status(status, values)
        _check_slug(slug)
        fields = {**values, "status": status, "source_ticket_id": source_ticket_id}
        for _ in range(SLUG_ATTEMPTS - 1):
            try:
                return self._insert(fields, slug)
            except IntegrityError as error:
                # another article took the slug chosen, after it was looked up: choose again
                if slug is not None or "slug" not in str(error.orig):
                    raise
        return self._insert(fields, slug)

    def update(
        self, article_id: int, expected_version: int | None = None, **changes: Any
    ) -> Article:
        """Change an article's fields; a change of text keeps a new revision.

        Raises ConflictError (writing nothing) when the article changed since
        `expected_version` was read.
        """
        self._require_editor("edit articles")
        unknown = set(changes) - set(FIELDS) - {"status", "slug"}
        if unknown:
            raise ValidationError(f"articles have no field {sorted(unknown)[0]!r}")
        if "slug" in changes:  # an article always has one
            _check_slug(changes["slug"] or "")
        now = self.uow.clock()
        with self.db.write() as session:
            article = self._locked(session, article_id, expected_version)
            current = {name: getattr(article, name) for name in FIELDS}
            values = checked_fields(
                {**current, **{k: v for k, v in changes.items() if k in FIELDS}}
            )
            status = changes.get("status", article.status)
            check_article_status(status, values)
            text_changed = any(values[name] != current[name] for name in TEXT_FIELDS)
            same_slug = changes.get("slug", article.slug) == article.slug
            if values == current and status == article.status and same_slug:
                return _copy(article)
            for name, value in values.items():
                setattr(article, name, value)
            article.status = status
            if "slug" in changes:
                article.slug = changes["slug"]
            article.version += 1
            article.updated_at = now
            if text_changed:
                article.author_id = article.author_id or self.actor.id
                self._revision(session, article, now)
            session.flush()
            return _copy(article)

    def publish(self, article_id: int, expected_version: int | None = None) -> Article:
        return self.update(article_id, expected_version, status="published")

    def archive(self, article_id: int, expected_version: int | None = None) -> Article:
        """Out of searches and suggestions, kept with its history and links."""
        return self.update(article_id, expected_version, status="archived")

    def delete(self, article_id: int) -> None:
        """Delete an article no ticket links, with its revisions (leads and admins)."""
        require_lead(self.actor, "delete articles", "archive it instead")
        with self.db.write() as session:
            article = self._locked(session, article_id, None)
            links = session.exec(
                select(TicketArticle).where(TicketArticle.article_id == article_id)
            ).all()
            if links:
                raise ValidationError(
                    f"article #{article_id} is linked from {len(links)} ticket(s); archive it "
                    "instead, so their history keeps it"
                )
            article.status = "deleting"  # lets its revisions go (see migration 0009)
            session.flush()
            for revision in session.exec(
                select(ArticleRevision).where(ArticleRevision.article_id == article_id)
            ).all():
                session.delete(revision)
            session.flush()
            session.delete(article)

    def reindex(self) -> int:
        """Rebuild the search index from the articles (admins); returns how many."""
        require_admin(self.actor, "rebuild the search index")
        with self.db.write() as session:
            if self.db.is_sqlite:
                session.connection().exec_driver_sql(
                    "INSERT INTO article_fts (article_fts) VALUES ('rebuild')"
                )
            return len(session.exec(select(Article.id)).all())

    # ---- on tickets ----------------------------------------------------------------

    def link(self, ticket_id: int, article_id: int, *, solved: bool = False) -> Ticket:
        """Link an article to a ticket (an event), and mark that it solved it if `solved`.

        Linking twice does nothing more; marking solved twice counts once.
        """
        article = self.get(article_id)
        if article.status == "archived":
            raise ValidationError(f"article #{article_id} is archived; link a current one")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            link = session.get(TicketArticle, (ticket.id, article_id))
            stored = session.get(Article, article_id)
            assert stored is not None
            new_link = link is None
            if link is None:
                link = TicketArticle(
                    ticket_id=ticket.id or 0,
                    article_id=article_id,
                    linked_by_id=self.actor.id,
                    linked_at=now,
                )
                session.add(link)
                stored.times_linked += 1
                self.uow.event(
                    session, ticket, workflow.EVENT_ARTICLE_LINKED, now,
                    body=stored.title, new=str(article_id),
                )  # fmt: skip
            if solved and not link.solved:
                link.solved = True
                stored.times_solved += 1
                self.uow.event(
                    session, ticket, workflow.EVENT_ARTICLE_SOLVED, now,
                    body=stored.title, new=str(article_id),
                )  # fmt: skip
            elif not solved and not new_link:
                raise ValidationError(f"article #{article_id} is already linked to this ticket")

        # a closed ticket may still record the article that solved it
        return self.uow.change(ticket_id, None, change, closed_ok=True)

    def draft_from_ticket(self, ticket_id: int) -> Article:
        """A draft article from a resolved ticket: its symptoms, theory and resolution."""
        self._require_editor("write articles")
        detail = ticket_detail(self.db, ticket_id)
        ticket = detail.ticket
        if ticket.status not in (workflow.RESOLVED, workflow.CLOSED):
            raise ValidationError(
                f"ticket #{ticket_id} is not resolved yet; the article needs its resolution"
            )
        symptoms = ticket.description.strip()
        if ticket.goal.strip():
            symptoms += f"\n\nWhat the customer was trying to do: {ticket.goal.strip()}"
        return self.create(
            title=ticket.subject,
            symptoms=symptoms.strip(),
            cause=ticket.theory.strip(),
            resolution=ticket.resolution.strip(),
            tags=detail.tags,
            category=ticket.category,
            source_ticket_id=ticket_id,
        )

    # ---- internals -----------------------------------------------------------------

    def _insert(self, fields: dict[str, Any], slug: str | None) -> Article:
        """One write: the article with `slug` (None: the first free one of its title)."""
        now = self.uow.clock()
        with self.db.write() as session:
            if slug is None:
                slug = unique_slug(fields["title"], _slugs_like(session, fields["title"]))
            else:
                holder = session.exec(select(Article.id).where(Article.slug == slug)).first()
                if holder is not None:
                    raise ValidationError(
                        f"slug {slug!r} is taken by article #{holder}; choose another",
                        field="slug",
                    )
            article = Article(
                **fields, author_id=self.actor.id, created_at=now, updated_at=now, slug=slug
            )
            session.add(article)
            session.flush()
            self._revision(session, article, now)
            return _copy(article)

    def _locked(self, session: Session, article_id: int, expected_version: int | None) -> Article:
        article = session.get(Article, article_id, with_for_update=True)
        if article is None or article.status == "deleting":
            raise NotFoundError(f"there is no article #{article_id}")
        if expected_version is not None and article.version != expected_version:
            raise ConflictError(
                f"article #{article_id} was changed by someone else since you opened it; "
                "review their version, then apply yours again",
                current=_copy(article),
            )
        return article

    def _revision(self, session: Session, article: Article, now: datetime) -> None:
        last = session.exec(
            select(ArticleRevision.number)
            .where(ArticleRevision.article_id == article.id)
            .order_by(col(ArticleRevision.number).desc())
        ).first()
        session.add(
            ArticleRevision(
                article_id=article.id or 0,
                number=(last or 0) + 1,
                title=article.title,
                symptoms=article.symptoms,
                cause=article.cause,
                resolution=article.resolution,
                tags=article.tags,
                author_id=self.actor.id,
                created_at=now,
            )
        )


def suggestion_query(subject: str, description: str) -> str:
    """The words of a ticket worth searching for: the subject's first, no stop words."""
    seen: list[str] = []
    for word in words(f"{subject}\n{description[:2000]}", limit=200):
        if word in STOP_WORDS or len(word) < 2 or word.isdigit() or word in seen:
            continue
        seen.append(word)
        if len(seen) == MAX_TOKENS:
            break
    return " ".join(seen)


def checked_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Validated, normalized article fields; ValidationError names the field."""
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        raise ValidationError("a title is required", field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"the title is longer than {MAX_TITLE} characters", field="title")
    category = normalize_category(str(values.get("category") or ""))
    visibility = values.get("visibility") or "internal"
    if visibility not in VISIBILITIES:
        raise ValidationError(
            f"visibility {visibility!r} is not one of {', '.join(VISIBILITIES)}",
            field="visibility",
        )
    return {
        "title": title,
        "symptoms": str(values.get("symptoms") or "").strip("\n"),
        "cause": str(values.get("cause") or "").strip("\n"),
        "resolution": str(values.get("resolution") or "").strip("\n"),
        "tags": " ".join(normalize_tags(values.get("tags"))),
        "category": category,
        "visibility": visibility,
    }


def _slugs_like(session: Session, title: str) -> set[str]:
    """The slugs taken among those `unique_slug(title, …)` may give."""
    base = slugify(title)  # letters, digits and "-": nothing LIKE reads as a pattern
    rows = session.exec(
        select(Article.slug).where(or_(Article.slug == base, col(Article.slug).like(f"{base}-%")))
    )
    return {slug for slug in rows if slug}


def _check_slug(slug: str | None) -> None:
    if slug is not None and not SLUG.match(slug):
        raise ValidationError(
            f"slug {slug!r} is not valid: lower-case letters, digits and '-'", field="slug"
        )


def check_article_status(status: str, values: dict[str, Any]) -> None:
    """ValidationError unless `status` is an article's, and one its fields allow."""
    if status not in STATUSES:
        raise ValidationError(
            f"status {status!r} is not one of {', '.join(STATUSES)}", field="status"
        )
    if status == "published" and not values["resolution"].strip():
        raise ValidationError(
            "an article needs its resolution steps before it is published", field="resolution"
        )
