"""The demo help desk: realistic agents, customers, assets, tickets with histories and a
knowledge base, dated relative to now. Written once, on the first use of `--demo`."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import product
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from tuidesk import demo_content as content
from tuidesk import sla, workflow
from tuidesk.priority import priority_for
from tuidesk.services import desk_facts
from tuidesk.services.desk import Desk
from tuidesk.services.identity import os_login
from tuidesk.services.sla_clocks import SweepResult, sweep_ticket
from tuidesk.sla import EPOCH
from tuidesk.sla_policies import SlaRules, default_rules
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
    TicketEvent,
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
# Shares of tickets that went beyond L1: the seeds' benchmark has the first line resolve
# 70–80 % of what reaches the desk; a few more of the open ones are still with L2/L3.
ESCALATED_FINISHED = 0.24
ESCALATED_ACTIVE = 0.35
# Of the tickets with a clock running now, how many are at risk and how many late. Late
# only under a policy that does nothing on a breach (a priority raised or an escalation
# by the sweep would be the system's doing, not the agents'), and then by hours.
AT_RISK, LATE = "at_risk", "late"
AT_RISK_NOW, LATE_NOW = 6, 4
RUNNING_NOW = (workflow.NEW, workflow.OPEN, workflow.PENDING_VENDOR)


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
        )
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
    slugs = {slug for slug in session.exec(select(Article.slug)) if slug}
    for item in content.ARTICLES:
        created = now - timedelta(days=rng.randint(20, 700))
        author = rng.choice(writers)
        slugs.add(slug := unique_slug(item["title"], slugs))
        article = Article(
            slug=slug,
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


# ---- tickets: planned in business time, then played through the real services ----------


class _Clock:
    """The moment the demo's services act at, moved through the past."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class _OneTransaction:
    """A Database whose every read and write is the one open session: the demo's
    thousands of service calls commit once, with the claim that this is the demo."""

    def __init__(self, db: Database, session: Session) -> None:
        self._db = db
        self._session = session
        self.is_sqlite = db.is_sqlite

    @property
    def path(self) -> Path | None:
        return self._db.path

    def describe(self) -> str:
        return self._db.describe()

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session

    @contextmanager
    def write(self) -> Iterator[Session]:
        yield self._session


@dataclass
class _Plan:
    """One demo ticket: what it is about, who raised it, and its moments."""

    number: int
    final: str
    scenario: dict[str, Any]
    customer: Customer
    asset: Asset | None
    impact: int
    urgency: int
    subject: str
    description: str
    policy: sla.SlaPolicy
    created: datetime = EPOCH
    ticket_id: int = 0
    fate: str = ""  # of the clock running now: on time, AT_RISK or LATE
    late_first: bool = False  # the first response came after its target
    steps: list[tuple[datetime, int, Callable[[], None]]] = field(default_factory=list)


def _business_before(calendar: sla.BusinessCalendar, end: datetime, span: timedelta) -> datetime:
    """The latest moment with `span` of business time between it and `end`."""
    if span <= timedelta(0):
        return end
    back = span
    while calendar.between(end - back, end) < span:
        back *= 2
    low, high = end - back, end
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if calendar.between(middle, end) >= span:
            low = middle
        else:
            high = middle
    return low.replace(microsecond=0)


def _texts(
    scenario: dict[str, Any],
    customer: Customer,
    asset: Asset | None,
    use: int,
    taken: set[str],
) -> tuple[str, str]:
    """The ticket's subject and description: the scenario as this customer reported it.

    The same fault reaches a desk from several people; each ticket names its own person,
    place and equipment, so no two tickets read the same."""
    site = customer.location.split(",")[0].strip() or customer.name
    subject = scenario["subject"]
    if use:
        subject = f"{subject} – {site}"
        if subject in taken:
            subject = f"{scenario['subject']} – {customer.name}"
    who = f"Reported by {customer.name}, {customer.location or 'location not given'}"
    equipment = f"Equipment: {asset.model}, serial {asset.serial}." if asset else ""
    description = f"{scenario['symptoms']}\n\n{who}. {equipment}".rstrip()
    return subject, description


