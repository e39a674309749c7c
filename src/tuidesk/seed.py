"""Generated data for benchmarks: a million tickets with their events in under a minute.

Rows are written with bulk core inserts (executemany on SQLite, COPY on PostgreSQL) in
one transaction, not as ORM objects one by one. The data is plausible but repetitive;
the demo help desk (`tuidesk/demo/`) is the one meant for people to read.

Not a use case, so not in services/: it writes raw rows for speed, behind the documented
`tuidesk seed` command (which is why it ships, unlike the load generator in
benchmarks/tools/), and takes each event's hash from storage/history_chain.py.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from tuidesk.domain import workflow
from tuidesk.domain.sla import SlaPolicy
from tuidesk.domain.sla_policies import default_rules
from tuidesk.services import desk_facts
from tuidesk.slugs import unique_slug
from tuidesk.storage.engine import Database
from tuidesk.storage.history_chain import event_hash

CHUNK = 50_000
NEVER_TEXT = "9999-12-31 00:00:00.000000"  # queue_due_at of a ticket with no running clock
NO_CLOCKS: tuple[object, ...] = (None, None, None, NEVER_TEXT, None, None)

SUBJECTS = (
    "Cannot log in to {system}",
    "{device} not turning on",
    "{system} very slow since this morning",
    "Password expired for {system}",
    "Printer on floor {floor} shows paper jam",
    "VPN disconnects every few minutes",
    "Outlook does not sync on {device}",
    "Wi-Fi drops in meeting room {floor}.{room}",
    "Disk almost full on {device}",
    "Request: install {software}",
    "{software} licence expired",
    "Cannot open shared drive {drive}:",
    "Blue screen after update on {device}",
    "Phone has no dial tone at desk {floor}{room}",
    "New starter needs accounts for {system}",
    "MFA prompt never arrives",
    "Scanner does not send to email",
    "Monitor flickers on docking station",
    "Calendar invites not arriving in {system}",
    "Access request for {drive}: share",
)
FILL = {
    "system": ("the ERP", "the CRM", "Windows", "the VPN", "Teams", "SharePoint", "the intranet"),
    "device": ("laptop", "desktop", "iPhone", "Android phone", "tablet", "thin client"),
    "software": ("Visio", "AutoCAD", "Adobe Acrobat", "7-Zip", "Python", "Power BI"),
    "drive": ("H", "P", "S", "T"),
}
DESCRIPTIONS = (
    "The user reports the problem started after the last restart. Error message noted.",
    "Happens several times a day; restarting helps for an hour.",
    "Whole team affected, deadline today.",
    "Only this user affected; colleague at the same desk works fine.",
    "Customer tried the self-service article first, without success.",
)
FIRST = (
    "Anna",
    "Ben",
    "Chen",
    "Dara",
    "Elif",
    "Femi",
    "Greta",
    "Hugo",
    "Ines",
    "Jon",
    "Kira",
    "Liam",
    "Mina",
    "Noah",
    "Olga",
    "Pavel",
    "Rosa",
    "Sami",
    "Tara",
    "Uma",
    "Vik",
    "Yara",
)
LAST = (
    "Adams",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Larsen",
    "Meyer",
    "Novak",
    "Okafor",
    "Petrov",
    "Rossi",
    "Sato",
)
STATUS_WEIGHTS = (
    (workflow.NEW, 6),
    (workflow.OPEN, 10),
    (workflow.PENDING_CUSTOMER, 5),
    (workflow.PENDING_VENDOR, 2),
    (workflow.ON_HOLD, 2),
    (workflow.RESOLVED, 15),
    (workflow.CLOSED, 60),
)
TICKET_COLUMNS = (
    "id", "subject", "description", "goal", "theory", "resolution", "requester_id",
    "asset_id", "channel", "status", "tier", "assignee_id", "urgency", "impact", "priority",
    "category", "vendor_id", "vendor_ref", "minutes_spent", "created_at", "updated_at",
    "first_response_due_at", "first_responded_at", "resolution_due_at", "resolved_at",
    "closed_at", "sla_due_at", "version", "queue_due_at", "sla_warn_at",
    "resolution_paused_left", "sla_next_check_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "ticket_id", "kind", "author_id", "created_at", "body", "old_value", "new_value", "minutes",
    "hash",
)  # fmt: skip


@dataclass(frozen=True)
class SeedResult:
    tickets: int
    events: int
    articles: int
    seconds: float


def _timestamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


class _Writer:
    """Bulk inserts through the driver: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, db: Database, connection: object) -> None:
        self.db = db
        self.raw = connection

    def insert(self, table: str, columns: Sequence[str], rows: Iterator[tuple[object, ...]]) -> int:
        count = 0
        if self.db.is_sqlite:
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            batch: list[tuple[object, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= CHUNK:
                    self.raw.executemany(sql, batch)  # type: ignore[attr-defined]
                    count += len(batch)
                    batch.clear()
            if batch:
                self.raw.executemany(sql, batch)  # type: ignore[attr-defined]
                count += len(batch)
            return count
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self.raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(row)
                count += 1
        return count


def _customers(connection: object) -> list[tuple[int, str]]:
    """(id, support plan) of every customer."""
    rows = connection.execute(  # type: ignore[attr-defined]
        text(
            "SELECT c.id, coalesce(o.plan, '') FROM customer c"
            " LEFT JOIN organization o ON o.id = c.organization_id"
        )
    )
    return [(r[0], r[1]) for r in rows]


def _reference_data(db: Database, rng: random.Random) -> tuple[list[int], list[tuple[int, str]]]:
    """Agents and customers to hang tickets on: the existing ones, or a generated set."""
    with db.engine.begin() as connection:
        agents = [r[0] for r in connection.execute(text("SELECT id FROM agent"))]
        customers = _customers(connection)
        now = _timestamp(datetime.now(UTC))
        if len(agents) < 12:
            for n in range(12):
                login = f"seed{n:02d}"
                connection.execute(
                    text(
                        "INSERT INTO agent (login, name, email, tier, role, timezone, active,"
                        " created_at) VALUES (:login, :name, '', :tier, 'agent', 'UTC', :active,"
                        " :now)"
                    ),
                    {
                        "login": login,
                        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        "tier": 1 + n % 3,
                        "active": True,
                        "now": datetime.now(UTC).replace(tzinfo=None),
                    },
                )
            agents = [r[0] for r in connection.execute(text("SELECT id FROM agent"))]
        if len(customers) < 500:
            for n in range(20):
                connection.execute(
                    text(
                        "INSERT INTO organization (name, plan, calendar, timezone, sla_policy)"
                        " VALUES (:name, :plan, :cal, 'UTC', '')"
                    ),
                    {
                        "name": f"Seed Organization {n + 1:02d} {rng.randrange(10**6)}",
                        "plan": workflow.PLANS[n % 4],
                        "cal": "24x7" if workflow.PLANS[n % 4] == "premium" else "12x5",
                    },
                )
            orgs = [r[0] for r in connection.execute(text("SELECT id FROM organization"))]
            for _ in range(2000):
                first, last = rng.choice(FIRST), rng.choice(LAST)
                connection.execute(
                    text(
                        "INSERT INTO customer (name, email, phone, organization_id, location,"
                        " created_at) VALUES (:name, :email, '', :org, :loc, :now)"
                    ),
                    {
                        "name": f"{first} {last}",
                        "email": f"{first}.{last}{rng.randrange(10**5)}@seed.example".lower(),
                        "org": rng.choice(orgs),
                        "loc": f"Building {rng.choice('ABCD')}, floor {rng.randint(1, 6)}",
                        "now": datetime.now(UTC).replace(tzinfo=None),
                    },
                )
            customers = _customers(connection)
        del now
    return agents, customers


def seed_database(
    db: Database, *, tickets: int, articles: int = 0, random_seed: int = 1
) -> SeedResult:
    """Append `tickets` generated tickets (with history) and `articles` articles to `db`,
    a new or empty database or one seeded before (anything else is refused: the
    history would keep the generated tickets forever)."""
    started = time.perf_counter()
    with db.write() as session:
        desk_facts.claim(session, desk_facts.SEED, db.describe())
    rng = random.Random(random_seed)
    agents, customers = _reference_data(db, rng)
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    subjects = []
    for template in SUBJECTS:
        for _ in range(8):
            subjects.append(
                template.format(
                    system=rng.choice(FILL["system"]),
                    device=rng.choice(FILL["device"]),
                    software=rng.choice(FILL["software"]),
                    drive=rng.choice(FILL["drive"]),
                    floor=rng.randint(1, 6),
                    room=rng.randint(1, 20),
                )
            )
    events_written = 0

    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        if db.is_sqlite:
            # a big page cache keeps index pages from being spilled to the WAL repeatedly
            raw.execute("PRAGMA cache_size = -1000000")
            raw.execute("BEGIN IMMEDIATE")
        start_id = (raw.execute("SELECT coalesce(max(id), 0) FROM ticket").fetchone()[0]) + 1
        deferred_indexes: list[str] = []
        if db.is_sqlite and start_id == 1:
            # into empty tables, building each index once at the end beats updating it
            # row by row: same transaction, so nobody sees the tables without them
            indexes = raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                " AND tbl_name IN ('ticket', 'ticket_event') AND sql IS NOT NULL"
            ).fetchall()
            for name, sql in indexes:
                raw.execute(f'DROP INDEX "{name}"')
                deferred_indexes.append(sql)
        event_rows: list[tuple[object, ...]] = []
        writer = _Writer(db, raw)

        now_epoch = int(now.replace(tzinfo=UTC).timestamp())
        day_prefix: dict[int, str] = {}

        def stamp(epoch: int) -> str:
            day, second = divmod(epoch, 86400)
            prefix = day_prefix.get(day)
            if prefix is None:
                prefix = datetime.fromtimestamp(day * 86400, UTC).strftime("%Y-%m-%d")
                day_prefix[day] = prefix
            return f"{prefix} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000000"

        rules = default_rules()
        plans = {plan: rules.policy(plan or None, "UTC") for plan in {p for _, p in customers}}

        def when(epoch: int) -> datetime:
            return datetime.fromtimestamp(epoch, UTC)

        def sla_fields(
            status: str, policy: SlaPolicy, priority: int, created: int, updated: int
        ) -> tuple[object, ...]:
            """(first response due, resolution due, sla due, queue due, warn at, paused left)
            for an active seeded ticket: answered at its update unless new, and waiting
            since then if its status pauses the clock. Not swept: no next check."""
            calendar, target = policy.calendar, policy.target(priority)
            start = when(created)
            first_due = calendar.add(start, target.first_response)
            if status in policy.pausing:
                used = calendar.between(start, when(updated))
                left = int((target.resolution - used).total_seconds())
                return (_timestamp(first_due), None, None, NEVER_TEXT, None, left)
            resolution_due = calendar.add(start, target.resolution)
            warn = calendar.add(start, target.resolution * policy.warn_share)
            due = resolution_due
            if status == workflow.NEW:
                due = min(due, first_due)
                warn = min(warn, calendar.add(start, target.first_response * policy.warn_share))
            return (
                _timestamp(first_due), _timestamp(resolution_due), _timestamp(due),
                _timestamp(due), _timestamp(warn), None,
            )  # fmt: skip

        def ticket_rows() -> Iterator[tuple[object, ...]]:
            status_draws = rng.choices(statuses, weights, k=tickets)
            random = rng.random
            reply = "Thanks, we are looking into it."
            fixed = "Fixed as described in the knowledge base."
            n_agents, n_customers, n_subjects = len(agents), len(customers), len(subjects)
            for offset in range(tickets):
                ticket_id = start_id + offset
                status = status_draws[offset]
                active = status in workflow.ACTIVE_STATUSES
                # a desk's open work is recent; its history goes back a year
                age = int(random() * (14 if active else 365) * 86400)
                created = now_epoch - age
                updated = created + int(random() * min(age, 5 * 86400))
                created_s, updated_s = stamp(created), stamp(updated)
                urgency, impact = 1 + int(random() * 3), 1 + int(random() * 3)
                customer, plan = customers[int(random() * n_customers)]
                clocks = (
                    sla_fields(status, plans[plan], impact + urgency - 1, created, updated)
                    if active
                    else NO_CLOCKS
                )
                assignee = agents[int(random() * n_agents)] if status != workflow.NEW else None
                finished = status in (workflow.RESOLVED, workflow.CLOSED)
                responded = updated_s if status != workflow.NEW else None
                description = DESCRIPTIONS[offset % len(DESCRIPTIONS)]
                chain = event_hash("", ticket_id, workflow.EVENT_CREATED, None, created_s,
                                   description, "", "", 0)  # fmt: skip
                event_rows.append(
                    (ticket_id, workflow.EVENT_CREATED, None, created_s, description, "", "", 0,
                     chain)
                )  # fmt: skip
                if responded:
                    chain = event_hash(chain, ticket_id, workflow.EVENT_REPLY, assignee,
                                       updated_s, reply, "", "", 0)  # fmt: skip
                    event_rows.append(
                        (ticket_id, workflow.EVENT_REPLY, assignee, updated_s, reply, "", "", 0,
                         chain)
                    )  # fmt: skip
                if finished:
                    chain = event_hash(
                        chain, ticket_id, workflow.EVENT_STATUS, assignee, updated_s, fixed,
                        workflow.OPEN, workflow.RESOLVED, 0,
                    )  # fmt: skip
                    event_rows.append(
                        (ticket_id, workflow.EVENT_STATUS, assignee, updated_s, fixed,
                         workflow.OPEN, workflow.RESOLVED, 0, chain)
                    )  # fmt: skip
                yield (
                    ticket_id, subjects[offset % n_subjects], description, "", "",
                    fixed if finished else "", customer, None,
                    workflow.CHANNELS[offset % 6], status,
                    1 + (offset % 7 == 0) + (offset % 31 == 0), assignee, urgency, impact,
                    impact + urgency - 1, "", None, "",
                    5 + int(random() * 115) if finished else 0, created_s, updated_s, clocks[0],
                    responded, clocks[1], updated_s if finished else None,
                    updated_s if status == workflow.CLOSED else None, clocks[2], 1, clocks[3],
                    clocks[4], clocks[5], None,
                )  # fmt: skip

        def drain_events() -> Iterator[tuple[object, ...]]:
            yield from event_rows
            event_rows.clear()

        tickets_written = 0
        remaining = ticket_rows()
        while True:
            chunk = [row for _, row in zip(range(CHUNK), remaining, strict=False)]
            if not chunk:
                break
            tickets_written += writer.insert("ticket", TICKET_COLUMNS, iter(chunk))
            events_written += writer.insert("ticket_event", EVENT_COLUMNS, drain_events())
        for statement in deferred_indexes:
            raw.execute(statement)
        articles_written = _seed_articles(writer, raw, db, rng, articles, agents, now)
        if db.is_sqlite:
            raw.execute("COMMIT")
            raw.execute("PRAGMA cache_size = -2000")
        else:
            raw.commit()
            with raw.cursor() as cursor:
                for table in ("ticket", "article"):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" coalesce((SELECT max(id) FROM {table}), 1))"
                    )
            raw.commit()
    if db.is_sqlite:
        with db.engine.connect() as connection:
            connection.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.connection.driver_connection.execute("PRAGMA analysis_limit = 1000")
            connection.connection.driver_connection.execute("ANALYZE")
    return SeedResult(
        tickets_written, events_written, articles_written, time.perf_counter() - started
    )


