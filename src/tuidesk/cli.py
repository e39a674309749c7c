"""The `tuidesk` command: opens the app, or runs a scripting subcommand.

Every user mistake ends in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NoReturn

from tuidesk.config import Settings, resolve_settings
from tuidesk.domain import priority, workflow
from tuidesk.domain.priority import priority_label
from tuidesk.errors import NotFoundError, TuideskError
from tuidesk.text import clean, escape_json_controls, one_line, plural

if TYPE_CHECKING:
    from tuidesk.services.desk import Desk

EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a command ended by SIGPIPE
# ids are INTEGER columns: 32 bits on PostgreSQL (64 on SQLite, which never gets past
# this either); no id, and no count of rows, is larger
MAX_ID = 2**31 - 1
_SURROGATE = re.compile("[\udc80-\udcff]")


class CliError(TuideskError):
    """A problem with the command line itself."""


# The flag that gives each field a service refuses when it is missing: (the argument's
# dest, the flag, what it takes). A refusal of one the command has, left empty, names it.
FIELD_FLAGS: dict[str, tuple[str, str, str]] = {
    "subject": ("subject", "--subject", "TEXT"),
    "requester": ("requester", "--requester", "NAME_OR_EMAIL"),
    "body": ("body", "--body", "TEXT"),
    "resolution": ("note", "--note", "TEXT"),
    "note": ("note", "--note", "TEXT"),
    "tried": ("tried", "--tried", "TEXT"),
    "theory": ("theory", "--theory", "TEXT"),
    "needs": ("needs", "--needs", "TEXT"),
    "skip_reason": ("skip_reason", "--skip-reason", "TEXT"),
    "vendor": ("vendor", "--vendor", "NAME"),
    "vendor_ref": ("vendor_ref", "--vendor-ref", "REF"),
    "name": ("name", "--name", "TEXT"),
}


def refusal(error: TuideskError, args: argparse.Namespace | None) -> str:
    """The one line for `error`: with the flag that would fix it, when the service
    refused a field the command line left empty."""
    message = clean(error)
    field = getattr(error, "field", None)
    if args is None or field not in FIELD_FLAGS:
        return message
    dest, flag, value = FIELD_FLAGS[field]
    if not hasattr(args, dest) or (getattr(args, dest) or "").strip() or flag in message:
        return message  # the command has no such flag, or it was given and is wrong
    return f"{message}: add {flag} {value}"


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (it costs 40 ms)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        import tuidesk

        print(f"tuidesk {tuidesk.__version__}")
        parser.exit()


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Subparsers default to SUPPRESS so that `tuidesk --db X ticket list` and
    # `tuidesk ticket list --db X` both work.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=default,
        help="database file or URL (default: $TUIDESK_DB, the config file, or the data dir)",
    )
    parser.add_argument(
        "--as",
        dest="as_login",
        metavar="LOGIN",
        default=default,
        help="act as another agent (admins, and everyone on the demo)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="use the demo help desk (created on first use)",
    )


def _level(value: str) -> int:
    level = priority.parse_level(value)
    if level is None:
        raise argparse.ArgumentTypeError("must be 1 (high), 2 (medium) or 3 (low)")
    return level


def _whole(option: str, maximum: int = MAX_ID) -> Callable[[str], int]:
    """An argparse type: a whole number from 0 to `maximum`, else one line (CliError)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if not 0 <= number <= maximum:
            raise CliError(
                f"{option} must be a whole number from 0 to {maximum}, not {one_line(value, 40)}"
            )
        return number

    return parse