def _plans(
    rng: random.Random,
    rules: SlaRules,
    customers: list[Customer],
    orgs: dict[int, Organization],
    assets: dict[int, list[Asset]],
) -> list[_Plan]:
    """Which scenario each demo ticket plays, for whom, and its SLA policy."""
    scenarios = content.SCENARIOS
    plain = [s for s in scenarios if not s["escalation"]]
    escalating = [s for s in scenarios if s["escalation"]]
    with_vendor = [s for s in scenarios if s["escalation"] and s["vendor"]]
    uses: dict[str, int] = {}
    taken: set[str] = set()
    told: set[str] = set()
    plans = []
    for number in range(DEMO_TICKETS):
        final = STATUS_CYCLE[number % len(STATUS_CYCLE)]
        finished = final in (workflow.RESOLVED, workflow.CLOSED)
        if final == workflow.PENDING_VENDOR:
            pool = with_vendor
        elif rng.random() < (ESCALATED_FINISHED if finished else ESCALATED_ACTIVE):
            pool = escalating
        else:
            pool = plain
        scenario = min(pool, key=lambda s: (uses.get(s["subject"], 0), rng.random()))
        use = uses.get(scenario["subject"], 0)
        uses[scenario["subject"]] = use + 1
        start = number * 7 + rng.randrange(len(customers))
        for step in range(len(customers)):  # the next customer, if this one told it already
            customer = customers[(start + step) % len(customers)]
            owned = assets.get(customer.id or 0, [])
            matching = [a for a in owned if a.kind == scenario["asset_kind"]]
            asset = rng.choice(matching) if matching else None
            subject, description = _texts(scenario, customer, asset, use, taken)
            if subject not in taken and description not in told:
                break
        taken.add(subject)
        told.add(description)
        if number < 2 * len(LEVEL_PAIRS):
            impact, urgency = LEVEL_PAIRS[number % len(LEVEL_PAIRS)]
        else:
            impact, urgency = scenario["impact"], scenario["urgency"]
        org = orgs[customer.organization_id or 0]
        policy = rules.policy(rules.policy_name(None, org.plan), org.timezone)
        plans.append(
            _Plan(
                number,
                final,
                scenario,
                customer,
                asset,
                impact,
                urgency,
                subject,
                description,
                policy,
            )
        )
    running = [p for p in plans if p.final in RUNNING_NOW]
    lenient = [p for p in running if p.policy.breach_action == "none"]
    for plan in rng.sample(lenient, LATE_NOW):
        plan.fate = LATE
    for plan in rng.sample([p for p in running if not p.fate], AT_RISK_NOW):
        plan.fate = AT_RISK
    return plans


def _share(rng: random.Random, plan: _Plan, target: timedelta) -> float:
    """How far the clock that runs now has gone, as a share of its target."""
    if plan.fate == LATE:
        return _overdue(rng, target)
    if plan.fate == AT_RISK:
        return rng.uniform(0.78, 0.95)
    return rng.uniform(0.08, 0.6)


def _overdue(rng: random.Random, target: timedelta) -> float:
    """A share of `target` past it: by a tenth or so, at most a working day."""
    hours = timedelta(hours=rng.uniform(0.5, 10))
    return 1 + min(rng.uniform(0.03, 0.3), hours / target)


