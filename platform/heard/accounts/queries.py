"""SQL for accounts, sessions and sign-in attempts."""

from __future__ import annotations

from datetime import timedelta

import asyncpg
import msgspec

from heard import settings
from heard.accounts.schemas import StaffNotice
from heard.principal import Principal

_RESOLVE_SESSION = """
with s as (
    select * from sessions where token_hash = $1 and last_seen_at > now() - $2::interval
      and created_at > now() - case when staff_id is not null then $3::interval else $4::interval end
),
touched as (  -- a write at most once a minute per session, not on every request
    update sessions set last_seen_at = now()
    where token_hash = $1 and last_seen_at < now() - interval '60 seconds' and exists (select 1 from s)
)
select s.token_hash, s.council_id, s.staff_id, s.child_id, s.totp_passed,
       st.name as staff_name, st.roles, st.totp_enabled_at is not null as totp_enrolled, st.disabled_at,
       coalesce(st.roles && cs.totp_roles, false) as totp_required,
       c.known_as, c.archived_at
from s
left join staff st on st.id = s.staff_id
left join children c on c.id = s.child_id
left join council_settings cs on cs.council_id = s.council_id and s.staff_id is not null
"""


def session_lifetime(kind: str) -> timedelta:
    """How long after signing in a session ends, however active: HEARD_SESSION_STAFF_HOURS / _CHILD_HOURS."""
    app = settings.get().app
    return timedelta(hours=app.session_staff_hours if kind == "staff" else app.session_child_hours)


async def resolve_session(conn: asyncpg.Connection, token_hash: bytes, idle: timedelta) -> Principal | None:
    """The principal for a live session, touching it; None when unknown, idle too long, past its lifetime (see
    `session_lifetime`) or disabled."""
    row = await conn.fetchrow(_RESOLVE_SESSION, token_hash, idle, session_lifetime("staff"), session_lifetime("child"))
    if row is None or row["disabled_at"] is not None or row["archived_at"] is not None:
        return None
    if row["staff_id"] is not None:
        return Principal(
            kind="staff",
            id=row["staff_id"],
            council_id=row["council_id"],
            name=row["staff_name"],
            roles=tuple(row["roles"]),
            totp_passed=row["totp_passed"],
            totp_enrolled=row["totp_enrolled"],
            totp_required=row["totp_required"],
            session_hash=row["token_hash"],
        )
    return Principal(
        kind="child",
        id=row["child_id"],
        council_id=row["council_id"],
        name=row["known_as"],
        session_hash=row["token_hash"],
    )


class StaffAccount(msgspec.Struct, frozen=True):
    id: int
    council_id: int
    password_hash: str
    totp_secret: str | None
    totp_enabled: bool
    disabled: bool


_STAFF_BY_EMAIL = """
select id, council_id, password_hash, totp_secret, totp_enabled_at is not null as totp_enabled,
       disabled_at is not null as disabled
from staff where email = $1
"""


async def staff_by_email(conn: asyncpg.Connection, email: str) -> StaffAccount | None:
    row = await conn.fetchrow(_STAFF_BY_EMAIL, email)
    return None if row is None else StaffAccount(**dict(row))


async def staff_totp(conn: asyncpg.Connection, staff_id: int) -> tuple[str | None, bool]:
    row = await conn.fetchrow(
        "select totp_secret, totp_enabled_at is not null as on from staff where id = $1", staff_id
    )
    return (row["totp_secret"], row["on"]) if row else (None, False)


class ChildAccount(msgspec.Struct, frozen=True):
    id: int
    council_id: int
    access_code_hash: str | None


_CHILD_BY_CODE = """
select id, council_id, access_code_hash from children where access_code_lookup = $1 and archived_at is null
"""


async def child_by_code_lookup(conn: asyncpg.Connection, lookup: str) -> ChildAccount | None:
    row = await conn.fetchrow(_CHILD_BY_CODE, lookup)
    return None if row is None else ChildAccount(**dict(row))


_INSERT_SESSION = """
insert into sessions (token_hash, council_id, staff_id, child_id, totp_passed) values ($1, $2, $3, $4, $5)
"""


async def insert_session(
    conn: asyncpg.Connection,
    token_hash: bytes,
    council_id: int,
    *,
    staff_id: int | None = None,
    child_id: int | None = None,
    totp_passed: bool = False,
) -> None:
    await conn.execute(_INSERT_SESSION, token_hash, council_id, staff_id, child_id, totp_passed)


async def mark_totp_passed(conn: asyncpg.Connection, token_hash: bytes) -> None:
    await conn.execute("update sessions set totp_passed = true where token_hash = $1", token_hash)


async def delete_session(conn: asyncpg.Connection, token_hash: bytes) -> None:
    await conn.execute("delete from sessions where token_hash = $1", token_hash)


async def delete_all_sessions(conn: asyncpg.Connection, principal: Principal) -> int:
    column = "staff_id" if principal.kind == "staff" else "child_id"
    result: str = await conn.execute(f"delete from sessions where {column} = $1", principal.id)  # noqa: S608
    return int(result.split()[-1])


async def set_totp_secret(conn: asyncpg.Connection, staff_id: int, secret: str) -> None:
    await conn.execute("update staff set totp_secret = $2 where id = $1 and totp_enabled_at is null", staff_id, secret)


async def use_totp_step(conn: asyncpg.Connection, staff_id: int, step: int) -> bool:
    """Record `step` as used; False when it, or a later one, was used already (the code is spent)."""
    used = await conn.fetchval(
        """update staff set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2)
           returning id""",
        staff_id,
        step,
    )
    return used is not None


