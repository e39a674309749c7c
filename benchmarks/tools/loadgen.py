"""Many agents at once: processes doing random desk actions on a few tickets, and an
audit of the history against what each agent was told was done.

Used by the many-agents test and by `benchmarks/agents.py`. Each agent is an OS process
with its own Database, acting as its own Agent, and retries a ConflictError the way an
agent does in the app: it takes the ticket as it is now and applies the action again on
its version. Every action carries a token (in its text, or for an assignment the ticket
version it produced), so the audit can tell which acknowledged action is in the history.
"""

from __future__ import annotations

import multiprocessing
import random
import re
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from tuidesk.domain import workflow
from tuidesk.errors import ConflictError, DatabaseError, TuideskError
from tuidesk.services.desk import Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Agent, Ticket, TicketEvent

MAX_ATTEMPTS = 50  # conflicts in a row before an agent gives up on one action
TOKEN = re.compile(r"<<([^<>]+)>>")
WEIGHTS = {  # how often each action is picked (when the ticket allows it)
    "reply": 3,
    "note": 3,
    "status": 3,
    "assign": 2,
    "escalate": 1,
    "deescalate": 1,
    "worklog": 2,
}
TOP_TIER = 3  # escalations stay within the desk (L4 needs a vendor)


@dataclass(frozen=True)
class Member:
    """An agent of the load: login, id, tier and role."""

    login: str
    id: int
    tier: int
    role: str


@dataclass(frozen=True)
class Ack:
    """An action the desk acknowledged, with the ticket as the desk returned it."""

    token: str
    agent: str
    ticket_id: int
    kind: str  # the kind of history event it wrote
    version: int
    status: str
    tier: int
    assignee: str  # login, "" when unassigned
    minutes_spent: int


@dataclass
class AgentReport:
    """What one agent process did and saw."""

    agent: str
    seed: int
    acks: list[Ack] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # tokens of actions the desk refused
    failed: list[str] = field(default_factory=list)  # tokens of actions that raised
    conflicts: int = 0
    lock_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)  # one per write call
    started: float = 0.0
    finished: float = 0.0


@dataclass
class Audit:
    """The history against the acknowledgements: all zero and empty when it is right."""

    lost: int = 0  # acknowledged, not in the history
    duplicated: int = 0  # in the history more than once
    unexpected: int = 0  # in the history, never acknowledged
    follow_ons: int = 0  # written by an action after its own event (opened, taken)
    mismatches: list[str] = field(default_factory=list)


def prepare(target: str, agents: int, tickets: int, prefix: str = "agent") -> tuple[
    list[Member], list[int]
]:  # fmt: skip
    """Add `agents` agents (tiers 1-3 in turn, every fourth a lead) and `tickets` new
    L1 tickets; returns the agents and the ticket ids."""
    db = open_database(target)
    try:
        admin = Desk(db, resolve_actor(db))
        members = []
        for n in range(agents):
            tier, role = n % TOP_TIER + 1, "lead" if n % 4 == 0 else "agent"
            agent = admin.add_agent(f"{prefix}{n:02d}", name=f"Agent {n}", tier=tier, role=role)
            assert agent.id is not None
            members.append(Member(agent.login, agent.id, tier, role))
        customer = admin.find_or_create_customer("load.test@example.com")
        assert customer.id is not None
        ids = []
        for n in range(tickets):
            ticket = admin.create_ticket(subject=f"Load ticket {n}", requester_id=customer.id)
            assert ticket.id is not None
            ids.append(ticket.id)
        return members, ids
    finally:
        db.dispose()


def _bound(
    kind: str, call: Callable[[int, Any], Ticket], value: Any
) -> tuple[str, Callable[[int], Ticket]]:
    """(kind, call(version)) with `value`, drawn once when the action is chosen."""
    return kind, lambda version: call(version, value)


