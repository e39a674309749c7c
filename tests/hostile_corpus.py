"""One shared corpus of hostile text: what customers, agents and scripts may send tuidesk.

Every case is text *as the app receives it*. Text that arrives as bytes (a mail piped to
`tuidesk ticket new --body -`, a command-line argument) is decoded once, at the edge, as
UTF-8 with ``errors="replace"``: an invalid byte becomes U+FFFD and the rest is kept. The
cases that came as bytes keep those bytes in `raw`, so tests can send the bytes themselves
and expect `text` to be stored. From then on text is stored exactly as received (the few
normalisations a field makes, such as trimming a subject, are the field's own and are
spelled out in tests/test_hostile_corpus.py), NUL included, and it is shown literally:
never parsed as Rich or Textual markup, with terminal control characters removed
(`tuidesk.text.clean`).

`probe` is a short piece of the case as it must appear on screen (after `clean()`), near
the start of the text so that it is visible at 80x24; an empty probe means there is
nothing reliable to look for (whitespace, zero-width characters alone).

Cases are also importable one by one (`case("markup-bold")`) for ad-hoc tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# what no rendered line may hold: C0 controls (tab and newline included: a rendered
# line holds neither), DEL and C1 controls; the bidi overrides and isolates that text.py
# removes as well
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Case:
    name: str
    text: str  # what the app receives, after decoding
    probe: str = ""  # visible on screen wherever the case is shown (see the module doc)
    raw: bytes | None = None  # the bytes it arrived as, when it arrived as bytes
    big: bool = False  # a megabyte: kept out of places that show every case at once


def _from_bytes(name: str, raw: bytes, probe: str) -> Case:
    return Case(name, raw.decode("utf-8", errors="replace"), probe, raw=raw)


def _megabyte() -> str:
    """A mail with a 1 MB log pasted in: markup and escape sequences on every line."""
    line = "ERROR [b]sync[/b] failed \x1b[31mE_ACCESS\x1b[0m at C:\\Users\\[red]x[/red] ✓\r\n"
    return "Huge log [b]pasted[/b]\n" + line * (1_000_000 // len(line))


CASES: tuple[Case, ...] = (
    # -- Rich / Textual markup ----------------------------------------------------------
    Case("markup-bold", "[b]bold[/b] [i]italic[/i] [red on white]red[/]", "[b]bold[/b]"),
    Case("markup-close", "[/] [/b] closing [/link] with nothing open", "[/] [/b]"),
    Case("markup-link", '[link="https://evil.example"]click[/link] [link=x]y[/]', '[link="http'),
    Case("markup-click", "[@click=app.quit]quit[/] [@click=screen.dismiss()]x[/]", "[@click=app"),
    Case("markup-unbalanced", "[b [/ [[ ]] [b]] ][ [ [/link [=", "[b [/ [[ ]]"),
    Case("markup-escaped", "\\[b]not bold\\[/b] \\\\[i]x \\", "\\[b]not bold\\[/b]"),
    Case("content-variables", "$accent [$accent]acc[/] [on $primary]x[/] $ $$", "[$accent]acc[/]"),
    Case("rich-emoji-codes", ":smile: :warning: :cross_mark: x", ":smile: :warning:"),
    Case("format-strings", "{0} {name} %s %(x)s {{}} %n", "{0} {name} %s"),
    Case("html", "<b>b</b> <script>alert(1)</script> &amp; &#27;", "<b>b</b> <script>"),
    # -- terminal control sequences -----------------------------------------------------
    Case("ansi-colour", "\x1b[31mred\x1b[0m \x1b[1;4;5mblink\x1b[m plain", "[31mred[0m"),
    Case(
        "ansi-cursor",
        "\x1b[2J\x1b[Hcleared \x1b[10;10Hmoved\x1b[K \x1b7\x1b8 \x1b[?25l \x1b[?1049h alt",
        "[2J[Hcleared",
    ),
    Case("osc-52", "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07 clipboard \x1b]52;c;?\x1b\\", "]52;c;ZXZp"),
    Case("osc-8", "\x1b]8;;https://evil.example\x1b\\click me\x1b]8;;\x1b\\ after", "click me"),
    Case("osc-title", "\x1b]0;owned title\x07 \x1b]2;t\x1b\\ text", "]0;owned title"),
    Case("bel-bs-ff", "bell\x07\x07 back\x08\x08space \x0bvt \x0cff del\x7f end", "bell back"),
    Case("line-breaks", "crlf\r\nline two\rcr only\n\n\tindented\ttab\n", "crlf"),
    Case("c1-controls", "\x9b31mcsi \x9d0;osc\x9c \x85nel \x90dcs\x9c \x8dri", "31mcsi"),
    # -- NUL ----------------------------------------------------------------------------
    Case("nul", "before\x00after \x00\x00 end", "beforeafter"),
    # -- bytes from email that are not UTF-8 --------------------------------------------
    _from_bytes(
        "email-invalid-utf8",
        b"Caf\xe9 \xff\xfe cut \xe2\x82 overlong \xc0\xaf surrogate \xed\xa0\x80 end",
        "Caf\ufffd",
    ),
    _from_bytes("email-cp1252", b"\x93smart quotes\x94 \x80 50 \x96 dash", "smart quotes"),
    # -- scripts and Unicode ------------------------------------------------------------
    Case("rtl", "مرحبا بالعالم שלום עולם 123 abc", "שלום"),
    Case(
        "bidi-override",
        "invoice\u202efdp.exe \u202dLTR\u202c \u2066iso\u2069 \u200f\u200e",
        "fdp.exe",
    ),
    Case("zero-width", "zero\u200bwidth join\u200djoiner bom\ufeff wj\u2060 shy\u00ad end", "end"),
    Case("combining", "Z\u0338\u0321\u031ba\u0336\u0331l\u0337g\u0335o e\u0301 \u0301lead", "lead"),
    Case("wide", "打印机卡纸 プリンター 프린터 👍🏽 👨‍👩‍👧‍👦 🇩🇪 ＡＢＣ", "打印机卡纸"),
    # -- SQL and FTS5 syntax ------------------------------------------------------------
    Case("sql-drop", "'; DROP TABLE ticket; --", "DROP TABLE ticket"),
    Case("sql-or", "1 OR 1=1 \" OR \"\"=\" ' OR ''=' %_ \\ LIKE %", "1 OR 1=1"),
    Case("fts-near", "NEAR(a b) NEAR(printer jam, 2)", "NEAR(a b)"),
    Case("fts-column", "title:x meta:statuslive {title symptoms}: x", "title:x"),
    Case("fts-operators", "a AND OR NOT b", "a AND OR NOT b"),
    Case("fts-quote", '"unbalanced', '"unbalanced'),
    Case("fts-star", "*", "*"),
    Case("fts-caret", "^x", "^x"),
    Case("fts-minus", "-x", "-x"),
    # -- sizes and shapes ---------------------------------------------------------------
    Case("long-word", "w" * 20_000, "wwwwwwwwww"),
    Case("only-whitespace", " \t\n \u00a0\u3000\r\n "),
    Case("megabyte", _megabyte(), "Huge log [b]pasted[/b]", big=True),
)

BY_NAME = {c.name: c for c in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
SMALL = tuple(c for c in CASES if not c.big)


def case(name: str) -> Case:
    return BY_NAME[name]


def joined(names: tuple[str, ...] | None = None, sep: str = " ") -> str:
    """Several cases in one string (all the small ones by default)."""
    chosen = SMALL if names is None else tuple(BY_NAME[n] for n in names)
    return sep.join(c.text for c in chosen)
