"""The checks of what an agent types, shared by the use cases: one line of at most so
many characters, tags, categories, the fields of a new ticket."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tuidesk.domain import workflow
from tuidesk.domain.priority import check_level
from tuidesk.errors import ValidationError

MAX_SUBJECT = 200
MAX_NAME = 200  # a customer's or an organization's name, a location, a phone number
MAX_EMAIL = 254  # RFC 5321's longest path
MAX_CATEGORY = 60
MAX_TAGS = 20
MAX_VIEW_NAME = 40
MAX_WORK_MINUTES = 24 * 60
# \Z, not $: "$" also matches before a final newline
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
TAG_PATTERN = re.compile(r"[\w][\w.+-]{0,39}\Z")


def normalize_tags(tags: Sequence[str] | str | None) -> list[str]:
    """Lower-case, unique, sorted tags; raises ValidationError for a malformed one."""
    if tags is None:
        return []
    items = tags.replace(",", " ").split() if isinstance(tags, str) else list(tags)
    result: set[str] = set()
    for raw in items:
        tag = raw.strip().lower()
        if not tag:
            continue
        if not TAG_PATTERN.match(tag):
            raise ValidationError(
                f"tag {raw!r} is not valid: use letters, digits, '.', '+', '-' or '_' (at most 40)",
                field="tags",
            )
        result.add(tag)
    if len(result) > MAX_TAGS:
        raise ValidationError(
            f"at most {MAX_TAGS} tags, not {len(result)}; keep the ones a search needs",
            field="tags",
        )
    return sorted(result)


def check_line(value: str | None, field: str, what: str, limit: int = MAX_NAME) -> str:
    """`value` trimmed; ValidationError unless it is one line of at most `limit` characters.

    Other characters are kept as given (and shown literally, see tuidesk.text)."""
    text = (value or "").strip()
    if "\n" in text or "\r" in text:
        raise ValidationError(f"{what} must be one line", field=field)
    if len(text) > limit:
        raise ValidationError(
            f"{what} must be at most {limit} characters, not {len(text):,}", field=field
        )
    return text


def check_new_ticket(
    subject: str,
    *,
    channel: str = "phone",
    urgency: int = workflow.DEFAULT_LEVEL,
    impact: int = workflow.DEFAULT_LEVEL,
    category: str = "",
    tags: Sequence[str] | str | None = None,
    tier: int = 1,
) -> tuple[str, str, list[str]]:
    """The checks of `Desk.create_ticket`, for a caller that writes something first
    (a new requester): the subject, category and tags as the ticket stores them."""
    subject = required(subject, "subject", "a subject")
    if "\n" in subject or len(subject) > MAX_SUBJECT:
        raise ValidationError(
            f"the subject must be one line of at most {MAX_SUBJECT} characters; "
            "put the details in the description",
            field="subject",
        )
    workflow.check_channel(channel)
    check_level(urgency, "urgency")
    check_level(impact, "impact")
    workflow.check_tier(tier)
    return subject, normalize_category(category), normalize_tags(tags)


def normalize_category(category: str | None) -> str:
    """The category of a ticket or an article: trimmed and lower-cased, one short line."""
    return check_line(category, "category", "the category", MAX_CATEGORY).lower()


def required(value: str | None, field: str, what: str) -> str:
    """`value` trimmed; ValidationError naming `what` when it is empty."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} is required", field=field)
    return text