def _record_id(kind: str) -> Callable[[str], int]:
    """An argparse type: the number of a ticket or an article. One past what the
    database holds is missing like any other ("there is no ticket #N"), not an error of
    the driver that cannot send it."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a {kind} number") from None
        if not 0 < number <= MAX_ID:
            raise NotFoundError(f"there is no {kind} #{number}")
        return number

    return parse


TICKET_ID = _record_id("ticket")


def app_start_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the app (no command, only --db, --as, --demo),
    parsed without building every command's parser, which costs a tenth of the way to
    the first frame; None for anything else, which the full parser takes."""
    parser = argparse.ArgumentParser(prog="tuidesk", add_help=False, allow_abbrev=False)
    parser.exit_on_error = False
    _add_common(parser, top=True)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (as every other refusal of tuidesk is), not
    the usage text with the error under it."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"tuidesk: error: {message} ({self.prog} --help says how)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tuidesk", description="A help desk that lives in the terminal.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    _add_common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def sub(group: Any, name: str, help_text: str) -> argparse.ArgumentParser:
        child = group.add_parser(name, help=help_text, description=help_text)
        _add_common(child, top=False)
        return child

    seed = sub(commands, "seed", "fill a database with generated tickets for benchmarks")
    seed.add_argument("--tickets", type=_whole("--tickets"), default=10_000, metavar="N")
    seed.add_argument("--articles", type=_whole("--articles"), default=0, metavar="M")
    seed.add_argument("--random-seed", type=int, default=1, metavar="S", help=argparse.SUPPRESS)

    ticket = commands.add_parser("ticket", help="create, list, show and update tickets")
    tickets = ticket.add_subparsers(dest="ticket_command", metavar="ACTION", required=True)
    new = sub(tickets, "new", "open a ticket; prints its id")
    new.add_argument("--subject", required=True)
    new.add_argument("--requester", required=True, metavar="NAME_OR_EMAIL")
    new.add_argument("--body", default="", help="the symptoms; - reads them from stdin")
    new.add_argument("--goal", default="", help="what the customer is trying to do")
    new.add_argument("--urgency", type=_level, default=workflow.DEFAULT_LEVEL)
    new.add_argument("--impact", type=_level, default=workflow.DEFAULT_LEVEL)
    new.add_argument("--channel", default="email", choices=workflow.CHANNELS)
    new.add_argument("--category", default="")
    new.add_argument("--tag", dest="tags", action="append", default=[], metavar="TAG")

    listing = sub(tickets, "list", "list tickets, newest first")
    listing.add_argument("--status", action="append", choices=workflow.STATUSES, default=[])
    listing.add_argument("--assignee", metavar="LOGIN")
    listing.add_argument("--tier", type=int, choices=workflow.TIERS)
    listing.add_argument("--limit", type=_whole("--limit"), default=50)
    listing.add_argument("--json", action="store_true")

    show = sub(tickets, "show", "show a ticket with its history")
    show.add_argument("id", type=TICKET_ID)
    show.add_argument("--json", action="store_true")

    for name, help_text in (("reply", "send a public reply"), ("note", "add an internal note")):
        action = sub(tickets, name, help_text)
        action.add_argument("id", type=TICKET_ID)
        action.add_argument("--body", required=True, help="the text; - reads it from stdin")

    status = sub(tickets, "status", "change a ticket's status")
    status.add_argument("id", type=TICKET_ID)
    status.add_argument("status", choices=workflow.STATUSES)
    status.add_argument("--note", default="", help="why; required text when resolving")

    escalate = sub(tickets, "escalate", "hand the ticket up a tier with a hand-off")
    escalate.add_argument("id", type=TICKET_ID)
    escalate.add_argument("--tier", type=int, choices=workflow.TIERS, required=True)
    escalate.add_argument("--tried", default="", help="what was tried and what it showed")
    escalate.add_argument("--theory", default="", help="the likely cause")
    escalate.add_argument(
        "--needs", default="", help="what the customer needs (default: the ticket's goal)"
    )
    escalate.add_argument("--minutes", type=_whole("--minutes"), help="time spent at this tier")
    escalate.add_argument("--skip-reason", default="", help="why a tier is skipped (leads)")
    escalate.add_argument("--agent", metavar="LOGIN", help="an agent of the new tier")
    escalate.add_argument("--vendor", default="", metavar="NAME", help="L4: the vendor")
    escalate.add_argument("--vendor-ref", default="", metavar="REF", help="L4: their case number")
    escalate.add_argument("--vendor-hours", type=_whole("--vendor-hours"), metavar="H",
                          help="L4: contract response time in hours")  # fmt: skip
    deescalate = sub(tickets, "deescalate", "send the ticket back down with a note")
    deescalate.add_argument("id", type=TICKET_ID)
    deescalate.add_argument("--note", required=True, help="what the lower tier should do")
    deescalate.add_argument("--tier", type=int, choices=workflow.TIERS)
    deescalate.add_argument("--agent", metavar="LOGIN")
    merge = sub(tickets, "merge", "merge a duplicate ticket into another (leads and admins)")
    merge.add_argument("id", type=TICKET_ID, help="the duplicate: it is closed")
    merge.add_argument(
        "--into", type=TICKET_ID, required=True, metavar="ID", help="the ticket kept"
    )
    vendor = sub(tickets, "vendor-update", "log what the vendor said or did")
    vendor.add_argument("id", type=TICKET_ID)
    vendor.add_argument("--body", required=True, help="the text; - reads it from stdin")

    stats = sub(commands, "stats", "escalation report: resolution and escalation per tier")
    stats.add_argument("--json", action="store_true")

    kb_command = commands.add_parser("kb", help="search, show, export and import articles")
    kbs = kb_command.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    kb_search = sub(kbs, "search", "search the knowledge base, best first")
    kb_search.add_argument("query", help="words; the last one also matches longer words")
    kb_search.add_argument(
        "--status", action="append", choices=("draft", "published", "archived"), default=[],
        help="default: draft and published",
    )  # fmt: skip
    kb_search.add_argument("--visibility", choices=("internal", "public"), default="")
    kb_search.add_argument("--category", default="")
    kb_search.add_argument("--tag", default="")
    kb_search.add_argument("--limit", type=_whole("--limit"), default=10)
    kb_search.add_argument("--json", action="store_true")
    kb_show = sub(kbs, "show", "show an article as Markdown")
    kb_show.add_argument("id", type=_record_id("article"))
    kb_show.add_argument("--json", action="store_true")
    kb_export = sub(kbs, "export", "write every article to DIR as a Markdown file")
    kb_export.add_argument("dir", metavar="DIR")
    kb_import = sub(kbs, "import", "create or update articles from DIR's Markdown files")
    kb_import.add_argument("dir", metavar="DIR")
    sub(kbs, "reindex", "rebuild the search index from the articles (admins)")

    backup = sub(commands, "backup", "copy the database while agents keep working")
    backup.add_argument("path", metavar="PATH", help="the new file (must not exist)")
    doctor = sub(commands, "doctor", "check the database: integrity, schema, permissions, sweep")
    doctor.add_argument("--json", action="store_true")

    sla_command = commands.add_parser("sla", help="SLA policies and the breach sweep")
    slas = sla_command.add_subparsers(dest="sla_command", metavar="ACTION", required=True)
    sub(slas, "sweep", "write the SLA warnings and breaches that have fallen due (for cron)")
    policies = sub(slas, "policies", "show the SLA policies in force")
    policies.add_argument("--json", action="store_true")
    clocks = sub(slas, "clocks", "show a ticket's SLA clocks")
    clocks.add_argument("id", type=TICKET_ID)
    clocks.add_argument("--json", action="store_true")

    db_command = commands.add_parser("db", help="set up the database server (PostgreSQL)")
    dbs = db_command.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    grant = sub(
        dbs, "grant", "as the tables' owner: migrate, then give agents' roles their privileges"
    )
    grant.add_argument("--agent", dest="agent_logins", action="append", default=[],
                       metavar="LOGIN", help="add this login role to the agents' group "
                       "(created without a password if missing)")  # fmt: skip
    grant.add_argument("--admin", dest="admin_logins", action="append", default=[],
                       metavar="LOGIN", help="add this login role to the admins' group "
                       "and make its agent an admin")  # fmt: skip
    grant.add_argument("--agents-group", default="tuidesk_agents", metavar="ROLE")
    grant.add_argument("--admins-group", default="tuidesk_admins", metavar="ROLE")

    agent = commands.add_parser("agent", help="list agents; admins add and deactivate them")
    agents = agent.add_subparsers(dest="agent_command", metavar="ACTION", required=True)
    add = sub(agents, "add", "add an agent")
    add.add_argument("login")
    add.add_argument("--name", required=True)
    add.add_argument("--tier", type=int, choices=workflow.TIERS, default=1)
    add.add_argument("--role", choices=workflow.ROLES, default="agent")
    add.add_argument("--email", default="")
    agent_list = sub(agents, "list", "list agents: names, logins, tiers, roles (everyone)")
    agent_list.add_argument("--json", action="store_true")
    for name, help_text in (
        ("deactivate", "stop an agent acting and being assigned; their history stays (admins)"),
        ("activate", "let a deactivated agent work again (admins)"),
    ):
        sub(agents, name, help_text).add_argument("login", metavar="LOGIN")
    return parser


