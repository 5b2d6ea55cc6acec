"""Signing in and out, TOTP, and issuing children's access codes, with per-account rate limits."""

from __future__ import annotations

from datetime import timedelta

import asyncpg

from heard import audit, i18n
from heard.accounts import queries, secrets
from heard.accounts.access import require_child_access
from heard.accounts.schemas import ChildSignIn, IssuedCode, Principal, StaffSignIn
from heard.errors import Forbidden, Invalid, NotFound, TooManyRequests, Unauthorised

WINDOW = timedelta(minutes=15)
# Per account or code: a child mistyping a card gets a few goes; a guesser gets nowhere.
ACCOUNT_LIMIT = 5
# Per address: generous, because a children's home or a school shares one address.
ADDRESS_LIMIT = 100


async def _check_limits(conn: asyncpg.Connection, keys: list[str]) -> None:
    failures = await queries.recent_failures(conn, keys, WINDOW)
    for key, (count, retry_after) in failures.items():
        limit = ADDRESS_LIMIT if key.startswith("ip:") else ACCOUNT_LIMIT
        if count >= limit:
            raise TooManyRequests(too_many_tries(i18n.catalogue(i18n.DEFAULT), retry_after), retry_after=retry_after)


def too_many_tries(words: i18n.Catalogue, retry_after: int) -> str:
    """How long to wait before trying again, in whole minutes (at least one), in the reader's language."""
    minutes = max(1, round(retry_after / 60))
    return words.gettext("sign_in.error.too_many_one" if minutes == 1 else "sign_in.error.too_many", minutes=minutes)


async def sign_in_staff(conn: asyncpg.Connection, data: StaffSignIn, address: str) -> tuple[str, Principal]:
    """Check email and password; returns the session token. TOTP, when due, is checked next."""
    email = data.email.strip().lower()
    keys = [f"account:{email}", f"ip:{address}"]
    await _check_limits(conn, keys)
    account = await queries.staff_by_email(conn, email)
    ok = await secrets.verify_secret(account.password_hash if account else None, data.password)
    if account is None or not ok or account.disabled:
        await queries.record_attempts(conn, keys, succeeded=False)
        raise Unauthorised("That email address and password do not match an account.")
    await queries.record_attempts(conn, keys[:1], succeeded=True)
    token, token_hash = secrets.new_session_token()
    await queries.insert_session(conn, token_hash, account.council_id, staff_id=account.id)
    principal = Principal(kind="staff", id=account.id, council_id=account.council_id, name="", session_hash=token_hash)
    await audit.record(conn, principal, "signed_in", "staff", account.id)
    return token, principal


async def sign_in_child(conn: asyncpg.Connection, data: ChildSignIn, address: str) -> tuple[str, Principal]:
    """Check a child's access code; returns the session token."""
    code = secrets.normalise_code(data.code)
    lookup = code[:4]
    if len(code) != 14:
        raise Invalid(
            "Your code has 12 letters and numbers, like ABCD-EFGH-JKMN. Please check your card.", field="code"
        )
    keys = [f"code:{lookup}", f"ip:{address}"]
    await _check_limits(conn, keys)
    child = await queries.child_by_code_lookup(conn, lookup)
    ok = await secrets.verify_secret(child.access_code_hash if child else None, code)
    if child is None or not ok:
        await queries.record_attempts(conn, keys, succeeded=False)
        raise Unauthorised("That code did not work. Please check your card, or ask your worker for a new one.")
    await queries.record_attempts(conn, keys[:1], succeeded=True)
    token, token_hash = secrets.new_session_token()
    await queries.insert_session(conn, token_hash, child.council_id, child_id=child.id)
    principal = Principal(kind="child", id=child.id, council_id=child.council_id, name="", session_hash=token_hash)
    await audit.record(conn, principal, "signed_in", "child", child.id, child_id=child.id)
    return token, principal


async def pass_totp(conn: asyncpg.Connection, principal: Principal, code: str) -> None:
    """Check a TOTP code for this session, enabling TOTP when this was the enrolment step."""
    keys = [f"totp:{principal.id}"]
    await _check_limits(conn, keys)
    secret, enabled = await queries.staff_totp(conn, principal.id)
    if secret is None:
        raise Invalid("Set up your authenticator app first.", field="code")
    if not secrets.verify_totp(secret, code):
        await queries.record_attempts(conn, keys, succeeded=False)
        raise Invalid("That code is not right. Codes change every 30 seconds; try the newest one.", field="code")
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
