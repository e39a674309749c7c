"""The demo help desk's data, read from the files in `data/` beside this module (its
README.md says what each file holds and how to edit it).

The tables are TOML, read with tomllib; the articles are the knowledge base's own
Markdown files, read with kb_files' parser. Everything is checked as it is read, so a
mistake names its file and entry instead of failing halfway through building the demo.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import MISSING, dataclass, fields
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tuidesk.domain import workflow
from tuidesk.domain.sla_policies import default_rules
from tuidesk.errors import TuideskError, ValidationError
from tuidesk.services.checks import normalize_tags
from tuidesk.services.kb_files import parse_markdown

DATA = files("tuidesk.demo") / "data"
TIERS = (1, 2, 3)  # the people on the desk; tier 4 is a vendor
LEVELS = (1, 2, 3)  # urgency and impact: 1 high … 3 low


class DemoDataError(TuideskError):
    """A demo data file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class OrganizationData:
    name: str
    plan: str
    calendar: str
    timezone: str
    warranty_days: int | None = None  # from the day the demo is built; negative: ended


@dataclass(frozen=True)
class AgentData:
    login: str
    name: str
    tier: int
    role: str
    timezone: str


@dataclass(frozen=True)
class AssetData:
    kind: str
    model: str
    serial: str
    warranty_days: int


@dataclass(frozen=True)
class CustomerData:
    name: str
    email: str
    phone: str
    organization: str
    location: str
    assets: tuple[AssetData, ...] = ()


@dataclass(frozen=True)
class VendorData:
    name: str
    contact: str
    phone: str
    response_hours: int


@dataclass(frozen=True)
class Escalation:
    """The hand-off of a story that goes beyond L1: to `tier` 2, or through 2 to 3."""

    tier: int
    tried: str
    theory: str
    needs: str


@dataclass(frozen=True)
class Story:
    """One kind of ticket: what the customer reports, and the desk's side of it."""

    subject: str
    category: str
    tags: tuple[str, ...]
    channel: str
    urgency: int
    impact: int
    symptoms: str
    goal: str
    theory: str
    replies: tuple[str, ...]
    resolution: str
    asset_kind: str | None = None
    customer_messages: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    vendor: str | None = None
    escalation: Escalation | None = None


@dataclass(frozen=True)
class ArticleData:
    title: str
    symptoms: str
    cause: str
    resolution: str
    tags: str  # normalized: lower-case, sorted, space-separated
    category: str
    visibility: str
    status: str


@dataclass(frozen=True)
class DemoData:
    organizations: tuple[OrganizationData, ...]
    agents: tuple[AgentData, ...]
    customers: tuple[CustomerData, ...]
    vendors: tuple[VendorData, ...]
    vendor_acknowledgements: tuple[str, ...]  # {vendor}
    vendor_fixes: tuple[str, ...]  # {vendor}, {reference}
    vendor_returns: tuple[str, ...]  # {vendor}
    stories: tuple[Story, ...]
    articles: tuple[ArticleData, ...]


@cache
def load(directory: Traversable = DATA) -> DemoData:
    """Every demo data file of `directory`, read and checked; DemoDataError if one is wrong."""
    vendors = _document(directory, "vendors.toml", "vendor", "acknowledgements", "fixes", "returns")
    story_files = {
        name: _table(_document(directory, name, "story"), name, "story", Story)
        for name in _names(directory, "stories", ".toml")
    }
    data = DemoData(
        organizations=_entries(directory, "organizations.toml", "organization", OrganizationData),
        agents=_entries(directory, "agents.toml", "agent", AgentData),
        customers=_entries(directory, "customers.toml", "customer", CustomerData),
        vendors=_table(vendors, "vendors.toml", "vendor", VendorData),
        vendor_acknowledgements=_lines(vendors, "acknowledgements", "{vendor}"),
        vendor_fixes=_lines(vendors, "fixes", "{vendor} {reference}"),
        vendor_returns=_lines(vendors, "returns", "{vendor}"),
        stories=tuple(story for stories in story_files.values() for story in stories),
        articles=tuple(_article(directory, name) for name in _names(directory, "articles", ".md")),
    )
    _check(data, story_files)
    return data


# ---- reading ---------------------------------------------------------------------------

T = TypeVar("T")
SCALARS: dict[str, type] = {"str": str, "int": int, "str | None": str, "int | None": int}


