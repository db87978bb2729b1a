"""A real SMTP server for the mail tests (aiosmtpd, in a thread), and test certificates.

The server keeps every message it accepts, byte for byte, with its envelope. It answers
the RCPT of an address in ``replies`` with that reply (``"550 5.1.1 ..."`` for a bounce,
``"451 ..."`` for a temporary refusal). With ``security="starttls"`` it offers STARTTLS and
requires it; with ``"tls"`` it speaks TLS from the first byte. The certificates are made
by the tests with ``cryptography``: a test CA that signs a server certificate for
127.0.0.1, and another CA nobody configured.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from workshop.mail.settings import MailSettings

HOST = "127.0.0.1"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Handler:
    replies: dict[str, str] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.replies:
            return self.replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"


@dataclass
class Certificates:
    ca: Path  # the CA that signed the server's certificate
    other_ca: Path  # a CA that signed nothing here
    chain: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.chain, self.key)
        return context


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _ca(common: str):
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common)).issuer_name(_name(common))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


@pytest.fixture(scope="session")
def certificates(tmp_path_factory) -> Certificates:
    import ipaddress

    folder = tmp_path_factory.mktemp("certificates")
    ca_key, ca_cert = _ca("Projektberedskap test-CA")
    _other_key, other_cert = _ca("Okänd CA")
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("smtp.test")).issuer_name(ca_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = Certificates(folder / "ca.pem", folder / "other-ca.pem", folder / "server.pem", folder / "server.key")
    paths.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths.other_ca.write_bytes(other_cert.public_bytes(serialization.Encoding.PEM))
    paths.chain.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class SmtpServer:
    handler: Handler
    port: int
    security: str
    controller: Controller

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def settings(self, **overrides) -> MailSettings:
        values = {"host": HOST, "port": self.port, "security": self.security, "sender": "projektberedskap@lindesberg.se", "timeout": 5.0, "max_attempts": 3}
        values.update(overrides)
        return MailSettings(**values)


class _Logins:
    """Accepts one user and password, as a municipality's server would."""

    def __init__(self, user: str, password: str):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == self.user and auth_data.password == self.password, handled=False)


@pytest.fixture
def smtp(request, certificates):
    """A factory: ``smtp(security="none", replies={...}, login=("user", "password"))`` starts a server."""
    started: list[Controller] = []

    def start(security: str = "none", replies: dict[str, str] | None = None, login: tuple[str, str] | None = None) -> SmtpServer:
        handler = Handler(replies=dict(replies or {}))
        port = free_port()
        options: dict = {}
        if security == "starttls":
            options.update(tls_context=certificates.server_context(), require_starttls=True)
        elif security == "tls":
            options.update(ssl_context=certificates.server_context())
        if login is not None:
            options.update(authenticator=_Logins(*login), auth_required=True, auth_require_tls=security != "none")
        controller = Controller(handler, hostname=HOST, port=port, server_hostname="smtp.test", **options)
        controller.start()
        started.append(controller)
        return SmtpServer(handler, port, security, controller)

    yield start
    for controller in started:
        controller.stop()
