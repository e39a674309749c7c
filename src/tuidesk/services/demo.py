"""The demo help desk: realistic agents, customers, assets, tickets with histories and a
knowledge base, dated relative to now. Written once, on the first use of `--demo`."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import product

from sqlmodel import Session, select

from tuidesk import demo_content as content
from tuidesk import workflow
from tuidesk.priority import priority_for
from tuidesk.services import desk_facts
from tuidesk.services.history_replay import created_record
from tuidesk.services.identity import os_login
from tuidesk.services.sla_clocks import store_clocks, sweep
from tuidesk.sla_policies import SlaRules, default_rules
from tuidesk.storage.engine import Database
from tuidesk.storage.models import (
    Agent,
    Article,
    ArticleRevision,
    Asset,
    Customer,
    Organization,
    Ticket,
    TicketArticle,
    TicketEvent,
    TicketTag,
    Vendor,
)

DEMO_TICKETS = 240
# Final statuses cycled through the demo tickets, weighted like a real desk's day.
STATUS_CYCLE = (
    workflow.OPEN, workflow.CLOSED, workflow.NEW, workflow.PENDING_CUSTOMER,
    workflow.RESOLVED, workflow.OPEN, workflow.CLOSED, workflow.ON_HOLD,
    workflow.PENDING_VENDOR, workflow.CLOSED, workflow.OPEN, workflow.RESOLVED,
)  # fmt: skip
LEVEL_PAIRS = tuple(product((1, 2, 3), (1, 2, 3)))


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
    if not build_demo(db, now, owner or os_login()):
        return False
    rules = rules or default_rules()
    with db.write() as session:
        for ticket in session.exec(select(Ticket)):
            store_clocks(session, rules, ticket, now)
    sweep(db, rules, now)
    return True


@dataclass
class _Story:
    """Builds one ticket's history in time order and keeps the ticket's fields in step."""

    ticket: Ticket
    times: list[datetime]
    events: list[TicketEvent] = field(default_factory=list)

    def add(self, kind: str, author: Agent | None, **values: object) -> TicketEvent:
        moment = self.times.pop(0) if self.times else self.ticket.updated_at
        event = TicketEvent(
            ticket_id=self.ticket.id or 0,
            kind=kind,
            author_id=author.id if author else None,
            created_at=moment,
            **values,  # type: ignore[arg-type]
        )
        self.events.append(event)
        self.ticket.updated_at = moment
        if kind != workflow.EVENT_CREATED:
            self.ticket.version += 1
        return event

    def status(self, author: Agent | None, new: str, body: str = "") -> None:
        old = self.ticket.status
        if old == new:
            return
        workflow.check_transition(old, new)
        event = self.add(workflow.EVENT_STATUS, author, body=body, old_value=old, new_value=new)
        self.ticket.status = new
        if new == workflow.RESOLVED:
            self.ticket.resolved_at = event.created_at
        if new == workflow.CLOSED:
            self.ticket.closed_at = event.created_at


def build_demo(db: Database, now: datetime, owner: tuple[str, str], seed: int = 7) -> bool:
    """Write the whole demo help desk in one transaction, into an empty database only
    (desk_facts.claim refuses any other); False when it was there already."""
    rng = random.Random(seed)
    today = now.date()
    with db.write() as session:
        if not desk_facts.claim(session, desk_facts.DEMO, db.describe()):
            return False  # another process built it meanwhile
        agents = _agents(session, owner)
        vendors = {v["name"]: Vendor(**v) for v in content.VENDORS}
        session.add_all(vendors.values())
        orgs: dict[str, Organization] = {}
        for org in content.ORGANIZATIONS:
            days = org["warranty_days"]
            orgs[org["name"]] = Organization(
                name=org["name"],
                plan=workflow.check_plan(org["plan"]),
                warranty_until=today + timedelta(days=days) if days is not None else None,
                calendar=org["calendar"],
                timezone=org["timezone"],
            )
        session.add_all(orgs.values())
        session.flush()
        customers: dict[str, Customer] = {}
        for person in content.CUSTOMERS:
            customers[person["email"]] = Customer(
                name=person["name"],
                email=person["email"],
                phone=person["phone"],
                organization_id=orgs[person["organization"]].id,
                location=person["location"],
                created_at=now - timedelta(days=400),
            )
        session.add_all(customers.values())
        session.flush()
        assets: dict[int, list[Asset]] = {}
        for item in content.ASSETS:
            owner = customers[item["owner"]]
            asset = Asset(
                owner_id=owner.id,
                kind=item["kind"],
                model=item["model"],
                serial=item["serial"],
                warranty_until=today + timedelta(days=item["warranty_days"]),
            )
            session.add(asset)
            assets.setdefault(owner.id or 0, []).append(asset)
        session.flush()
        articles = _articles(session, agents, now, rng)
        _tickets(session, rng, now, agents, list(customers.values()), assets, vendors, articles)
    return True


def _agents(session: Session, owner: tuple[str, str]) -> list[Agent]:
    login, full_name = owner
    agents = [Agent(**a) for a in content.AGENTS if a["login"] != login]
    # The person trying the demo is a tier-1 admin: tickets of their own, and --as anyone.
    agents.append(Agent(login=login, name=full_name, tier=1, role="admin", timezone="UTC"))
    existing = {a.login for a in session.exec(select(Agent))}
    session.add_all(a for a in agents if a.login not in existing)
    session.flush()
    return list(session.exec(select(Agent).order_by(Agent.id)))


def _articles(
    session: Session, agents: list[Agent], now: datetime, rng: random.Random
) -> list[Article]:
    writers = [a for a in agents if a.tier >= 2] or agents
    articles = []
    for item in content.ARTICLES:
        created = now - timedelta(days=rng.randint(20, 700))
        author = rng.choice(writers)
        article = Article(
            title=item["title"],
            symptoms=item["symptoms"],
            cause=item["cause"],
            resolution=item["resolution"],
            tags=" ".join(sorted(item["tags"])),
            category=item["category"],
            visibility=item["visibility"],
            status=item["status"],
            author_id=author.id,
            created_at=created,
            updated_at=created,
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


def _handoff(tried: str, theory: str, needs: str, minutes: int) -> str:
    return f"Tried: {tried}\nTheory: {theory}\nCustomer needs: {needs}\nTime spent: {minutes} min"


def _tickets(
    session: Session,
    rng: random.Random,
    now: datetime,
    agents: list[Agent],
    customers: list[Customer],
    assets: dict[int, list[Asset]],
    vendors: dict[str, Vendor],
    articles: list[Article],
) -> None:
    by_tier = {tier: [a for a in agents if a.tier == tier] for tier in (1, 2, 3)}
    published = [a for a in articles if a.status == "published"]
    scenarios = content.SCENARIOS
    with_vendor = [s for s in scenarios if s["vendor"]]
    for number in range(DEMO_TICKETS):
        final = STATUS_CYCLE[number % len(STATUS_CYCLE)]
        scenario = scenarios[number % len(scenarios)]
        if final == workflow.PENDING_VENDOR:  # waiting on a vendor needs a vendor story
            scenario = with_vendor[number % len(with_vendor)]
        customer = customers[(number * 7 + rng.randrange(len(customers))) % len(customers)]
        owned = assets.get(customer.id or 0, [])
        matching = [a for a in owned if a.kind == scenario["asset_kind"]]
        asset = rng.choice(matching) if matching else None
        if number < 2 * len(LEVEL_PAIRS):
            impact, urgency = LEVEL_PAIRS[number % len(LEVEL_PAIRS)]
        else:
            impact, urgency = scenario["impact"], scenario["urgency"]
        finished = final in (workflow.RESOLVED, workflow.CLOSED)
        if final == workflow.NEW:
            age = timedelta(minutes=rng.randint(3, 240))
        elif finished:
            age = timedelta(hours=rng.randint(30, 24 * 90))
        else:
            age = timedelta(minutes=rng.randint(40, 60 * 24 * 12))
        created = now - age
        end = created + age * (rng.uniform(0.3, 0.9) if finished else rng.uniform(0.6, 0.98))
        steps = 24
        times = sorted(created + (end - created) * rng.random() for _ in range(steps))
        ticket = Ticket(
            subject=scenario["subject"],
            description=scenario["symptoms"],
            goal=scenario["goal"],
            requester_id=customer.id,
            asset_id=asset.id if asset else None,
            channel=scenario["channel"],
            status=workflow.NEW,
            tier=1,
            urgency=urgency,
            impact=impact,
            priority=priority_for(impact, urgency),
            category=scenario["category"],
            created_at=created,
            updated_at=created,
        )
        session.add(ticket)
        session.flush()
        session.add_all(
            TicketTag(ticket_id=ticket.id or 0, tag=t) for t in sorted(set(scenario["tags"]))
        )
        story = _Story(ticket, [created, *times])
        first_line = rng.choice(by_tier[1])
        intake_by = (
            first_line if scenario["channel"] in ("phone", "chat", "on-site", "remote") else None
        )
        story.add(workflow.EVENT_CREATED, intake_by, body=scenario["symptoms"],
                  new_value=created_record(ticket, scenario["tags"]))  # fmt: skip
        if final == workflow.NEW:
            session.add_all(story.events)
            continue
        _play(story, scenario, final, rng, first_line, by_tier, vendors, published, session)
        session.add_all(story.events)


def _play(
    story: _Story,
    scenario: dict,  # type: ignore[type-arg]
    final: str,
    rng: random.Random,
    first_line: Agent,
    by_tier: dict[int, list[Agent]],
    vendors: dict[str, Vendor],
    articles: list[Article],
    session: Session,
) -> None:
    ticket = story.ticket
    ticket.assignee_id = first_line.id
    story.add(workflow.EVENT_ASSIGNMENT, first_line, new_value=first_line.login)
    story.status(first_line, workflow.OPEN)
    replies = list(scenario["replies"])
    customer_messages = list(scenario["customer_messages"])
    notes = list(scenario["notes"])
    reply = story.add(workflow.EVENT_REPLY, first_line, body=replies.pop(0))
    ticket.first_responded_at = reply.created_at
    minutes = rng.choice((5, 10, 15, 20, 25, 30))
    story.add(workflow.EVENT_WORKLOG, first_line, minutes=minutes, body="Intake and first checks")
    ticket.minutes_spent += minutes
    ticket.theory = scenario["theory"]
    story.add(workflow.EVENT_THEORY, first_line, body=scenario["theory"])
    if customer_messages:
        story.add(workflow.EVENT_CUSTOMER_REPLY, None, body=customer_messages.pop(0))
    if notes:
        story.add(workflow.EVENT_NOTE, first_line, body=notes.pop(0))

    handler = first_line
    escalation = scenario["escalation"]
    vendor_name = scenario["vendor"]
    if escalation and (final != workflow.PENDING_VENDOR or not vendor_name or rng.random() < 0.5):
        tier = escalation["tier"]
        target_agents = by_tier.get(tier) or by_tier[2]
        previous = ticket.tier
        story.add(
            workflow.EVENT_ESCALATION,
            handler,
            body=_handoff(escalation["tried"], escalation["theory"], escalation["needs"],
                          ticket.minutes_spent),
            old_value=str(previous),
            new_value=str(tier),
            minutes=ticket.minutes_spent,
        )  # fmt: skip
        ticket.tier = tier
        ticket.assignee_id = None
        if rng.random() < 0.8:  # a few wait unassigned in the tier's queue
            handler = rng.choice(target_agents)
            ticket.assignee_id = handler.id
            story.add(workflow.EVENT_ASSIGNMENT, handler, new_value=handler.login)
            minutes = rng.choice((20, 35, 45, 60, 90))
            story.add(workflow.EVENT_WORKLOG, handler, minutes=minutes, body="Investigation")
            ticket.minutes_spent += minutes
    if vendor_name and (final == workflow.PENDING_VENDOR or rng.random() < 0.4):
        vendor = vendors[vendor_name]
        ticket.vendor_id = vendor.id
        ticket.vendor_ref = f"{vendor_name.split()[0][:4].upper()}-{rng.randint(10000, 99999)}"
        story.add(
            workflow.EVENT_ESCALATION,
            handler,
            body=_handoff(
                "Hardware diagnostics and the documented workarounds",
                scenario["theory"],
                scenario["goal"],
                ticket.minutes_spent,
            )
            + f"\nVendor: {vendor_name}, reference {ticket.vendor_ref}",
            old_value=str(ticket.tier),
            new_value="4",
        )
        ticket.tier = 4
        story.status(handler, workflow.PENDING_VENDOR, f"Waiting for {vendor_name}")
        if final != workflow.PENDING_VENDOR:
            story.add(
                workflow.EVENT_NOTE,
                handler,
                body=f"{vendor_name} confirmed the fault under {ticket.vendor_ref}; "
                "part shipped and fitted.",
            )
            story.status(handler, workflow.OPEN)
    for text in replies:
        story.add(workflow.EVENT_REPLY, handler, body=text)
    for text in customer_messages:
        story.add(workflow.EVENT_CUSTOMER_REPLY, None, body=text)
    for text in notes:
        story.add(workflow.EVENT_NOTE, handler, body=text)
    if final in (workflow.PENDING_CUSTOMER, workflow.ON_HOLD, workflow.PENDING_VENDOR):
        story.status(handler, final)
    elif final in (workflow.RESOLVED, workflow.CLOSED):
        if articles and rng.random() < 0.5:
            article = rng.choice(articles)
            session.add(
                TicketArticle(
                    ticket_id=ticket.id or 0,
                    article_id=article.id or 0,
                    linked_by_id=handler.id,
                    linked_at=story.times[0] if story.times else ticket.updated_at,
                    solved=True,
                )
            )
            article.times_linked += 1
            article.times_solved += 1
            story.add(workflow.EVENT_ARTICLE_LINKED, handler, body=article.title,
                      new_value=str(article.id))  # fmt: skip
        ticket.resolution = scenario["resolution"]
        story.status(handler, workflow.RESOLVED, scenario["resolution"])
        if final == workflow.CLOSED:
            story.status(None, workflow.CLOSED, "Closed automatically after 7 days")