def _choose(
    rng: random.Random, desk: Desk, ticket: Ticket, token: str, roster: Sequence[Member]
) -> tuple[str, Callable[[int], Ticket]] | None:
    """An action the ticket allows as the agent sees it: (event kind, call(version))."""
    me = desk.actor
    tid = ticket.id
    assert tid is not None
    choices: dict[str, Callable[[], tuple[str, Callable[[int], Ticket]]]] = {
        "note": lambda: (
            workflow.EVENT_NOTE,
            lambda v: desk.add_note(tid, f"note {token}", expected_version=v),
        ),
        "worklog": lambda: _bound(
            workflow.EVENT_WORKLOG,
            lambda v, m: desk.log_work(tid, m, f"work {token}", expected_version=v),
            rng.randint(1, 60),
        ),
    }
    if ticket.status != workflow.CLOSED:
        choices["reply"] = lambda: (
            workflow.EVENT_REPLY,
            lambda v: desk.reply(tid, f"reply {token}", expected_version=v),
        )
        others = [m.login for m in roster if m.id != ticket.assignee_id and m.login != me.login]
        if ticket.assignee_id != me.id:
            choices["assign"] = lambda: (
                workflow.EVENT_ASSIGNMENT,
                lambda v: desk.take(tid, expected_version=v),
            )
        else:
            choices["assign"] = lambda: _bound(
                workflow.EVENT_ASSIGNMENT,
                lambda v, who: desk.assign(tid, who, expected_version=v),
                rng.choice([None, *others]),
            )
    statuses = sorted(workflow.TRANSITIONS[ticket.status] - {workflow.CLOSED})
    if statuses:

        def status() -> tuple[str, Callable[[int], Ticket]]:
            new = rng.choice(statuses)
            if new == workflow.RESOLVED:
                return workflow.EVENT_STATUS, lambda v: desk.resolve(
                    tid, f"fixed {token}", expected_version=v
                )
            return workflow.EVENT_STATUS, lambda v: desk.change_status(
                tid, new, f"status {token}", expected_version=v
            )

        choices["status"] = status
    if ticket.tier < TOP_TIER and ticket.status not in (workflow.RESOLVED, workflow.CLOSED):

        def escalate() -> tuple[str, Callable[[int], Ticket]]:
            skip = me.role == "lead" and ticket.tier + 2 <= TOP_TIER and rng.random() < 0.3
            tier = ticket.tier + (2 if skip else 1)
            there = [m.login for m in roster if m.tier == tier]
            agent = rng.choice(there) if there and rng.random() < 0.5 else None
            return workflow.EVENT_ESCALATION, lambda v: desk.escalate(
                tid, tier=tier, tried=f"tried {token}", theory="a theory",
                needs="it working", skip_reason="urgent" if skip else "", agent=agent,
                expected_version=v,
            )  # fmt: skip

        choices["escalate"] = escalate
    if ticket.tier > 1:

        def deescalate() -> tuple[str, Callable[[int], Ticket]]:
            tier = ticket.tier - 1
            there = [m.login for m in roster if m.tier == tier]
            agent = rng.choice(there) if there and rng.random() < 0.5 else None
            return workflow.EVENT_DEESCALATION, lambda v: desk.deescalate(
                tid, f"back {token}", tier=tier, agent=agent, expected_version=v
            )

        choices["deescalate"] = deescalate
    kinds = sorted(choices)
    kind = rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]
    return choices[kind]()


def run_agent(
    target: str,
    login: str,
    roster: Sequence[Member],
    ticket_ids: Sequence[int],
    actions: int,
    seed: int,
    *,
    seconds: float | None = None,
    think: float = 0.0,
    ready: Callable[[], object] | None = None,
) -> AgentReport:
    """Do `actions` random actions as `login` (or as many as fit in `seconds`).

    With `think`, the agent pauses a random 0.5-1.5 × `think` seconds before each
    action, as a person reads and types between them; 0 is back to back (saturation).
    """
    rng = random.Random(seed)
    report = AgentReport(agent=login, seed=seed)
    db = open_database(target)
    try:
        with db.read() as session:
            actor = session.exec(select(Agent).where(Agent.login == login)).one()
        desk = Desk(db, actor)
        by_id = {m.id: m.login for m in roster}
        seen: dict[int, Ticket] = {}
        if ready is not None:
            ready()
        report.started = time.time()
        deadline = report.started + seconds if seconds is not None else None
        for n in range(actions):
            if deadline is not None and time.time() >= deadline:
                break
            if think:
                time.sleep(think * (0.5 + rng.random()))
            ticket_id = rng.choice(ticket_ids)
            # half the time the agent acts on the ticket as they saw it a while ago
            if ticket_id not in seen or rng.random() < 0.5:
                seen[ticket_id] = desk.get_ticket(ticket_id)
            ticket = seen[ticket_id]
            token = f"<<{login}/{seed}/{n}>>"
            picked = _choose(rng, desk, ticket, token, roster)
            if picked is None:
                continue
            kind, call = picked
            version = ticket.version
            for _ in range(MAX_ATTEMPTS):
                began = time.perf_counter()
                try:
                    done = call(version)
                except ConflictError as conflict:
                    report.conflicts += 1
                    seen[ticket_id] = conflict.current
                    version = conflict.current.version
                    continue
                except DatabaseError as error:
                    report.failed.append(token)
                    if "locked" in str(error):
                        report.lock_errors.append(str(error))
                    else:
                        report.errors.append(f"{token}: {error}")
                    break
                except TuideskError:
                    report.refused.append(token)
                    break
                except Exception:
                    report.failed.append(token)
                    report.errors.append(f"{token}: {traceback.format_exc()}")
                    break
                finally:
                    report.latencies_ms.append((time.perf_counter() - began) * 1000)
                seen[ticket_id] = done
                report.acks.append(
                    Ack(token=token, agent=login, ticket_id=ticket_id, kind=kind,
                        version=done.version, status=done.status, tier=done.tier,
                        assignee=by_id.get(done.assignee_id or 0, ""),
                        minutes_spent=done.minutes_spent)
                )  # fmt: skip
                break
            else:
                report.refused.append(token)  # gave up after MAX_ATTEMPTS conflicts
        report.finished = time.time()
    except Exception:
        report.errors.append(traceback.format_exc())
    finally:
        db.dispose()
    return report