def _read_body(value: str) -> str:
    if value == "-":
        data = sys.stdin.buffer.read()
        return data.decode("utf-8", errors="replace")
    return value


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def ticket_json(desk: Desk, ticket_id: int) -> dict[str, Any]:
    """The stable JSON shape of a ticket with its history (documented in README)."""
    detail = desk.ticket_detail(ticket_id)  # one read for all of it
    ticket, customer, org = detail.ticket, detail.requester, detail.organization
    return {
        "id": ticket.id,
        "subject": ticket.subject,
        "status": ticket.status,
        "priority": ticket.priority,
        "urgency": ticket.urgency,
        "impact": ticket.impact,
        "tier": ticket.tier,
        "channel": ticket.channel,
        "category": ticket.category,
        "tags": detail.tags,
        "requester": customer.name if customer else None,
        "requester_email": customer.email if customer else None,
        "organization": org.name if org else None,
        "assignee": detail.assignee or None,
        "description": ticket.description,
        "goal": ticket.goal,
        "theory": ticket.theory,
        "resolution": ticket.resolution,
        "minutes_spent": ticket.minutes_spent,
        "created_at": _iso(ticket.created_at),
        "updated_at": _iso(ticket.updated_at),
        "first_responded_at": _iso(ticket.first_responded_at),
        "resolved_at": _iso(ticket.resolved_at),
        "closed_at": _iso(ticket.closed_at),
        "version": ticket.version,
        "history": [
            {
                "id": entry.event.id,
                "kind": entry.event.kind,
                "author": entry.author,
                "created_at": _iso(entry.event.created_at),
                "body": entry.event.body,
                "old": entry.event.old_value,
                "new": entry.event.new_value,
                "minutes": entry.event.minutes,
            }
            for entry in detail.history
        ],
    }


