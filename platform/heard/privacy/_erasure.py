"""Erasure: remove a child's words and identifiers while keeping every row, so counts and the audit log hold.

What goes: free text, free-text answers, replies, redacted texts and trigger phrases, alert and complaint notes,
letters, approved quotes, drafts, sessions, the access code, the name the child is known by, the case reference
and the placement contact. What stays: the kinds, dates, themes, sentiment and safeguarding levels behind the
aggregates, the coarse facts each cohort is counted by (birth month, legal status, placement type and the flags),
and the audit log, which records who did what but never a child's words.
"""

from __future__ import annotations

import asyncpg

REMOVED = "[removed at the child's request]"

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
STEPS: list[tuple[str, str]] = [
    ("submissions", "update submissions set free_text = '' where child_id = $1 and $2::text is not null"),
    ("answers", _ANSWERS),
    (
        "replies",
        "update replies set body = $2 where submission_id in (select id from submissions where child_id = $1)",
    ),
    (
        "child_messages",
        "update child_messages set body = $2 where child_id = $1"
        " or submission_id in (select id from submissions where child_id = $1)",
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
        "advocacy_requests",
        "update advocacy_requests set contact = null, note = '', contact_detail = ''"
        " where child_id = $1 and $2::text is not null",
    ),
    ("drafts", "delete from drafts where child_id = $1 and $2::text is not null"),
    ("sessions", "delete from sessions where child_id = $1 and $2::text is not null"),
]

_CHILD = """
update children set reference = 'erased-' || id, known_as = 'Erased', placement_contact = null, share_quotes = false,
       nudge_email = null, nudge_phone = null,
       access_code_lookup = null, access_code_hash = null, access_code_issued_at = null,
       archived_at = coalesce(archived_at, now()), erased_at = now()
where id = $1
"""


async def erase_child(conn: asyncpg.Connection, child_id: int) -> dict[str, int]:
    """In the caller's transaction: anonymise one child; returns how many rows of each kind changed."""
    counts: dict[str, int] = {}
    for kind, sql in STEPS:
        status: str = await conn.execute(sql, child_id, REMOVED)
        counts[kind] = int(status.split()[-1])
    await conn.execute(_CHILD, child_id)
    counts["child"] = 1
    return counts