PRODUCTS = (
    "Windows 11",
    "Windows 10",
    "macOS",
    "Ubuntu",
    "Outlook",
    "Teams",
    "SharePoint",
    "OneDrive",
    "Exchange",
    "Zoom",
    "Chrome",
    "Firefox",
    "Edge",
    "Acrobat",
    "AutoCAD",
    "SAP GUI",
    "Salesforce",
    "Citrix Workspace",
    "GlobalProtect",
    "AnyConnect",
    "FortiClient",
    "HP LaserJet",
    "Canon imageRUNNER",
    "Ricoh MP",
    "Brother MFC",
    "Dell Latitude",
    "ThinkPad",
    "Surface Pro",
    "iPhone",
    "Android",
    "Yealink",
    "Polycom",
    "Jabra",
    "Office 365",
    "Power BI",
    "Visio",
    "Okta",
    "Duo",
    "Intune",
    "BitLocker",
    "VMware Horizon",
)
SITES = ("Berlin", "Lisbon", "Leeds", "Osaka", "Denver", "Nairobi", "Lyon", "Krakow")


def article_texts(rng: random.Random, offset: int) -> tuple[str, str, str, str, str, str]:
    """(title, symptoms, cause, resolution, tags, category) for a generated article:
    the demo help desk's real articles, varied by product, site, version and error code,
    so the index holds a realistic vocabulary and not one repeated sentence."""
    from tuidesk.demo.data import load

    articles = load().articles
    base = articles[offset % len(articles)]
    other = articles[rng.randrange(len(articles))]
    product = rng.choice(PRODUCTS)
    version = f"{rng.randint(1, 24)}.{rng.randint(0, 9)}"
    code = f"0x{rng.randrange(16**5):05X}"
    site = rng.choice(SITES)
    form = offset % 4
    if form == 0:
        title = f"{base.title} on {product}"
    elif form == 1:
        title = f"{base.title} ({product} {version})"
    elif form == 2:
        title = f"{product}: {base.title[0].lower()}{base.title[1:]} after update {version}"
    else:
        title = f"{base.title}, error {code}"
    symptoms = (
        f"{base.symptoms} Seen on {product} {version} at the {site} office; "
        f"the log shows error {code}. {other.symptoms.split('.')[0]}."
    )
    cause = f"{base.cause} Affects {product} from version {version}."
    tags = " ".join(sorted({*base.tags.split(), product.split()[0].lower()}))
    return title, symptoms, cause, base.resolution, tags, base.category