def _print_json(data: object) -> None:
    print(escape_json_controls(json.dumps(data, ensure_ascii=False, indent=2)))


def _open_desk(settings: Settings) -> Desk:
    from tuidesk.demo.build import demo_preparer
    from tuidesk.services.context import open_desk

    return open_desk(settings, prepare=demo_preparer(settings))


def run_ticket(args: argparse.Namespace, desk: Desk) -> int:
    command = args.ticket_command
    if command == "new":
        from tuidesk.services.checks import check_new_ticket

        # before the requester is written: a ticket refused leaves no new customer behind
        check_new_ticket(
            args.subject, channel=args.channel, urgency=args.urgency, impact=args.impact,
            category=args.category, tags=args.tags,
        )  # fmt: skip
        customer = desk.find_or_create_customer(args.requester)
        assert customer.id is not None
        ticket = desk.create_ticket(
            subject=args.subject,
            requester_id=customer.id,
            description=_read_body(args.body),
            goal=args.goal,
            channel=args.channel,
            urgency=args.urgency,
            impact=args.impact,
            category=args.category,
            tags=args.tags,
        )
        print(ticket.id)
    elif command == "list":
        rows = desk.list_tickets(
            statuses=args.status or None, assignee=args.assignee, tier=args.tier, limit=args.limit
        )
        if args.json:
            ids = {t.assignee_id for t in rows if t.assignee_id}
            logins = desk.agent_logins(ids)  # type: ignore[arg-type]
            _print_json(
                [
                    {
                        "id": t.id,
                        "subject": t.subject,
                        "status": t.status,
                        "priority": t.priority,
                        "tier": t.tier,
                        "assignee": logins.get(t.assignee_id) if t.assignee_id else None,
                        "created_at": _iso(t.created_at),
                        "updated_at": _iso(t.updated_at),
                        "version": t.version,
                    }
                    for t in rows
                ]
            )
        else:
            for t in rows:
                status = one_line(t.status)
                print(f"{t.id:>7}  P{t.priority}  {status:<16} L{t.tier}  {one_line(t.subject)}")
    elif command == "show":
        data = ticket_json(desk, args.id)
        if args.json:
            _print_json(data)
        else:
            print_ticket(data)
    elif command == "merge":
        ticket = desk.merge(args.id, args.into)
        print(f"#{args.id} merged into #{ticket.id}")
    elif command == "reply":
        ticket = desk.reply(args.id, _read_body(args.body))
        print(f"replied on #{ticket.id}")
    elif command == "note":
        ticket = desk.add_note(args.id, _read_body(args.body))
        print(f"noted on #{ticket.id}")
    elif command == "status":
        ticket = desk.change_status(args.id, args.status, args.note)
        print(f"#{ticket.id} is now {ticket.status}")
    elif command == "escalate":
        needs = args.needs or desk.get_ticket(args.id).goal
        ticket = desk.escalate(
            args.id, tier=args.tier, tried=args.tried, theory=args.theory, needs=needs,
            minutes=args.minutes, skip_reason=args.skip_reason, agent=args.agent,
            vendor=args.vendor, vendor_ref=args.vendor_ref, vendor_hours=args.vendor_hours,
        )  # fmt: skip
        where = f"L{ticket.tier}" + (f" ({args.agent})" if args.agent else " queue")
        print(f"#{ticket.id} escalated to {where}")
    elif command == "deescalate":
        ticket = desk.deescalate(args.id, args.note, tier=args.tier, agent=args.agent)
        print(f"#{ticket.id} sent back to L{ticket.tier}")
    elif command == "vendor-update":
        ticket = desk.vendor_update(args.id, _read_body(args.body))
        print(f"vendor update logged on #{ticket.id}")
    return 0


