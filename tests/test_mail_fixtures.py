"""Each fixture of tests/mail/ has the shape its README says, as Python's `email` reads it.

These check the fixtures, not the ingest: when #19's tests say "the DSN is noted on #12",
this is what makes sure the DSN really is a delivery report naming its original.
"""

from __future__ import annotations

import re
from email.message import EmailMessage

import pytest

from tests.hostile_corpus import CASES
from tests.mail_corpus import (
    DESK_ADDRESS,
    DESK_DOMAIN,
    MAIL_DIR,
    MEGABYTE,
    ORIGINAL_MESSAGE_ID,
    TICKET_TAG,
    big_message,
    hostile_message,
    names,
    parse,
    parsed,
    raw,
)

AUTOMATIC = ("exchange-out-of-office.eml", "vacation-auto-reply.eml")
DSNS = ("dsn-postfix.eml", "dsn-postfix-delayed.eml", "dsn-exchange.eml", "dsn-gmail.eml")


def _domain(message_id: str) -> str:
    return message_id.strip().strip("<>").rpartition("@")[2].lower()


def _text(message: EmailMessage, preference: tuple[str, ...] = ("plain",)) -> str:
    body = message.get_body(preferencelist=preference)
    assert body is not None
    return body.get_content()


def test_every_fixture_is_in_the_readme_table_and_every_row_has_a_file() -> None:
    readme = (MAIL_DIR / "README.md").read_text()
    rows = set(re.findall(r"^\| ([\w.-]+\.eml) \|", readme, flags=re.MULTILINE))
    assert rows == set(names())


@pytest.mark.parametrize("name", [n for n in names() if n != "unparseable.eml"])
def test_every_message_parses_without_defects_and_is_to_the_desk(name: str) -> None:
    message = parsed(name)
    assert message.defects == []
    for part in message.walk():
        assert part.defects == [], (name, part.get_content_type())
    assert message["To"].addresses[0].addr_spec == DESK_ADDRESS
    assert message["From"].addresses[0].addr_spec
    assert message["Date"].datetime is not None


@pytest.mark.parametrize("name", [n for n in names() if n != "no-message-id.eml"])
def test_every_message_id_is_unique(name: str) -> None:
    ids = {n: parsed(n)["Message-ID"] for n in names() if n not in ("no-message-id.eml",)}
    if name == "unparseable.eml":
        assert ids[name] is None
        return
    assert ids[name] is not None
    assert list(ids.values()).count(ids[name]) == 1


def test_only_the_own_loop_fixture_has_a_message_id_of_the_desk() -> None:
    own = [n for n in names() if _domain(parsed(n)["Message-ID"] or "") == DESK_DOMAIN]
    assert own == ["own-loop.eml"]
    message = parsed("own-loop.eml")
    assert message["X-Loop"] == DESK_ADDRESS
    assert message["From"].addresses[0].addr_spec == DESK_ADDRESS
    # the Postfix bounce comes from the desk's MTA host, a different domain
    assert _domain(parsed("dsn-postfix.eml")["Message-ID"]) == "mail." + DESK_DOMAIN


def test_new_ticket_is_plain_text_with_a_colleague_on_cc() -> None:
    message = parsed("new-ticket.eml")
    assert message["Message-ID"] == ORIGINAL_MESSAGE_ID
    assert message.get_content_type() == "text/plain"
    assert [a.addr_spec for a in message["Cc"].addresses] == ["bob@example.com"]
    assert message["In-Reply-To"] is None and message["References"] is None
    assert TICKET_TAG not in message["Subject"]


def test_outlook_reply_has_in_reply_to_but_no_references() -> None:
    message = parsed("outlook-reply.eml")
    assert message["In-Reply-To"] == ORIGINAL_MESSAGE_ID
    assert message["References"] is None
    assert message["Thread-Index"]
    assert message.get_content_type() == "multipart/alternative"
    text = _text(message)
    assert text.startswith("Same here on the 2nd floor")
    assert "\nFrom: Ada Lovelace <ada@example.com>\nSent: " in text


