"""SQL for councils, their settings and Board measures (goals, targets, national figures), staff accounts and
set-password links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from heard.council.schemas import (
    BoardMeasure,
    CouncilSettings,
    LockedStaff,
    PendingLink,
    PublicContact,
    StaffMember,
)

_SETTINGS_COLUMNS = (
    "logo_text",
    "accessibility_contact",
    "emergency_duty_email",
    "emergency_duty_phone",
    "office_hours",
    "urgent_ack_minutes",
    "urgent_escalate_minutes",
    "concern_ack_minutes",
    "concern_escalate_minutes",
    "reply_target_days",
    "quarter_convention",
    "totp_roles",
    "notify_email_template_id",
    "notify_sms_template_id",
    "notify_sms_numbers",
    "nudge_email_template_id",
    "nudge_sms_template_id",
    "teams_webhook_url",
)


async def council_by_slug(conn: asyncpg.Connection, slug: str) -> tuple[int, str] | None:
    row = await conn.fetchrow("select id, name from councils where slug = $1", slug)
    return None if row is None else (row["id"], row["name"])


# The council a public page is about: the one named (slug), else the signed-in person's, else the only one there is.
_PUBLIC_CONTACT = """
select c.name, coalesce(cs.accessibility_contact, '') as accessibility_contact
from councils c left join council_settings cs on cs.council_id = c.id
where c.slug = $1 or c.id = $2 or ($1 is null and $2 is null and (select count(*) from councils) = 1)
order by c.slug = $1 desc nulls last limit 1
"""


async def public_contact(conn: asyncpg.Connection, slug: str | None, council_id: int | None) -> PublicContact | None:
    row = await conn.fetchrow(_PUBLIC_CONTACT, slug, council_id)
    return None if row is None else PublicContact(**dict(row))


async def insert_council(conn: asyncpg.Connection, slug: str, name: str) -> int:
    council_id: int = await conn.fetchval("insert into councils (slug, name) values ($1, $2) returning id", slug, name)
    return council_id


_UPSERT_SETTINGS = f"""
insert into council_settings (council_id, {", ".join(_SETTINGS_COLUMNS)})
values ($1, {", ".join(f"${i + 2}" for i in range(len(_SETTINGS_COLUMNS)))})
on conflict (council_id) do update set {", ".join(f"{c} = excluded.{c}" for c in _SETTINGS_COLUMNS)},
    updated_at = now()
"""  # noqa: S608 - column names are the constants above


async def save_settings(conn: asyncpg.Connection, council_id: int, s: CouncilSettings) -> None:
    await conn.execute(_UPSERT_SETTINGS, council_id, *(getattr(s, c) for c in _SETTINGS_COLUMNS))
    await conn.execute(
        "update councils set name = $2, advocacy_contact = nullif($3, '') where id = $1",
        council_id,
        s.name,
        s.advocacy_contact,
    )
    await conn.executemany(
        _UPSERT_BOARD_MEASURE,
        [
            (council_id, m.measure, m.goal, m.target_percent, m.national_percent, m.national_source, m.national_year)
            for m in s.comparisons
        ],
    )


# The Board's own margin for amber (amber_within) is left as it is: the settings page does not edit it.
_UPSERT_BOARD_MEASURE = """
insert into board_measures (council_id, measure, goal, target_percent, national_percent, national_source,
                            national_year)
values ($1, $2, $3, $4, $5, $6, $7)
on conflict (council_id, measure) do update set goal = excluded.goal, target_percent = excluded.target_percent,
    national_percent = excluded.national_percent, national_source = excluded.national_source,
    national_year = excluded.national_year, updated_at = now()
"""


_SETTINGS = f"""
select c.name, coalesce(c.advocacy_contact, '') as advocacy_contact, cs.council_id is not null as stored,
       {", ".join(f"cs.{c}" for c in _SETTINGS_COLUMNS)}
