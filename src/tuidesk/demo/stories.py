"""The demo's tickets: which story each one plays, for whom, when each thing in it
happens (planned in business time so its clocks end as a healthy desk's do), and who
does it through which service."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import product

from tuidesk.demo.data import DemoData, Story
from tuidesk.demo.players import Players
from tuidesk.domain import sla, workflow
from tuidesk.domain.escalation import SKIP_ROLES
from tuidesk.domain.priority import priority_for
from tuidesk.domain.sla import EPOCH
from tuidesk.domain.sla_policies import SlaRules
from tuidesk.services.desk import Desk
from tuidesk.storage.models import Agent, Article, Asset, Customer, Organization, Vendor

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


@dataclass
class Plan:
    """One demo ticket: what it is about, who raised it, and its moments."""

    number: int
    final: str
    story: Story
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
    story: Story,
    customer: Customer,
    asset: Asset | None,
    use: int,
    taken: set[str],
) -> tuple[str, str]:
    """The ticket's subject and description: the story as this customer reported it.

    The same fault reaches a desk from several people; each ticket names its own person,
    place and equipment, so no two tickets read the same."""
    site = customer.location.split(",")[0].strip() or customer.name
    subject = story.subject
    if use:
        subject = f"{subject} – {site}"
        if subject in taken:
            subject = f"{story.subject} – {customer.name}"
    who = f"Reported by {customer.name}, {customer.location or 'location not given'}"
    equipment = f"Equipment: {asset.model}, serial {asset.serial}." if asset else ""
    description = f"{story.symptoms}\n\n{who}. {equipment}".rstrip()
    return subject, description


def plan_tickets(
    rng: random.Random,
    rules: SlaRules,
    stories: tuple[Story, ...],
    customers: list[Customer],
    orgs: dict[int, Organization],
    assets: dict[int, list[Asset]],
) -> list[Plan]:
    """Which story each demo ticket plays, for whom, and its SLA policy."""
    plain = [s for s in stories if s.escalation is None]
    escalating = [s for s in stories if s.escalation is not None]
    with_vendor = [s for s in stories if s.escalation is not None and s.vendor is not None]
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
        story = min(pool, key=lambda s: (uses.get(s.subject, 0), rng.random()))
        use = uses.get(story.subject, 0)
        uses[story.subject] = use + 1
        start = number * 7 + rng.randrange(len(customers))
        for step in range(len(customers)):  # the next customer, if this one told it already
            customer = customers[(start + step) % len(customers)]
            owned = assets.get(customer.id or 0, [])
            matching = [a for a in owned if a.kind == story.asset_kind]
            asset = rng.choice(matching) if matching else None
            subject, description = _texts(story, customer, asset, use, taken)
            if subject not in taken and description not in told:
                break
        taken.add(subject)
        told.add(description)
        if number < 2 * len(LEVEL_PAIRS):
            impact, urgency = LEVEL_PAIRS[number % len(LEVEL_PAIRS)]
        else:
            impact, urgency = story.impact, story.urgency
        org = orgs[customer.organization_id or 0]
        policy = rules.policy(rules.policy_name(None, org.plan), org.timezone)
        plans.append(
            Plan(
                number,
                final,
                story,
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


def _share(rng: random.Random, plan: Plan, target: timedelta) -> float:
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


def schedule(
    plan: Plan,
    rng: random.Random,
    now: datetime,
    players: Players,
    articles: list[Article],
    vendors: dict[str, Vendor],
    data: DemoData,
) -> None:
    """Choose the ticket's moments so its clocks end as a healthy desk's do, and queue
    what each person does then."""
    story, final, policy = plan.story, plan.final, plan.policy
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
    by_phone = story.channel in ("phone", "chat", "on-site", "remote")
    intake = first_line if by_phone else None

    def create() -> None:
        ticket = players.desk(intake).create_ticket(
            subject=plan.subject,
            requester_id=plan.customer.id or 0,
            description=plan.description,
            goal=story.goal,
            channel=story.channel,
            urgency=plan.urgency,
            impact=plan.impact,
            category=story.category,
            tags=story.tags,
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
    actions, handler = _actions(plan, rng, players, first_line, articles, data)
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
        hours = vendors[story.vendor].response_hours
        answered = last + timedelta(hours=hours * rng.uniform(0.2, 0.8))
        if answered < now and rng.random() < 0.7:
            text = rng.choice(data.vendor_acknowledgements).format(vendor=story.vendor)
            desk = players.desk(handler)
            plan.steps.append(
                (answered, len(plan.steps), lambda: desk.vendor_update(plan.ticket_id, text))
            )


def _article_for(plan: Plan, articles: list[Article], rng: random.Random) -> Article | None:
    """An article about the ticket's fault that solved it, for about half of them: the one
    written before the ticket came in that shares most of its tags (two at least)."""
    tags = set(plan.story.tags)
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
    plan: Plan,
    rng: random.Random,
    players: Players,
    first_line: Agent,
    articles: list[Article],
    data: DemoData,
) -> tuple[list[Callable[[], object]], Agent]:
    """What happens to the ticket, in order: taken, opened and answered first, the final
    move last; and who holds it at the end."""
    story, final = plan.story, plan.final
    replies = list(story.replies)
    messages = list(story.customer_messages)
    notes = list(story.notes)
    escalation = story.escalation
    vendor_name = story.vendor

    def ticket() -> int:
        return plan.ticket_id

    line = players.desk(first_line)
    minutes = rng.choice((5, 10, 15, 20, 25, 30))
    acts: list[Callable[[], object]] = [
        lambda: line.take(ticket()),
        lambda: _open(line, ticket()),
        lambda: line.reply(ticket(), replies[0]),
        lambda: line.log_work(ticket(), minutes, "Intake and first checks"),
        lambda: line.set_theory(ticket(), story.theory),
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
                tried=escalation.tried,
                theory=escalation.theory,
                needs=escalation.needs,
            )
        )
        if wait and escalation.tier == 2:
            return acts, first_line  # waits, unassigned, in the L2 queue
        leads = [a for a in players.by_tier[2] if a.role in SKIP_ROLES]
        second = (
            leads[0]
            if to_vendor and escalation.tier == 2 and leads
            else rng.choice(players.by_tier[2])
        )
        desk2 = players.desk(second)
        investigated = rng.choice((20, 35, 45, 60, 90))
        acts += [
            lambda: desk2.take(ticket()),
            lambda: desk2.log_work(ticket(), investigated, "Investigation"),
        ]
        handler = second
        if escalation.tier == 3:
            checked = f"Repeated L1's checks and got the same result. {escalation.tried}"
            acts.append(
                lambda: desk2.escalate(
                    ticket(),
                    tier=3,
                    tried=checked,
                    theory=escalation.theory,
                    needs=escalation.needs,
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
        tried = f"{escalation.tried} Diagnostics at L{from_tier} point at the unit itself."
        acts.append(
            lambda: desk.escalate(
                ticket(),
                tier=workflow.VENDOR_TIER,
                tried=tried,
                theory=story.theory,
                needs=story.goal,
                vendor=vendor_name,
                vendor_ref=reference,
                skip_reason=skip,
            )
        )
        if final == workflow.PENDING_VENDOR:
            return acts, handler
        answer = rng.choice(data.vendor_acknowledgements).format(vendor=vendor_name)
        fixed = rng.choice(data.vendor_fixes).format(vendor=vendor_name, reference=reference)
        back = rng.choice(data.vendor_returns).format(vendor=vendor_name)
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
        acts.append(lambda: desk.resolve(ticket(), story.resolution))
    return acts, handler
