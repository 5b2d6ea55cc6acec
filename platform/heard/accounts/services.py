"""Signing in and out, looking sessions up, TOTP, and issuing children's access codes, with per-account rate limits."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

import asyncpg
import msgspec

from heard import audit, i18n, settings
from heard.accounts import queries, secrets
from heard.accounts.access import require_child_access
from heard.accounts.schemas import ChildSignIn, IssuedCode, StaffNotice, StaffSignIn
from heard.errors import Forbidden, Invalid, NotFound, TooManyRequests, Unauthorised
from heard.principal import Principal

WINDOW = timedelta(minutes=15)


class Limit(msgspec.Struct, frozen=True):
    """A guesser is slowed after `slow_after` failures (each further try waits twice as long as the one before,
    from a second) and blocked for the rest of the window after `block_after`."""

    slow_after: int
    block_after: int


# Per account or code: a child mistyping a card gets a few goes; a guesser gets nowhere.
ACCOUNT = Limit(slow_after=3, block_after=10)
# Per address: generous, because a children's home or a school shares one address.
ADDRESS = Limit(slow_after=30, block_after=100)
# A child's worker is told once their code has had this many wrong tries.
TELL_WORKER_AFTER = ACCOUNT.slow_after


def _retry_after(failures: queries.Failures, limit: Limit) -> int:
    """Seconds this key must wait before its next try; 0 when it may try now."""
    if failures.count >= limit.block_after:
        wait = failures.block_left
    elif failures.count >= limit.slow_after:
        wait = 2 ** (failures.count - limit.slow_after) - failures.since_last
    else:
        wait = 0
    return math.ceil(wait) if wait > 0 else 0


async def _check_limits(conn: asyncpg.Connection, keys: list[str], *, staff: bool) -> None:
    failures = await queries.recent_failures(conn, keys, WINDOW)
    waits = [_retry_after(f, ADDRESS if key.startswith("ip:") else ACCOUNT) for key, f in failures.items()]
    retry_after = max(waits, default=0)
    if retry_after:
        child_words = i18n.catalogue(i18n.DEFAULT)
        message = too_many_tries_staff(retry_after) if staff else too_many_tries(child_words, retry_after)
        raise TooManyRequests(message, retry_after=retry_after)


def too_many_tries_staff(retry_after: int) -> str:
    """The same, for staff: their help is their administrator, not a worker."""
    minutes = max(1, math.ceil(retry_after / 60))
    wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"Too many tries. Please wait {wait} and try again, or ask your Heard administrator to check your account."


def too_many_tries(words: i18n.Catalogue, retry_after: int) -> str:
    """How long to wait before trying again, in whole minutes (at least one), in the reader's language."""
    minutes = max(1, math.ceil(retry_after / 60))
    return words.gettext("sign_in.error.too_many_one" if minutes == 1 else "sign_in.error.too_many", minutes=minutes)


async def sign_in_staff(
    conn: asyncpg.Connection,
    data: StaffSignIn,
    address: str,
    known: Sequence[str] = (),
    replacing: str | None = None,
) -> tuple[str, Principal]:
    """Check email and password; returns the session token. TOTP, when due, is checked next.

    `known` is the accounts this browser signed in to before: a right password from it gets through the limits
    a guesser has run up on the account or the address. `replacing` is the browser's session before this sign-in:
    it ends, so a shared computer never keeps the last person's session alive behind the new one.
    """
    email = data.email.strip().lower()
    keys = [f"account:{email}", f"ip:{address}"]
    account = await queries.staff_by_email(conn, email)
    trusted = account is not None and f"staff:{account.id}" in known
    if not trusted:
        await _check_limits(conn, keys, staff=True)
    ok = await secrets.verify_secret(account.password_hash if account else None, data.password)
    if account is None or not ok or account.disabled:
        await queries.record_attempts(conn, keys, succeeded=False)
        if account is not None and ok:  # only the password's holder learns the account is switched off
            raise Unauthorised("This account has been switched off. Ask your Heard administrator if you need it back.")
        raise Unauthorised("That email address and password do not match an account.")
    if not trusted:  # the holder's own success on their device leaves a guesser's count where it is
        await queries.record_attempts(conn, keys[:1], succeeded=True)
    token, token_hash = secrets.new_session_token()
    if replacing:
        await queries.delete_session(conn, secrets.token_hash(replacing))
    await queries.insert_session(conn, token_hash, account.council_id, staff_id=account.id)
    principal = Principal(kind="staff", id=account.id, council_id=account.council_id, name="", session_hash=token_hash)
    await audit.record(conn, principal, "signed_in", "staff", account.id)
    return token, principal