from councils c left join council_settings cs on cs.council_id = c.id
where c.id = $1
"""  # noqa: S608 - column names are the constants above


_BOARD_MEASURES = """
select measure, goal, target_percent::float8, national_percent::float8, national_source, national_year
from board_measures where council_id = $1
"""


async def settings(
    conn: asyncpg.Connection, council_id: int, defaults: dict[str, Any], measures: Sequence[str] = ()
) -> CouncilSettings:
    """The council's settings; `defaults` fill in for a council that has never saved any. `measures`: the Board's
    measures, in the Board's order, each with what the council has set for it (blank where nothing is set)."""
    row = await conn.fetchrow(_SETTINGS, council_id)
    if row is None:
        raise LookupError(council_id)  # a signed-in principal's council always exists
    values = {c: row[c] for c in _SETTINGS_COLUMNS} if row["stored"] else defaults
    stored = {r["measure"]: BoardMeasure(**dict(r)) for r in await conn.fetch(_BOARD_MEASURES, council_id)}
    comparisons = [stored.get(m, BoardMeasure(measure=m)) for m in measures]
    return CouncilSettings(
        name=row["name"], advocacy_contact=row["advocacy_contact"], comparisons=comparisons, **values
    )


async def email_taken(conn: asyncpg.Connection, email: str) -> bool:
    return bool(await conn.fetchval("select exists(select 1 from staff where email = $1)", email))


_INSERT_STAFF = """
insert into staff (council_id, email, name, roles, team, password_hash, sso_only)
values ($1, $2, $3, $4, nullif($5, ''), $6, $7) returning id
"""


async def insert_staff(
    conn: asyncpg.Connection,
    council_id: int,
    *,
    email: str,
    name: str,
    roles: list[str],
    team: str,
    unusable_hash: str,
    sso_only: bool,
) -> int:
    staff_id: int = await conn.fetchval(_INSERT_STAFF, council_id, email, name, roles, team, unusable_hash, sso_only)
    return staff_id


_STAFF = """
select s.id, s.email, s.name, s.roles, coalesce(s.team, '') as team, s.disabled_at is not null as disabled,
       s.totp_enabled_at is not null as totp_enrolled, s.sso_only,
       s.password_set_at is not null as password_set,
       coalesce((select array_agg(c.reference order by c.reference) from allocations al
                 join children c on c.id = al.child_id
                 where al.staff_id = s.id and al.relation = 'worker'
                   and (al.ends_on is null or al.ends_on >= current_date)), '{}') as children
from staff s where s.council_id = $1 and ($2::bigint is null or s.id = $2)
order by s.disabled_at is not null, s.name, s.id
"""


async def staff(conn: asyncpg.Connection, council_id: int, staff_id: int | None = None) -> list[StaffMember]:
    return [StaffMember(**dict(r)) for r in await conn.fetch(_STAFF, council_id, staff_id)]


_LOCK_ADMINS = "select id from staff where council_id = $1 and 'admin' = any(roles) order by id for update"
_LOCK_STAFF = (
    "select id, roles, disabled_at is not null as disabled from staff where id = $1 and council_id = $2 for update"
)


async def lock_staff(conn: asyncpg.Connection, council_id: int, staff_id: int) -> LockedStaff | None:
    """The member of staff, locked; and every admin of the council too, so two admins cannot remove each other."""
    await conn.execute(_LOCK_ADMINS, council_id)
    row = await conn.fetchrow(_LOCK_STAFF, staff_id, council_id)
    return None if row is None else LockedStaff(id=row["id"], roles=tuple(row["roles"]), disabled=row["disabled"])


async def other_enabled_admins(conn: asyncpg.Connection, council_id: int, staff_id: int) -> int:
    count: int = await conn.fetchval(
        """select count(*) from staff where council_id = $1 and id <> $2 and 'admin' = any(roles)
           and disabled_at is null""",
        council_id,
        staff_id,
    )
    return count


async def set_roles(conn: asyncpg.Connection, staff_id: int, roles: Sequence[str], team: str) -> None:
    await conn.execute("update staff set roles = $2, team = nullif($3, '') where id = $1", staff_id, roles, team)


