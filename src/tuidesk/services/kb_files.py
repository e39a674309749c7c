"""The knowledge base as Markdown files: one file per article, with YAML front matter.

    ---
    slug: reset-a-forgotten-password
    id: 12
    title: Reset a forgotten password
    status: published
    visibility: public
    category: account
    tags: [account, password]
    ---
    ## Symptoms
    …
    ## Cause
    …
    ## Resolution
    …

A team can keep its knowledge base in git and review changes to it. An article is known
by its slug (the file's name, given when the article is written: tuidesk.slugs), and
importing matches on it, so importing the same directory twice updates, never
duplicates. Every file is checked before anything is written; a broken file names
itself and nothing is imported. Exporting only reads the database.

The files may be in a directory that others can write to. Exporting writes each file as
a new one (see tuidesk.safe_files), readable by its owner and group only; importing
asks for the permission first, reads regular files of at most 1 MiB and no links, and
parses front matter without YAML aliases, which can make 300 bytes expand to gigabytes.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from tuidesk.errors import TuideskError, ValidationError
from tuidesk.safe_files import write_files
from tuidesk.services.kb import Knowledge, check_article_status, checked_fields
from tuidesk.slugs import SLUG
from tuidesk.storage.models import Article
from tuidesk.text import plural

SECTIONS = ("Symptoms", "Cause", "Resolution")
_HEADING = re.compile(r"^## (Symptoms|Cause|Resolution)[ \t]*$", re.MULTILINE)
FRONT_FIELDS = ("slug", "id", "title", "status", "visibility", "category", "tags", "source_ticket")
MAX_FILE_BYTES = 1 << 20  # an article of some 150,000 words
MAX_FRONT_DEPTH = 8  # the front matter is a mapping holding a list of tags
EXPORT_MODE = 0o640  # internal articles: the owner and the group, not every user


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        total = len(self.created) + len(self.updated) + len(self.unchanged)
        return (
            f"imported {plural(total, 'file')}: {len(self.created)} created, "
            f"{len(self.updated)} updated, {len(self.unchanged)} unchanged"
        )


def to_markdown(article: Article) -> str:
    """One article as a Markdown file with front matter."""
    import frontmatter

    body = "\n\n".join(
        f"## {name}\n\n{value}" if value else f"## {name}"
        for name, value in zip(
            SECTIONS, (article.symptoms, article.cause, article.resolution), strict=True
        )
    )
    meta: dict[str, Any] = {
        "slug": article.slug,
        "id": article.id,
        "title": article.title,
        "status": article.status,
        "visibility": article.visibility,
        "category": article.category,
        "tags": article.tags.split(),
    }
    if article.source_ticket_id is not None:
        meta["source_ticket"] = article.source_ticket_id
    post = frontmatter.Post(body, **meta)
    return frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n"


def parse_markdown(text: str, name: str) -> dict[str, Any]:
    """An article's fields from its file; ValidationError names the file and the problem."""
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(text, handler=_front_matter_handler(text))
    except ValidationError as error:
        raise ValidationError(f"{name}: {error}") from None
    except yaml.YAMLError as error:
        problem = str(error).splitlines()[0]
        raise ValidationError(f"{name}: the front matter is not valid YAML ({problem})") from None
    except (ValueError, RecursionError) as error:
        # a date that is no date, an integer of 5,000 digits, JSON nested too deep
        problem = str(error).splitlines()[0][:100]
        raise ValidationError(f"{name}: the front matter cannot be read ({problem})") from None
    meta = dict(post.metadata)
    unknown = sorted(set(meta) - set(FRONT_FIELDS))
    if unknown:
        raise ValidationError(
            f"{name}: unknown front matter field {unknown[0]!r}; use {', '.join(FRONT_FIELDS)}"
        )
    sections = {s: "" for s in SECTIONS}
    matches = list(_HEADING.finditer(post.content))
    order = [m.group(1) for m in matches]
    if order != [s for s in SECTIONS if s in order] or len(set(order)) != len(order):
        raise ValidationError(
            f"{name}: the body needs the sections '## Symptoms', '## Cause' and "
            "'## Resolution', once each and in that order"
        )
    if matches and post.content[: matches[0].start()].strip():
        raise ValidationError(f"{name}: text before '## {order[0]}'; put it in a section")
    if not matches and post.content.strip():
        raise ValidationError(f"{name}: the body has no '## Resolution' section")
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(post.content)
        sections[match.group(1)] = post.content[match.end() : end].strip("\n")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = tags.split()
    if not isinstance(tags, list):
        raise ValidationError(f"{name}: tags must be a list, like [vpn, network]")
    fields = {
        "title": str(meta.get("title") or ""),
        "symptoms": sections["Symptoms"],
        "cause": sections["Cause"],
        "resolution": sections["Resolution"],
        "tags": [str(t) for t in tags],
        "category": str(meta.get("category") or ""),
        "visibility": str(meta.get("visibility") or "internal"),
    }
    try:
        checked = checked_fields(fields)
        status = str(meta.get("status") or "draft")
        check_article_status(status, checked)
    except ValidationError as error:
        raise ValidationError(f"{name}: {error}") from None
    slug = str(meta.get("slug") or Path(name).stem)
    if not SLUG.match(slug):
        raise ValidationError(
            f"{name}: slug {slug!r} is not valid: lower-case letters, digits and '-'"
        )
    return {**checked, "status": status, "slug": slug}


