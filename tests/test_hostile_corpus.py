"""Issue #8: the hostile corpus (tests/hostile_corpus.py) through every entry point and screen.

Stored exactly as received, apart from these normalisations, which are the fields' own:

- ticket subject: trimmed (`str.strip`); one line of at most 200 characters, else refused
- customer name (and a customer's location, phone and organization): trimmed; one line
  (no "\n", no "\r") of at most 200 characters, else refused; a name is required
- reply, internal note, theory: trimmed; refused when nothing is left
- category of a ticket or an article: trimmed and lower-cased; one line of at most 60
  characters, else refused
- ticket description and goal: as received
- article title: runs of whitespace folded to one space; at most 200 characters
- article symptoms, cause, resolution: leading and trailing newlines dropped
- tags: split at whitespace and commas, lower-cased, unique and sorted; a word that is not
  a tag (letters, digits, '.', '+', '-', '_'; at most 40) is refused, and so are more than
  20 tags
- on PostgreSQL, NUL is stored as U+FFFD (tuidesk.storage.engine); SQLite keeps it
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.segment import ControlType, Segment
from textual import events
from textual._compositor import LayoutUpdate
from textual.color import Color
from textual.widgets import Input, OptionList, TextArea

from tests.conftest import FIXED_NOW, Clock
from tests.helpers import settle, until
from tests.hostile_corpus import CASES, CONTROL_CHARACTERS, SMALL, Case, joined
from tests.hostile_corpus import case as named
from tuidesk.app import TuideskApp, make_app
from tuidesk.cli import main
from tuidesk.config import Settings, resolve_settings
from tuidesk.domain import workflow
from tuidesk.errors import ValidationError
from tuidesk.screens.intake import IntakeScreen
from tuidesk.screens.kb import KbScreen
from tuidesk.screens.modals.article_editor import ArticleEditorScreen
from tuidesk.screens.modals.filter import FilterScreen
from tuidesk.screens.modals.new_customer import NewCustomerScreen
from tuidesk.screens.queue import QueueScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.services.desk import MAX_NAME, MAX_SUBJECT, Desk
from tuidesk.services.identity import resolve_actor
from tuidesk.services.kb import MAX_TITLE
from tuidesk.storage.database import open_database
from tuidesk.storage.engine import Database
from tuidesk.storage.models import Customer, TicketEvent
from tuidesk.storage.read.kb_search import words
from tuidesk.storage.read.queue import VIEW_BY_KEY, Filter
from tuidesk.text import NO_CONTROL_CHARACTERS, ControlCharacterFilter, clean
from tuidesk.widgets.ticket_list import TicketList

pytestmark = pytest.mark.backends

IDS = [c.name for c in CASES]


def as_stored(text: str, backend: str) -> str:
    return text.replace("\x00", "\ufffd") if backend == "postgresql" else text


def expected_subject(text: str) -> str | None:
    subject = text.strip()
    return subject if subject and "\n" not in subject and len(subject) <= MAX_SUBJECT else None


def expected_name(text: str) -> str | None:
    name = text.strip()
    return name if name and not {"\n", "\r"} & set(name) and len(name) <= MAX_NAME else None


def expected_category(text: str) -> str | None:
    category = text.strip().lower()
    return category if not {"\n", "\r"} & set(category) and len(category) <= 60 else None


def named_customer(desk: Desk, name: str) -> int:
    """A customer called `name`, even one the desk refuses now (too long, two lines): as
    a database written before names had limits holds it."""
    customer = desk.create_customer(name=name if expected_name(name) else "Placeholder")
    if not expected_name(name):
        with desk.db.write() as session:
            stored = session.get(Customer, customer.id)
            assert stored is not None
            stored.name = name.strip()
    assert customer.id is not None
    return customer.id


def expected_title(text: str) -> str | None:
    title = " ".join(text.split())
    return title if title and len(title) <= MAX_TITLE else None


def expected_tags(text: str) -> str | None:
    tags = sorted({w.lower() for w in text.replace(",", " ").split()})
    ok = all(t[0].isalnum() or t[0] == "_" for t in tags)
    ok = ok and all(len(t) <= 40 and all(ch.isalnum() or ch in "._+-" for ch in t) for t in tags)
    ok = ok and len(tags) <= 20
    return " ".join(tags) if ok else None


def refused(field: str):  # type: ignore[no-untyped-def]
    return pytest.raises(ValidationError, check=lambda e: e.field == field)


# ---- the services ---------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_services_store_text_as_received(desk: Desk, backend: str, case: Case) -> None:
    text = case.text
    stored = partial(as_stored, backend=backend)
    # a customer taken on the phone (a megabyte is no name: kept to the bodies)
    name = text if not case.big else "Huge Log"
    if expected_name(name):
        customer = desk.create_customer(name=name, location=name)
        with refused("email"):
            desk.create_customer(name="Mallory", email=name)
        assert desk.find_or_create_customer(name).id == customer.id  # by its name
    else:
        with refused("name"):
            desk.create_customer(name=name)
        if name.strip():
            with refused("requester"):
                desk.find_or_create_customer(name)
        customer = desk.create_customer(name=f"Customer {case.name}")
    assert customer.id is not None

    subject = expected_subject(text)
    if subject is None:
        with refused("subject"):
            desk.create_ticket(subject=text, requester_id=customer.id)
    category = expected_category(text)
    if category is None:
        with refused("category"):
            desk.create_ticket(subject="x", requester_id=customer.id, category=text)
    ticket = desk.create_ticket(
        subject=text if subject else f"case {case.name}",
        requester_id=customer.id,
        description=text,
        goal=text,
        category=text if category is not None else "",
    )
    assert ticket.id is not None
    if text.strip():
        desk.reply(ticket.id, text)
        desk.add_note(ticket.id, text)
        desk.set_theory(ticket.id, text)
        desk.set_theory(ticket.id, "The theory after")
    else:
        for write in (desk.reply, desk.add_note):
            with refused("body"):
                write(ticket.id, text)
        with refused("theory"):
            desk.set_theory(ticket.id, text)

    detail = desk.ticket_detail(ticket.id)  # read back
    assert detail.ticket.subject == stored(subject or f"case {case.name}")
    assert detail.ticket.description == stored(text)
    assert detail.ticket.goal == stored(text)
    assert detail.ticket.category == stored(category or "")
    assert detail.requester is not None and detail.requester.id == customer.id
    if expected_name(name):
        assert detail.requester.name == detail.requester.location == stored(name.strip())
    # (the reply opened the ticket and took it: those events hold no text of the case)
    bodies = [
        (e.event.kind, e.event.body, e.event.old_value)
        for e in detail.history
        if e.event.kind not in ("assignment", "status")
    ]
    assert bodies[0] == ("created", stored(text), "")
    if text.strip():
        said = stored(text.strip())
        assert bodies[1:] == [
            ("reply", said, ""),
            ("note", said, ""),
            ("theory", said, ""),
            ("theory", "The theory after", said),  # the old theory, as written
        ]

    # the queue's free-text filter: the text is never SQL, and finds the ticket's subject
    reader = desk.queue_reader()
    try:
        view, now = VIEW_BY_KEY["open"], desk.clock()
        query = text if not case.big else text.splitlines()[0]
        for narrow in {Filter(text=query), Filter(text=" ".join(query.split()))}:
            rows = reader.window(view, now, offset=0, limit=50, narrow=narrow)
            assert reader.count(view, now, narrow) == len(rows)
        if subject:
            narrow = Filter(text=subject)
            rows = reader.window(view, now, offset=0, limit=50, narrow=narrow)
            assert [r.id for r in rows] == [ticket.id]
            assert rows[0].subject == stored(subject)
    finally:
        reader.close()

    # an article: created, edited, tagged, and found by its text
    kb = desk.kb
    article = kb.create(title=f"Article {case.name}", symptoms=text, cause=text, resolution=text)
    assert article.id is not None
    body = stored(text.strip("\n"))
    read = kb.get(article.id)
    assert (read.symptoms, read.cause, read.resolution) == (body, body, body)
    title = expected_title(text)
    if title is None:
        with refused("title"):
            kb.update(article.id, title=text)
    else:
        kb.update(article.id, title=text, symptoms=f"{text}\n2")
    tags = expected_tags(text)
    if tags is None:
        with refused("tags"):
            kb.update(article.id, tags=text)
    else:
        kb.update(article.id, tags=text)
    if category is None:
        with refused("category"):
            kb.update(article.id, category=text)
    elif category:
        kb.update(article.id, category=text)
    read = kb.get(article.id)
    assert read.category == stored(category or "")
    assert read.title == stored(title or f"Article {case.name}")
    assert read.symptoms == (stored(text.lstrip("\n") + "\n2") if title else body)
    assert (read.cause, read.resolution) == (body, body)
    assert read.tags == stored(tags or "")
    revisions = kb.revisions(article.id)
    assert revisions[-1].title == read.title  # oldest first, the text as stored

    result = kb.search(text)  # never raises, whatever the text
    assert result.query == text
    if title is not None and words(text):
        assert article.id in [h.id for h in result.hits], result


# ---- the command line ------------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str


class Cli:
    """`tuidesk.cli.main()` in this process, checked as a script would want it."""

    def __init__(self, target: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.target, self.capsys, self.monkeypatch = target, capsys, monkeypatch

    def __call__(self, *args: str, stdin: bytes | None = None, ok: bool = True) -> Run:
        if stdin is not None:
            self.monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        try:
            code = main([f"--db={self.target}", *args])
        except SystemExit as done:  # argparse
            code = int(done.code or 0)
        out, err = self.capsys.readouterr()
        run = Run(code, out, err)
        for stream in (out, err):
            assert "Traceback" not in stream
            # CONTROL_CHARACTERS, less the newlines and tabs of plain output
            bad = sorted({hex(ord(c)) for c in CONTROL_CHARACTERS.findall(stream)} - {"0xa", "0x9"})
            assert not bad, (args, bad)
        if ok:
            assert code == 0 and not err, (args, run)
        else:
            assert code == 2 and out == "", (args, run)
            assert err.startswith("tuidesk: error: ") and err.count("\n") == 1, (args, run)
        return run


@pytest.fixture
def cli(db_target: str, capsys, monkeypatch) -> Cli:  # type: ignore[no-untyped-def]
    return Cli(db_target, capsys, monkeypatch)


def sent(case: Case) -> bytes:
    """The case as bytes on stdin: the bytes it came as, or its text in UTF-8."""
    return case.raw if case.raw is not None else case.text.encode()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_command_line_takes_each_case_as_arguments_and_on_stdin(
    cli: Cli, desk: Desk, backend: str, case: Case
) -> None:
    # option values are given as --option=VALUE and positionals after --, as a script
    # passing any text must (argparse takes "-x" for an option otherwise)
    text = case.text
    stored = partial(as_stored, backend=backend)
    # a megabyte comes on stdin only: no shell passes it as one argument
    argument = text if not case.big else text.splitlines()[0]
    subject = expected_subject(argument)
    requester = argument if expected_name(argument) else f"Customer {case.name}"
    category = expected_category(argument)
    new = ("ticket", "new", f"--requester={requester}", "--body=-")
    if subject is None:
        cli(*new, f"--subject={argument}", stdin=sent(case), ok=False)
    if expected_name(argument) is None:
        cli("ticket", "new", f"--requester={argument}", "--subject=x", ok=False)
    if category is None:
        cli(*new, "--subject=x", f"--category={argument}", stdin=sent(case), ok=False)
    run = cli(
        *new, f"--subject={argument if subject else f'case {case.name}'}",
        f"--category={argument if category is not None else ''}", stdin=sent(case),
    )  # fmt: skip
    ticket_id = run.out.strip()
    assert ticket_id == "1"  # the refused ones wrote no ticket

    cli("ticket", "reply", ticket_id, f"--body={argument}", ok=bool(argument.strip()))
    if argument.strip():  # (the command line has no theory command: the app's way)
        desk.set_theory(1, argument)
        desk.set_theory(1, "The theory after")

    data = json.loads(cli("ticket", "show", ticket_id, "--json").out)
    assert data["subject"] == stored(subject or f"case {case.name}")
    assert data["description"] == stored(text)
    assert data["requester"] == stored(requester.strip())
    assert data["category"] == stored(category or "")
    bodies = [
        (e["kind"], e["body"], e["old"])
        for e in data["history"]
        if e["kind"] not in ("assignment", "status")
    ]
    if argument.strip():
        said = stored(argument.strip())
        assert bodies == [
            ("created", stored(text), ""),
            ("reply", said, ""),
            ("theory", said, ""),
            ("theory", "The theory after", said),
        ]
    shown = cli("ticket", "show", ticket_id).out
    listed = cli("ticket", "list").out
    assert len(listed.splitlines()) == 1  # one ticket, one line
    if case.probe and backend == "sqlite":  # (PostgreSQL shows NUL as U+FFFD)
        assert case.probe in shown
        if subject:
            assert case.probe in listed

    # the knowledge base: searches, filters and an article's text
    title = expected_title(argument)
    article = desk.kb.create(
        title=argument if title else f"Article {case.name}", symptoms=text, resolution=text,
        category=argument if category is not None else "",
    )  # fmt: skip
    found = cli("kb", "search", "--", argument).out
    if title and words(argument):
        assert f"#{article.id}" in found
    narrowed = ("--json", f"--tag={argument}", f"--category={argument}")
    assert json.loads(cli("kb", "search", *narrowed, "--", argument).out)["query"] == argument
    shown = cli("kb", "show", str(article.id)).out
    if case.probe and backend == "sqlite":
        assert case.probe in shown


def test_agents_and_logins_from_the_command_line(cli: Cli, desk: Desk, backend: str) -> None:
    text = joined()  # every case in one
    cli("agent", "add", "mallory", f"--name={text}")
    assert len(cli("agent", "list").out.splitlines()) == 2  # one line each
    names = {agent.login: agent.name for agent in desk.list_agents()}
    assert names["mallory"] == as_stored(text.strip(), backend)
    cli("agent", "add", "--name=x", "--", text, ok=False)  # not a login
    cli(f"--as={text}", "ticket", "list", ok=False)  # no such agent


def test_one_line_fields_stay_on_their_line_in_the_command_line_output(
    cli: Cli, desk: Desk
) -> None:
    """A subject may hold a carriage return (only "\\n" is refused), an agent's name
    anything, and a customer's name line breaks when it was stored before they were
    refused."""
    name = named("line-breaks").text
    cli("ticket", "new", "--subject=x", f"--requester={name}", ok=False)
    customer = named_customer(desk, name)
    assert desk.find_or_create_customer(name).id == customer
    run = cli("ticket", "new", "--subject=crlf\rcr only", f"--requester={name}", "--body=x")
    assert run.out == "1\n"
    cli("agent", "add", "mallory", f"--name={name}")
    assert cli("ticket", "list").out.count("\n") == 1
    assert cli("agent", "list").out.count("\n") == 2
    head = cli("ticket", "show", "1").out.splitlines()
    assert head[0] == "#1 crlf cr only"
    assert head[2] == "  requester crlf line two cr only indented tab (—)"


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: control characters, quote and backslash escaped."""
    return (
        '"'
        + "".join(f"\\u{ord(ch):04x}" if ch < " " or ch in '\x7f"\\' else ch for ch in text)
        + '"'
    )