async def set_disabled(conn: asyncpg.Connection, staff_id: int, disabled: bool) -> None:
    await conn.execute("update staff set disabled_at = case when $2 then now() end where id = $1", staff_id, disabled)


async def end_sessions(conn: asyncpg.Connection, staff_id: int) -> int:
    result: str = await conn.execute("delete from sessions where staff_id = $1", staff_id)
    return int(result.split()[-1])


async def set_password_hash(conn: asyncpg.Connection, staff_id: int, password_hash: str, *, chosen: bool) -> None:
    await conn.execute(
        "update staff set password_hash = $2, password_set_at = case when $3 then now() end where id = $1",
        staff_id,
        password_hash,
        chosen,
    )


async def clear_totp(conn: asyncpg.Connection, staff_id: int) -> None:
    await conn.execute("update staff set totp_secret = null, totp_enabled_at = null where id = $1", staff_id)
    await conn.execute("delete from staff_recovery_codes where staff_id = $1", staff_id)


async def insert_link(
    conn: asyncpg.Connection, token_hash: bytes, staff_id: int, purpose: str, expires_at: datetime
) -> None:
    await conn.execute("update staff_setup_links set used_at = now() where staff_id = $1 and used_at is null", staff_id)
    await conn.execute(
        "insert into staff_setup_links (token_hash, staff_id, purpose, expires_at) values ($1, $2, $3, $4)",
        token_hash,
        staff_id,
        purpose,
        expires_at,
    )


_LINK = """
select l.staff_id, s.council_id, s.email, l.purpose, s.totp_secret, s.totp_enabled_at is not null as totp_enrolled,
       l.used_at is not null as used, l.expires_at <= now() as expired, s.disabled_at is not null as disabled
from staff_setup_links l join staff s on s.id = l.staff_id
where l.token_hash = $1
"""


async def link(conn: asyncpg.Connection, token_hash: bytes, *, lock: bool = False) -> tuple[PendingLink, str] | None:
    """The link and what is wrong with it ('' when it can be used)."""
    row = await conn.fetchrow(_LINK + (" for update of l" if lock else ""), token_hash)
    if row is None:
        return None
    problem = "used" if row["used"] else "expired" if row["expired"] else "disabled" if row["disabled"] else ""
    fields = {k: row[k] for k in ("staff_id", "council_id", "email", "purpose", "totp_secret", "totp_enrolled")}
    return PendingLink(**fields), problem


async def use_link(conn: asyncpg.Connection, token_hash: bytes) -> None:
    await conn.execute("update staff_setup_links set used_at = now() where token_hash = $1", token_hash)


async def set_totp(conn: asyncpg.Connection, staff_id: int, secret: str, *, enabled: bool) -> None:
    await conn.execute(
        "update staff set totp_secret = $2, totp_enabled_at = case when $3 then now() end where id = $1",
        staff_id,
        secret,
        enabled,
    )


async def replace_recovery_codes(conn: asyncpg.Connection, staff_id: int, codes: list[tuple[str, str]]) -> None:
    """`codes`: (lookup, hash) pairs."""
    await conn.execute("delete from staff_recovery_codes where staff_id = $1", staff_id)
    await conn.executemany(
        "insert into staff_recovery_codes (staff_id, lookup, code_hash) values ($1, $2, $3)",
        [(staff_id, lookup, code_hash) for lookup, code_hash in codes],
    )


async def unused_recovery_codes(conn: asyncpg.Connection, staff_id: int, lookup: str) -> list[tuple[int, str]]:
    rows = await conn.fetch(
        """select id, code_hash from staff_recovery_codes where staff_id = $1 and lookup = $2 and used_at is null
           for update""",
        staff_id,
        lookup,
    )
    return [(r["id"], r["code_hash"]) for r in rows]


async def use_recovery_code(conn: asyncpg.Connection, code_id: int) -> None:
    await conn.execute("update staff_recovery_codes set used_at = now() where id = $1", code_id)