def test_gmail_reply_references_the_first_mail_and_quotes_it() -> None:
    message = parsed("gmail-reply.eml")
    assert message["In-Reply-To"] == ORIGINAL_MESSAGE_ID
    assert message["References"] == ORIGINAL_MESSAGE_ID
    assert message["Message-ID"].endswith("@mail.gmail.com>")
    text = _text(message)
    assert text.startswith("Forgot to say: the display shows error E-302.")
    assert "Ada Lovelace <ada@example.com> wrote:\n\n> Hello," in text
    assert 'class="gmail_quote"' in _text(message, ("html",))


def test_apple_mail_reply_threads_through_a_received_reply() -> None:
    message = parsed("apple-mail-reply.eml")
    gmail = parsed("gmail-reply.eml")["Message-ID"]
    assert message["In-Reply-To"] == gmail
    assert message["References"].split() == [ORIGINAL_MESSAGE_ID, gmail]
    assert message["X-Mailer"].startswith("Apple Mail")
    assert message.get_boundary().startswith("Apple-Mail=_")
    assert "I\u2019ve seen it before \u2014 the unit needs replacing." in _text(message)


@pytest.mark.parametrize("name", AUTOMATIC)
def test_auto_replies_say_so_and_answer_the_acknowledgement(name: str) -> None:
    message = parsed(name)
    assert message["Auto-Submitted"].split()[0] in ("auto-generated", "auto-replied")
    assert message["In-Reply-To"] == "<tuidesk.12.1@desk.example>"
    assert TICKET_TAG in message["Subject"]


def test_exchange_out_of_office_marks() -> None:
    message = parsed("exchange-out-of-office.eml")
    assert message["X-Auto-Response-Suppress"] == "All"
    assert message["Subject"].startswith("Automatic reply: ")
    assert message["Return-Path"] == "<bob@example.com>"  # a real sender: the marks decide


def test_vacation_reply_is_rfc_3834() -> None:
    message = parsed("vacation-auto-reply.eml")
    assert message["Auto-Submitted"] == "auto-replied (vacation)"
    assert message["Precedence"] == "bulk"
    assert message["Return-Path"] == "<>"


def test_newsletter_is_bulk_from_noreply() -> None:
    message = parsed("precedence-bulk-noreply.eml")
    assert message["Precedence"] == "bulk"
    assert message["List-Id"]
    assert message["From"].addresses[0].username == "noreply"
    assert message["Auto-Submitted"] is None


def _report(name: str) -> tuple[EmailMessage, list[EmailMessage], EmailMessage]:
    """The DSN, the recipient blocks of its delivery-status, and the original's headers."""
    message = parsed(name)
    assert message.get_content_type() == "multipart/report"
    assert message.get_param("report-type") == "delivery-status"
    parts = message.get_payload()
    assert isinstance(parts, list)
    kinds = [part.get_content_type() for part in parts]
    assert kinds[1] == "message/delivery-status"
    assert kinds[2] in ("message/rfc822", "text/rfc822-headers")
    blocks = parts[1].get_payload()
    assert isinstance(blocks, list) and len(blocks) == 2  # per-message, then per-recipient
    if kinds[2] == "message/rfc822":
        (original,) = parts[2].get_payload()
    else:
        original = parse(parts[2].get_content().encode())
    return message, blocks, original