def _names(directory: Traversable, folder: str, suffix: str) -> list[str]:
    """The files of `folder` ending in `suffix`, in name order: the order they are used."""
    try:
        found = sorted(p.name for p in (directory / folder).iterdir() if p.name.endswith(suffix))
    except FileNotFoundError:
        found = []
    if not found:
        raise DemoDataError(f"demo data: {folder}/ holds no {suffix} files")
    return [f"{folder}/{name}" for name in found]


def _read(directory: Traversable, name: str) -> str:
    try:
        return directory.joinpath(*name.split("/")).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoDataError(f"demo data: {name} is missing") from None


def _document(directory: Traversable, name: str, *keys: str) -> dict[str, Any]:
    """The TOML file `name`, which may hold only `keys` at its top."""
    try:
        document = tomllib.loads(_read(directory, name))
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"demo data {name}: {error}") from None
    unknown = sorted(set(document) - set(keys))
    if unknown:
        raise DemoDataError(
            f"demo data {name}: unknown key {unknown[0]!r}; the file holds {', '.join(keys)}"
        )
    return document


def _entries(directory: Traversable, name: str, key: str, kind: type[T]) -> tuple[T, ...]:
    return _table(_document(directory, name, key), name, key, kind)


def _table(document: dict[str, Any], name: str, key: str, kind: type[T]) -> tuple[T, ...]:
    """The `[[key]]` entries of the file `name` as `kind` records."""
    entries = document.get(key, [])
    if not isinstance(entries, list) or not entries:
        raise DemoDataError(f"demo data {name}: no [[{key}]] entries")
    return tuple(
        _record(kind, entry, f"demo data {name}: {key} {n}") for n, entry in enumerate(entries, 1)
    )


def _record(kind: type[T], table: dict[str, Any], where: str) -> T:
    """One entry as a `kind`, its keys and their types checked; `where` names it."""
    if not isinstance(table, dict):
        raise DemoDataError(f"{where}: must be a table of keys, under a [header] of its own")
    label = table.get("name") or table.get("subject") or table.get("login") or table.get("model")
    if label:
        where = f"{where} ({label!r})"
    table = dict(table)
    if kind is CustomerData:
        assets = table.pop("asset", [])
        if not isinstance(assets, list):
            raise DemoDataError(f"{where}: their equipment goes in [[customer.asset]] entries")
        table["assets"] = tuple(
            _record(AssetData, asset, f"{where}, asset {n}") for n, asset in enumerate(assets, 1)
        )
    elif kind is Story and "escalation" in table:
        table["escalation"] = _record(Escalation, table["escalation"], f"{where}, escalation")
    known = {f.name: f for f in fields(kind)}  # type: ignore[arg-type]
    toml_names = {"assets": "asset"}
    unknown = sorted(set(table) - set(known))
    if unknown:
        allowed = ", ".join(toml_names.get(name, name) for name in known)
        raise DemoDataError(f"{where}: unknown key {unknown[0]!r}; the keys are {allowed}")
    for name, spec in known.items():
        if name not in table:
            if spec.default is MISSING:
                raise DemoDataError(f"{where}: {name} is missing")
            continue
        value = table[name]
        if spec.type in SCALARS:
            expected = SCALARS[str(spec.type)]
            if not isinstance(value, expected) or isinstance(value, bool):
                raise DemoDataError(f"{where}: {name} must be {_described(expected)}")
        elif spec.type == "tuple[str, ...]":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DemoDataError(f'{where}: {name} must be a list of texts, like ["a", "b"]')
            table[name] = tuple(value)
    return kind(**table)


def _described(expected: type) -> str:
    return "a whole number" if expected is int else 'a text in quotes ("…")'


def _lines(document: dict[str, Any], key: str, fields_used: str) -> tuple[str, ...]:
    """A vendor's lines of `key` in vendors.toml; each may use only `fields_used`."""
    lines = document.get(key)
    where = f"demo data vendors.toml: {key}"
    if not isinstance(lines, list) or not lines or not all(isinstance(v, str) for v in lines):
        raise DemoDataError(f"{where} must be a list of one text or more")
    values = {name.strip("{}"): "x" for name in fields_used.split()}
    for line in lines:
        try:
            line.format(**values)
        except (KeyError, IndexError, ValueError):
            raise DemoDataError(
                f"{where}: {line!r} may use only {fields_used} (double other braces: {{{{ }}}})"
            ) from None
    return tuple(lines)