def test_every_event_shows_its_old_and_new_values_literally(
    cli: Cli, desk: Desk, backend: str
) -> None:
    """`ticket show` prints each event's "old → new" (an old theory, a policy's name …)."""
    text = joined()
    customer = desk.find_or_create_customer("c")
    assert customer.id is not None
    ticket = desk.create_ticket(subject="s", requester_id=customer.id)
    assert ticket.id is not None
    with desk.db.write() as session:  # every kind there is, as a database may hold them
        for kind in workflow.EVENT_KINDS:
            session.add(
                TicketEvent(ticket_id=ticket.id, kind=kind, author_id=desk.actor.id,
                            created_at=FIXED_NOW, old_value=text, new_value=f"new {text}")
            )  # fmt: skip
    shown = cli("ticket", "show", str(ticket.id)).out
    folded = " ".join(clean(as_stored(text, backend)).split())
    # all but "created", whose fields as created are the ticket's own lines on top
    assert shown.count(f" {folded} → new {folded}") == len(workflow.EVENT_KINDS) - 1


def test_sla_policies_clocks_and_stats_show_configured_names_literally(
    cli: Cli, db: Database, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Policy and calendar names come from the config file, and are shown by `sla
    policies`, `sla clocks` and a ticket's policy change."""
    policy, calendar = f"policy {joined()}", f"calendar {joined()}"
    config = tmp_path / "config.toml"
    config.write_text(
        f"[calendars.{toml_string(calendar)}]\npreset = '24x7'\n"
        f"[sla.{toml_string(policy)}]\ncalendar = {toml_string(calendar)}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TUIDESK_CONFIG", str(config))
    rules = resolve_settings().rules
    assert policy in rules.policies
    desk = Desk(db, resolve_actor(db), Clock(FIXED_NOW), rules)
    customer = desk.find_or_create_customer("c")
    assert customer.id is not None
    ticket_id = desk.create_ticket(subject="s", requester_id=customer.id).id
    assert ticket_id is not None
    desk.set_policy(ticket_id, policy)
    desk.escalate(ticket_id, tier=2, tried="t", theory="h", needs="n")

    probes = [c.probe for c in SMALL if c.probe and c.name != "nul"]
    outputs = [
        cli("sla", "policies").out,
        cli("ticket", "show", str(ticket_id)).out,
        cli("sla", "clocks", str(ticket_id)).out if backend == "sqlite" else "",
    ]
    for shown in filter(None, outputs):
        for probe in probes:
            assert probe in shown, (probe, shown)
    assert "L2" in cli("stats").out


RAW = tuple(c for c in CASES if c.raw is not None)


def test_bytes_that_are_not_utf8_on_the_command_line_are_decoded_at_the_edge(
    cli: Cli, db_target: str, backend: str
) -> None:
    """A real process: Python hands invalid argv bytes over as lone surrogates."""

    def tuidesk(*args: bytes) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "tuidesk", b"--db=" + os.fsencode(db_target), *args]
        done = subprocess.run(command, capture_output=True, timeout=60)
        for stream in (done.stdout, done.stderr):
            assert b"Traceback" not in stream, done
            assert not CONTROL_CHARACTERS.search(stream.decode().replace("\n", "")), done
        return done

    first, second = RAW
    assert first.raw is not None and second.raw is not None
    done = tuidesk(b"ticket", b"new", b"--subject=" + first.raw, b"--requester=" + second.raw,
                   b"--body=" + first.raw + second.raw, b"--goal=" + second.raw)  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, b"1\n", b""), done
    data = json.loads(cli("ticket", "show", "1", "--json").out)
    assert (data["subject"], data["requester"]) == (first.text, second.text)
    assert (data["description"], data["goal"]) == (first.text + second.text, second.text)
    query = first.raw + b" " + second.raw
    done = tuidesk(b"kb", b"search", b"--json", b"--", query)
    assert done.returncode == 0, done
    assert json.loads(done.stdout)["query"] == query.decode(errors="replace")
    done = tuidesk(b"--as=" + query, b"ticket", b"list")
    assert done.returncode == 2 and done.stdout == b"", done
    assert done.stderr.startswith(b"tuidesk: error: ") and done.stderr.count(b"\n") == 1, done


