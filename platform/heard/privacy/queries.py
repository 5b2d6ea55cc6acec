"""SQL for privacy: one child's records for a subject access export, and privacy requests."""

from __future__ import annotations

from typing import Any, TypeVar

import asyncpg
import msgspec

import surveys
from heard.privacy.schemas import (
    Alert,
    Allocation,
    AuditEntry,
    ChildRecord,
    Complaint,
    PrivacyRequest,
    Submission,
)

T = TypeVar("T")

_CHILD = """
select id, reference, known_as, birth_month, legal_status, preferred_language, placement_type, placed_out_of_area,
       uasc, disability, placement_contact, nudge_email, nudge_phone, share_quotes,
       access_code_hash is not null as has_access_code,
       created_at, archived_at, erased_at
from children where id = $1 and council_id = $2
"""

_CHILD_BY_REFERENCE = "select id from children where council_id = $1 and reference = $2"

_ALLOCATIONS = """
select st.name as staff_name, st.email as staff_email, a.relation, a.starts_on, a.ends_on
from allocations a join staff st on st.id = a.staff_id
where a.child_id = $1 order by a.starts_on, a.id
"""

_SUBMISSIONS = """
select s.id, s.kind, s.instrument, s.instrument_version, s.channel, s.answers, s.free_text, s.audience, s.language,
       s.created_at,
       coalesce((select json_agg(json_build_object(
                    'id', r.id, 'staff_name', st.name, 'body', r.body, 'created_at', r.created_at,
                    'read_by_child_at', r.read_by_child_at) order by r.id)
                 from replies r join staff st on st.id = r.staff_id where r.submission_id = s.id), '[]') as replies,
       coalesce((select json_agg(json_build_object(
                    'id', m.id, 'body', m.body, 'created_at', m.created_at, 'read_by_staff_at', m.read_by_staff_at,
                    'read_by', st.name) order by m.id)
                 from child_messages m left join staff st on st.id = m.read_by where m.submission_id = s.id),
                '[]') as child_messages,
       (select json_build_object('model_version', an.model_version, 'themes', an.themes, 'sentiment', an.sentiment,
                                 'safeguarding_level', an.safeguarding_level,
                                 'safeguarding_categories', an.safeguarding_categories,
                                 'redacted', an.redacted, 'analysed_at', an.analysed_at)
        from analyses an where an.submission_id = s.id) as analysis
from submissions s where s.child_id = $1 order by s.created_at, s.id
"""

_ALERTS = """
select al.id, al.submission_id, al.level, al.categories, al.status, al.raised_at, al.action, al.action_note,
       coalesce((select json_agg(json_build_object('kind', e.kind, 'detail', e.detail, 'at', e.at) order by e.id)
                 from alert_events e where e.alert_id = al.id), '[]') as events
from alerts al
where al.child_id = $1 or al.submission_id in (select id from submissions where child_id = $1)
order by al.raised_at, al.id
"""

_COMPLAINTS = """
select c.id, c.submission_id, c.complainant, c.received_on, c.stage, c.status, c.summary,
       coalesce((select array_agg(p.summary order by p.position) from complaint_points p where p.complaint_id = c.id),
                '{}') as points
from complaints c
where c.child_id = $1 or c.submission_id in (select id from submissions where child_id = $1)
order by c.received_on, c.id
"""

_ADVOCACY = """
select id, submission_id, contact, created_at, passed_on_at, note, contact_by, contact_detail, status, contacted_at,
       allocated_at
from advocacy_requests where child_id = $1 order by id
"""

_DRAFTS = "select instrument, fields, updated_at from drafts where child_id = $1 order by instrument"

_AUDIT_ABOUT = """
select l.id, l.at, l.actor_kind, l.actor_id, st.name as actor_name, l.action, l.subject_kind, l.subject_id,
       l.child_id, c.reference as child_reference, l.reason, l.detail
from audit_log l
left join staff st on st.id = l.actor_id and l.actor_kind = 'staff'
left join children c on c.id = l.child_id
where l.council_id = $2 and (l.child_id = $1 or (l.subject_kind = 'child' and l.subject_id = $1))
order by l.at, l.id
"""


def _structs(rows: list[asyncpg.Record], kind: type[T]) -> list[T]:
    return [msgspec.convert(dict(r), kind) for r in rows]


async def child(conn: asyncpg.Connection, child_id: int, council_id: int) -> ChildRecord | None:
    row = await conn.fetchrow(_CHILD, child_id, council_id)
    return None if row is None else ChildRecord(**dict(row))


async def child_id_by_reference(conn: asyncpg.Connection, council_id: int, reference: str) -> int | None:
    found: int | None = await conn.fetchval(_CHILD_BY_REFERENCE, council_id, reference)
    return found


