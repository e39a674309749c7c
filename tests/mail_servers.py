"""Real mail servers for the tests of email in and out (#19, #20).

`imap_server` (session-scoped, one per xdist worker) runs Dovecot from a config written
into a fresh temporary directory: IMAP without TLS on a free loopback port, plaintext
logins, a passwd-file of test users, Maildirs under the same directory. Nothing of the
system's Dovecot setup is read or started. Dovecot refuses to deliver or serve mail as
root, so when the tests run as root the mail belongs to an unprivileged system user
(`tuidesk-test-mail`, created when missing); otherwise to the current user.
`ImapServer.deliver(user, raw)` puts a message in as the MTA would, with `dovecot-lda`.

`smtp_sink` (function-scoped) is an `aiosmtpd` server on a free loopback port that keeps
every message it receives.

Without Dovecot the IMAP tests skip with how to get it; `.ci/run` installs it.

A test module that uses the fixtures names this module as a plugin:
`pytest_plugins = ("tests.mail_servers",)`.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from imapclient import IMAPClient

DOVECOT_SKIP = "Dovecot is not installed: apt-get install -y dovecot-imapd"
MAIL_USER = "tuidesk-test-mail"
LDA = "/usr/lib/dovecot/dovecot-lda"
# users every server has; tests that need a mailbox of their own take `imap_mailbox`,
# one of the spare boxes written at start (Dovecot re-reads its passwd-file at most once
# a second, so a user added later costs a second's wait: see `ImapServer.add_user`)
USERS = {"support": "support-secret", "sales": "sales-secret"}
SPARE_BOXES = 500
START_TIMEOUT = 15.0


def free_port() -> int:
    """A loopback TCP port nobody listens on now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mail_owner() -> tuple[str, int, int]:
    """Who the mail belongs to: an unprivileged system user when we are root."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_name, me.pw_uid, me.pw_gid
    for _attempt in range(20):
        try:
            entry = pwd.getpwnam(MAIL_USER)
            return entry.pw_name, entry.pw_uid, entry.pw_gid
        except KeyError:
            pass
        # several xdist workers may race here: useradd then fails to lock /etc/passwd
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", MAIL_USER],
            capture_output=True,
            check=False,
        )
        time.sleep(0.1)
    pytest.fail(f"could not create the system user {MAIL_USER} for Dovecot (useradd)")


def _config(root: Path, port: int, login_user: str, uid: int, gid: int) -> str:
    group = grp.getgrgid(gid).gr_name
    return f"""\
# written by tests/mail_servers.py for one test run; nothing else is read
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = tuidesk-test-{port}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {login_user}
default_internal_group = {group}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:{root}/mail/%n
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {root}/users
  default_fields = uid={uid} gid={gid} home={root}/home/%n
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service auth {{
  unix_listener auth-userdb {{
    mode = 0600
    user = {login_user}
  }}
}}
protocol lda {{
  postmaster_address = postmaster@desk.example
  hostname = mail.desk.example
}}
"""


def _write_passwd_file(path: Path, users: dict[str, str]) -> None:
    # uid, gid and home come from the userdb's default_fields
    staged = path.with_suffix(".new")
    staged.write_text("".join(f"{name}:{password}::::::\n" for name, password in users.items()))
    staged.chmod(0o644)
    staged.replace(path)


@dataclass
class ImapServer:
    """One running Dovecot: where it listens, its users, and how to deliver to them."""

    host: str
    port: int
    root: Path
    config: Path
    owner: tuple[str, int, int]
    process: subprocess.Popen[bytes]
    users: dict[str, str] = field(default_factory=dict)
    _spare: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_user(self, name: str, password: str) -> None:
        """A new mailbox user. Dovecot re-reads the passwd-file when it changes, but at
        most once a second: wait that second so that the next login sees the user."""
        with self._lock:
            if name in self.users:
                raise ValueError(f"user {name!r} exists already")
            self.users[name] = password
            self._write_users()
            time.sleep(1.1)

    def take_spare_box(self) -> tuple[str, str]:
        """A mailbox no test used before, with an empty INBOX: (login, password)."""
        with self._lock:
            if not self._spare:
                raise RuntimeError("no spare mailbox left: raise SPARE_BOXES")
            name = self._spare.pop(0)
            return name, self.users[name]

    def _write_users(self) -> None:
        _write_passwd_file(self.root / "users", self.users)

    def deliver(self, user: str, raw: bytes) -> None:
        """Put one message into `user`'s INBOX as the MTA would (dovecot-lda on stdin)."""
        result = subprocess.run(
            [LDA, "-c", str(self.config), "-d", user],
            input=raw,
            capture_output=True,
            timeout=30,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"dovecot-lda exited {result.returncode} for {user}: "
                f"{result.stderr.decode(errors='replace').strip()}\n{self.log_tail()}"
            )

    def client(self, user: str, *, timeout: float = 10.0) -> IMAPClient:
        """A logged-in IMAP connection (the caller logs out)."""
        from imapclient import IMAPClient

        connection = IMAPClient(self.host, port=self.port, ssl=False, timeout=timeout)
        connection.login(user, self.users[user])
        return connection

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = (self.root / "dovecot.log").read_text(errors="replace")
        except OSError:
            return "(no Dovecot log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            # the master takes its children down with it on SIGTERM
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        # a child that outlived its master (it should not) still belongs to our group
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)