# ---- the screens -----------------------------------------------------------------------

# Input and TextArea show text as it is typed, pasted or loaded into them: kept from the
# terminal by tuidesk.text.NO_CONTROL_CHARACTERS once the app draws with it
EDITING = (Input, TextArea)
UNFILTERED = (
    "Input and TextArea draw control characters as they hold them: TuideskApp must add "
    "tuidesk.text.NO_CONTROL_CHARACTERS to its line filters (get_line_filters)"
)


def screen_lines(app: TuideskApp) -> list[str]:
    """The screen as the terminal would get it: one string per line, without styles."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    return ["".join(strip.text for strip in line) for line in update.strips]


def check_screen(app: TuideskApp, *probes: str, editing: list[str] | None = None) -> str:
    """No control character on any line (in an Input or a TextArea, with `editing`, they
    are kept there instead); each probe somewhere on screen. The screen's text."""
    lines = screen_lines(app)
    for y, line in enumerate(lines):
        found = CONTROL_CHARACTERS.search(line)
        if found is None:
            continue
        widget, _ = app.screen.get_widget_at(cell_len(line[: found.start()]), y)
        if editing is not None and isinstance(widget, EDITING):
            editing.append(f"{widget!r}: {line.strip()!r}")
            continue
        raise AssertionError(f"{type(app.screen).__name__} line {y} ({widget!r}): {line!r}")
    shown = "\n".join(lines)
    for probe in probes:
        assert probe in shown, (type(app.screen).__name__, probe, shown)
    return shown