@pytest.mark.parametrize(
    ("name", "recipient", "action", "status", "original_id"),
    [
        ("dsn-postfix.eml", "gone@example.org", "failed", "5.1.1", "<tuidesk.12.2@desk.example>"),
        (
            "dsn-postfix-delayed.eml",
            "slow@example.org",
            "delayed",
            "4.4.1",
            "<tuidesk.12.3@desk.example>",
        ),
        ("dsn-exchange.eml", "left@example.org", "failed", "5.1.10", "<tuidesk.12.4@desk.example>"),
        (
            "dsn-gmail.eml",
            "nosuchuser.4711@example.com",
            "failed",
            "5.1.1",
            "<tuidesk.12.5@desk.example>",
        ),
    ],
)
def test_dsns_name_the_recipient_status_and_original(
    name: str, recipient: str, action: str, status: str, original_id: str
) -> None:
    message, (per_message, per_recipient), original = _report(name)
    assert per_message["Reporting-MTA"]
    final = per_recipient["Final-Recipient"]
    assert final.partition(";")[0].strip().lower() == "rfc822"
    assert final.partition(";")[2].strip() == recipient
    assert per_recipient["Action"] == action
    assert per_recipient["Status"] == status
    assert original["Message-ID"] == original_id
    assert original["From"] == "Desk Support <support@desk.example>"
    assert original["X-Loop"] == DESK_ADDRESS
    assert message["X-Loop"] is None  # only the attached original carries it
    assert message["Return-Path"] == "<>"
    assert message["Auto-Submitted"] == "auto-replied"


def test_dsn_shapes_differ_as_the_mtas_send_them() -> None:
    postfix = parsed("dsn-postfix.eml")
    assert postfix["From"].addresses[0].username == "MAILER-DAEMON"
    exchange = parsed("dsn-exchange.eml")
    assert exchange.get_payload()[0].get_content_type() == "multipart/alternative"
    assert TICKET_TAG in exchange["Subject"]
    gmail = parsed("dsn-gmail.eml")
    assert gmail["X-Failed-Recipients"] == "nosuchuser.4711@example.com"
    assert gmail.get_payload()[0].get_content_type() == "multipart/related"
    assert gmail["From"].addresses[0].username == "mailer-daemon"


def test_rfc2047_subject_hides_the_tag_until_decoded() -> None:
    data = raw("rfc2047-subject-tag.eml")
    assert TICKET_TAG.encode() not in data
    assert b"[tuidesk" not in data  # not even half of it shows in the bytes
    message = parsed("rfc2047-subject-tag.eml")
    subject = message["Subject"]
    assert subject.startswith(f"Re: {TICKET_TAG} Drucker")
    assert subject.endswith("Gr\u00fc\u00dfe")  # the ISO-8859-1 word
    assert message["In-Reply-To"] is None and message["References"] is None
    assert message["From"].addresses[0].addr_spec == "ada@example.com"


def test_the_stranger_uses_the_tag_encoded_too() -> None:
    message = parsed("rfc2047-subject-tag-stranger.eml")
    assert TICKET_TAG.encode() not in raw("rfc2047-subject-tag-stranger.eml")
    assert TICKET_TAG in message["Subject"]
    assert message["From"].addresses[0].display_name == "Mallory M\u00e4chtig"
    assert message["In-Reply-To"] is None


def test_other_systems_tags_are_not_the_desk_tag() -> None:
    subject = parsed("other-system-tag.eml")["Subject"]
    assert TICKET_TAG not in subject
    assert "[Ticket#" in subject and "[tuidesk#12 ]" in subject


def test_wrong_charset_decodes_with_replacement_characters() -> None:
    message = parsed("wrong-charset.eml")
    assert message.get_content_charset() == "utf-8"
    body = message.get_payload(decode=True)
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "se\u00f1or Mu\u00f1oz" in body.decode("latin-1")
    text = message.get_content()
    assert "\ufffd" in text and text.startswith("La impresora del se")


def test_html_only_has_no_plain_part() -> None:
    message = parsed("html-only.eml")
    assert message.get_content_type() == "text/html"
    assert message.get_body(preferencelist=("plain",)) is None
    html = _text(message, ("html",))
    assert "<script>" in html and "<table>" in html and "10&nbsp;minutes" in html
    assert "tracker.example.net" in html


