"""The mail fixtures of tests/mail/ (see its README.md) and the messages made at test time.

`raw(name)` is a fixture's bytes as an MTA would pipe them to `tuidesk mail deliver`;
`parsed(name)` the same through Python's `email` with the modern policy. Two kinds of
message are not stored but built: `big_message()` (the 30 MB one: over the default 25 MB
cap, too big for the repository) and `hostile_message(case)` (one message per case of
tests/hostile_corpus.py, in its subject, sender's name, body and attachment name).
"""

from __future__ import annotations

import base64
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path

from tests.hostile_corpus import Case

MAIL_DIR = Path(__file__).parent / "mail"
DESK_ADDRESS = "support@desk.example"
DESK_DOMAIN = "desk.example"  # the domain of every Message-ID the desk writes
TICKET_TAG = "[tuidesk #12]"  # the tag the fixtures' ticket carries in its subject
# the customer's first mail (new-ticket.eml), which the replies refer to
ORIGINAL_MESSAGE_ID = "<CAF7qP1x.printer-jam.0001@mail.example.com>"
MEGABYTE = 1024 * 1024


def names() -> list[str]:
    """Every stored fixture's file name, sorted."""
    return sorted(path.name for path in MAIL_DIR.glob("*.eml"))


def raw(name: str) -> bytes:
    return (MAIL_DIR / name).read_bytes()


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=default_policy).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def parsed(name: str) -> EmailMessage:
    return parse(raw(name))


def big_message(size: int = 30 * MEGABYTE, message_id: str = "<big.0001@example.com>") -> bytes:
    """A customer's mail with a scan attached, `size` bytes or a little more on the wire
    (what RFC822.SIZE and the size cap count); the scan is 57/78 of that (base64 in lines)."""
    head = (
        "Return-Path: <kim@example.com>\r\n"
        "From: Kim Tesla <kim@example.com>\r\n"
        f"To: {DESK_ADDRESS}\r\n"
        "Subject: Scan of the whole binder\r\n"
        "Date: Thu, 19 Nov 2026 20:00:00 +0000\r\n"
        f"Message-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="big-1"\r\n\r\n'
        "--big-1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "The whole binder, scanned.\r\n\r\n"
        '--big-1\r\nContent-Type: application/pdf; name="binder.pdf"\r\n'
        'Content-Disposition: attachment; filename="binder.pdf"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode()
    tail = b"\r\n--big-1--\r\n"
    # base64 of a repeating block, in lines of 76 characters as mailers write it
    line = base64.b64encode(bytes(range(57))) + b"\r\n"
    count = max(0, size - len(head) - len(tail)) // len(line) + 1
    return head + line * count + tail


def hostile_message(case: Case, number: int = 0) -> bytes:
    """One case of the hostile corpus wherever mail carries people's text."""
    message = EmailMessage(policy=default_policy)
    one_line = " ".join(case.text.split()) or "(blank)"
    message["From"] = Address(one_line[:60], addr_spec=f"hostile.{number}@example.net")
    message["To"] = DESK_ADDRESS
    message["Subject"] = one_line[:200]
    message["Date"] = "Thu, 19 Nov 2026 21:00:00 +0000"
    message["Message-ID"] = f"<hostile.{case.name}.{number}@example.net>"
    message.set_content(case.text, charset="utf-8", cte="base64")
    message.add_attachment(
        b"attachment", maintype="application", subtype="octet-stream", filename=one_line[:80]
    )
    return message.as_bytes()