async def enable_totp(conn: asyncpg.Connection, staff_id: int) -> None:
    await conn.execute("update staff set totp_enabled_at = now() where id = $1", staff_id)


_FAILURES = """
select key, count(*) filter (where not succeeded) as failures,
       extract(epoch from (min(at) filter (where not succeeded) + $2::interval - now())) as block_left,
       extract(epoch from (now() - max(at) filter (where not succeeded))) as since_last
from sign_in_attempts
where key = any($1::text[]) and at > now() - $2::interval
  and at > coalesce(
      (select max(at) from sign_in_attempts a2 where a2.key = sign_in_attempts.key and succeeded), '-infinity')
group by key
"""


class Failures(msgspec.Struct, frozen=True):
    """A key's failures since its last success within the window: how many, seconds until the oldest leaves the
    window, and seconds since the newest."""

    count: int
    block_left: float
    since_last: float


async def recent_failures(conn: asyncpg.Connection, keys: list[str], window: timedelta) -> dict[str, Failures]:
    """Failures per key since its last success within the window."""
    rows = await conn.fetch(_FAILURES, keys, window)
    return {r["key"]: Failures(r["failures"], float(r["block_left"] or 0), float(r["since_last"] or 0)) for r in rows}


# Each worker allocated to the child, once per window however many guesses there are.
_TELL_WORKERS = """
insert into staff_notices (council_id, staff_id, child_id, kind)
select a.council_id, a.staff_id, a.child_id, 'code_guessed'
from allocations a
where a.child_id = $1 and a.relation = 'worker' and a.starts_on <= current_date
  and (a.ends_on is null or a.ends_on >= current_date)
  and not exists (select 1 from staff_notices n where n.staff_id = a.staff_id and n.child_id = a.child_id
                  and n.kind = 'code_guessed' and n.created_at > now() - $2::interval)
"""


async def tell_workers_code_guessed(conn: asyncpg.Connection, child_id: int, window: timedelta) -> None:
    await conn.execute(_TELL_WORKERS, child_id, window)


_NOTICES = """
select n.id, n.kind, n.child_id, c.known_as as child_name, n.created_at
from staff_notices n join children c on c.id = n.child_id
where n.staff_id = $1 and n.council_id = $2 and n.created_at > now() - interval '14 days'
order by n.created_at desc limit 20
"""


async def notices(conn: asyncpg.Connection, staff_id: int, council_id: int) -> list[StaffNotice]:
    return [StaffNotice(**dict(r)) for r in await conn.fetch(_NOTICES, staff_id, council_id)]


async def record_attempts(conn: asyncpg.Connection, keys: list[str], succeeded: bool) -> None:
    await conn.execute("insert into sign_in_attempts (key, succeeded) select unnest($1::text[]), $2", keys, succeeded)


_SET_CODE = """
update children set access_code_lookup = $2, access_code_hash = $3, access_code_issued_at = now()
where id = $1
"""


async def set_access_code(conn: asyncpg.Connection, child_id: int, lookup: str, code_hash: str) -> None:
    await conn.execute(_SET_CODE, child_id, lookup, code_hash)
    await conn.execute("delete from sessions where child_id = $1", child_id)


async def lookup_in_use(conn: asyncpg.Connection, lookup: str) -> bool:
    return bool(await conn.fetchval("select exists(select 1 from children where access_code_lookup = $1)", lookup))


async def staff_email(conn: asyncpg.Connection, staff_id: int) -> str:
    return str(await conn.fetchval("select email from staff where id = $1", staff_id))


_ALLOCATED = """
select exists(
    select 1 from allocations a join children c on c.id = a.child_id
    where a.staff_id = $1 and a.child_id = $2 and c.council_id = $3 and a.relation = any($4::text[])
      and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date)
)
"""


async def is_allocated(
    conn: asyncpg.Connection, staff_id: int, child_id: int, council_id: int, relations: list[str]
) -> bool:
    """Whether the member of staff is now allocated to the child in one of these relations."""
    return bool(await conn.fetchval(_ALLOCATED, staff_id, child_id, council_id, relations))


async def child_in_council(conn: asyncpg.Connection, child_id: int, council_id: int) -> bool:
    return bool(
        await conn.fetchval(
            "select exists(select 1 from children where id = $1 and council_id = $2)", child_id, council_id
        )
    )


# Single sign-on handshakes: kept against a hash of the state, so a copy of the table starts nobody's sign-in.
_INSERT_HANDSHAKE = "insert into sso_handshakes (state_hash, nonce, code_verifier) values ($1, $2, $3)"
_TAKE_HANDSHAKE = """
delete from sso_handshakes where state_hash = $1
returning nonce, code_verifier, created_at > now() - make_interval(mins => $2) as fresh
"""


class TakenHandshake(msgspec.Struct, frozen=True):
    """A handshake used up: its nonce and PKCE verifier, and whether it was still within its minutes."""

    nonce: str
    code_verifier: str
    fresh: bool


async def insert_handshake(conn: asyncpg.Connection, state_hash: bytes, nonce: str, code_verifier: str) -> None:
    await conn.execute(_INSERT_HANDSHAKE, state_hash, nonce, code_verifier)


async def take_handshake(conn: asyncpg.Connection, state_hash: bytes, minutes: int) -> TakenHandshake | None:
    row = await conn.fetchrow(_TAKE_HANDSHAKE, state_hash, minutes)
    return None if row is None else TakenHandshake(row["nonce"], row["code_verifier"], bool(row["fresh"]))
