"""Join codes, facilitator keys, tokens and the slowing-down of guesses."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .errors import TooManyAttempts
from .models import AccessAttempt, utcnow

__all__ = [
    "CODE_ALPHABET",
    "new_join_code",
    "normalise_join_code",
    "new_facilitator_key",
    "hash_secret",
    "verify_secret",
    "new_token",
    "token_hash",
    "check_not_throttled",
    "record_failure",
    "clear_failures",
]

# Easy to read aloud and to type from a wall: no 0/O, 1/I/L, and no U/V or 5/S mix-ups.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTWXYZ2346789"
JOIN_CODE_LENGTH = 6
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300
_PBKDF2_ITERATIONS = 200_000


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


def hash_secret(secret: str) -> str:
    salt = secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", _fold_key(secret).encode(), bytes.fromhex(salt), _PBKDF2_ITERATIONS)
    return f"pbkdf2_sha256${_PBKDF2_ITERATIONS}${salt}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        _scheme, iterations, salt, expected = stored.split("$")
        digest = hashlib.pbkdf2_hmac("sha256", _fold_key(secret).encode(), bytes.fromhex(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), expected)


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


def _wait_seconds(failures: int) -> int:
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_WAIT_SECONDS)


def check_not_throttled(session: Session, key: str, *, now: dt.datetime | None = None) -> None:
    """Raise :class:`TooManyAttempts` while ``key`` must wait after repeated failures.

    The count's row is locked (on PostgreSQL) until the caller commits, so guesses sent at
    the same instant are checked one after the other, each seeing the failures before it.
    """
    attempt = session.scalar(select(AccessAttempt).where(AccessAttempt.key == key).with_for_update())
    if attempt is None:
        return
    now = now or utcnow()
    wait = _wait_seconds(attempt.failures)
    remaining = (attempt.last_failure_at + dt.timedelta(seconds=wait) - now).total_seconds()
    if remaining > 0:
        raise TooManyAttempts(seconds=int(remaining) + 1)


_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def record_failure(session: Session, key: str) -> None:
    """Count one more failure for ``key``: one atomic upsert, so concurrent failures all count."""
    now = utcnow()
    insert = _UPSERTS[session.get_bind().dialect.name]  # the two databases the app supports
    table = AccessAttempt.__table__
    session.execute(
        insert(table)
        .values(key=key, failures=1, last_failure_at=now)
        .on_conflict_do_update(index_elements=[table.c.key], set_={"failures": table.c.failures + 1, "last_failure_at": now})
    )


def clear_failures(session: Session, key: str) -> None:
    attempt = session.scalar(select(AccessAttempt).where(AccessAttempt.key == key))
    if attempt is not None:
        session.delete(attempt)