def _agent_process(queue: Any, barrier: Any, args: tuple[Any, ...], options: dict) -> None:
    try:
        report = run_agent(*args, ready=barrier.wait, **options)
    except BaseException:
        report = AgentReport(agent=str(args[1]), seed=int(args[5]))
        report.errors.append(traceback.format_exc())
    queue.put(report)


def run_agents(
    target: str,
    members: Sequence[Member],
    roster: Sequence[Member],
    ticket_ids: Sequence[int],
    actions: int,
    seed: int,
    *,
    seconds: float | None = None,
    think: float = 0.0,
    timeout: float = 600,
) -> list[AgentReport]:
    """One spawned process per member, all starting together; their reports.

    Agent n's random seed is `seed * 1000 + n`, so a run reproduces from `seed`.
    """
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    barrier = context.Barrier(len(members))
    processes = [
        context.Process(
            target=_agent_process,
            args=(
                queue,
                barrier,
                (target, m.login, list(roster), list(ticket_ids), actions, seed * 1000 + n),
                {"seconds": seconds, "think": think},
            ),
            daemon=True,
        )  # fmt: skip
        for n, m in enumerate(members)
    ]
    for process in processes:
        process.start()
    reports = []
    try:
        for _ in processes:
            reports.append(queue.get(timeout=timeout))
    finally:
        for process in processes:
            process.join(10)
            if process.is_alive():
                process.kill()
    return sorted(reports, key=lambda r: r.agent)


