"""The demo's data files (tuidesk/demo/data/): they load, agree with each other, are the
knowledge base's own format, and a mistake in one names the file and the entry."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tuidesk.demo.data import DATA, DemoDataError, load
from tuidesk.domain import workflow
from tuidesk.services.desk import Desk
from tuidesk.services.kb_files import import_articles


def test_the_shipped_data_loads_and_its_references_hold() -> None:
    data = load()
    organizations = {o.name for o in data.organizations}
    vendors = {v.name for v in data.vendors}
    kinds = {a.kind for c in data.customers for a in c.assets}
    assert {c.organization for c in data.customers} <= organizations
    assert {s.asset_kind for s in data.stories} - {None} <= kinds
    assert {s.vendor for s in data.stories} - {None} <= vendors
    assert all(s.escalation is not None for s in data.stories if s.vendor)
    assert {a.tier for a in data.agents} == {1, 2, 3}
    assert {s.channel for s in data.stories} <= set(workflow.CHANNELS)
    for values in (
        [s.subject for s in data.stories],
        [a.title for a in data.articles],
        [c.email for c in data.customers],
        [a.serial for c in data.customers for a in c.assets],
        [a.login for a in data.agents],
    ):
        assert len(set(values)) == len(values)
    assert len(data.articles) == len(list(Path(str(DATA / "articles")).glob("*.md")))
    assert any(a.status == "published" for a in data.articles)


def test_the_articles_are_what_kb_import_reads(desk: Desk) -> None:
    """The demo's articles are knowledge-base files: `tuidesk kb import` takes them as
    they are and makes the same articles of them, in the same order."""
    expected = load().articles
    report = import_articles(desk.kb, Path(str(DATA / "articles")))
    assert (len(report.created), report.updated) == (len(expected), [])
    for number, article in enumerate(expected, 1):
        found = desk.kb.get(number)
        for name in ("title", "symptoms", "cause", "resolution", "tags", "category"):
            assert getattr(found, name) == getattr(article, name), (article.title, name)
        assert (found.visibility, found.status) == (article.visibility, article.status)


def _edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _subject_twice(root: Path) -> None:
    """The second story file's first story takes the first file's first subject."""
    first, second = sorted((root / "stories").glob("*.toml"))[:2]
    subject = next(line for line in first.read_text().splitlines() if line.startswith("subject"))
    text = second.read_text().splitlines(keepends=True)
    at = next(n for n, line in enumerate(text) if line.startswith("subject"))
    text[at] = subject + "\n"
    second.write_text("".join(text))


def _first(folder: str) -> str:
    return f"{folder}/{sorted(p.name for p in (Path(str(DATA)) / folder).iterdir())[0]}"


STORY = _first("stories")
ARTICLE = _first("articles")


@pytest.mark.parametrize(
    ("mistake", "said"),
    [
        (
            _edit(STORY, 'vendor = "', 'vendor = "No Such '),
            rf"{re.escape(STORY)}: story \d+ \('.*'\): vendor 'No Such .*' is not one of Kestrel",
        ),
        (
            _edit(STORY, "channel = ", "chanel = "),
            rf"{re.escape(STORY)}: story 1 \('.*'\): unknown key 'chanel'; the keys are subject,",
        ),
        (_edit(STORY, "urgency = 1", 'urgency = "1"'), r": urgency must be a whole number"),
        (_edit(STORY, "[[story]]", "[[story]\n"), rf"demo data {re.escape(STORY)}: .*line"),
        (
            _edit("customers.toml", 'organization = "Northwind', 'organization = "Northwest'),
            r"customers.toml: 'jonas.becker@northwind.example': organization 'Northwest",
        ),
        (
            _edit("customers.toml", 'serial = "CN0F3K7T74180"', 'serial = "PF4XK2Q9"'),
            r"customers.toml: serial 'PF4XK2Q9' is there twice",
        ),
        (_subject_twice, rf"story 1 \('.*'\): the subject is also a story's in {re.escape(STORY)}"),
        (_edit("agents.toml", "tier = 3", "tier = 4"), r"agents.toml: '.*': tier 4 is not one"),
        (
            _edit("vendors.toml", "{vendor} took", "{vendr} took"),
            r"vendors.toml: acknowledgements: '\{vendr\} took.*' may use only \{vendor\}",
        ),
        (
            _edit(ARTICLE, "## Resolution", "## Resolving it"),
            rf"{re.escape(ARTICLE)}: an article needs its resolution steps before it is published",
        ),
        (_edit("organizations.toml", "Europe/Berlin", "Europe/Hamburg"), r"IANA time zone"),
    ],
    ids=[
        "unknown vendor",
        "unknown key",
        "wrong type",
        "broken toml",
        "unknown organization",
        "duplicate serial",
        "duplicate subject",
        "tier",
        "vendor line field",
        "article without resolution",
        "time zone",
    ],
)
def test_a_mistake_in_a_data_file_names_the_file_and_what_is_wrong(
    tmp_path: Path, mistake: Callable[[Path], None], said: str
) -> None:
    root = tmp_path / "data"
    shutil.copytree(Path(str(DATA)), root)
    mistake(root)
    with pytest.raises(DemoDataError, match=said) as raised:
        load(root)
    assert "\n" not in str(raised.value)