def test_nested_related_has_inline_images_and_one_attachment() -> None:
    message = parsed("nested-related-inline-images.eml")
    tree = [part.get_content_type() for part in message.walk()]
    assert tree == [
        "multipart/mixed",
        "multipart/related",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "image/png",
        "image/png",
        "application/pdf",
    ]
    inline = [p for p in message.walk() if p.get_content_disposition() == "inline"]
    assert [p["Content-ID"] for p in inline] == [
        "<error.png@example.com>",
        "<logo.png@example.com>",
    ]
    for part in inline:
        assert part.get_content().startswith(b"\x89PNG\r\n\x1a\n")
    html = _text(message, ("html",))
    assert 'src="cid:error.png@example.com"' in html
    attached = [p.get_filename() for p in message.iter_attachments()]
    assert attached == ["report.pdf"]
    assert _text(message).startswith("The error looks like this:")


def test_non_ascii_attachment_names_decode() -> None:
    message = parsed("attachment-non-ascii-names.eml")
    assert [p.get_filename() for p in message.iter_attachments()] == [
        "\u00dcbersicht M\u00e4rz.pdf",
        "\u5831\u544a\u66f8 2026.xlsx",
        "\u0141\u00f3d\u017a notes.txt",
    ]
    assert message["Subject"] == "Rechnungen f\u00fcr M\u00e4rz"
    assert message["From"].addresses[0].display_name == "Gerd M\u00fcller"


def test_path_traversal_names_are_names() -> None:
    message = parsed("attachment-path-traversal.eml")
    names_given = [p.get_filename() for p in message.iter_attachments()]
    assert names_given == ["../../x", "../../.bashrc", "/etc/cron.d/job"]


def test_no_message_id() -> None:
    message = parsed("no-message-id.eml")
    assert "Message-ID" not in message
    assert message["From"].addresses[0].addr_spec == "henry@example.com"


def test_unparseable_has_no_header_at_all() -> None:
    data = raw("unparseable.eml")
    assert data.startswith(b"\x89PNG") and b"\x00" in data
    message = parse(data)
    assert message.keys() == []
    assert any(type(d).__name__ == "MissingHeaderBodySeparatorDefect" for d in message.defects)


def test_hostile_fixture_carries_the_corpus_in_every_field() -> None:
    message = parsed("hostile.eml")
    assert "[b]urgent[/b]" in message["Subject"] and "\x1b]0;owned title\x07" in message["Subject"]
    name = message["From"].addresses[0].display_name
    assert name.startswith("[red]Eve[/red]") and "\u202e" in name and "\x1b[2J" in name
    text = _text(message)
    assert '[link="https://evil.example"]' in text
    assert "\x1b]52;c;" in text and "NUL\x00after" in text and "\u202e" in text
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "invoice\u202efdp.exe [b]x[/b]\x1b[31m.txt"


def test_big_message_is_over_the_default_cap_and_parses() -> None:
    data = big_message()
    assert 30 * MEGABYTE <= len(data) < 30 * MEGABYTE + 200
    message = parse(data)
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "binder.pdf"
    assert len(attachment.get_content()) > 21 * MEGABYTE  # base64 in lines: 57/78 of the wire
    assert len(big_message(MEGABYTE)) < 2 * MEGABYTE


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_messages_carry_each_case(case) -> None:
    message = parse(hostile_message(case))
    one_line = " ".join(case.text.split()) or "(blank)"
    assert message["Subject"] == one_line[:200]
    sender = message["From"].addresses[0]
    assert sender.addr_spec == "hostile.0@example.net"
    # CPython's address parser joins a name's adjacent encoded words with a space where
    # RFC 2047 says none (email.header.decode_header does not): the ingest must know
    assert sender.display_name.replace(" ", "") == one_line[:60].replace(" ", "")
    # the mail format keeps lines, not the kind of line break (a lone CR becomes one)
    expected = case.text.replace("\r\n", "\n").replace("\r", "\n")
    assert _text(message).rstrip("\n") == expected.rstrip("\n")
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == one_line[:80]
