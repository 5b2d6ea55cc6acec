"""SQL for the inbox: one round trip per screen."""

from __future__ import annotations

import asyncpg
import msgspec

from heard.inbox.schemas import InboxItem

_INBOX = """
select s.id, s.child_id, c.known_as as child_name, c.reference as child_reference, s.kind, s.instrument,
       left(s.free_text, 160) as excerpt, s.created_at, s.read_at, s.used_in_review_at,
       (select count(*) from replies r where r.submission_id = s.id)::int as replies,
       (select level from alerts al where al.submission_id = s.id) as alert_level
from submissions s
join children c on c.id = s.child_id
where s.council_id = $2
  and ($3::text is null or s.kind = $3)
  and exists (
      select 1 from allocations a
      where a.child_id = s.child_id and a.staff_id = $1 and a.relation = $4 and a.relation = any(s.audience)
        and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date))
order by (s.read_at is null) desc, s.created_at desc
limit 300
"""


async def inbox(
    conn: asyncpg.Connection, staff_id: int, council_id: int, relation: str, kind: str | None
) -> list[InboxItem]:
    rows = await conn.fetch(_INBOX, staff_id, council_id, kind, relation)
    return [msgspec.convert(dict(r), InboxItem) for r in rows]


async def add_reply(conn: asyncpg.Connection, submission_id: int, staff_id: int, body: str) -> int:
    reply_id: int = await conn.fetchval(
        "insert into replies (submission_id, staff_id, body) values ($1, $2, $3) returning id",
        submission_id,
        staff_id,
        body,
    )
    return reply_id


async def mark_read(conn: asyncpg.Connection, submission_id: int, staff_id: int) -> None:
    await conn.execute(
        "update submissions set read_at = now(), read_by = $2 where id = $1 and read_at is null",
        submission_id,
        staff_id,
    )


async def mark_used_in_review(conn: asyncpg.Connection, submission_id: int) -> None:
    await conn.execute(
        "update submissions set used_in_review_at = now() where id = $1 and used_in_review_at is null", submission_id
    )
