"""The demo help desk: realistic agents, customers, assets, tickets with histories and a
knowledge base, dated relative to now. Written once, on the first use of `--demo`.

The people, places and stories are data files (tuidesk/demo/data/, read by data.py);
stories.py plans each ticket's story and players.py gives everyone in it a Desk, so the
history is written by the desk's own services."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from tuidesk.demo.data import DemoData, load
from tuidesk.demo.players import Clock, OneTransaction, Players
from tuidesk.demo.stories import plan_tickets, schedule
from tuidesk.domain import workflow
from tuidesk.domain.sla_policies import SlaRules, default_rules
from tuidesk.services import desk_facts
from tuidesk.services.identity import os_login
from tuidesk.services.sla_clocks import SweepResult, sweep_ticket
from tuidesk.slugs import unique_slug
from tuidesk.storage.engine import Database
from tuidesk.storage.models import (
    Agent,
    Article,
    ArticleRevision,
    Asset,
    Customer,
    Organization,
    Ticket,
    Vendor,
)

if TYPE_CHECKING:
    from tuidesk.config import Settings


def demo_preparer(settings: Settings) -> Callable[[Database], bool] | None:
    """What `services.context.open_desk` runs first: the demo's builder with `--demo`."""
    if not settings.demo:
        return None
    return lambda db: ensure_demo(db, rules=settings.rules)


def ensure_demo(
    db: Database,
    now: datetime | None = None,
    owner: tuple[str, str] | None = None,
    rules: SlaRules | None = None,
) -> bool:
    """Fill `db` with the demo help desk unless it holds tickets already; True if filled.

    `owner` (login, name) is the person trying the demo, by default the OS user: a
    tier-1 admin with tickets of their own.
    """
    with db.read() as session:
        if desk_facts.is_demo(session):
            return False  # built already (the claim is in the transaction that built it)
    now = now or datetime.now(UTC)
    return build_demo(db, now, owner or os_login(), rules=rules)


def build_demo(
    db: Database,
    now: datetime,
    owner: tuple[str, str],
    seed: int = 7,
    rules: SlaRules | None = None,
) -> bool:
    """Write the whole demo help desk in one transaction, into an empty database only
    (desk_facts.claim refuses any other); False when it was there already."""
    data = load()
    rng = random.Random(seed)
    today = now.date()
    with db.write() as session:
        if not desk_facts.claim(session, desk_facts.DEMO, db.describe()):
            return False  # another process built it meanwhile
        agents = _agents(session, owner, data)
        vendors = {v.name: Vendor(**asdict(v)) for v in data.vendors}
        session.add_all(vendors.values())
        orgs: dict[str, Organization] = {}
        for org in data.organizations:
            days = org.warranty_days
            orgs[org.name] = Organization(
                name=org.name,
                plan=workflow.check_plan(org.plan),
                warranty_until=today + timedelta(days=days) if days is not None else None,
                calendar=org.calendar,
                timezone=org.timezone,
            )
        session.add_all(orgs.values())
        session.flush()
        customers: dict[str, Customer] = {}
        for person in data.customers:
            customers[person.email] = Customer(
                name=person.name,
                email=person.email,
                phone=person.phone,
                organization_id=orgs[person.organization].id,
                location=person.location,
                created_at=now - timedelta(days=400),
            )
        session.add_all(customers.values())
        session.flush()
        assets: dict[int, list[Asset]] = {}
        for person in data.customers:
            for item in person.assets:
                customer = customers[person.email]
                asset = Asset(
                    owner_id=customer.id,
                    kind=item.kind,
                    model=item.model,
                    serial=item.serial,
                    warranty_until=today + timedelta(days=item.warranty_days),
                )
                session.add(asset)
                assets.setdefault(customer.id or 0, []).append(asset)
        session.flush()
        articles = _articles(session, agents, now, rng, data)
        by_id = {org.id or 0: org for org in orgs.values()}
        _tickets(
            session,
            db,
            rng,
            now,
            rules or default_rules(),
            agents,
            list(customers.values()),
            by_id,
            assets,
            vendors,
            articles,
            data,
        )
    return True


def _agents(session: Session, owner: tuple[str, str], data: DemoData) -> list[Agent]:
    login, full_name = owner
    agents = [Agent(**asdict(a)) for a in data.agents if a.login != login]
    # The person trying the demo is a tier-1 admin: tickets of their own, and --as anyone.
    agents.append(Agent(login=login, name=full_name, tier=1, role="admin", timezone="UTC"))
    existing = {a.login for a in session.exec(select(Agent))}
    session.add_all(a for a in agents if a.login not in existing)
    session.flush()
    return list(session.exec(select(Agent).order_by(Agent.id)))


def _articles(
    session: Session, agents: list[Agent], now: datetime, rng: random.Random, data: DemoData
) -> list[Article]:
    writers = [a for a in agents if a.tier >= 2] or agents
    articles = []
    slugs = {slug for slug in session.exec(select(Article.slug)) if slug}
    for item in data.articles:
        created = now - timedelta(days=rng.randint(20, 700))
        author = rng.choice(writers)
        slugs.add(slug := unique_slug(item.title, slugs))
        article = Article(
            **asdict(item), slug=slug, author_id=author.id, created_at=created, updated_at=created
        )
        session.add(article)
        articles.append(article)
    session.flush()
    session.add_all(
        ArticleRevision(
            article_id=a.id or 0,
            number=1,
            title=a.title,
            symptoms=a.symptoms,
            cause=a.cause,
            resolution=a.resolution,
            tags=a.tags,
            author_id=a.author_id,
            created_at=a.created_at,
        )
        for a in articles
    )
    return articles


def _tickets(
    session: Session,
    db: Database,
    rng: random.Random,
    now: datetime,
    rules: SlaRules,
    agents: list[Agent],
    customers: list[Customer],
    orgs: dict[int, Organization],
    assets: dict[int, list[Asset]],
    vendors: dict[str, Vendor],
    articles: list[Article],
    data: DemoData,
) -> None:
    """Play every ticket's story through the desk's own services, moment by moment in
    time order, the SLA sweep running on each ticket as the clock passes its warnings
    and breaches: the history is what the desk would have written then, by whom."""
    clock = Clock(now)
    players = Players(OneTransaction(db, session), session, agents, clock, rules)
    published = [a for a in articles if a.status == "published"]
    plans = plan_tickets(rng, rules, data.stories, customers, orgs, assets)
    for plan in plans:
        schedule(plan, rng, now, players, published, vendors, data)
    steps = sorted(
        (moment, plan.number, order, plan, action)
        for plan in plans
        for moment, order, action in plan.steps
    )
    result = SweepResult()
    for moment, _, order, plan, action in steps:  # every moment is before "now"
        if order:
            _sweep_until(session, rules, players.tickets[plan.ticket_id], moment, result)
        clock.now = moment
        action()
    for plan in plans:
        _sweep_until(session, rules, players.tickets[plan.ticket_id], now, result)


def _sweep_until(
    session: Session, rules: SlaRules, ticket: Ticket, until: datetime, result: SweepResult
) -> None:
    """The SLA sweep on one ticket at each moment a warning or breach fell due."""
    while ticket.sla_next_check_at is not None and ticket.sla_next_check_at <= until:
        sweep_ticket(session, rules, ticket, ticket.sla_next_check_at, result)
        session.flush()