async def allocations(conn: asyncpg.Connection, child_id: int) -> list[Allocation]:
    return _structs(await conn.fetch(_ALLOCATIONS, child_id), Allocation)


async def submissions(conn: asyncpg.Connection, child_id: int) -> list[Submission]:
    found = []
    for row in await conn.fetch(_SUBMISSIONS, child_id):
        values = dict(row)
        values["shown"] = surveys.show_submission(
            row["instrument"], row["instrument_version"], row["answers"], row["free_text"], row["language"] or "en"
        )
        found.append(msgspec.convert(values, Submission, from_attributes=True))
    return found


async def alerts(conn: asyncpg.Connection, child_id: int) -> list[Alert]:
    return _structs(await conn.fetch(_ALERTS, child_id), Alert)


async def complaints(conn: asyncpg.Connection, child_id: int) -> list[Complaint]:
    return _structs(await conn.fetch(_COMPLAINTS, child_id), Complaint)


async def advocacy_requests(conn: asyncpg.Connection, child_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(_ADVOCACY, child_id)]


async def drafts(conn: asyncpg.Connection, child_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(_DRAFTS, child_id)]


async def audit_about(conn: asyncpg.Connection, child_id: int, council_id: int) -> list[AuditEntry]:
    return _structs(await conn.fetch(_AUDIT_ABOUT, child_id, council_id), AuditEntry)


_REQUEST_COLUMNS = """
select r.id, r.child_id, c.reference as child_reference, r.kind, r.made_by, r.message, r.status,
       st.name as decided_by_name, r.decided_at, r.decision_reason, r.erased, r.created_at
from privacy_requests r join children c on c.id = r.child_id left join staff st on st.id = r.decided_by
"""

_INSERT_REQUEST = """
insert into privacy_requests (council_id, child_id, kind, made_by, made_by_staff, message)
values ($1, $2, $3, $4, $5, $6) returning id
"""


async def insert_request(
    conn: asyncpg.Connection, council_id: int, child_id: int, kind: str, message: str, *, staff_id: int | None
) -> int:
    made_by = "child" if staff_id is None else "staff"
    request_id: int = await conn.fetchval(_INSERT_REQUEST, council_id, child_id, kind, made_by, staff_id, message)
    return request_id


async def requests_for_council(conn: asyncpg.Connection, council_id: int) -> list[PrivacyRequest]:
    sql = _REQUEST_COLUMNS + " where r.council_id = $1 order by r.status <> 'open', r.created_at desc limit 200"
    return _structs(await conn.fetch(sql, council_id), PrivacyRequest)


async def requests_for_child(conn: asyncpg.Connection, child_id: int) -> list[PrivacyRequest]:
    sql = _REQUEST_COLUMNS + " where r.child_id = $1 order by r.created_at desc"
    return _structs(await conn.fetch(sql, child_id), PrivacyRequest)


async def request(
    conn: asyncpg.Connection, request_id: int, council_id: int, *, lock: bool = False
) -> PrivacyRequest | None:
    sql = _REQUEST_COLUMNS + " where r.id = $1 and r.council_id = $2" + (" for update of r" if lock else "")
    row = await conn.fetchrow(sql, request_id, council_id)
    return None if row is None else msgspec.convert(dict(row), PrivacyRequest)


_DECIDE = """
update privacy_requests set status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, erased = $5
where id = $1 and status = 'open'
"""


async def decide(
    conn: asyncpg.Connection, request_id: int, status: str, staff_id: int, reason: str, erased: dict[str, int] | None
) -> None:
    await conn.execute(_DECIDE, request_id, status, staff_id, reason, erased)


_CHILD_SUMMARY = """
select c.known_as, c.birth_month, c.legal_status, c.placement_type, c.preferred_language,
       (select count(*) from submissions s where s.child_id = c.id) as messages,
       (select count(*) from replies r join submissions s on s.id = r.submission_id where s.child_id = c.id) as replies,
       (select count(*) from drafts d where d.child_id = c.id) as drafts,
       (select count(*) from complaints k where k.child_id = c.id) as complaints,
       (select count(*) from audit_log l where l.child_id = c.id and l.actor_kind = 'staff') as staff_reads,
       coalesce((select array_agg(distinct a.relation) from allocations a where a.child_id = c.id
                   and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date)),
                '{}') as allocated
from children c where c.id = $1
"""


async def child_summary(conn: asyncpg.Connection, child_id: int) -> dict[str, Any]:
    row = await conn.fetchrow(_CHILD_SUMMARY, child_id)
    return {} if row is None else dict(row)
