"""Password and access-code hashing (argon2id), TOTP, and session tokens."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# A fixed hash to verify against when the account does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("no such account")

# No 0/O, 1/I/L, 5/S: a child copies this from a card.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"


# Recovery codes are random (about 49 bits), not chosen by a person: OWASP's minimum argon2id settings are enough,
# and making ten at once stays quick on a busy server.
_code_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


async def hash_random_code_off_loop(value: str) -> str:
    """An argon2id hash of a machine-made code; `verify_secret` checks it (the settings travel in the hash)."""
    return await asyncio.to_thread(_code_hasher.hash, value)


def hash_secret(value: str) -> str:
    """An argon2id hash: about a tenth of a second of CPU, so a request makes it through `hash_secret_off_loop`."""
    return _hasher.hash(value)


async def hash_secret_off_loop(value: str) -> str:
    """`hash_secret` in a worker thread (argon2 releases the GIL), so other requests carry on meanwhile."""
    return await asyncio.to_thread(hash_secret, value)


async def verify_secret(stored_hash: str | None, value: str) -> bool:
    """True when `value` matches; always spends the same effort, even with no stored hash.

    The check runs in a worker thread: on the event loop, each sign-in would stall every other request in
    the process for as long as argon2 takes (a children's home signing in together would be felt by all).
    """
    return await asyncio.to_thread(_verify, stored_hash, value)


def _verify(stored_hash: str | None, value: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, value) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_access_code() -> tuple[str, str]:
    """A printable code `XXXX-XXXX-XXXX` and its public lookup part (the first group)."""
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups), groups[0]


def normalise_code(typed: str) -> str:
    """Forgive case, spaces and missing dashes, the way children type codes from a card."""
    chars = "".join(ch for ch in typed.upper() if ch.isalnum())
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def new_session_token() -> tuple[str, bytes]:
    """A session token for the cookie and the hash we keep (a stolen table gives no sessions)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step whose code this is: the current one or one either side for clock drift; None if none is."""
    totp = pyotp.TOTP(secret)
    now = int(time.time() if at is None else at) // totp.interval
    for step in (now, now - 1, now + 1):
        if hmac.compare_digest(totp.generate_otp(step).encode(), code.encode()):
            return step
    return None


def totp_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Heard")


# ---- known devices -----------------------------------------------------------------------------
# A browser that signed in to an account before carries a signed note saying so. A right answer from it is let
# through even while a guesser elsewhere has that account's code or email blocked: the holder is not locked out.
DEVICE_ACCOUNTS = 5  # a shared tablet in a children's home remembers a few children


def _device_mac(key: str, account: str) -> str:
    return hmac.new(key.encode(), f"device:{account}".encode(), hashlib.sha256).hexdigest()[:32]


def known_accounts(cookie: str | None, key: str) -> list[str]:
    """The accounts ('child:12', 'staff:3') a device cookie vouches for; forged or garbled entries are dropped."""
    found = []
    for entry in (cookie or "").split("|")[:DEVICE_ACCOUNTS]:
        account, _, mac = entry.rpartition(".")
        if account and hmac.compare_digest(mac.encode(), _device_mac(key, account).encode()):
            found.append(account)
    return found


def device_cookie(cookie: str | None, key: str, account: str) -> str:
    """The device cookie with `account` remembered first (the oldest falls off past DEVICE_ACCOUNTS)."""
    kept = [a for a in known_accounts(cookie, key) if a != account]
    return "|".join(f"{a}.{_device_mac(key, a)}" for a in [account, *kept][:DEVICE_ACCOUNTS])