def no_control_characters_in(app: TuideskApp, editing: list[str]) -> None:
    filtered = any(isinstance(f, ControlCharacterFilter) for f in app.get_line_filters())
    if editing and not filtered:
        pytest.xfail(f"{UNFILTERED}; {len(editing)} lines, such as {editing[0]}")
    assert not editing, editing[:5]


def test_the_line_filter_drops_control_characters_and_moves_nothing() -> None:
    for case in CASES:
        line = [Segment(case.text[:300]), Segment("\x1b[2J", None, [(ControlType.HOME,)])]
        filtered = NO_CONTROL_CHARACTERS.apply(line, Color(0, 0, 0))
        assert not CONTROL_CHARACTERS.search(filtered[0].text)
        assert cell_len(filtered[0].text) == cell_len(line[0].text)
        assert filtered[1] == line[1]  # a control segment is the terminal's own business


def empty_app(path: Path) -> TuideskApp:
    """The app on a new desk: the queue holds only what the test puts there."""
    db = open_database(path)
    return make_app(Settings(db=str(path)), db=db, clock=Clock(FIXED_NOW))


def one_line_subject(case: Case) -> str:
    """The case as a subject, which must be one line of 200 characters at most."""
    return case.text.replace("\n", " ")[:MAX_SUBJECT].strip() or f"case {case.name}"