async def sign_in_child(
    conn: asyncpg.Connection,
    data: ChildSignIn,
    address: str,
    known: Sequence[str] = (),
    replacing: str | None = None,
) -> tuple[str, Principal]:
    """Check a child's access code; returns the session token.

    `known` and `replacing` are as for `sign_in_staff`. Wrong tries against a child's code tell their worker.
    """
    code = secrets.normalise_code(data.code)
    lookup = code[:4]
    if len(code) != 14:
        raise Invalid(
            "Your code has 12 letters and numbers, like ABCD-EFGH-JKMN. Please check your card.", field="code"
        )
    keys = [f"code:{lookup}", f"ip:{address}"]
    child = await queries.child_by_code_lookup(conn, lookup)
    trusted = child is not None and f"child:{child.id}" in known
    if not trusted:
        await _check_limits(conn, keys, staff=False)
    ok = await secrets.verify_secret(child.access_code_hash if child else None, code)
    if child is None or not ok:
        await queries.record_attempts(conn, keys, succeeded=False)
        if child is not None:
            await _tell_worker_when_guessed(conn, child.id, keys[0])
        raise Unauthorised("That code did not work. Please check your card, or ask your worker for a new one.")
    if not trusted:
        await queries.record_attempts(conn, keys[:1], succeeded=True)
    token, token_hash = secrets.new_session_token()
    if replacing:
        await queries.delete_session(conn, secrets.token_hash(replacing))
    await queries.insert_session(conn, token_hash, child.council_id, child_id=child.id)
    principal = Principal(kind="child", id=child.id, council_id=child.council_id, name="", session_hash=token_hash)
    await audit.record(conn, principal, "signed_in", "child", child.id, child_id=child.id)
    return token, principal


async def _tell_worker_when_guessed(conn: asyncpg.Connection, child_id: int, key: str) -> None:
    failures = (await queries.recent_failures(conn, [key], WINDOW)).get(key)
    if failures is not None and failures.count >= TELL_WORKER_AFTER:
        await queries.tell_workers_code_guessed(conn, child_id, WINDOW)


async def notices(conn: asyncpg.Connection, principal: Principal) -> list[StaffNotice]:
    """What this member of staff should know about their children (the last two weeks)."""
    return await queries.notices(conn, principal.id, principal.council_id)


async def pass_totp(conn: asyncpg.Connection, principal: Principal, code: str) -> None:
    """Check a TOTP code for this session, enabling TOTP when this was the enrolment step."""
    keys = [f"totp:{principal.id}"]
    await _check_limits(conn, keys, staff=True)
    secret, enabled = await queries.staff_totp(conn, principal.id)
    if secret is None:
        raise Invalid("Set up your authenticator app first.", field="code")
    step = secrets.totp_step(secret, code) if code.isascii() else None
    if step is None:
        await queries.record_attempts(conn, keys, succeeded=False)
        raise Invalid("That code is not right. Codes change every 30 seconds; try the newest one.", field="code")
    if not await queries.use_totp_step(conn, principal.id, step):
        # Spent: a code works once, even inside its 30 seconds (someone may have seen it, or replayed it).
        await queries.record_attempts(conn, keys, succeeded=False)
        raise Invalid("That code has already been used. Wait for your app to show a new one, then type that.",
                      field="code")  # fmt: skip
    await queries.record_attempts(conn, keys, succeeded=True)
    if not enabled:
        await queries.enable_totp(conn, principal.id)
    await queries.mark_totp_passed(conn, principal.session_hash)


async def start_totp_enrolment(conn: asyncpg.Connection, principal: Principal) -> str:
    """A new secret for a staff member who has not enrolled yet."""
    secret, enabled = await queries.staff_totp(conn, principal.id)
    if enabled:
        raise Forbidden("Your authenticator app is already set up.")
    if secret is None:
        secret = secrets.new_totp_secret()
        await queries.set_totp_secret(conn, principal.id, secret)
    return secret


async def session_principal(conn: asyncpg.Connection, token: str) -> Principal | None:
    """Who the session with this cookie token belongs to, touching it; None when it has ended or idled out, or its
    person is switched off. The session middleware asks on every request, so signing out anywhere counts at once."""
    idle = timedelta(minutes=settings.get().app.session_idle_minutes)
    return await queries.resolve_session(conn, secrets.token_hash(token), idle)


async def sign_out(conn: asyncpg.Connection, principal: Principal, *, everywhere: bool = False) -> int:
    """End this session, or every session of this person."""
    if everywhere:
        count = await queries.delete_all_sessions(conn, principal)
    else:
        await queries.delete_session(conn, principal.session_hash)
        count = 1
    await audit.record(
        conn, principal, "signed_out_everywhere" if everywhere else "signed_out", principal.kind, principal.id
    )
    return count


async def issue_access_code(conn: asyncpg.Connection, principal: Principal, child_id: int) -> IssuedCode:
    """A new code for a child, replacing the old one and ending the child's sessions."""
    await require_child_access(conn, principal, child_id, action="issue_access_code", relations=("worker",))
    async with conn.transaction():
        for _ in range(10):
            code, lookup = secrets.new_access_code()
            if not await queries.lookup_in_use(conn, lookup):
                break
        else:  # pragma: no cover - 707,281 lookups, so ten clashes in a row means something is wrong
            raise NotFound("Could not make a new code; please try again.")
        await queries.set_access_code(conn, child_id, lookup, await secrets.hash_secret_off_loop(code))
        await audit.record(conn, principal, "issued_access_code", "child", child_id, child_id=child_id)
    return IssuedCode(child_id=child_id, code=code)