def export_articles(kb: Knowledge, directory: Path) -> int:
    """Write every article (archived ones too) to `directory`; returns how many."""
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o750)
    except OSError as error:
        raise TuideskError(f"cannot create {directory}: {error.strerror}") from None
    articles = kb.every_article()  # only read: exporting changes nothing in the database
    files: dict[str, bytes] = {}
    for article in articles:
        # the slug is the file's name: one that is not a plain name never reaches the disk
        if not SLUG.match(article.slug or ""):
            raise TuideskError(
                f"article #{article.id}'s slug {article.slug!r} is not a valid file name: "
                "give it one of lower-case letters, digits and '-'"
            )
        files[f"{article.slug}.md"] = to_markdown(article).encode("utf-8")
    write_files(directory, files, EXPORT_MODE)
    return len(articles)


def import_articles(kb: Knowledge, directory: Path) -> ImportReport:
    """Create or update the articles of `directory`'s Markdown files, matched by slug."""
    kb._require_editor("import articles")
    if not directory.is_dir():
        raise TuideskError(f"{directory} is not a directory of Markdown files")
    files = sorted(directory.glob("*.md"))
    if not files:
        raise TuideskError(f"{directory} holds no .md files")
    parsed: list[tuple[str, dict[str, Any]]] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            text = _read_article_file(path).decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(f"{path.name}: not UTF-8 text") from None
        fields = parse_markdown(text, path.name)
        if fields["slug"] in seen:
            raise ValidationError(
                f"{path.name}: slug {fields['slug']!r} is also in {seen[fields['slug']]}"
            )
        seen[fields["slug"]] = path.name
        parsed.append((path.name, fields))
    with kb.db.read() as session:
        existing = {
            a.slug: a
            for a in session.exec(select(Article).where(col(Article.slug).in_(list(seen))))
        }
    report = ImportReport()
    for name, fields in parsed:
        article = existing.get(fields["slug"])
        if article is None:
            kb.create(**fields)
            report.created.append(name)
            continue
        changes = {k: v for k, v in fields.items() if k != "slug" and _stored(article, k) != v}
        if not changes:
            report.unchanged.append(name)
            continue
        kb.update(article.id or 0, article.version, **changes)
        report.updated.append(name)
    return report


def _read_article_file(path: Path) -> bytes:
    """A file's bytes: a regular file (no link, no pipe) of at most MAX_FILE_BYTES."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if path.is_symlink():
            raise ValidationError(
                f"{path.name} is a symbolic link; import reads regular files only: "
                "copy the file into the directory"
            ) from None
        raise TuideskError(f"cannot read {path}: {error.strerror}") from None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise ValidationError(f"{path.name} is not a regular file: move it away")
        try:
            content = stream.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise TuideskError(f"cannot read {path}: {error.strerror}") from None
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError(
            f"{path.name} is larger than an article file may be (1 MiB): shorten the article"
        )
    return content


def _front_matter_handler(text: str) -> Any:
    """The reader of `text`'s YAML front matter, or None (the library's other formats)."""
    handler = _yaml_handler()
    return handler if handler.detect(text.strip()) else None


@cache
def _yaml_handler() -> Any:
    from frontmatter.default_handlers import YAMLHandler

    class NoAliasYAMLHandler(YAMLHandler):
        def load(self, fm: str, **kwargs: object) -> Any:
            _refuse_aliases_and_depth(fm)
            return super().load(fm, **kwargs)

    return NoAliasYAMLHandler()


def _refuse_aliases_and_depth(front_matter: str) -> None:
    """ValidationError for a YAML alias or nesting beyond MAX_FRONT_DEPTH.

    One pass over the parser's events, before anything is built from them: an alias
    is how a few hundred bytes become a billion strings.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    for event in yaml.parse(front_matter, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise ValidationError(
                f"the front matter uses a YAML alias (*{event.anchor}); write the value out"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_FRONT_DEPTH:
                raise ValidationError(
                    f"the front matter is nested more than {MAX_FRONT_DEPTH} levels deep"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _stored(article: Article, name: str) -> Any:
    """A field as parse_markdown() gives it (tags in their normal, sorted form)."""
    value = getattr(article, name)
    return " ".join(sorted(value.split())) if name == "tags" else value