async def loaded(pilot, screen: TicketScreen) -> None:  # type: ignore[no-untyped-def]
    """Wait until the ticket screen shows its (current) ticket."""
    for _ in range(500):
        if screen.detail is not None and screen.detail.ticket.id == screen.ticket_id:
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError(f"ticket #{screen.ticket_id} did not load")


async def paste(pilot, widget: Input | TextArea, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put `text` in the box as a terminal pastes it (an Input keeps the first line)."""
    if isinstance(widget, Input):
        widget.value = ""
    else:
        widget.load_text("")
    widget.focus()
    await pilot.pause(0)
    pilot.app.post_message(events.Paste(text))  # as the driver does: to the focused widget
    await pilot.pause(0)


async def test_queue_and_ticket_screens_show_every_case_literally(db_path: Path) -> None:
    app = empty_app(db_path)
    desk = app.desk
    tickets: dict[int, Case] = {}
    # (a megabyte on the ticket screen: tests/test_hostile_ticket.py)
    for case in SMALL:
        text = case.text
        customer = named_customer(desk, text if text.strip() else "Only Whitespace")
        ticket = desk.create_ticket(
            subject=one_line_subject(case), requester_id=customer, description=text,
            goal=text, urgency=1, impact=1,
        )  # fmt: skip
        if text.strip():
            desk.reply(ticket.id, text)
            desk.add_note(ticket.id, text)
        tickets[ticket.id] = case
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(TicketList).total == len(SMALL)
        check_screen(app, *(c.probe for c in SMALL))  # every subject, literally
        # each ticket in turn, as ] steps through the queue's view
        await pilot.press("g", "enter")
        seen = set()
        for _ in tickets:
            screen = app.screen
            assert isinstance(screen, TicketScreen)
            await loaded(pilot, screen)
            seen.add(screen.ticket_id)
            check_screen(app, tickets[screen.ticket_id].probe)
            screen.action_step(1)  # the ] key
        assert seen == set(tickets)
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)


async def test_kb_screen_shows_every_article_literally(db_path: Path) -> None:
    app = empty_app(db_path)
    articles: dict[int, Case] = {}
    for n, case in enumerate(SMALL):
        title = expected_title(case.text)
        article = app.desk.kb.create(
            title=case.text if title else f"Article {case.name}", symptoms=case.text,
            cause=case.text, resolution=case.text, tags=f"group{n % 2}",
        )  # fmt: skip
        articles[article.id] = case
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KbScreen)
        results = screen.query_one("#kb-results", OptionList)
        seen = set()
        for group in ("group0", "group1"):
            screen.query_one("#kb-query", Input).value = group
            await until(pilot, lambda: screen.shown == screen.searches and screen.hits)
            check_screen(app)  # the results: titles, snippets, tags
            for position, hit in enumerate(screen.hits):
                results.highlighted = position
                await until(pilot, lambda hit=hit: screen.view and screen.view.id == hit.id)
                check_screen(app, articles[hit.id].probe)  # the article's view
                seen.add(hit.id)
        assert seen == set(articles)


# the cases applied as the queue's filter on the screen: one of each kind
APPLIED = {"markup-click", "ansi-cursor", "osc-52", "nul", "email-invalid-utf8", "bidi-override",
           "wide", "sql-or", "fts-near"}  # fmt: skip


async def test_search_boxes_take_every_case(db_path: Path) -> None:
    app = empty_app(db_path)
    desk = app.desk
    tickets: dict[int, Case] = {}
    subjects: dict[int, str] = {}
    for case in SMALL:
        customer = desk.create_customer(name=f"Customer {case.name}")
        subject = one_line_subject(case)
        ticket_id = desk.create_ticket(subject=subject, requester_id=customer.id).id
        tickets[ticket_id], subjects[ticket_id] = case, subject.lower()
        desk.kb.create(title=subject, symptoms=case.text)
    editing: list[str] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        ticket_list = app.screen.query_one(TicketList)
        # the queue's search (/): every case pasted in is shown as typed, and some are
        # applied (every case is a filter in test_the_services_store_text_as_received)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await pilot.press("slash")
        for ticket_id, each in tickets.items():
            form = app.screen
            assert isinstance(form, FilterScreen)
            await paste(pilot, form.query_one("#filter-text", Input), each.text)
            check_screen(app, editing=editing)
            if each.name not in APPLIED:
                continue
            await pilot.press("enter")
            assert app.screen is queue
            await app.workers.wait_for_complete()
            await pilot.pause(0)
            check_screen(app, editing=editing)  # the filter is described in the header
            query = " ".join((each.text.splitlines() or [""])[0].split())
            assert queue.narrow == Filter(text=query)
            if query.lower() in subjects[ticket_id]:
                assert ticket_id in [row.id for row in ticket_list.rows.values()], each.name
            await pilot.press("slash")  # again, for the cases that follow
        await pilot.press("escape")
        assert app.screen is queue
        # the knowledge base's search box: every case a query, as typed
        await pilot.press("escape", "K")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KbScreen)
        box = screen.query_one("#kb-query", Input)
        for each in SMALL:
            await paste(pilot, box, each.text)
            await until(pilot, lambda: screen.shown == screen.searches)
            assert box.value == (each.text.splitlines() or [""])[0]
            check_screen(app, editing=editing)
            if words(box.value):
                assert screen.hits, each.name  # the article titled with it, at least
    no_control_characters_in(app, editing)


async def test_intake_and_the_article_editor_take_and_show_every_case(db_path: Path) -> None:
    app = empty_app(db_path)
    text = joined()
    article = app.desk.kb.create(
        title=one_line_subject(named("osc-52")), symptoms=text, cause=text, resolution=text,
    )  # fmt: skip
    editing: list[str] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        intake = app.screen
        assert isinstance(intake, IntakeScreen)
        # the requester box searches customers (one case of each kind: every case goes
        # into the search boxes in test_search_boxes_take_every_case)
        requester = intake.query_one("#intake-requester", Input)
        for each in (c for c in SMALL if c.name in APPLIED):
            await paste(pilot, requester, each.text)
            await until(pilot, lambda: all(worker.is_finished for worker in app.workers))
            check_screen(app, editing=editing)
        # a new customer: ctrl+n takes the name from the requester box
        await paste(pilot, requester, named("content-variables").text)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewCustomerScreen)
        await paste(pilot, app.screen.query_one("#customer-location", Input), named("osc-8").text)
        check_screen(app, editing=editing)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: intake.customer is not None)
        # the form: a subject, the symptoms (every case) and the goal, pasted
        await paste(pilot, intake.query_one("#intake-subject", Input), named("ansi-cursor").text)
        await paste(pilot, intake.query_one("#intake-symptoms", TextArea), text)
        await paste(pilot, intake.query_one("#intake-goal", Input), named("bidi-override").text)
        check_screen(app, editing=editing)
        symptoms = intake.query_one("#intake-symptoms", TextArea).text
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TicketScreen))
        ticket_screen = app.screen
        assert isinstance(ticket_screen, TicketScreen)
        await loaded(pilot, ticket_screen)
        check_screen(app, named("content-variables").probe, "[2J[Hcleared")
        detail = app.desk.ticket_detail(ticket_screen.ticket_id)
        assert detail.ticket.subject == named("ansi-cursor").text
        assert detail.ticket.goal == named("bidi-override").text.strip()
        # the editor keeps line breaks its own way (\r\n, \x0b … are newlines to it)
        assert detail.ticket.description == symptoms
        assert symptoms.split() == text.split()
        assert detail.requester is not None
        assert detail.requester.name == named("content-variables").text
        assert detail.requester.location == named("osc-8").text
        # the article editor shows an article's text as stored
        await pilot.press("escape", "K")
        await settle(pilot)
        kb = app.screen
        assert isinstance(kb, KbScreen)
        kb.query_one("#kb-query", Input).value = "clipboard"
        await until(pilot, lambda: kb.view is not None and kb.view.id == article.id)
        check_screen(app, "]52;c;ZXZp")
        await pilot.press("down", "e")
        await until(pilot, lambda: isinstance(app.screen, ArticleEditorScreen))
        editor = app.screen
        assert isinstance(editor, ArticleEditorScreen)
        await until(pilot, lambda: editor.loaded)
        assert editor.query_one("#ae-symptoms", TextArea).text.split() == text.split()
        check_screen(app, "]52;c;ZXZp", editing=editing)
        await pilot.press("escape")
    no_control_characters_in(app, editing)


NON_ASCII_CAPITALS = "Ölkonzern ÄRZTE ＡＢＣ"


def test_text_with_non_ascii_capitals_is_found_by_itself(desk: Desk) -> None:
    """SQLite's own lower() folds ASCII only: tuidesk installs Python's on every
    connection (storage/sqlite_functions.py), as PostgreSQL's lower() folds them all."""
    customer = desk.find_or_create_customer(NON_ASCII_CAPITALS)
    assert customer.id is not None
    ticket = desk.create_ticket(subject=NON_ASCII_CAPITALS, requester_id=customer.id)
    reader = desk.queue_reader()
    try:
        rows = reader.window(VIEW_BY_KEY["open"], desk.clock(), offset=0, limit=5,
                             narrow=Filter(text=NON_ASCII_CAPITALS))  # fmt: skip
    finally:
        reader.close()
    assert [r.id for r in rows] == [ticket.id]
    assert desk.find_or_create_customer(NON_ASCII_CAPITALS).id == customer.id


# ---- names, titles and models in every widget that shows them ---------------------------

# what people name things, one field each: an agent's name comes from the OS account
# (`chfn`), the rest from the phone, a form, an imported article. Markup that closes what
# was never opened made Textual raise; control characters must not reach the terminal.
NAMES = {
    "me": "Ada [/b] Lovelace \x1b]0;owned\x07",
    "agent": "Mark [/b] Up [@click=app.quit]x[/]",
    "customer": "Cust [/] omer [link=x]y",
    "organization": "Org [/i] anisation $accent",
    "kind": "Printer [/s] \x1b[31mred",
    "model": "LaserJet [/u] 4000",
    "serial": "SN [b [/ [[ ]]",
    "vendor": "Vendor [/link] Repair :warning:",
    "title": "Toner [/i] smear \u202efdp.exe",
    "category": "cat [/] egory \\[b]",
    "view": "My [/b] view [red]",
}
# tags are words (a stored tag from before that rule, as a database may hold it)
HOSTILE_TAGS = ("[/b]", "[i]x")


def probe(key: str) -> str:
    """The part of a name that must show on screen: its first words, as typed."""
    return " ".join(clean(NAMES[key]).split()[:3])


def hostile_desk_app(path: Path) -> TuideskApp:
    """A desk whose agents, customer, organization, equipment, vendor, article, tags,
    category and saved view are named from the corpus; the acting agent too."""
    from tuidesk.storage.models import Agent, Article, TicketTag

    db = open_database(path)
    me = resolve_actor(db)
    with db.write() as session:
        stored = session.get(Agent, me.id)
        assert stored is not None
        stored.name = NAMES["me"]
    desk = Desk(db, resolve_actor(db), Clock(FIXED_NOW))
    mark = desk.add_agent("mark", name=NAMES["agent"], tier=2)
    customer = desk.create_customer(name=NAMES["customer"], organization=NAMES["organization"])
    assert customer.id is not None
    asset = desk.create_asset(
        customer.id, kind=NAMES["kind"], model=NAMES["model"], serial=NAMES["serial"]
    )
    ticket = desk.create_ticket(
        subject="Printer streaks", requester_id=customer.id, asset_id=asset.id,
        category=NAMES["category"],
    )  # fmt: skip
    assert ticket.id is not None
    desk.assign(ticket.id, "mark")
    Desk(db, mark, Clock(FIXED_NOW)).add_note(ticket.id, "Checked the drum")
    other = desk.create_ticket(subject="Second", requester_id=customer.id)
    desk.escalate(other.id, tier=4, tried="t", theory="h", needs="n", skip_reason="r",
                  vendor=NAMES["vendor"], vendor_ref="1", vendor_hours=8)  # fmt: skip
    article = Desk(db, mark, Clock(FIXED_NOW)).kb.create(
        title=NAMES["title"], symptoms="streaks", category=NAMES["category"],
    )  # fmt: skip
    desk.kb.update(article.id, symptoms="streaks on every page")
    with db.write() as session:
        session.add_all(TicketTag(ticket_id=ticket.id, tag=tag) for tag in HOSTILE_TAGS)
        stored_article = session.get(Article, article.id)
        assert stored_article is not None
        stored_article.tags = " ".join(HOSTILE_TAGS)
    desk.save_view(NAMES["view"], "open", Filter(), "due", False)
    return make_app(Settings(db=str(path)), db=db, clock=Clock(FIXED_NOW))


async def open_dropdown(pilot, select_id: str, key: str = "enter") -> str:  # type: ignore[no-untyped-def]
    """Open the Select as an agent does (focus, Enter; Space in a form where Enter
    applies) and return the screen's text."""
    from textual.widgets import Select

    select = pilot.app.screen.query_one(select_id, Select)
    select.focus()
    await pilot.press(key)
    await until(pilot, lambda: select.expanded)
    return check_screen(pilot.app)


async def test_names_titles_and_models_show_literally_in_every_widget(db_path: Path) -> None:
    from textual.command import CommandPalette
    from textual.widgets import Select

    from tuidesk.screens.escalate import EscalateScreen
    from tuidesk.screens.modals.choice import ChoiceScreen
    from tuidesk.screens.modals.kb_filter import KbFilterScreen
    from tuidesk.screens.modals.revisions import RevisionsScreen
    from tuidesk.screens.modals.views import ViewsScreen

    app = hostile_desk_app(db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        queue = app.screen
        # the header holds the acting agent's name; the queue its tickets' people
        check_screen(app, probe("me"), probe("customer"))
        # the command palette lists the saved view by its name
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"view")
        await until(pilot, lambda: probe("view") in check_screen(app))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is queue)
        # v: the views, saved ones by name
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, ViewsScreen))
        check_screen(app, probe("view"))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is queue)

        # the ticket: requester, organization, equipment and tags (agents by login)
        ticket_list = queue.query_one(TicketList)
        rows = ticket_list.rows.items()
        ticket_list.cursor = next(n for n, r in rows if r.subject == "Printer streaks")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TicketScreen))
        ticket = app.screen
        assert isinstance(ticket, TicketScreen)
        await loaded(pilot, ticket)
        check_screen(app, probe("customer"), probe("organization"), probe("kind"),
                     probe("model"), probe("serial"), "Tags: [/b] [i]x", "mark")  # fmt: skip
        # a: the agents to assign to
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        check_screen(app, "mark")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is ticket)
        # e: the escalate form's Agent dropdown, opened, and the vendor's name
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EscalateScreen))
        form = app.screen
        assert probe("agent") in await open_dropdown(pilot, "#escalate-agent")
        await pilot.press("down", "enter")  # Mark, picked
        await until(pilot, lambda: not form.query_one("#escalate-agent", Select).expanded)
        check_screen(app, probe("agent"))  # the pick, shown in the closed dropdown
        form.query_one("#escalate-tier", Select).value = 4
        await pilot.pause()
        vendor = form.query_one("#escalate-vendor", Input)
        vendor.focus()
        await pilot.press(*"Ven")
        await until(pilot, lambda: probe("vendor") in check_screen(app, editing=[]))
        form.dismiss(None)
        await until(pilot, lambda: app.screen is ticket)

        # the knowledge base: the article's title, tags, category and author; its
        # revisions (H), whose border is titled with it; the editor; the filter
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, KbScreen))
        kb = app.screen
        assert isinstance(kb, KbScreen)
        kb.query_one("#kb-query", Input).value = "toner"
        await until(pilot, lambda: kb.view is not None)
        check_screen(app, probe("title"), probe("category"), "#[/b] #[i]x", "by mark")
        await pilot.press("down", "H")
        await until(pilot, lambda: isinstance(app.screen, RevisionsScreen))
        await settle(pilot)
        check_screen(app, probe("title"), "mark")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is kb)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ArticleEditorScreen))
        await until(pilot, lambda: app.screen.loaded)
        check_screen(app, probe("title"), editing=[])
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is kb)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, KbFilterScreen))
        await open_dropdown(pilot, "#kbf-visibility", "space")  # Enter applies the filter
        await pilot.press("escape", "escape")
        await until(pilot, lambda: app.screen is kb)
        kb.dismiss(None)
        await until(pilot, lambda: app.screen is ticket)
        ticket.dismiss(None)
        await until(pilot, lambda: app.screen is queue)

        # n: the intake form finds the customer by name (with the organization), and
        # the Equipment dropdown, opened, lists the equipment by kind, model and serial
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        intake = app.screen
        assert isinstance(intake, IntakeScreen)
        await pilot.press(*"Cust")
        await until(pilot, lambda: intake.hits)
        check_screen(app, probe("customer"), probe("organization"), editing=[])
        await pilot.press("enter")
        await until(pilot, lambda: intake.customer is not None)
        shown = await open_dropdown(pilot, "#intake-asset")
        for key in ("kind", "model", "serial"):
            assert probe(key) in shown, key
        await pilot.press("down", "enter")  # the equipment, picked
        await until(pilot, lambda: intake.state.asset_id is not None)
        check_screen(app, probe("model"), editing=[])
