"""Council set-up rules: a new council and its first admin, its settings, its staff, and set-password links.

Every change is audited in the same transaction as the change itself, so nothing is half made.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import msgspec

from heard import audit
from heard.accounts import queries as account_queries
from heard.accounts import secrets as account_secrets
from heard.council import queries
from heard.council.schemas import (
    READS_WORDS,
    CouncilSettings,
    Invite,
    LockedStaff,
    PendingLink,
    PublicContact,
    SetUpLink,
    StaffChange,
    StaffMember,
)
from heard.errors import Conflict, Invalid, NotFound
from heard.principal import Principal
from heard.settings import SafeguardingSettings

LINK_HOURS = 24
MIN_PASSWORD = 12
RECOVERY_CODES = 10
RECOVERY_WINDOW = timedelta(minutes=15)
RECOVERY_LIMIT = 5  # wrong recovery or authenticator codes per account in the window
SLUG = re.compile(r"^[a-z0-9-]{2,40}$")
LAST_ADMIN = (
    "{name} is this council's last administrator. Give another member of staff the administrator role first, "
    "so someone can still run Heard."
)
LINK_PROBLEMS = {
    "missing": "This set-up link is not one Heard made. Check you copied all of it, or ask your administrator "
    "for a new one.",
    "used": "This set-up link has already been used. Sign in with the password you chose, or ask your "
    "administrator for a new link.",
    "expired": "This set-up link has expired (links last 24 hours). Ask your administrator for a new one.",
    "disabled": "This account has been switched off. Ask your administrator if you think that is a mistake.",
}


def defaults(config: SafeguardingSettings) -> dict[str, Any]:
    """A new council's settings: the environment's, where it sets them."""
    return {
        "logo_text": "",
        "accessibility_contact": "",
        "emergency_duty_email": config.emergency_duty_email,
        "emergency_duty_phone": config.emergency_duty_phone,
        "office_hours": config.office_hours,
        "urgent_ack_minutes": config.urgent_ack_minutes,
        "urgent_escalate_minutes": config.urgent_escalate_minutes,
        "concern_ack_minutes": config.concern_ack_minutes,
        "concern_escalate_minutes": config.concern_escalate_minutes,
        "reply_target_days": 5,
        "quarter_convention": "financial",
        "totp_roles": list(READS_WORDS),
        "notify_email_template_id": config.notify_email_template_id,
        "notify_sms_template_id": config.notify_sms_template_id,
        "notify_sms_numbers": list(config.notify_sms_numbers),
        "teams_webhook_url": config.teams_webhook_url,
    }


async def create_council(
    conn: asyncpg.Connection,
    config: SafeguardingSettings,
    base_url: str,
    *,
    slug: str,
    name: str,
    admin_email: str,
    admin_name: str = "",
) -> SetUpLink:
    """The council, its settings (from the environment's defaults), its first admin, and that admin's link."""
    slug, name, email = slug.strip(), name.strip(), admin_email.strip().lower()
    if not SLUG.match(slug):
        raise Invalid(f"'{slug}' cannot be a slug: use 2 to 40 lower-case letters, digits and dashes.", field="slug")
    if not name:
        raise Invalid("The council needs a name.", field="name")
    _check_email(email)
    async with conn.transaction():
        await queries.lock_council_creation(conn)
        if (found := await queries.council_by_slug(conn, slug)) is not None:
            raise Conflict(f"A council with the slug '{slug}' already exists ({found[1]}). Nothing was changed.")
        if await queries.email_taken(conn, email):
            raise Conflict(f"{email} already has a Heard account. Nothing was changed.")
        council_id = await queries.insert_council(conn, slug, name)
        values = {**defaults(config), "name": name}
        await queries.save_settings(conn, council_id, msgspec.convert(values, CouncilSettings))
        staff_id = await queries.insert_staff(
            conn,
            council_id,
            email=email,
            name=admin_name.strip() or email.split("@")[0],
            roles=["admin"],
            team="",
            unusable_hash=await _unusable_hash(),
            sso_only=False,
        )
        await audit.record(conn, None, "council_created", "council", council_id, council_id=council_id, slug=slug)
        return await _new_link(conn, None, council_id, staff_id, "set_up", base_url)


def _check_email(email: str) -> None:
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email) or len(email) > 254:
        raise Invalid(f"'{email}' is not an email address.", field="email")


async def _unusable_hash() -> str:
    """The hash of a password nobody is ever told: the account cannot sign in with a password until one is set."""
    return await account_secrets.hash_secret_off_loop(secrets.token_urlsafe(32))


async def _new_link(
    conn: asyncpg.Connection, actor: Principal | None, council_id: int, staff_id: int, purpose: str, base_url: str
) -> SetUpLink:
    token, token_hash = account_secrets.new_session_token()
    expires_at = datetime.now(UTC) + timedelta(hours=LINK_HOURS)
    await queries.insert_link(conn, token_hash, staff_id, purpose, expires_at)  # any earlier link stops working
    await audit.record(conn, actor, "set_up_link_made", "staff", staff_id, council_id=council_id, purpose=purpose)
    return SetUpLink(staff_id=staff_id, url=f"{base_url.rstrip('/')}/staff/set-up/{token}", expires_at=expires_at)


# Settings


async def public_contact(
    conn: asyncpg.Connection, slug: str | None, principal: Principal | None
) -> PublicContact | None:
    """The council a public page speaks for, with its accessibility contact; None when the page cannot tell which."""
    return await queries.public_contact(conn, slug, principal.council_id if principal is not None else None)


async def council_settings(
    conn: asyncpg.Connection, principal: Principal, config: SafeguardingSettings, measures: Sequence[str] = ()
) -> CouncilSettings:
    """The council's settings, with what it has set for each of the Board's `measures`."""
    return await queries.settings(conn, principal.council_id, defaults(config), measures)


async def save_settings(
    conn: asyncpg.Connection, principal: Principal, config: SafeguardingSettings, data: CouncilSettings
) -> list[str]:
    """Store the settings; returns the names of what changed (each audited with its old and new value).

    The Board measures are `board_measures`, the store the Board's dashboard reads: each measure that changed is
    audited on its own, as `board_measure:<measure>`.
    """
    async with conn.transaction():
        measures = [m.measure for m in data.comparisons]
        current = await council_settings(conn, principal, config, measures)
        before = _flat(msgspec.to_builtins(current))
        after = _flat(msgspec.to_builtins(data))
        changed = [key for key in after if before.get(key) != after[key]]
        await queries.save_settings(conn, principal.council_id, data)
        for key in changed:
            await audit.record(
                conn,
                principal,
                "setting_changed",
                "council",
                principal.council_id,
                setting=key,
                before=before.get(key),
                after=after[key],
            )
    return changed


def _flat(values: dict[str, Any]) -> dict[str, Any]:
    """The settings by name, each Board measure under its own name."""
    measures = values.pop("comparisons", [])
    return {**values, **{f"board_measure:{m['measure']}": m for m in measures}}


# Staff


async def staff(conn: asyncpg.Connection, principal: Principal) -> list[StaffMember]:
    return await queries.staff(conn, principal.council_id)


async def member(conn: asyncpg.Connection, principal: Principal, staff_id: int) -> StaffMember:
    found = await queries.staff(conn, principal.council_id, staff_id)
    if not found:
        raise NotFound("There is no member of staff with that number in your council.")
    return found[0]


async def invite(conn: asyncpg.Connection, principal: Principal, data: Invite, base_url: str) -> SetUpLink | None:
    """A new member of staff; their set-password link, or None when they sign in only with single sign-on."""
    email = data.email.strip().lower()
    _check_email(email)
    async with conn.transaction():
        if await queries.email_taken(conn, email):
            raise Conflict(f"{email} is already on Heard's staff list. Find them in the list to change them.")
        staff_id = await queries.insert_staff(
            conn,
            principal.council_id,
            email=email,
            name=data.name.strip(),
            roles=sorted(set(data.roles)),
            team=data.team.strip(),
            unusable_hash=await _unusable_hash(),
            sso_only=data.sso_only,
        )
        await audit.record(
            conn, principal, "staff_invited", "staff", staff_id, roles=data.roles, sso_only=data.sso_only
        )
        if data.sso_only:
            return None
        return await _new_link(conn, principal, principal.council_id, staff_id, "set_up", base_url)


async def _locked(conn: asyncpg.Connection, principal: Principal, staff_id: int) -> LockedStaff:
    found = await queries.lock_staff(conn, principal.council_id, staff_id)
    if found is None:
        raise NotFound("There is no member of staff with that number in your council.")
    return found


async def _keep_an_admin(conn: asyncpg.Connection, principal: Principal, locked: LockedStaff) -> None:
    is_admin = "admin" in locked.roles and not locked.disabled
    if is_admin and await queries.other_enabled_admins(conn, principal.council_id, locked.id) == 0:
        name = (await member(conn, principal, locked.id)).name
        raise Conflict(LAST_ADMIN.format(name=name))


async def change(conn: asyncpg.Connection, principal: Principal, staff_id: int, data: StaffChange) -> None:
    roles = sorted(set(data.roles))
    async with conn.transaction():
        locked = await _locked(conn, principal, staff_id)
        if "admin" not in roles:
            await _keep_an_admin(conn, principal, locked)
        await queries.set_roles(conn, staff_id, roles, data.team.strip())
        await queries.end_sessions(conn, staff_id)  # a session carries the roles it started with
        await audit.record(conn, principal, "staff_changed", "staff", staff_id, before=list(locked.roles), after=roles)


async def set_disabled(conn: asyncpg.Connection, principal: Principal, staff_id: int, *, disabled: bool) -> int:
    """Disable (every session ends at once) or enable a member of staff; returns the sessions ended."""
    async with conn.transaction():
        locked = await _locked(conn, principal, staff_id)
        if disabled:
            await _keep_an_admin(conn, principal, locked)
        await queries.set_disabled(conn, staff_id, disabled)
        ended = await queries.end_sessions(conn, staff_id) if disabled else 0
        await audit.record(conn, principal, "staff_disabled" if disabled else "staff_enabled", "staff", staff_id)
    return ended


async def reset_password(conn: asyncpg.Connection, principal: Principal, staff_id: int, base_url: str) -> SetUpLink:
    """The old password stops working now, every session ends, and a new link lets them choose another."""
    async with conn.transaction():
        if (await _locked(conn, principal, staff_id)).disabled:
            raise Conflict("This account is switched off. Switch it back on before resetting its password.")
        await queries.set_password_hash(conn, staff_id, await _unusable_hash(), chosen=False)
        await queries.end_sessions(conn, staff_id)
        await audit.record(conn, principal, "password_reset", "staff", staff_id)
        return await _new_link(conn, principal, principal.council_id, staff_id, "reset", base_url)


async def reset_authenticator(conn: asyncpg.Connection, principal: Principal, staff_id: int) -> None:
    """Forget their authenticator and recovery codes; they enrol a new one at their next sign-in."""
    async with conn.transaction():
        await _locked(conn, principal, staff_id)
        await queries.clear_totp(conn, staff_id)
        await queries.end_sessions(conn, staff_id)
        await audit.record(conn, principal, "authenticator_reset", "staff", staff_id)


async def allocate(conn: asyncpg.Connection, principal: Principal, staff_id: int, reference: str) -> None:
    async with conn.transaction():
        if "worker" not in (await _locked(conn, principal, staff_id)).roles:
            raise Invalid("Only a member of staff with the worker role can have children allocated.", field="reference")
        child_id = await queries.allocate(conn, principal.council_id, staff_id, reference.strip())
        if child_id is None:
            raise Invalid(f"There is no child with the case reference '{reference.strip()}'.", field="reference")
        await audit.record(conn, principal, "allocated", "staff", staff_id, child_id=child_id)


# Set-password links (no session: the link is the proof)


async def open_link(conn: asyncpg.Connection, token: str, *, lock: bool = False) -> PendingLink:
    found = await queries.link(conn, account_secrets.token_hash(token[:200]), lock=lock)
    if found is None:
        raise Invalid(LINK_PROBLEMS["missing"])
    pending, problem = found
    if problem:
        raise Invalid(LINK_PROBLEMS[problem])
    return pending


async def enrolment_secret(conn: asyncpg.Connection, pending: PendingLink) -> str | None:
    """The authenticator secret to show, made now if they have none; None when their authenticator is set up."""
    if pending.totp_enrolled:
        return None
    if pending.totp_secret:
        return pending.totp_secret
    secret = account_secrets.new_totp_secret()
    await queries.set_totp(conn, pending.staff_id, secret, enabled=False)
    return secret


def _check_password(password: str, confirm: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"Choose a password of at least {MIN_PASSWORD} characters.", field="password")
    if len(password) > 1000:
        raise Invalid("That password is too long: the most is 1,000 characters.", field="password")
    if password != confirm:
        raise Invalid("The two passwords are not the same. Type the same password in both boxes.", field="confirm")


async def complete_set_up(conn: asyncpg.Connection, token: str, password: str, confirm: str, code: str) -> list[str]:
    """Set the password and pass (or enrol) the authenticator; returns new recovery codes when enrolling."""
    _check_password(password, confirm)
    async with conn.transaction():
        pending = await open_link(conn, token, lock=True)
        secret = pending.totp_secret
        step = account_secrets.totp_step(secret, code) if secret and code.isascii() else None
        if secret is None or step is None:
            raise Invalid("That code is not right. Codes change every 30 seconds; try the newest one.", field="code")
        if not await account_queries.use_totp_step(conn, pending.staff_id, step):
            raise Invalid("That code has already been used. Wait for your app to show a new one, then type that.",
                          field="code")  # fmt: skip
        await queries.set_password_hash(
            conn, pending.staff_id, await account_secrets.hash_secret_off_loop(password), chosen=True
        )
        await queries.use_link(conn, account_secrets.token_hash(token[:200]))
        await queries.end_sessions(conn, pending.staff_id)
        codes: list[str] = []
        if not pending.totp_enrolled:
            await queries.set_totp(conn, pending.staff_id, secret, enabled=True)
            codes = await _replace_recovery_codes(conn, pending.staff_id)
        await audit.record(
            conn,
            None,
            "password_set",
            "staff",
            pending.staff_id,
            council_id=pending.council_id,
            purpose=pending.purpose,
        )
    return codes


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(account_secrets.CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


async def _replace_recovery_codes(conn: asyncpg.Connection, staff_id: int) -> list[str]:
    codes = [new_recovery_code() for _ in range(RECOVERY_CODES)]
    hashes = [await account_secrets.hash_random_code_off_loop(c) for c in codes]  # one at a time: argon2 uses memory
    await queries.replace_recovery_codes(conn, staff_id, [(c[:5], h) for c, h in zip(codes, hashes, strict=True)])
    return codes


async def new_recovery_codes(conn: asyncpg.Connection, principal: Principal) -> list[str]:
    """Fresh recovery codes for a signed-in member of staff; the old ones stop working."""
    async with conn.transaction():
        codes = await _replace_recovery_codes(conn, principal.id)
        await audit.record(conn, principal, "recovery_codes_made", "staff", principal.id)
    return codes


async def use_recovery_code(conn: asyncpg.Connection, principal: Principal, typed: str) -> None:
    """Pass this session's authenticator step with a recovery code, which then never works again.

    Tries count against the same per-account limit as authenticator codes, so codes cannot be guessed.
    """
    keys = [f"totp:{principal.id}"]
    for failures in (await account_queries.recent_failures(conn, keys, RECOVERY_WINDOW)).values():
        if failures.count >= RECOVERY_LIMIT:
            minutes = max(1, round(failures.block_left / 60))
            raise Invalid(f"Too many wrong codes. Try again in {minutes} minutes.", field="code")
    code = "".join(ch for ch in typed.upper() if ch.isalnum())[:10]
    code = f"{code[:5]}-{code[5:]}"
    async with conn.transaction():
        for code_id, code_hash in await queries.unused_recovery_codes(conn, principal.id, code[:5]):
            if await account_secrets.verify_secret(code_hash, code):
                await queries.use_recovery_code(conn, code_id)
                await queries.pass_session_totp(conn, principal.session_hash)
                await audit.record(conn, principal, "recovery_code_used", "staff", principal.id)
                return
    await account_queries.record_attempts(conn, keys, succeeded=False)
    raise Invalid("That recovery code is not right, or it has been used already. Each code works once.", field="code")


async def child_for_card(conn: asyncpg.Connection, principal: Principal, child_id: int) -> queries.CardChild:
    """The case reference and name a card is printed with (access is checked by the caller's service)."""
    found = await queries.child(conn, principal.council_id, child_id)
    if found is None:
        raise NotFound("No child with that reference is allocated to you.")
    return found


async def my_children(conn: asyncpg.Connection, principal: Principal) -> list[queries.CardChild]:
    """The children allocated to this worker: whose cards they may replace."""
    return await queries.my_children(conn, principal.id, principal.council_id)


async def email_of(conn: asyncpg.Connection, principal: Principal) -> str:
    return (await member(conn, principal, principal.id)).email