def run_stats(args: argparse.Namespace, desk: Desk) -> int:
    data = desk.escalation_stats()
    if args.json:
        _print_json(data)
        return 0
    print("tier  resolved  reached  escalated  escalation rate")
    for tier in workflow.TIERS:
        key = f"L{tier}"
        rate = data["escalation_rate"][key]  # type: ignore[index]
        shown = "—" if rate is None else f"{rate:.0%}"
        print(
            f"{key:<5} {data['resolved_at_tier'][key]:>8} {data['reached'][key]:>8} "  # type: ignore[index]
            f"{data['escalated_from'][key]:>10}  {shown:>15}"  # type: ignore[index]
        )
    rate = data["l1_resolution_rate"]
    shown = "—" if rate is None else f"{rate:.0%}"
    verdict = one_line(data["l1_verdict"])
    print(f"L1 resolution rate {shown} of {data['resolved_total']} resolved: {verdict}")
    return 0


def article_json(desk: Desk, article_id: int) -> dict[str, Any]:
    """The stable JSON shape of an article (documented in README)."""
    article = desk.kb.get(article_id)
    return {
        "id": article.id,
        "slug": article.slug,
        "title": article.title,
        "symptoms": article.symptoms,
        "cause": article.cause,
        "resolution": article.resolution,
        "tags": article.tags.split(),
        "category": article.category,
        "visibility": article.visibility,
        "status": article.status,
        "author": desk.kb.author(article),
        "source_ticket": article.source_ticket_id,
        "times_linked": article.times_linked,
        "times_solved": article.times_solved,
        "created_at": _iso(article.created_at),
        "updated_at": _iso(article.updated_at),
        "version": article.version,
    }