def audit(db: Database, ticket_ids: Sequence[int], reports: Sequence[AgentReport]) -> Audit:
    """Replay each ticket's history, checking it against the acknowledged actions.

    Every event after `created` must be exactly one acknowledged action, written by its
    agent, at the ticket version the agent was given back, with the ticket after it as
    the agent was told; the ticket row must equal the replay's end state.
    """
    result = Audit()
    acks = {a.token: a for r in reports for a in r.acks}
    by_version = {(a.ticket_id, a.version): a for a in acks.values()}
    unacknowledged = {t for r in reports for t in (*r.refused, *r.failed)}
    found: set[str] = set()
    with db.read() as session:
        logins = {a.id: a.login for a in session.exec(select(Agent))}
        for ticket_id in ticket_ids:
            ticket = session.get(Ticket, ticket_id)
            assert ticket is not None
            events = session.exec(
                select(TicketEvent)
                .where(TicketEvent.ticket_id == ticket_id)
                .order_by(col(TicketEvent.id))
            ).all()
            state = _State()
            told_check: tuple[str, tuple[object, ...]] | None = None
            previous: TicketEvent | None = None
            for event in events[1:]:
                # what an action writes after its own event in the same transaction (a
                # new ticket opened, the first answer taking it) is part of that action
                follows = (
                    previous is not None
                    and event.kind in (workflow.EVENT_ASSIGNMENT, workflow.EVENT_STATUS)
                    and not TOKEN.findall(event.body)
                    and event.author_id == previous.author_id
                    and event.created_at == previous.created_at
                    and (event.kind == workflow.EVENT_ASSIGNMENT
                         or event.body.startswith("Opened: "))
                )  # fmt: skip
                if follows:
                    result.follow_ons += 1
                    state.apply(event, None)
                    previous = event
                    continue
                if told_check is not None and state.fields() != told_check[1]:
                    result.mismatches.append(
                        f"{told_check[0]}: replay {state.fields()}, told {told_check[1]}"
                    )
                told_check = None
                previous = event
                state.version += 1
                tokens = TOKEN.findall(event.body)
                token = f"<<{tokens[0]}>>" if tokens else None
                ack = acks.get(token) if token else by_version.get((ticket_id, state.version))
                where = f"#{ticket_id} v{state.version} {event.kind} {token or ''}"
                if ack is None or (token is None and ack.kind != event.kind):
                    result.unexpected += 1
                    known = " (refused or failed)" if token in unacknowledged else ""
                    result.mismatches.append(f"{where}: never acknowledged{known}")
                    state.apply(event, None)
                    continue
                if ack.token in found:
                    result.duplicated += 1
                    result.mismatches.append(f"{where}: written again")
                found.add(ack.token)
                author = logins.get(event.author_id or 0, "")
                if (ack.ticket_id, ack.version, ack.kind, ack.agent) != (
                    ticket_id, state.version, event.kind, author
                ):  # fmt: skip
                    result.mismatches.append(
                        f"{where}: acknowledged as #{ack.ticket_id} v{ack.version} {ack.kind} "
                        f"by {ack.agent}, written by {author}"
                    )
                problem = state.apply(event, ack)
                if problem:
                    result.mismatches.append(f"{where}: {problem}")
                told_check = (where, (ack.status, ack.tier, ack.assignee, ack.minutes_spent))
            if told_check is not None and state.fields() != told_check[1]:
                result.mismatches.append(
                    f"{told_check[0]}: replay {state.fields()}, told {told_check[1]}"
                )
            stored = (
                ticket.status,
                ticket.tier,
                logins.get(ticket.assignee_id or 0, ""),
                ticket.minutes_spent,
            )
            if stored != state.fields() or ticket.version != state.version:
                result.mismatches.append(
                    f"#{ticket_id}: stored {stored} v{ticket.version}, "
                    f"replay {state.fields()} v{state.version}"
                )
            if (ticket.first_responded_at, ticket.resolved_at) != (
                state.first_reply, state.resolved_at
            ):  # fmt: skip
                result.mismatches.append(
                    f"#{ticket_id}: stored response/resolution "
                    f"{ticket.first_responded_at}/{ticket.resolved_at}, "
                    f"replay {state.first_reply}/{state.resolved_at}"
                )
    lost = set(acks) - found
    result.lost = len(lost)
    result.mismatches.extend(f"{token}: acknowledged, not in the history" for token in lost)
    return result


@dataclass
class _State:
    """A ticket as its history says it is (it starts new, at L1, unassigned)."""

    version: int = 1
    status: str = workflow.NEW
    tier: int = 1
    assignee: str = ""
    minutes: int = 0
    first_reply: datetime | None = None
    resolved_at: datetime | None = None

    def fields(self) -> tuple[str, int, str, int]:
        return self.status, self.tier, self.assignee, self.minutes

    def apply(self, event: TicketEvent, ack: Ack | None) -> str:
        """Move on by one event; says what is wrong when its old value is not ours."""
        kind, old, new = event.kind, event.old_value, event.new_value
        was: object = None
        if kind == workflow.EVENT_REPLY and self.first_reply is None:
            self.first_reply = event.created_at
        elif kind == workflow.EVENT_STATUS:
            was, self.status = self.status, new
            if new == workflow.RESOLVED:
                self.resolved_at = event.created_at
            elif was == workflow.RESOLVED:
                self.resolved_at = None
        elif kind == workflow.EVENT_ASSIGNMENT:
            was, self.assignee = self.assignee, new
        elif kind in (workflow.EVENT_ESCALATION, workflow.EVENT_DEESCALATION):
            was, self.tier = str(self.tier), int(new)
            # the event does not name the agent it went to: the desk's answer does
            self.assignee = ack.assignee if ack is not None else ""
        elif kind == workflow.EVENT_WORKLOG:
            self.minutes += event.minutes
        if was is not None and was != old:
            return f"its old value is {old!r}, the replay had {was!r}"
        return ""


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)] if ordered else 0.0
