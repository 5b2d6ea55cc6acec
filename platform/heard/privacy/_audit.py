"""Searching the audit log: by child reference, staff member, action and dates, newest first, a page at a time."""

from __future__ import annotations

from datetime import date

import asyncpg
import msgspec

from heard.errors import Invalid
from heard.privacy.schemas import AuditEntry, AuditQuery

PER_PAGE = 50

_SEARCH = """
select l.id, l.at, l.actor_kind, l.actor_id, st.name as actor_name, l.action, l.subject_kind, l.subject_id,
       l.child_id, c.reference as child_reference, l.reason, l.detail
from audit_log l
left join staff st on st.id = l.actor_id and l.actor_kind = 'staff'
left join children c on c.id = l.child_id
where l.council_id = $1
  and ($2 = '' or l.child_id = (select id from children where council_id = $1 and reference = $2)
       or (l.subject_kind = 'child'
           and l.subject_id = (select id from children where council_id = $1 and reference = $2)))
  and ($3 = '' or (l.actor_kind = 'staff' and l.actor_id = (select id from staff where email = lower($3))))
  and ($4 = '' or l.action = $4)
  and ($5::date is null or l.at >= $5::date)
  and ($6::date is null or l.at < $6::date + 1)
order by l.at desc, l.id desc
limit $7 offset $8
"""

_ACTIONS = "select distinct action from audit_log where council_id = $1 order by action"


async def search(conn: asyncpg.Connection, council_id: int, query: AuditQuery) -> tuple[list[AuditEntry], bool]:
    """One page of entries and whether there are more."""
    rows = await conn.fetch(
        _SEARCH,
        council_id,
        query.child_reference.strip(),
        query.staff_email.strip(),
        query.action.strip(),
        query.date_from,
        query.date_to,
        PER_PAGE + 1,
        (query.page - 1) * PER_PAGE,
    )
    entries = msgspec.convert([dict(r) for r in rows[:PER_PAGE]], list[AuditEntry])
    return entries, len(rows) > PER_PAGE


async def actions(conn: asyncpg.Connection, council_id: int) -> list[str]:
    return [r["action"] for r in await conn.fetch(_ACTIONS, council_id)]


def parse_date(value: str, field: str) -> date | None:
    """'2026-03-01' as a date; empty as None; anything else a clear error."""
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"'{value}' is not a date; write it as YYYY-MM-DD, like 2026-03-01.", field=field) from None
