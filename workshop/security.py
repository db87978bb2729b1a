"""Join codes, facilitator keys, tokens and the slowing-down of guesses."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .errors import TooManyAttempts
from .models import AccessAttempt, utcnow

__all__ = [
    "CODE_ALPHABET",
    "new_join_code",
    "normalise_join_code",
    "new_facilitator_key",
    "new_link_code",
    "link_code_hash",
    "hash_secret",
    "verify_secret",
    "new_token",
    "token_hash",
    "Client",
    "ANONYMOUS",
    "check_not_throttled",
    "record_failure",
    "clear_failures",
]

# Easy to read aloud and to type from a wall: no 0/O, 1/I/L, and no U/V or 5/S mix-ups.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTWXYZ2346789"
JOIN_CODE_LENGTH = 6
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """Upper-case a typed code and drop spaces and dashes.

    >>> normalise_join_code(" kq7-m2x ")
    'KQ7M2X'
    """
    return "".join(ch for ch in str(raw).upper() if ch not in " -\t")


def new_facilitator_key() -> str:
    """Sixteen characters in four groups: long enough not to be guessed, short enough to write down."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def new_link_code(length: int = 12) -> str:
    """A code for a personal link (a survey, an invitation): groups of four from :data:`CODE_ALPHABET`.

    Random, shown once and kept only as :func:`link_code_hash`; twelve characters from 27 are
    about 57 bits, too many to guess at the throttled rate (docs/security.md).

    >>> code = new_link_code()
    >>> len(code), code.count("-"), set(code.replace("-", "")) <= set(CODE_ALPHABET)
    (14, 2, True)
    """
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))


def link_code_hash(code: object, length: int = 12) -> str | None:
    """The stored form of a typed link code (case, spaces and dashes do not matter), or ``None``.

    ``None`` for anything that cannot be a code of ``length`` characters: no lookup is needed
    to refuse it.

    >>> link_code_hash("abcd-efgh-jkmn") == link_code_hash("ABCDEFGHJKMN")
    True
    >>> link_code_hash("ABCD"), link_code_hash(None)
    (None, None)
    """
    if not isinstance(code, str):
        return None
    folded = normalise_join_code(code)
    if len(folded) != length or any(ch not in CODE_ALPHABET for ch in folded):
        return None
    return token_hash(folded)


def hash_secret(secret: str) -> str:
    """A salted SHA-256 of a facilitator or coordinator key, for storing.

    Every key is made here (:func:`new_facilitator_key`: 16 characters from 27, about 76 bits);
    nobody picks their own. A slow password hash (PBKDF2, bcrypt) buys time only against guessing
    a secret that people chose; against 2**76 random keys one hash is enough (at 10**10 guesses a
    second, a key holds for 240 000 years), and it costs microseconds where PBKDF2 with 200 000
    rounds cost 0.27 s of a core at every sign-in and every key the demo makes. Hashes stored by
    earlier versions (PBKDF2) are still accepted by :func:`verify_secret`.

    >>> stored = hash_secret("ABCD-EFGH-JKMN-PQRT")
    >>> stored.startswith("sha256$"), verify_secret("abcdefghjkmnpqrt", stored), verify_secret("ABCD-EFGH-JKMN-PQRX", stored)
    (True, True, False)
    """
    salt = secrets.token_hex(16)
    return f"sha256${salt}${_salted_sha256(secret, salt)}"


def verify_secret(secret: str, stored: str) -> bool:
    """Whether ``secret`` is the key ``stored`` was made from (case and dashes do not matter)."""
    try:
        scheme, *parts = str(stored).split("$")
        if scheme == "sha256" and len(parts) == 2:
            salt, expected = parts
            digest = _salted_sha256(secret, salt)
        elif scheme == "pbkdf2_sha256" and len(parts) == 3:  # stored before 2026-12
            iterations, salt, expected = parts
            digest = hashlib.pbkdf2_hmac("sha256", _fold_key(secret).encode(), bytes.fromhex(salt), int(iterations)).hex()
        else:
            return False
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def _salted_sha256(secret: str, salt: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + _fold_key(secret).encode()).hexdigest()