class _Players:
    """Everyone who acts in the demo, each through their own Desk."""

    def __init__(
        self,
        db: _OneTransaction,
        session: Session,
        agents: list[Agent],
        clock: _Clock,
        rules: SlaRules,
    ) -> None:
        self.session = session
        self.clock = clock
        self.desks = {a.login: Desk(db, a, clock, rules) for a in agents}  # type: ignore[arg-type]
        # the customers' own channels (mail, web form): no agent wrote the first event
        nobody = Agent(login="system", name="system", tier=1)
        self.system = Desk(db, nobody, clock, rules)  # type: ignore[arg-type]
        self.by_tier = {t: [a for a in agents if a.tier == t] for t in (1, 2, 3)}
        # the session keeps only weak references to unchanged rows: without these, every
        # service call would read its ticket again
        self.tickets: dict[int, Ticket] = {}

    def hold(self, ticket_id: int) -> None:
        ticket = self.session.get(Ticket, ticket_id)
        assert ticket is not None
        self.tickets[ticket_id] = ticket

    def desk(self, agent: Agent | None) -> Desk:
        return self.desks[agent.login] if agent else self.system

    def customer_wrote(self, ticket_id: int, body: str) -> None:
        """A message from the customer arrives (the mail channel's event)."""
        ticket = self.tickets[ticket_id]
        now = self.clock()
        self.session.add(
            TicketEvent(
                ticket_id=ticket_id, kind=workflow.EVENT_CUSTOMER_REPLY, created_at=now, body=body
            )
        )
        ticket.version += 1
        ticket.updated_at = now  # the clocks follow replies and statuses, not messages


def _schedule(
    plan: _Plan,
    rng: random.Random,
    now: datetime,
    players: _Players,
    articles: list[Article],
    vendors: dict[str, Vendor],
) -> None:
    """Choose the ticket's moments so its clocks end as a healthy desk's do, and queue
    what each person does then."""
    scenario, final, policy = plan.scenario, plan.final, plan.policy
    calendar = policy.calendar
    target = policy.target(priority_for(plan.impact, plan.urgency))
    lenient = policy.breach_action == "none"
    if final == workflow.NEW:
        share = _share(rng, plan, target.first_response)
        plan.created = _business_before(calendar, now, target.first_response * share)
    elif final in (workflow.OPEN, workflow.PENDING_VENDOR):
        share = _share(rng, plan, target.resolution)
        plan.created = _business_before(calendar, now, target.resolution * share)
        end = target.resolution * share * rng.uniform(0.55, 0.95)
    elif final in (workflow.PENDING_CUSTOMER, workflow.ON_HOLD):
        end = target.resolution * rng.uniform(0.15, 0.6)
        paused_at = now - timedelta(minutes=rng.randint(60, 60 * 24 * 4))
        plan.created = _business_before(calendar, paused_at, end)
    else:
        late = lenient and rng.random() < 0.06
        share = _overdue(rng, target.resolution) if late else rng.uniform(0.3, 0.85)
        end = target.resolution * share
        if final == workflow.RESOLVED:
            resolved_at = now - timedelta(minutes=rng.randint(120, 60 * 24 * 6))
        else:
            resolved_at = now - timedelta(minutes=rng.randint(60 * 24 * 8, 60 * 24 * 90))
        plan.created = _business_before(calendar, resolved_at, end)
    first_line = rng.choice(players.by_tier[1])
    by_phone = scenario["channel"] in ("phone", "chat", "on-site", "remote")
    intake = first_line if by_phone else None

    def create() -> None:
        ticket = players.desk(intake).create_ticket(
            subject=plan.subject,
            requester_id=plan.customer.id or 0,
            description=plan.description,
            goal=scenario["goal"],
            channel=scenario["channel"],
            urgency=plan.urgency,
            impact=plan.impact,
            category=scenario["category"],
            tags=scenario["tags"],
            asset_id=plan.asset.id if plan.asset else None,
        )
        plan.ticket_id = ticket.id or 0
        players.hold(plan.ticket_id)

    plan.steps.append((plan.created, 0, create))
    if final == workflow.NEW:
        return

    plan.late_first = lenient and rng.random() < 0.05
    first = target.first_response * (
        _overdue(rng, target.first_response) if plan.late_first else rng.uniform(0.1, 0.6)
    )
    if first > end * 0.4:  # a short story: the answer came early in it
        plan.late_first = False
        first = min(target.first_response * rng.uniform(0.1, 0.6), end * 0.3)
    actions, handler = _actions(plan, rng, players, first_line, articles)
    # taken, opened and answered; the intake's work log and theory right after the
    # answer; the rest of the story spread out until its last move
    gap = min(timedelta(minutes=10), (end - first) * 0.1)
    offsets = [first * 0.6, first * 0.62, first, first + gap, first + gap * 1.5]
    del offsets[len(actions) - 1 :]
    start, later = first + gap * 2, actions[len(offsets) : -1]
    for index in range(len(later)):
        offsets.append(start + (end - start) * (index + rng.uniform(0.2, 0.8)) / len(later))
    offsets.append(end)
    for index, (offset, action) in enumerate(zip(offsets, actions, strict=True)):
        moment = calendar.add(plan.created, offset)
        plan.steps.append((moment, index + 1, action))
    last = plan.steps[-1][0]
    if final == workflow.CLOSED:

        def close() -> None:
            players.system.change_status(
                plan.ticket_id, workflow.CLOSED, "Closed automatically 7 days after it was resolved"
            )

        plan.steps.append((last + timedelta(days=7), len(plan.steps), close))
    if final == workflow.PENDING_VENDOR:
        hours = vendors[scenario["vendor"]].response_hours
        answered = last + timedelta(hours=hours * rng.uniform(0.2, 0.8))
        if answered < now and rng.random() < 0.7:
            text = rng.choice(content.VENDOR_ACKNOWLEDGEMENTS).format(vendor=scenario["vendor"])
            desk = players.desk(handler)
            plan.steps.append(
                (answered, len(plan.steps), lambda: desk.vendor_update(plan.ticket_id, text))
            )


