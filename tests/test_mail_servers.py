"""The mail servers of tests/mail_servers.py work as the ingest (#19) will use them.

A message delivered with dovecot-lda is found over IMAP with imapclient the way
`tuidesk mail fetch` will look for it (login, INBOX, UNSEEN, the size before the body,
BODY.PEEK[] so that fetching alone marks nothing, then \\Seen), and two fetchers at once
see the same message. The SMTP sink receives what smtplib sends.
"""

from __future__ import annotations

import smtplib
import threading
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import TYPE_CHECKING

import pytest

from tests import mail_corpus

if TYPE_CHECKING:  # imported as a plugin below, first, so that pytest rewrites its asserts
    from tests.mail_servers import ImapServer, SmtpSink

pytest_plugins = ("tests.mail_servers",)  # its fixtures: imap_server, imap_mailbox, smtp_sink


def _message(subject: str, message_id: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Ada Lovelace <ada@example.com>"
    message["To"] = "support@desk.example"
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Date"] = "Wed, 18 Nov 2026 10:30:00 +0000"
    message.set_content("The printer on the third floor jams on every page.\n")
    return message.as_bytes(policy=default_policy.clone(linesep="\r\n"))


def test_a_delivered_message_is_fetched_once_and_left_seen(
    imap_server: ImapServer, imap_mailbox: tuple[str, str]
) -> None:
    user, _password = imap_mailbox
    raw = _message("Printer jams", "<printer-1@example.com>")
    imap_server.deliver(user, raw)

    client = imap_server.client(user)
    try:
        client.select_folder("INBOX")
        unseen = client.search("UNSEEN")
        assert len(unseen) == 1
        sizes = client.fetch(unseen, ["RFC822.SIZE"])
        assert sizes[unseen[0]][b"RFC822.SIZE"] == len(raw)
        fetched = client.fetch(unseen, ["BODY.PEEK[]"])[unseen[0]][b"BODY[]"]
        assert fetched == raw
        parsed = BytesParser(policy=default_policy).parsebytes(fetched)
        assert parsed["Message-ID"] == "<printer-1@example.com>"
        # PEEK fetched it without marking it read: a crash before storing loses nothing
        assert client.search("UNSEEN") == unseen
        client.add_flags(unseen, [b"\\Seen"])
        assert client.search("UNSEEN") == []
        assert client.search("SEEN") == unseen
    finally:
        client.logout()


def test_two_clients_at_once_see_the_same_message(
    imap_server: ImapServer, imap_mailbox: tuple[str, str]
) -> None:
    user, _password = imap_mailbox
    imap_server.deliver(user, _message("Shared", "<shared-1@example.com>"))
    imap_server.deliver(user, _message("Shared too", "<shared-2@example.com>"))
    first, second = imap_server.client(user), imap_server.client(user)
    try:
        barrier = threading.Barrier(2)
        seen: dict[str, list[bytes]] = {}

        def fetch(name: str, client) -> None:
            client.select_folder("INBOX")
            barrier.wait(timeout=10)
            uids = client.search("UNSEEN")
            bodies = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            seen[name] = sorted(
                data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].strip() for data in bodies.values()
            )

        threads = [
            threading.Thread(target=fetch, args=(name, client))
            for name, client in (("first", first), ("second", second))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        assert (
            seen["first"]
            == seen["second"]
            == [
                b"Message-ID: <shared-1@example.com>",
                b"Message-ID: <shared-2@example.com>",
            ]
        )
        # one marks a message read; the other sees it on its next search
        uid = first.search(["HEADER", "Message-ID", "shared-1@example.com"])
        first.add_flags(uid, [b"\\Seen"])
        second.noop()
        assert second.search("UNSEEN") == second.search(
            ["HEADER", "Message-ID", "shared-2@example.com"]
        )
    finally:
        first.logout()
        second.logout()


def test_mailboxes_are_separate(imap_server: ImapServer, imap_mailbox: tuple[str, str]) -> None:
    user, _password = imap_mailbox
    imap_server.deliver(user, _message("Mine", "<mine@example.com>"))
    other, _ = imap_server.take_spare_box()
    client = imap_server.client(other)
    try:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
    finally:
        client.logout()


def test_a_wrong_password_is_refused(imap_server: ImapServer) -> None:
    from imapclient import IMAPClient
    from imapclient.exceptions import LoginError

    client = IMAPClient(imap_server.host, port=imap_server.port, ssl=False, timeout=10)
    try:
        with pytest.raises(LoginError):
            client.login("support", "not-the-password")
    finally:
        client.shutdown()


def test_deliver_to_an_unknown_user_fails_loudly(imap_server: ImapServer) -> None:
    with pytest.raises(RuntimeError, match="dovecot-lda exited"):
        imap_server.deliver("nobody-here", _message("Lost", "<lost@example.com>"))


def _as_imap_serves(data: bytes) -> bytes:
    # Maildir keeps LF line ends; IMAP serves CRLF
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def test_every_fixture_comes_back_as_delivered(
    imap_server: ImapServer, imap_mailbox: tuple[str, str]
) -> None:
    user, _password = imap_mailbox
    fixtures = mail_corpus.names()
    for name in fixtures:
        imap_server.deliver(user, mail_corpus.raw(name))
    client = imap_server.client(user)
    try:
        client.select_folder("INBOX")
        uids = client.search("ALL")
        assert len(uids) == len(fixtures)
        fetched = client.fetch(uids, ["RFC822.SIZE", "BODY.PEEK[]"])
        for name, uid in zip(fixtures, uids, strict=True):
            expected = _as_imap_serves(mail_corpus.raw(name))
            if name == "unparseable.eml":
                # BODY[] cannot carry NUL: Dovecot sends 0x80 instead (BINARY[] would not,
                # but imapclient 4.1 does not parse its literal8 answer)
                expected = expected.replace(b"\x00", b"\x80")
            assert fetched[uid][b"BODY[]"] == expected, name
            assert fetched[uid][b"RFC822.SIZE"] == len(expected), name
    finally:
        client.logout()


def test_a_message_over_the_cap_is_known_by_its_size_before_download(
    imap_server: ImapServer, imap_mailbox: tuple[str, str]
) -> None:
    user, _password = imap_mailbox
    big = mail_corpus.big_message()
    imap_server.deliver(user, big)
    client = imap_server.client(user)
    try:
        client.select_folder("INBOX")
        (uid,) = client.search("UNSEEN")
        answer = client.fetch([uid], ["RFC822.SIZE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        assert answer[uid][b"RFC822.SIZE"] == len(big) > 25 * mail_corpus.MEGABYTE
        assert b"<big.0001@example.com>" in answer[uid][b"BODY[HEADER.FIELDS (MESSAGE-ID)]"]
        assert client.search("UNSEEN") == [uid]
    finally:
        client.logout()


def test_without_dovecot_the_fixture_skips_and_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests import mail_servers

    monkeypatch.setattr(mail_servers, "LDA", "/nonexistent/dovecot-lda")
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y dovecot-imapd"):
        mail_servers.start_dovecot()


def test_the_smtp_sink_receives_what_smtplib_sends(smtp_sink: SmtpSink) -> None:
    raw = _message("Re: Printer jams", "<reply-1@desk.example>")
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=10) as smtp:
        refused = smtp.sendmail("support@desk.example", ["ada@example.com"], raw)
    assert refused == {}
    (received,) = smtp_sink.wait_for(1)
    assert received.mail_from == "support@desk.example"
    assert received.rcpt_tos == ["ada@example.com"]
    assert received.message()["Message-ID"] == "<reply-1@desk.example>"
    assert "third floor" in received.message().get_content()