def _fold_key(secret: str) -> str:
    # Keys are typed by hand: accept lower case and missing dashes.
    return normalise_join_code(secret)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """Tokens are long and random, so a fast hash is enough to keep them out of the database.

    A lone surrogate (which no browser sends) hashes too, to a value no token has.
    """
    return hashlib.sha256(str(token).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Client:
    """Who is guessing: the browser (a random token the browser keeps in a cookie) and its address.

    A browser's own failures are counted for the two together, so that a stranger's wrong
    guesses never make another browser wait, even one behind the same address (a hall's wifi,
    a proxy). The pages give every guessing browser a token before its first guess.
    """

    address: str
    browser: str = ""

    @property
    def key(self) -> str:
        # Hashed: whatever identifies the client, the key fits its column and holds no address.
        return token_hash(f"{self.address}|{self.browser}")[:32]

    @property
    def address_key(self) -> str:
        return token_hash(self.address)[:32]


ANONYMOUS = Client("unknown")

# The rules (docs/security.md, "Throttling guesses"):
#
# * A browser may get three guesses at one target wrong, then waits 2, 4, 8 … up to 300 s
#   before its next guess there is even looked at (right or wrong). Only its own failures
#   count, so only the guesser waits.
# * Everyone's failures at a target (a workshop's facilitator key, a coordinator's name, "any
#   join code", "any survey code") and from an address are counted too, but these counts
#   never refuse a guess and never delay a right one: they only make wrong guesses cost more.
#   While either is past its bound ("under pressure"), a wrong guess uses up the guessing
#   browser's free attempts at once, so its next guess waits; a guesser must then open a new
#   browser session for every guess.
# * The counts live in the database, so every server of an installation shares them.
CLIENT_FREE_ATTEMPTS = FREE_ATTEMPTS
PRESSURE_WINDOW = dt.timedelta(hours=1)
# Failures within PRESSURE_WINDOW past which a target or an address is under pressure. A hall
# of forty phones mistyping now and then stays under the address bound; the keys' targets are
# tried only by the one or two people who hold them.
TARGET_PRESSURE_AFTER = {"join": 300, "survey": 300, "facilitator": 30, "coordinator": 30}
ADDRESS_PRESSURE_AFTER = 100
_PRUNE_AFTER = dt.timedelta(days=1)

_LOG = logging.getLogger(__name__)


def _client_key(purpose: str, target: str, client: Client) -> str:
    return f"{purpose}:{target}:{client.key}"


def _shared_keys(purpose: str, target: str, client: Client) -> list[tuple[str, int, str]]:
    """The counters everyone shares: (key, pressure bound, what to call it in the log), in key order."""
    keys = [
        (f"target:{purpose}:{token_hash(target)[:32]}", TARGET_PRESSURE_AFTER.get(purpose, 300), f"{purpose} target"),
        (f"address:{client.address_key}", ADDRESS_PRESSURE_AFTER, "address"),
    ]
    return sorted(keys)


def _wait_seconds(failures: int, free: int = FREE_ATTEMPTS) -> int:
    """Seconds to wait after ``failures`` failures, ``free`` of which cost nothing.

    >>> [_wait_seconds(n) for n in range(7)]
    [0, 0, 0, 2, 4, 8, 16]
    >>> _wait_seconds(40)
    300
    """
    if failures < free:
        return 0
    return min(2 ** min(failures - free + 1, 20), MAX_WAIT_SECONDS)


def check_not_throttled(session: Session, purpose: str, target: str, client: Client, *, now: dt.datetime | None = None) -> None:
    """Raise :class:`TooManyAttempts` while ``client`` must wait after its own failures at ``target``.

    Only the client's own count is asked: no one else's failures, at this target or from this
    address, can make this call refuse. The count's row is locked (on PostgreSQL) until the
    caller commits, so guesses one browser sends at the same instant are checked one after the
    other, each seeing the failures before it; other browsers' guesses do not queue on it.
    """
    key = _client_key(purpose, target, client)
    if session.get_bind().dialect.name == "postgresql":
        # A row to lock even before the first failure: guesses sent at the same instant then
        # queue on it instead of all passing an empty check together.
        table = AccessAttempt.__table__
        session.execute(
            postgresql.insert(table)
            .values(key=key, failures=0, last_failure_at=utcnow())
            .on_conflict_do_nothing(index_elements=[table.c.key])
        )
    attempt = session.scalar(select(AccessAttempt).where(AccessAttempt.key == key).with_for_update())
    now = now or utcnow()  # after the lock: a guess that waited sees the time it is checked
    if attempt is None or now - attempt.last_failure_at > _PRUNE_AFTER:
        return
    wait = _wait_seconds(attempt.failures, CLIENT_FREE_ATTEMPTS)
    remaining = (attempt.last_failure_at + dt.timedelta(seconds=wait) - now).total_seconds()
    if wait and remaining > 0:
        raise TooManyAttempts(seconds=int(remaining) + 1)


_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def record_failure(session: Session, purpose: str, target: str, client: Client) -> None:
    """Count one more failure for the client, the target and the address; prune old counts.

    Atomic upserts, so concurrent failures all count. The shared counts are written in one
    fixed order and the client's own last (its row is already locked by
    :func:`check_not_throttled`), so two guesses never wait for each other's rows in a cycle.
    """
    now = utcnow()
    insert = _UPSERTS[session.get_bind().dialect.name]  # the two databases the app supports
    table = AccessAttempt.__table__

    def bump(key: str, forget_after: dt.timedelta, at_least: int = 0) -> int:
        stale = table.c.last_failure_at < now - forget_after
        counted = case((stale, 1), else_=table.c.failures + 1)  # after a quiet spell, from one again
        if at_least:
            counted = case((counted < at_least, at_least), else_=counted)
        return session.execute(
            insert(table)
            .values(key=key, failures=max(1, at_least), last_failure_at=now)
            .on_conflict_do_update(index_elements=[table.c.key], set_={"failures": counted, "last_failure_at": now})
            .returning(table.c.failures)
        ).scalar_one()

    pressure = False
    for key, bound, label in _shared_keys(purpose, target, client):
        failures = bump(key, PRESSURE_WINDOW)
        if failures > bound:
            pressure = True
            if failures == bound + 1:  # once per spell: an attack the operator should know of
                _LOG.warning(
                    "more than %d wrong %s guesses within an hour at one %s; wrong guesses there now cost a new browser session each",
                    bound, purpose, label,
                )
    # Under pressure a wrong guess uses up the browser's free attempts at once.
    bump(_client_key(purpose, target, client), _PRUNE_AFTER, CLIENT_FREE_ATTEMPTS if pressure else 0)
    session.execute(delete(AccessAttempt).where(AccessAttempt.last_failure_at < now - _PRUNE_AFTER))


def clear_failures(session: Session, purpose: str, target: str, client: Client) -> None:
    """A right guess forgets this client's failures at this target (not the target's or the address's)."""
    session.execute(delete(AccessAttempt).where(AccessAttempt.key == _client_key(purpose, target, client)))
