"""Markdown (as articles are written) turned into plain text a customer can read in a
reply: lists as "- " and "1. ", emphasis without its asterisks, links as "text (url)".

Parsed with markdown-it-py (CommonMark, plus tables), never with regular expressions, so
what is Markdown and what is text is decided the way a Markdown viewer decides it.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

HR = "----"


def _inline(token: Token) -> str:
    """The text of one inline run: markup dropped, link targets kept after their text."""
    parts: list[str] = []
    links: list[tuple[str, int]] = []  # (href, where its text starts in parts)
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "link_open":
            links.append((str(child.attrs.get("href", "")), len(parts)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            text = "".join(parts[start:])
            if href and href not in (text, f"mailto:{text}"):
                parts.append(f" ({href})")
        elif kind == "image":
            source = str(child.attrs.get("src", ""))
            parts.append(f"{child.content} ({source})" if child.content else source)
        # html_inline: markup for a browser, nothing a customer reads
    return "".join(parts)


def markdown_to_plain(source: str) -> str:
    """`source` (Markdown) as plain text with the same lines, lists and links."""
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    lines: list[str] = []
    lists: list[list[int]] = []  # per open list: [ordered (0/1), next number]
    bases: list[str] = []  # per open list: the indent its markers stand at
    marker = ""  # the list marker the next line of text starts with
    hanging = ""  # the indent of the current item's further lines
    quote = 0
    row: list[str] | None = None

    def blank() -> None:
        if lines and lines[-1].strip(" >"):
            lines.append("> " * quote if quote else "")

    def emit(text: str) -> None:
        nonlocal marker, hanging
        for number, line in enumerate(text.split("\n")):
            if number == 0 and marker:
                lead = bases[-1] + marker
                hanging, marker = bases[-1] + " " * len(marker), ""
            else:
                lead = hanging
            lines.append(("> " * quote) + lead + line)

    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                blank()
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else 0
            lists.append([int(kind == "ordered_list_open"), int(start)])
            bases.append(hanging)  # a list inside an item starts under the item's text
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            hanging = bases.pop()
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            marker = f"{number}. " if ordered else "- "
            lists[-1][1] += 1
        elif kind in ("paragraph_open", "heading_open", "table_open"):
            if not token.hidden:  # hidden: the paragraphs of a tight list, line by line
                blank()
        elif kind == "blockquote_open":
            blank()
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind in ("fence", "code_block"):
            if not marker:
                blank()
            emit("\n".join("    " + line for line in token.content.rstrip("\n").split("\n")))
        elif kind == "hr":
            blank()
            emit(HR)
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            emit(" | ".join(row))
            row = None
        elif kind == "inline":
            text = _inline(token)
            if row is not None:
                row.append(text)
            else:
                emit(text)
    return "\n".join(lines).strip("\n")
