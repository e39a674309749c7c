"""Article slugs: the names of the knowledge base's Markdown files (pure rules, no I/O).

Every article has one from the moment it is written: its title in lower case with runs
of anything but letters and digits as `-`, made unique among the articles by `-2`,
`-3` … Importing a directory matches its files to articles by slug, so a slug never
changes when the title does.
"""

from __future__ import annotations

import re
from collections.abc import Container

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}\Z")  # \Z: "$" lets a final newline through
MAX_BASE = 60  # room left for a "-N" suffix within the 80 characters a slug may have


def slugify(title: str) -> str:
    """A file-name-safe slug for `title`: `Reset a password!` → `reset-a-password`."""
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return text[:MAX_BASE].rstrip("-") or "article"


def unique_slug(title: str, taken: Container[str]) -> str:
    """`slugify(title)`, or the first of `-2`, `-3` … after it that is not `taken`."""
    base = slugify(title)
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
