"""SQL for requests for an advocate: storing one once, a child's own, the council's list, progress."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from heard.advocacy.schemas import ChildRequest, StaffRequest

# One request per child and key: a double tap or a retry returns the first.
_INSERT = """
with made as (
    insert into advocacy_requests (council_id, child_id, contact, note, contact_by, contact_detail, language,
                                   idempotency_key)
    select $1, $2, advocacy_contact, $3, $4, $5, $6, $7 from councils where id = $1
    on conflict (child_id, idempotency_key) where idempotency_key is not null do nothing
    returning id
)
select id, true as created from made
union all
select id, false from advocacy_requests where child_id = $2 and idempotency_key = $7
limit 1
"""


async def insert(conn: asyncpg.Connection, *values: Any) -> tuple[int, bool]:
    row = await conn.fetchrow(_INSERT, *values)
    assert row is not None
    return row["id"], row["created"]


_CHILD_COLUMNS = """
select id, status, note, contact_by, created_at, passed_on_at, contacted_at, allocated_at,
       coalesce(contact, '') <> '' as has_contact
from advocacy_requests
"""
_FOR_CHILD = _CHILD_COLUMNS + "where child_id = $1 order by created_at desc, id desc"
_ONE_FOR_CHILD = _CHILD_COLUMNS + "where id = $1 and child_id = $2"


async def for_child(conn: asyncpg.Connection, child_id: int) -> list[ChildRequest]:
    return [msgspec.convert(dict(r), ChildRequest) for r in await conn.fetch(_FOR_CHILD, child_id)]


async def one_for_child(conn: asyncpg.Connection, request_id: int, child_id: int) -> ChildRequest | None:
    row = await conn.fetchrow(_ONE_FOR_CHILD, request_id, child_id)
    return None if row is None else msgspec.convert(dict(row), ChildRequest)


_FOR_COUNCIL = """
select r.id, r.status, r.note, r.contact_by, r.contact_detail, r.created_at, r.passed_on_at, r.contact as sent_to,
       c.reference as child_reference, c.known_as as child_name, r.submission_id is not null as from_complaint
from advocacy_requests r left join children c on c.id = r.child_id
where r.council_id = $1
order by (r.status = 'allocated'), r.created_at desc
limit 500
"""


async def for_council(conn: asyncpg.Connection, council_id: int) -> list[StaffRequest]:
    return [msgspec.convert(dict(r), StaffRequest) for r in await conn.fetch(_FOR_COUNCIL, council_id)]


# Progress only goes forward; "allocated" implies the service has been in touch.
_PROGRESS = """
update advocacy_requests set
    status = $3,
    contacted_at = coalesce(contacted_at, $4),
    allocated_at = case when $3 = 'allocated' then coalesce(allocated_at, $4) else allocated_at end,
    updated_by = $5
where id = $1 and council_id = $2
  and (status = 'sent' or (status = 'contacted' and $3 = 'allocated'))
returning id
"""
_EXISTS = "select status from advocacy_requests where id = $1 and council_id = $2"


async def set_progress(
    conn: asyncpg.Connection, request_id: int, council_id: int, status: str, at: datetime, staff_id: int
) -> bool:
    return await conn.fetchval(_PROGRESS, request_id, council_id, status, at, staff_id) is not None


async def status_of(conn: asyncpg.Connection, request_id: int, council_id: int) -> str | None:
    found: str | None = await conn.fetchval(_EXISTS, request_id, council_id)
    return found


class ForMail(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    contact: str | None
    passed_on_at: datetime | None
    note: str
    contact_by: str | None
    contact_detail: str
    reference: str | None
    council: str


_FOR_MAIL = """
select r.id, r.contact, r.passed_on_at, r.note, r.contact_by, r.contact_detail, c.reference, co.name as council
from advocacy_requests r join councils co on co.id = r.council_id left join children c on c.id = r.child_id
where r.id = $1
"""


async def for_mail(conn: asyncpg.Connection, request_id: int) -> ForMail | None:
    row = await conn.fetchrow(_FOR_MAIL, request_id)
    return None if row is None else ForMail(**dict(row))


async def passed_on(conn: asyncpg.Connection, request_id: int) -> None:
    await conn.execute("update advocacy_requests set passed_on_at = now() where id = $1", request_id)