def run_kb(args: argparse.Namespace, desk: Desk) -> int:
    from pathlib import Path

    from tuidesk.services import kb_files
    from tuidesk.services.kb import article_markdown
    from tuidesk.storage.read.kb_search import KbFilter

    if args.kb_command == "search":
        narrow = KbFilter(
            statuses=tuple(args.status) or ("draft", "published"),
            visibility=args.visibility,
            category=args.category,
            tag=args.tag,
        )
        # a finished query: every word whole except the last, as on the screen
        result = desk.kb.search(args.query, narrow, limit=args.limit)
        hits = [
            {
                "id": h.id,
                "title": h.title,
                "snippet": "".join(t for t, _ in h.snippet_parts()),
                "tags": h.tags.split(),
                "category": h.category,
                "status": h.status,
                "visibility": h.visibility,
                "times_linked": h.times_linked,
                "times_solved": h.times_solved,
            }
            for h in result.hits
        ]
        if args.json:
            _print_json({"query": args.query, "corrected": result.corrected or None,
                         "any_word": result.any_word, "results": hits})  # fmt: skip
            return 0
        if result.note():
            print(clean(result.note()))
        if not hits:
            print("no articles found")
        for hit in hits:
            state = "" if hit["status"] == "published" else f" ({one_line(hit['status'])})"
            print(f"#{hit['id']:<6} {clean(hit['title'])}{state}  solved {hit['times_solved']}x")
            print(f"        {clean(hit['snippet'])}")
        return 0
    if args.kb_command == "show":
        data = article_json(desk, args.id)
        if args.json:
            _print_json(data)
            return 0
        tags = " ".join(f"#{t}" for t in data["tags"])
        print(clean(article_markdown(desk.kb.get(args.id))).rstrip())
        where = ", ".join(one_line(data[k]) or "—" for k in ("status", "visibility", "category"))
        print(
            f"\n— #{data['id']} {where} {one_line(tags)}; by {one_line(data['author'])}, "
            f"linked {data['times_linked']}x, solved {data['times_solved']}x"
        )
        return 0
    if args.kb_command == "reindex":
        print(f"reindexed {plural(desk.kb.reindex(), 'article')}")
        return 0
    directory = Path(args.dir)
    if args.kb_command == "export":
        count = kb_files.export_articles(desk.kb, directory)
        print(f"exported {plural(count, 'article')} to {directory}")
        return 0
    report = kb_files.import_articles(desk.kb, directory)
    print(report.summary())
    return 0


def run_maintenance(args: argparse.Namespace, settings: Settings) -> int:
    """`backup` and `doctor`: they read the file directly, so they work on a database
    that tuidesk could not open (and never migrate it)."""
    from pathlib import Path

    from tuidesk.services import maintenance
    from tuidesk.storage.sqlite_file import sqlite_path

    path = sqlite_path(settings.db)
    if path is None and args.command == "backup":
        raise CliError(
            "backup copies SQLite files; back up PostgreSQL with pg_dump "
            "(pg_dump -Fc -d DBNAME -f desk.dump; pg_restore -d DBNAME desk.dump), see README"
        )
    if args.command == "backup":
        assert path is not None
        size = maintenance.backup(Path(path), Path(args.path))
        print(f"backed up {path} to {args.path} ({size:,} bytes, integrity checked)")
        return 0
    if path is None:
        checks = maintenance.doctor_server(str(settings.db))
    else:
        checks = maintenance.doctor(Path(path))
    if args.json:
        _print_json(
            [{"check": c.name, "ok": c.ok, "warning": c.warning, "detail": c.detail}
             for c in checks]
        )  # fmt: skip
    else:
        for check in checks:
            print(clean(check.line()))
    failed = [c for c in checks if not c.ok and not c.warning]
    if failed and not args.json:
        print(f"{len(failed)} problem(s) found", file=sys.stderr)
    return 1 if failed else 0


def print_ticket(data: dict[str, Any]) -> None:
    print(f"#{data['id']} {one_line(data['subject'])}")
    print(
        f"  {one_line(data['status'])} · {priority_label(data['priority'])} · L{data['tier']} · "
        f"assignee {one_line(data['assignee']) or '—'} · {one_line(data['channel'])}"
    )
    requester, organization = data["requester"] or "—", data["organization"] or "—"
    print(f"  requester {one_line(requester)} ({one_line(organization)})")
    if data["description"]:
        print("\n" + clean(data["description"]))
    for event in data["history"]:
        # a created event's "new" is the ticket's fields as created (JSON), shown above
        shown = (event["old"] or event["new"]) and event["kind"] != "created"
        old, new = one_line(event["old"]), one_line(event["new"])
        change = f" {old} → {new}" if shown else ""
        minutes = f" {event['minutes']} min" if event["minutes"] else ""
        what = f"{one_line(event['kind'])} by {one_line(event['author'])}"
        print(f"\n[{event['created_at'][:16]}] {what}{change}{minutes}")
        if event["body"] and event["kind"] != "created":
            print("  " + clean(event["body"]).replace("\n", "\n  "))