def _article_for(plan: _Plan, articles: list[Article], rng: random.Random) -> Article | None:
    """An article about the ticket's fault that solved it, for about half of them: the one
    written before the ticket came in that shares most of its tags (two at least)."""
    tags = set(plan.scenario["tags"])
    scored = [(len(tags & set(a.tags.split())), a) for a in articles if a.created_at < plan.created]
    best = max((score for score, _ in scored), default=0)
    if best < 2 or rng.random() < 0.5:
        return None
    return rng.choice([a for score, a in scored if score == best])


def _open(desk: Desk, ticket_id: int) -> None:
    """Open a ticket the agent is starting on, unless taking it opened it already."""
    if desk.get_ticket(ticket_id).status == workflow.NEW:
        desk.change_status(ticket_id, workflow.OPEN)


def _actions(
    plan: _Plan, rng: random.Random, players: _Players, first_line: Agent, articles: list[Article]
) -> tuple[list[Callable[[], object]], Agent]:
    """What happens to the ticket, in order: taken, opened and answered first, the final
    move last; and who holds it at the end."""
    scenario, final = plan.scenario, plan.final
    replies = list(scenario["replies"])
    messages = list(scenario["customer_messages"])
    notes = list(scenario["notes"])
    escalation = scenario["escalation"]
    vendor_name = scenario["vendor"]

    def ticket() -> int:
        return plan.ticket_id

    line = players.desk(first_line)
    minutes = rng.choice((5, 10, 15, 20, 25, 30))
    acts: list[Callable[[], object]] = [
        lambda: line.take(ticket()),
        lambda: _open(line, ticket()),
        lambda: line.reply(ticket(), replies[0]),
        lambda: line.log_work(ticket(), minutes, "Intake and first checks"),
        lambda: line.set_theory(ticket(), scenario["theory"]),
    ]
    if messages:
        acts.append(lambda: players.customer_wrote(ticket(), messages[0]))
    if notes:
        acts.append(lambda: line.add_note(ticket(), notes[0]))
    handler = first_line
    finished = final in (workflow.RESOLVED, workflow.CLOSED)
    to_vendor = bool(vendor_name and escalation) and (
        final == workflow.PENDING_VENDOR or rng.random() < (0.5 if finished else 0.3)
    )
    if escalation:
        wait = final == workflow.OPEN and not to_vendor and rng.random() < 0.25
        acts.append(
            lambda: line.escalate(
                ticket(),
                tier=2,
                tried=escalation["tried"],
                theory=escalation["theory"],
                needs=escalation["needs"],
            )
        )
        if wait and escalation["tier"] == 2:
            return acts, first_line  # waits, unassigned, in the L2 queue
        leads = [a for a in players.by_tier[2] if a.role in workflow.SKIP_ROLES]
        second = (
            leads[0]
            if to_vendor and escalation["tier"] == 2 and leads
            else rng.choice(players.by_tier[2])
        )
        desk2 = players.desk(second)
        investigated = rng.choice((20, 35, 45, 60, 90))
        acts += [
            lambda: desk2.take(ticket()),
            lambda: desk2.log_work(ticket(), investigated, "Investigation"),
        ]
        handler = second
        if escalation["tier"] == 3:
            checked = f"Repeated L1's checks and got the same result. {escalation['tried']}"
            acts.append(
                lambda: desk2.escalate(
                    ticket(),
                    tier=3,
                    tried=checked,
                    theory=escalation["theory"],
                    needs=escalation["needs"],
                )
            )
            if wait:
                return acts, second
            third = rng.choice(players.by_tier[3])
            desk3 = players.desk(third)
            expert = rng.choice((30, 45, 60, 120))
            acts += [
                lambda: desk3.take(ticket()),
                lambda: desk3.log_work(ticket(), expert, "Analysis"),
            ]
            handler = third
    desk = players.desk(handler)
    if to_vendor:
        reference = f"{vendor_name.split()[0][:4].upper()}-{rng.randint(10000, 99999)}"
        from_tier = handler.tier
        skip = (
            ""
            if from_tier == 3
            else (f"A hardware fault under {vendor_name}'s contract: only they may repair it")
        )
        tried = f"{escalation['tried']} Diagnostics at L{from_tier} point at the unit itself."
        acts.append(
            lambda: desk.escalate(
                ticket(),
                tier=workflow.VENDOR_TIER,
                tried=tried,
                theory=scenario["theory"],
                needs=scenario["goal"],
                vendor=vendor_name,
                vendor_ref=reference,
                skip_reason=skip,
            )
        )
        if final == workflow.PENDING_VENDOR:
            return acts, handler
        answer = rng.choice(content.VENDOR_ACKNOWLEDGEMENTS).format(vendor=vendor_name)
        fixed = rng.choice(content.VENDOR_FIXES).format(vendor=vendor_name, reference=reference)
        back = rng.choice(content.VENDOR_RETURNS).format(vendor=vendor_name)
        acts += [
            lambda: desk.vendor_update(ticket(), answer),
            lambda: desk.vendor_update(ticket(), fixed),
            lambda: desk.deescalate(ticket(), back, tier=from_tier, agent=handler.login),
        ]
    for text in replies[1:]:
        acts.append(lambda text=text: desk.reply(ticket(), text))
    for text in messages[1:]:
        acts.append(lambda text=text: players.customer_wrote(ticket(), text))
    for text in notes[1:]:
        acts.append(lambda text=text: desk.add_note(ticket(), text))
    if final in (workflow.PENDING_CUSTOMER, workflow.ON_HOLD):
        acts.append(lambda: desk.change_status(ticket(), final))
    elif finished:
        article = _article_for(plan, articles, rng)
        if article is not None:
            acts.append(lambda: desk.kb.link(ticket(), article.id or 0, solved=True))
        acts.append(lambda: desk.resolve(ticket(), scenario["resolution"]))
    return acts, handler


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
) -> None:
    """Play every ticket's story through the desk's own services, moment by moment in
    time order, the SLA sweep running on each ticket as the clock passes its warnings
    and breaches: the history is what the desk would have written then, by whom."""
    clock = _Clock(now)
    players = _Players(_OneTransaction(db, session), session, agents, clock, rules)
    published = [a for a in articles if a.status == "published"]
    plans = _plans(rng, rules, customers, orgs, assets)
    for plan in plans:
        _schedule(plan, rng, now, players, published, vendors)
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
