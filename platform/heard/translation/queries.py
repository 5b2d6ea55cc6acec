"""SQL for the needs-reading queue."""

from __future__ import annotations

from datetime import datetime

import asyncpg
import msgspec

import surveys
from heard.translation.schemas import Counted, Reading, Waiting

# Once per submission: a second analysis of the same words finds it already waiting (or read), and names the
# language when the request's screen could not ('und').
_ADD = """
insert into readings (council_id, submission_id, child_id, language, due_at, original_level)
values ($1, $2, $3, $4, $5, $6)
on conflict (submission_id) do update set
    language = case when readings.language = 'und' then excluded.language else readings.language end,
    original_level = case when readings.original_level = 'urgent' or excluded.original_level = 'urgent' then 'urgent'
                          when readings.original_level = 'concern' or excluded.original_level = 'concern' then 'concern'
                          else 'none' end
"""


async def add(
    conn: asyncpg.Connection,
    council_id: int,
    submission_id: int,
    child_id: int | None,
    language: str,
    due_at: datetime,
    level: str,
) -> None:
    await conn.execute(_ADD, council_id, submission_id, child_id, language, due_at, level)


# Staff read a child's words through a current allocation whose relation the child chose as audience (the inbox's
# rule, the same words as `submissions.queries`). Words from an anonymous survey link have no child and so nobody
# allocated: with $4 (the duty team) they are read by safeguarding duty, who would get any alert they raise.
_VISIBLE = """
s.council_id = $2 and (($4::bool and s.child_id is null) or exists (
    select 1 from allocations a
    where a.child_id = s.child_id and a.staff_id = $1
      and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date)
      and a.relation = any(s.audience)
))
"""

_QUEUE = (
    """
select r.submission_id, s.child_id, c.known_as as child_name, c.reference as child_reference, s.kind, r.language,
       r.created_at, r.due_at, (r.translated_at is null and r.due_at < $3) as overdue, r.translated_at
from readings r
join submissions s on s.id = r.submission_id
left join children c on c.id = s.child_id
where r.translated_at is null and """
    + _VISIBLE
    + """
order by r.due_at, r.submission_id
limit 300
"""
)

_COUNT = (
    """
select count(*)::int as waiting, (count(*) filter (where r.due_at < $3))::int as overdue
from readings r join submissions s on s.id = r.submission_id
where r.translated_at is null and """
    + _VISIBLE
)

_ONE = (
    """
select r.submission_id, s.child_id, c.known_as as child_name, c.reference as child_reference, s.kind, r.language,
       s.free_text, s.answers, s.instrument, s.instrument_version,
       r.created_at, r.due_at, (r.translated_at is null and r.due_at < $3) as overdue,
       r.translation, st.name as translated_by, r.translated_at, r.original_level, r.translated_level, r.categories
from readings r
join submissions s on s.id = r.submission_id
left join children c on c.id = s.child_id
left join staff st on st.id = r.translated_by
where r.submission_id = $5 and """
    + _VISIBLE
)


async def waiting(
    conn: asyncpg.Connection, staff_id: int, council_id: int, now: datetime, anonymous: bool
) -> list[Waiting]:
    """Submissions this member of staff may read that wait for a person, the soonest due first."""
    rows = await conn.fetch(_QUEUE, staff_id, council_id, now, anonymous)
    return [msgspec.convert(dict(r), Waiting) for r in rows]


async def count(conn: asyncpg.Connection, staff_id: int, council_id: int, now: datetime, anonymous: bool) -> Counted:
    row = await conn.fetchrow(_COUNT, staff_id, council_id, now, anonymous)
    assert row is not None
    return Counted(waiting=row["waiting"], overdue=row["overdue"])


async def one(
    conn: asyncpg.Connection, staff_id: int, council_id: int, now: datetime, anonymous: bool, submission_id: int
) -> Reading | None:
    """One submission in the queue (waiting or read) with the child's words, when this person may read them."""
    row = await conn.fetchrow(_ONE, staff_id, council_id, now, anonymous, submission_id)
    if row is None:
        return None
    values = dict(row)
    values["text"] = surveys.typed_words(
        values.pop("instrument"), values.pop("instrument_version"), values.pop("answers"), values.pop("free_text")
    )
    return msgspec.convert(values, Reading)


# A translation is recorded once; a later one (a better interpreter) replaces it, and the audit log keeps both.
_TRANSLATE = """
update readings set translation = $2, translated_by = $3, translated_at = $4, translated_level = $5, categories = $6
where submission_id = $1
"""


async def translate(
    conn: asyncpg.Connection,
    submission_id: int,
    translation: str,
    staff_id: int,
    at: datetime,
    level: str,
    categories: list[str],
) -> None:
    await conn.execute(_TRANSLATE, submission_id, translation, staff_id, at, level, categories)
