"""SQL for privacy: one child's records for a subject access export, and privacy requests."""

from __future__ import annotations

from datetime import datetime
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


# --- Retention: each rule's SQL by kind: (select $1 cutoff, $2 council id or null -> key text, at timestamptz;
# apply $1 keys text[] -> returning key, empty for a rule applied in Python).

# A care leaver keeps Heard until 25 whatever `left_care_on` says: they are entitled to support until then.
_ARCHIVE_SELECT = """
select id::text as key,
       least((birth_month + interval '25 years')::timestamptz,
             case when legal_status <> 'care_leaver' then left_care_on::timestamptz end) as at
from children
where archived_at is null and erased_at is null
  and ((birth_month + interval '25 years')::timestamptz <= $1::timestamptz
       or (legal_status <> 'care_leaver' and left_care_on::timestamptz <= $1::timestamptz))
  and ($2::bigint is null or council_id = $2)
order by id
"""
_ARCHIVE_APPLY = """
update children set archived_at = now() where id = any($1::text[]::bigint[]) and archived_at is null
returning id::text as key
"""
_WORDS_SELECT = """
select id::text as key, (birth_month + interval '25 years')::timestamptz as at from children
where erased_at is null and (birth_month + interval '25 years')::timestamptz < $1::timestamptz
  and ($2::bigint is null or council_id = $2)
order by id
"""
_ANONYMOUS_SELECT = """
select id::text as key, created_at as at from submissions
where child_id is null and created_at < $1 and free_text <> '' and ($2::bigint is null or council_id = $2)
order by id
"""
_ANONYMOUS_APPLY = """
with done as (
    update submissions set free_text = '', answers = '{}'::jsonb where id = any($1::text[]::bigint[]) returning id
), redacted as (
    update analyses set redacted = '', triggers = '{}' where submission_id in (select id from done)
), translated as (
    update readings set translation = '' where submission_id in (select id from done) and translation is not null
)
select id::text as key from done
"""

RETENTION: dict[str, tuple[str, str]] = {
    "archive": (
        _ARCHIVE_SELECT,
        _ARCHIVE_APPLY,
    ),
    "words": (
        _WORDS_SELECT,
        "",
    ),
    "anonymous_words": (
        _ANONYMOUS_SELECT,
        _ANONYMOUS_APPLY,
    ),
    "drafts": (
        "select d.child_id || ':' || d.instrument as key, d.updated_at as at from drafts d"
        " join children c on c.id = d.child_id where d.updated_at < $1 and ($2::bigint is null or c.council_id = $2)"
        " order by d.updated_at",
        "delete from drafts where child_id || ':' || instrument = any($1::text[])"
        " returning child_id || ':' || instrument as key",
    ),
    "held_forms": (
        "select encode(token_hash, 'hex') as key, created_at as at from held_forms where created_at < $1"
        " and ($2::bigint is null or true) order by created_at",
        "delete from held_forms where encode(token_hash, 'hex') = any($1::text[])"
        " returning encode(token_hash, 'hex') as key",
    ),
    "sessions": (
        "select encode(token_hash, 'hex') as key, last_seen_at as at from sessions where last_seen_at < $1"
        " and ($2::bigint is null or council_id = $2) order by last_seen_at",
        "delete from sessions where encode(token_hash, 'hex') = any($1::text[])"
        " returning encode(token_hash, 'hex') as key",
    ),
    "sign_in_attempts": (
        "select id::text as key, at from sign_in_attempts where at < $1 and ($2::bigint is null or true) order by id",
        "delete from sign_in_attempts where id = any($1::text[]::bigint[]) returning id::text as key",
    ),
    "notifications": (
        "select n.id::text as key, n.sent_at as at from notifications n join alerts a on a.id = n.alert_id"
        " where n.sent_at < $1 and ($2::bigint is null or a.council_id = $2) order by n.id",
        "with attempts as (delete from notification_attempts where notification_id = any($1::text[]::bigint[]))"
        " delete from notifications where id = any($1::text[]::bigint[]) returning id::text as key",
    ),
    "audit_log": (
        "select id::text as key, at from audit_log where at < $1 and ($2::bigint is null or council_id = $2)"
        " order by id",
        "delete from audit_log where id = any($1::text[]::bigint[]) returning id::text as key",
    ),
    "sso_handshakes": (
        "select encode(state_hash, 'hex') as key, created_at as at from sso_handshakes where created_at < $1"
        " and ($2::bigint is null or true) order by created_at",
        "delete from sso_handshakes where encode(state_hash, 'hex') = any($1::text[])"
        " returning encode(state_hash, 'hex') as key",
    ),
}


class Due(msgspec.Struct, frozen=True):
    """A record past its time: its key, and when its time came (when known)."""

    key: str
    at: datetime | None


async def retention_due(conn: asyncpg.Connection, kind: str, cutoff: datetime, council_id: int | None) -> list[Due]:
    return [Due(r["key"], r["at"]) for r in await conn.fetch(RETENTION[kind][0], cutoff, council_id)]


async def retention_apply(conn: asyncpg.Connection, kind: str, keys: list[str]) -> list[str]:
    return [r["key"] for r in await conn.fetch(RETENTION[kind][1], keys)]


