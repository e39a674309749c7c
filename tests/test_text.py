"""Text from people is shown literally: no markup, no terminal control characters."""

from rich.text import Text

from tuidesk.text import clean, literal, literal_text, one_line

HOSTILE = "[b]bold[/b] [link=https://evil.example]x[/link] [/] \x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07 \u202eevil\x00"  # noqa: E501


def test_clean_removes_control_characters_and_keeps_the_rest() -> None:
    assert (
        clean(HOSTILE)
        == "[b]bold[/b] [link=https://evil.example]x[/link] [/] [31mred[0m ]52;c;ZXZpbA== evil"
    )
    assert clean("line one\r\nline two\rthree\ttab") == "line one\nline two\nthree\ttab"
    assert clean("emoji 👍🏽 and zero\u200bwidth, עברית") == "emoji 👍🏽 and zero\u200bwidth, עברית"
    assert clean(None) == ""


def test_literal_is_never_parsed_as_markup() -> None:
    content = literal(HOSTILE)
    assert content.plain == clean(HOSTILE)
    assert "[b]bold[/b]" in content.plain
    text = literal_text("[red]not red[/red]")
    assert isinstance(text, Text) and text.plain == "[red]not red[/red]" and not text.spans


def test_one_line_folds_and_cuts() -> None:
    assert one_line("a\n  b\tc") == "a b c"
    assert one_line("abcdefgh", limit=5) == "abcd…"


def test_markup_and_select_labels_from_people_read_back_as_typed() -> None:
    """The command palette parses its titles as markup; a Select parses str labels."""
    from textual.content import Content

    from tests.hostile_corpus import SMALL
    from tuidesk.text import literal_markup, literal_options

    for case in SMALL:
        assert Content.from_markup(literal_markup(case.text)).plain == one_line(case.text)
    ((label, value),) = literal_options([(HOSTILE, 7)])
    assert isinstance(label, Text) and label.plain == one_line(HOSTILE) and not label.spans
    assert value == 7