def _seed_articles(
    writer: _Writer,
    raw: object,
    db: Database,
    rng: random.Random,
    count: int,
    agents: list[int],
    now: datetime,
) -> int:
    if count <= 0:
        return 0
    start = raw.execute("SELECT coalesce(max(id), 0) FROM article").fetchone()[0] + 1  # type: ignore[attr-defined]
    slugs = {slug for (slug,) in raw.execute("SELECT slug FROM article")}  # type: ignore[attr-defined]
    stamp = _timestamp(now)
    articles: list[tuple[object, ...]] = []
    revisions: list[tuple[object, ...]] = []
    for offset in range(count):
        article_id = start + offset
        title, symptoms, cause, resolution, tags, category = article_texts(rng, offset)
        author = rng.choice(agents)
        status = "published" if offset % 10 else rng.choice(("draft", "archived"))
        slugs.add(slug := unique_slug(title, slugs))
        articles.append(
            (article_id, title, symptoms, cause, resolution, tags, category,
             "internal" if offset % 4 == 0 else "public", status, author, None,
             stamp, stamp, 0, 0, 1, slug)
        )  # fmt: skip
        revisions.append((article_id, 1, title, symptoms, cause, resolution, tags, author, stamp))
    writer.insert(
        "article",
        ("id", "title", "symptoms", "cause", "resolution", "tags", "category", "visibility",
         "status", "author_id", "source_ticket_id", "created_at", "updated_at", "times_linked",
         "times_solved", "version", "slug"),
        iter(articles),
    )  # fmt: skip
    writer.insert(
        "article_revision",
        ("article_id", "number", "title", "symptoms", "cause", "resolution", "tags",
         "author_id", "created_at"),
        iter(revisions),
    )  # fmt: skip
    del db
    return count
