"""The knowledge base's list of articles: the lines of a hit, and the list itself."""

from __future__ import annotations

import re

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from tuidesk.storage.read.kb_search import Hit
from tuidesk.text import clean, one_line

_SPACES = re.compile(r"\s+")


def result_lines(hits: list[Hit], width: int, *, by_use: bool = False) -> list[Content]:
    """Each hit as the list shows it: title and usage, the snippet with its matched words
    marked (bold and underlined, so it reads without colour), and the tags. Listed `by_use`
    (browsing), the usage is what the list is ordered by: the tickets it was linked to."""
    prompts = []
    for hit in hits:
        state = "" if hit.status == "published" else f" [{hit.status}]"
        count, label = (hit.times_linked, "linked") if by_use else (hit.times_solved, "solved")
        used = f"  {label} {count}×" if count else ""
        title = one_line(hit.title, max(width - len(state) - len(used), 10))
        head = Content.assemble((title, "bold"), (state, "italic"), (used, "dim"))
        snippet_parts = []
        for text, matched in hit.snippet_parts():
            piece = _SPACES.sub(" ", clean(text))
            snippet_parts.append((piece, "bold underline") if matched else piece)
        snippet = Content.assemble(*snippet_parts) if snippet_parts else Content("")
        if len(snippet) > width * 2:
            snippet = snippet[: width * 2 - 1] + Content("…")
        tags = " ".join(f"#{t}" for t in hit.tags.split())
        meta = one_line(f"{tags}  {hit.category}".strip(), width)
        parts = [head, snippet]
        if meta:
            parts.append(Content.styled(meta, "dim"))
        prompts.append(Content("\n").join(parts))
    return prompts


class ResultList(OptionList):
    """The list of articles, which says when its own width changes.

    Its lines are cut to its width, and that width changes without the screen's
    size changing (the layout at 80 columns arrives after the first results).
    """

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())