async def allocate(conn: asyncpg.Connection, council_id: int, staff_id: int, reference: str) -> int | None:
    """Allocate the child with this reference to the worker from today; None when there is no such child."""
    child_id: int | None = await conn.fetchval(
        "select id from children where council_id = $1 and reference = $2 and archived_at is null",
        council_id,
        reference,
    )
    if child_id is None:
        return None
    await conn.execute(
        """insert into allocations (council_id, child_id, staff_id, relation)
           select $1, $2, $3, 'worker'
           where not exists (select 1 from allocations where child_id = $2 and staff_id = $3 and relation = 'worker'
                             and (ends_on is null or ends_on >= current_date))""",
        council_id,
        child_id,
        staff_id,
    )
    return child_id


class CardChild(msgspec.Struct, frozen=True):
    """A child as their sign-in card names them: case reference and the name they are known by."""

    id: int
    reference: str
    known_as: str
    access_code_issued_at: datetime | None


_CHILD = """
select id, reference, known_as, access_code_issued_at from children
where id = $1 and council_id = $2 and archived_at is null
"""


async def child(conn: asyncpg.Connection, council_id: int, child_id: int) -> CardChild | None:
    row = await conn.fetchrow(_CHILD, child_id, council_id)
    return None if row is None else CardChild(**dict(row))


async def pass_session_totp(conn: asyncpg.Connection, session_hash: bytes) -> None:
    await conn.execute("update sessions set totp_passed = true where token_hash = $1", session_hash)


async def lock_council_creation(conn: asyncpg.Connection) -> None:
    """Two `heard council create` runs at once: the second waits, then finds the slug taken."""
    await conn.execute("select pg_advisory_xact_lock(hashtext('heard council create'))")


_MY_CHILDREN = """
select c.id, c.reference, c.known_as, c.access_code_issued_at from allocations a join children c on c.id = a.child_id
where a.staff_id = $1 and c.council_id = $2 and a.relation = 'worker' and c.archived_at is null
  and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date)
order by c.known_as, c.reference
"""


async def my_children(conn: asyncpg.Connection, staff_id: int, council_id: int) -> list[CardChild]:
    return [CardChild(**dict(r)) for r in await conn.fetch(_MY_CHILDREN, staff_id, council_id)]


class StoredSafeguarding(msgspec.Struct, frozen=True, kw_only=True):
    """The safeguarding settings a council has saved: they override the environment's for its alerts."""

    emergency_duty_email: str
    emergency_duty_phone: str
    office_hours: str
    urgent_ack_minutes: int
    urgent_escalate_minutes: int
    concern_ack_minutes: int
    concern_escalate_minutes: int
    notify_email_template_id: str
    notify_sms_template_id: str
    notify_sms_numbers: tuple[str, ...]
    teams_webhook_url: str


_STORED_SAFEGUARDING = """
select emergency_duty_email, emergency_duty_phone, office_hours, urgent_ack_minutes, urgent_escalate_minutes,
       concern_ack_minutes, concern_escalate_minutes, notify_email_template_id, notify_sms_template_id,
       notify_sms_numbers, teams_webhook_url
from council_settings where council_id = $1
"""


async def stored_safeguarding(conn: asyncpg.Connection, council_id: int) -> StoredSafeguarding | None:
    row = await conn.fetchrow(_STORED_SAFEGUARDING, council_id)
    return None if row is None else msgspec.convert(dict(row), StoredSafeguarding)


# Financial year (April to March) unless the council has chosen calendar quarters on its settings page.
_QUARTER_CONVENTION = "select quarter_convention from council_settings where council_id = $1"


async def quarter_convention(conn: asyncpg.Connection, council_id: int) -> str | None:
    found: str | None = await conn.fetchval(_QUARTER_CONVENTION, council_id)
    return found


_REPLY_TARGET = "select reply_target_days from council_settings where council_id = $1"


async def reply_target_days(conn: asyncpg.Connection, council_id: int) -> int | None:
    """The working days the council has promised to reply within; None when it has not saved its settings."""
    found: int | None = await conn.fetchval(_REPLY_TARGET, council_id)
    return found