def run_sla(args: argparse.Namespace, desk: Desk) -> int:
    from tuidesk.domain import sla

    if args.sla_command == "sweep":
        result = desk.sweep_sla()
        print(
            f"swept {plural(result.tickets, 'ticket')}: {plural(result.warnings, 'warning')}, "
            f"{plural(result.breaches, 'breach', 'breaches')}, "
            f"{plural(result.actions, 'breach action')}"
        )
        return 0
    if args.sla_command == "policies":
        data = {
            name: {
                "calendar": spec.calendar,
                "warn_share": spec.warn_share,
                "pausing": sorted(spec.pausing),
                "breach_action": spec.breach_action,
                "targets": {
                    f"P{p}": {
                        "first_response_minutes": int(t.first_response.total_seconds() // 60),
                        "resolution_minutes": int(t.resolution.total_seconds() // 60),
                    }
                    for p, t in sorted(spec.targets.items())
                },
            }
            for name, spec in sorted(desk.rules.policies.items())
        }
        if args.json:
            _print_json(data)
            return 0
        for name, policy in data.items():
            print(
                f"{one_line(name)}: calendar {one_line(policy['calendar'])}, warning at "
                f"{policy['warn_share']:.0%}, pauses in {one_line(', '.join(policy['pausing']))}, "
                f"on breach: {one_line(policy['breach_action'])}"
            )
            for priority, target in policy["targets"].items():
                first = sla.format_business(timedelta(minutes=target["first_response_minutes"]))
                resolution = sla.format_business(timedelta(minutes=target["resolution_minutes"]))
                print(f"  {priority}  first response {first:>7}   resolution {resolution:>7}")
        return 0
    clocks, policy = desk.clocks(args.id)
    pairs = [(clock, clock_json(clock)) for clock in (clocks.first_response, clocks.resolution)]
    if args.json:
        _print_json({"ticket": args.id, "policy": policy.name, "clocks": [j for _, j in pairs]})
        return 0
    print(f"#{args.id} under the {one_line(policy.name)} policy")
    for clock, data in pairs:
        due = f", due {data['due_at'][:16]} UTC" if data["due_at"] else ""
        left = sla.format_business(clock.remaining, policy.calendar)
        print(f"  {clock.kind:<15} {clock.state:<9} {left:>8}{due}")
    return 0


def clock_json(clock: object) -> dict[str, Any]:
    """The stable JSON shape of an SLA clock (documented in README)."""
    return {
        "clock": clock.kind,  # type: ignore[attr-defined]
        "state": clock.state,  # type: ignore[attr-defined]
        "target_minutes": int(clock.target.total_seconds() // 60),  # type: ignore[attr-defined]
        "due_at": _iso(clock.due_at),  # type: ignore[attr-defined]
        "remaining_seconds": int(clock.remaining.total_seconds()),  # type: ignore[attr-defined]
        "stopped_at": _iso(clock.stopped_at),  # type: ignore[attr-defined]
    }


def run_agent(args: argparse.Namespace, desk: Desk) -> int:
    if args.agent_command == "add":
        agent = desk.add_agent(
            args.login, name=args.name, tier=args.tier, role=args.role, email=args.email
        )
        print(f"added {agent.login} (L{agent.tier}, {agent.role})")
        return 0
    if args.agent_command in ("deactivate", "activate"):
        agent = desk.set_agent_active(args.login, args.agent_command == "activate")
        print(f"{args.agent_command}d {agent.login} ({one_line(agent.name)}, L{agent.tier} "
              f"{agent.role})")  # fmt: skip
        held = desk.count_tickets(workflow.ACTIVE_STATUSES, assignee=agent.login)
        if held and not agent.active:
            print(
                f"warning: {agent.login} still holds {plural(held, 'open ticket')}: give them "
                f"to others in the queue (f, assignee {agent.login}, then b)",
                file=sys.stderr,
            )
        return 0
    agents = desk.list_agents()
    if args.json:
        _print_json(
            [
                {
                    "login": a.login,
                    "name": a.name,
                    "tier": a.tier,
                    "role": a.role,
                    "active": a.active,
                }
                for a in agents
            ]
        )
    else:
        for a in agents:
            state = "" if a.active else "  (inactive)"
            login, role = one_line(a.login), one_line(a.role)
            print(f"{login:<16} L{a.tier}  {role:<6} {one_line(a.name)}{state}")
    return 0


def run_db(args: argparse.Namespace, settings: Settings) -> int:
    """`db grant`: as the tables' owner, migrate and apply the roles' privileges."""
    from tuidesk.services.identity import check_login
    from tuidesk.storage import roles
    from tuidesk.storage.sqlite_file import sqlite_path

    if sqlite_path(settings.db) is not None:
        raise CliError(
            "db grant sets up PostgreSQL roles (--db postgresql://OWNER@HOST/DBNAME); on "
            "SQLite the file's permissions decide who may write it (README: Trust model)"
        )
    roles.check_group(args.agents_group, "--agents-group")
    roles.check_group(args.admins_group, "--admins-group")
    for login in (*args.agent_logins, *args.admin_logins):
        check_login(login)
    from tuidesk.storage.database import open_database

    db = open_database(settings.db)
    try:
        report = roles.grant(
            db,
            agents=args.agents_group,
            admins=args.admins_group,
            agent_logins=args.agent_logins,
            admin_logins=args.admin_logins,
        )
    finally:
        db.dispose()
    print(
        f"granted {report.agents} (agents) and {report.admins} (admins) their privileges "
        f"on the tables of {one_line(report.owner)} in {db.describe()}"
    )
    for name in report.created:
        if name in (report.agents, report.admins):
            print(f"created the group role {name}")
        else:
            print(f"created the login role {name}, without a password: set one, or use a "
                  "client certificate")  # fmt: skip
    for login, group in report.members:
        print(f"{login} is a member of {group}")
    for login in report.promoted:
        print(f"{login} is now an admin of the desk")
    for name in report.others:
        print(
            f"warning: role {clean(name)} holds other privileges on these tables: REVOKE ALL "
            f"ON ALL TABLES IN SCHEMA {one_line(report.schema)} FROM {clean(name)}",
            file=sys.stderr,
        )
    return 0


def run(args: argparse.Namespace) -> int:
    settings = resolve_settings(db=args.db, demo=args.demo, as_login=args.as_login)
    if args.command is None:
        # no collections while starting: they cost about 40 ms before the first frame,
        # and the app collects on its own timer from then on (TuideskApp.on_mount)
        gc.disable()
        from tuidesk.startup import EarlyStart

        # the database is read in a thread while Textual is imported (tuidesk.startup)
        early = EarlyStart(settings.db, settings.as_login, demo=settings.demo)
        from tuidesk.app import make_app

        if settings.demo:
            print("Opening the demo help desk…", file=sys.stderr)
        app = make_app(settings, early=early)
        app.run()
        if app.crashed:  # Textual printed the traceback above
            from tuidesk.bugs import crash_notice

            print(f"tuidesk: {crash_notice(app.drafts.folder, app.crash_log)}", file=sys.stderr)
            return app.return_code or 1
        return app.return_code or 0
    if args.command == "seed":
        from tuidesk.seed import seed_database
        from tuidesk.storage.database import open_database

        db = open_database(settings.db)
        result = seed_database(
            db, tickets=args.tickets, articles=args.articles, random_seed=args.random_seed
        )
        print(
            f"seeded {result.tickets:,} tickets, {result.events:,} events and "
            f"{result.articles:,} articles in {result.seconds:.1f} s into {db.describe()}"
        )
        return 0
    if args.command in ("backup", "doctor"):
        return run_maintenance(args, settings)
    if args.command == "db":
        return run_db(args, settings)
    desk = _open_desk(settings)
    if args.command == "ticket":
        return run_ticket(args, desk)
    if args.command == "agent":
        return run_agent(args, desk)
    if args.command == "sla":
        return run_sla(args, desk)
    if args.command == "stats":
        return run_stats(args, desk)
    if args.command == "kb":
        return run_kb(args, desk)
    raise CliError(f"unknown command {args.command!r}")


def main(argv: Sequence[str] | None = None) -> int:
    # bytes of the command line that are not UTF-8 come as lone surrogates (Python's
    # surrogateescape), which no database can store: they become U+FFFD, as on stdin
    argv = [
        os.fsencode(arg).decode("utf-8", errors="replace") if _SURROGATE.search(arg) else arg
        for arg in (sys.argv[1:] if argv is None else argv)
    ]
    args = None
    try:
        # inside: the types of some arguments end in one line of their own (_whole)
        args = app_start_args(argv) or build_parser().parse_args(argv)
        return run(args)
    except TuideskError as error:
        print(f"tuidesk: error: {refusal(error, args)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, and let nothing flush into the pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