def _article(directory: Traversable, name: str) -> ArticleData:
    """One article file, read by the knowledge base's own parser (kb import's)."""
    try:
        parsed = parse_markdown(_read(directory, name), f"demo data {name}")
    except ValidationError as error:
        raise DemoDataError(str(error)) from None
    return ArticleData(**{f.name: parsed[f.name] for f in fields(ArticleData)})


# ---- checking --------------------------------------------------------------------------


def _check(data: DemoData, story_files: dict[str, tuple[Story, ...]]) -> None:
    """The data's cross-references and the values the builder relies on."""
    _unique("organizations.toml", "organization name", (o.name for o in data.organizations))
    _unique("agents.toml", "login", (a.login for a in data.agents))
    _unique("customers.toml", "email", (c.email for c in data.customers))
    _unique("customers.toml", "serial", (a.serial for c in data.customers for a in c.assets))
    _unique("vendors.toml", "vendor name", (v.name for v in data.vendors))
    _unique("articles", "title", (a.title for a in data.articles))
    calendars = default_rules().calendars
    for org in data.organizations:
        where = f"demo data organizations.toml: {org.name!r}"
        _one_of(where, "plan", org.plan, workflow.PLANS)
        _one_of(where, "calendar", org.calendar, sorted(calendars))
        _time_zone(where, org.timezone)
    for agent in data.agents:
        where = f"demo data agents.toml: {agent.login!r}"
        _one_of(where, "tier", agent.tier, TIERS)
        _one_of(where, "role", agent.role, workflow.ROLES)
        _time_zone(where, agent.timezone)
    missing = [t for t in TIERS if not any(a.tier == t for a in data.agents)]
    if missing:
        raise DemoDataError(f"demo data agents.toml: nobody on tier {missing[0]}")
    names = [o.name for o in data.organizations]
    for customer in data.customers:
        where = f"demo data customers.toml: {customer.email!r}"
        _one_of(where, "organization", customer.organization, names)
    kinds = sorted({a.kind for c in data.customers for a in c.assets})
    vendors = [v.name for v in data.vendors]
    told: dict[str, str] = {}
    for name, stories in story_files.items():
        for n, story in enumerate(stories, 1):
            where = f"demo data {name}: story {n} ({story.subject!r})"
            if story.subject in told:
                raise DemoDataError(
                    f"{where}: the subject is also a story's in {told[story.subject]}"
                )
            told[story.subject] = name
            _check_story(where, story, kinds, vendors)
    if not all(
        any(test(s) for s in data.stories)
        for test in (
            lambda s: s.escalation is None,
            lambda s: s.escalation is not None,
            lambda s: s.vendor is not None,
        )
    ):
        raise DemoDataError(
            "demo data stories: the demo needs stories resolved at L1, stories escalated "
            "and stories that go on to a vendor, one of each at least"
        )


def _check_story(where: str, story: Story, kinds: list[str], vendors: list[str]) -> None:
    _one_of(where, "channel", story.channel, workflow.CHANNELS)
    _one_of(where, "urgency", story.urgency, LEVELS)
    _one_of(where, "impact", story.impact, LEVELS)
    if story.asset_kind is not None:
        _one_of(where, "asset_kind (a kind of asset a customer owns)", story.asset_kind, kinds)
    if not story.replies:
        raise DemoDataError(f"{where}: replies needs the first reply at least")
    try:
        normalize_tags(story.tags)
    except ValidationError as error:
        raise DemoDataError(f"{where}: {error}") from None
    if story.escalation is not None:
        _one_of(f"{where}, escalation", "tier", story.escalation.tier, (2, 3))
    if story.vendor is not None:
        _one_of(where, "vendor", story.vendor, vendors)
        if story.escalation is None:
            raise DemoDataError(f"{where}: a story goes to its vendor from an [story.escalation]")


def _unique(where: str, what: str, values: Iterable[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise DemoDataError(f"demo data {where}: {what} {value!r} is there twice")
        seen.add(value)


def _one_of(where: str, name: str, value: object, allowed: Iterable[object]) -> None:
    allowed = list(allowed)
    if value not in allowed:
        choices = ", ".join(str(a) for a in allowed)
        raise DemoDataError(f"{where}: {name} {value!r} is not one of {choices}")


def _time_zone(where: str, name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DemoDataError(f"{where}: {name!r} is not an IANA time zone") from None