# --- Erasure: (kind of record, statement); each takes the child id ($1) and the placeholder text ($2).

# An answer that is an option id, several ids, a number or a month stays (the aggregates count them);
# any other text is the child's own words.
_ANSWERS = r"""
update submissions set answers = coalesce((
    select jsonb_object_agg(key, case
        when jsonb_typeof(value) = 'string' and value #>> '{}' !~ '^[a-z0-9_-]{1,40}$'
             and value #>> '{}' !~ '^\d{4}-\d{2}$' then to_jsonb($2::text)
        else value end)
    from jsonb_each(answers)), '{}'::jsonb)
where child_id = $1 and jsonb_typeof(answers) = 'object'
"""

# (kind of record, statement); each takes the child id ($1) and the placeholder text ($2).
ERASURE: list[tuple[str, str]] = [
    ("submissions", "update submissions set free_text = '' where child_id = $1 and $2::text is not null"),
    ("answers", _ANSWERS),
    (
        "replies",
        "update replies set body = $2 where submission_id in (select id from submissions where child_id = $1)",
    ),
    (
        "analyses",
        "update analyses set redacted = '', triggers = '{}'"
        " where submission_id in (select id from submissions where child_id = $1) and $2::text is not null",
    ),
    (
        "alerts",
        "update alerts set triggers = '{}', action_note = case when action_note is null then null else $2 end"
        " where child_id = $1 or submission_id in (select id from submissions where child_id = $1)",
    ),
    (
        "alert_events",
        "update alert_events set detail = detail - 'note' - 'reason' - 'text'"
        " where (detail ? 'note' or detail ? 'reason' or detail ? 'text') and alert_id in (select id from alerts"
        " where child_id = $1 or submission_id in (select id from submissions where child_id = $1))"
        " and $2::text is not null",
    ),
    (
        "complaints",
        "update complaints set summary = '', closed_note = case when closed_note is null then null else $2 end,"
        " late_reason = case when late_reason is null then null else $2 end"
        " where child_id = $1 or submission_id in (select id from submissions where child_id = $1)",
    ),
    (
        "complaint_points",
        "update complaint_points set summary = $2"
        " where complaint_id in (select id from complaints where child_id = $1)",
    ),
    (
        "complaint_events",
        "update complaint_events set detail = detail - 'note' - 'reason' - 'summary' - 'text'"
        " where (detail ? 'note' or detail ? 'reason' or detail ? 'summary' or detail ? 'text')"
        " and complaint_id in (select id from complaints where child_id = $1) and $2::text is not null",
    ),
    (
        "complaint_outcomes",
        "update complaint_outcomes set reason = '' where reason <> ''"
        " and point_id in (select p.id from complaint_points p join complaints c on c.id = p.complaint_id"
        " where c.child_id = $1) and $2::text is not null",
    ),
    (
        "complaint_letters",
        "update complaint_stages set letter = null, child_letter = null, request_note = ''"
        " where complaint_id in (select id from complaints where child_id = $1) and $2::text is not null",
    ),
    (
        "quotes",
        "delete from quote_approvals where submission_id in (select id from submissions where child_id = $1)"
        " and $2::text is not null",
    ),
    (
        "child_messages",
        "update child_messages set body = $2 where child_id = $1"
        " or submission_id in (select id from submissions where child_id = $1)",
    ),
    (
        "advocacy_requests",
        "update advocacy_requests set contact = null, note = '', contact_detail = ''"
        " where child_id = $1 and $2::text is not null",
    ),
    (
        "readings",
        "update readings set translation = $2 where translation is not null"
        " and submission_id in (select id from submissions where child_id = $1)",
    ),
    ("drafts", "delete from drafts where child_id = $1 and $2::text is not null"),
    ("sessions", "delete from sessions where child_id = $1 and $2::text is not null"),
]

_ERASE_CHILD = """
update children set reference = 'erased-' || id, known_as = 'Erased', placement_contact = null, share_quotes = false,
       nudge_email = null, nudge_phone = null,
       access_code_lookup = null, access_code_hash = null, access_code_issued_at = null,
       archived_at = coalesce(archived_at, now()), erased_at = now()
where id = $1
"""


async def erase_child(conn: asyncpg.Connection, child_id: int, placeholder: str) -> dict[str, int]:
    """Every erasure step for one child; returns how many rows of each kind changed."""
    counts: dict[str, int] = {}
    for kind, sql in ERASURE:
        status: str = await conn.execute(sql, child_id, placeholder)
        counts[kind] = int(status.split()[-1])
    await conn.execute(_ERASE_CHILD, child_id)
    counts["child"] = 1
    return counts


# --- The audit log search.

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


async def search_audit(
    conn: asyncpg.Connection,
    council_id: int,
    filters: tuple[str, str, str],
    dates: tuple[Any, Any],
    limit: int,
    offset: int,
) -> list[AuditEntry]:
    rows = await conn.fetch(_SEARCH, council_id, *filters, *dates, limit, offset)
    return msgspec.convert([dict(r) for r in rows], list[AuditEntry])


async def audit_actions(conn: asyncpg.Connection, council_id: int) -> list[str]:
    return [r["action"] for r in await conn.fetch(_ACTIONS, council_id)]