def _wait_until_listening(server: ImapServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"Dovecot exited {server.process.returncode} at start:\n{server.log_tail()}"
            )
        try:
            with socket.create_connection((server.host, server.port), timeout=1) as probe:
                if probe.recv(200).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Dovecot did not answer on port {server.port}:\n{server.log_tail()}")


def start_dovecot(users: dict[str, str] | None = None) -> ImapServer:
    """Start a private Dovecot; the caller stops it and removes `root`."""
    dovecot = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None
    )
    if dovecot is None or not os.path.exists(LDA):
        pytest.skip(DOVECOT_SKIP)
    owner = _mail_owner()
    login_user, uid, gid = owner
    # not under pytest's base temp: that is 0700 root's, and the mail user must reach it
    root = Path(tempfile.mkdtemp(prefix="tuidesk-dovecot-"))
    root.chmod(0o755)
    for name in ("mail", "home", "state"):
        (root / name).mkdir()
        os.chown(root / name, uid, gid)
    spare = [f"box{number:04d}" for number in range(1, SPARE_BOXES + 1)]
    everyone = dict(users or USERS) | {name: f"{name}-secret" for name in spare}
    _write_passwd_file(root / "users", everyone)
    last_error: Exception | None = None
    for _attempt in range(3):  # another process may take the free port before Dovecot
        port = free_port()
        config = root / "dovecot.conf"
        config.write_text(_config(root, port, login_user, uid, gid))
        config.chmod(0o644)
        process = subprocess.Popen(
            [dovecot, "-F", "-c", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        server = ImapServer("127.0.0.1", port, root, config, owner, process, everyone, spare)
        try:
            _wait_until_listening(server)
            return server
        except RuntimeError as error:
            last_error = error
            server.stop()
    shutil.rmtree(root, ignore_errors=True)
    raise RuntimeError(f"could not start Dovecot: {last_error}")


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    """One Dovecot per test process (so per xdist worker), stopped at the end."""
    server = start_dovecot()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def imap_mailbox(imap_server: ImapServer) -> tuple[str, str]:
    """A user of its own for one test, with an empty INBOX: (login, password)."""
    return imap_server.take_spare_box()


# -- SMTP ------------------------------------------------------------------------------


@dataclass
class ReceivedMail:
    """One message as the sink got it: the envelope and the bytes of DATA."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=default_policy).parsebytes(self.raw)
        assert isinstance(parsed, EmailMessage)
        return parsed


class _Collector:
    def __init__(self) -> None:
        self.received: list[ReceivedMail] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        with self.arrived:
            self.received.append(
                ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    host: str
    port: int
    _collector: _Collector

    @property
    def received(self) -> list[ReceivedMail]:
        return list(self._collector.received)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """Block until `count` messages have arrived (or fail)."""
        with self._collector.arrived:
            if not self._collector.arrived.wait_for(
                lambda: len(self._collector.received) >= count, timeout
            ):
                got = len(self._collector.received)
                raise AssertionError(f"the SMTP sink got {got} message(s), not {count}")
        return self.received


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """An SMTP server on a free loopback port that keeps what it receives."""
    from aiosmtpd.controller import Controller

    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield SmtpSink(controller.hostname, controller.port, collector)
    finally:
        controller.stop()
