"""Retention: one rule per kind of record, a dry run that lists what would go, and a run that removes exactly that.

Each rule has a selection (the keys of the records past their time, optionally in one council) and an action
taking those keys. The job selects and acts in one transaction, so what the dry run lists is what goes.
A child who has left Heard is archived, not removed: they can no longer sign in, and the words rule applies later.
A child's words are not deleted but erased the same way an approved erasure request erases them, so the
counts behind the dashboards stay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from heard.privacy._erasure import REMOVED, erase_child
from heard.settings import RetentionSettings

REPORT_KEYS = 500  # the most keys a report lists per kind; counts are always complete


@dataclass(frozen=True)
class Rule:
    """A kind of record, how long it is kept, and the SQL that finds and removes what is past its time."""

    kind: str
    label: str
    scope: str  # 'council' when the rows belong to one council, 'service' when they belong to nobody's
    keep: Callable[[RetentionSettings], timedelta]
    describe: Callable[[RetentionSettings], str]
    select: str  # $1 cutoff, $2 council id or null -> key text, at timestamptz
    apply: str  # $1 keys text[] -> returning key (empty for rules applied in Python)


def _years(n: int) -> timedelta:
    return timedelta(days=round(365.25 * n))


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
)
select id::text as key from done
"""

RULES: list[Rule] = [
    Rule(
        "archive",
        "Children who have left Heard",
        "council",
        lambda s: timedelta(0),
        lambda s: "On the child's 25th birthday, or the day their care ended if they are not a care leaver:"
        " archived (no sign-in, no surveys), records kept",
        _ARCHIVE_SELECT,
        _ARCHIVE_APPLY,
    ),
    Rule(
        "words",
        "Children's words and details",
        "council",
        lambda s: _years(s.words_years_after_25),
        lambda s: f"{s.words_years_after_25} years after the child's 25th birthday: words removed, counts kept",
        _WORDS_SELECT,
        "",
    ),
    Rule(
        "anonymous_words",
        "Words sent through anonymous survey links",
        "council",
        lambda s: _years(s.anonymous_words_years),
        lambda s: f"{s.anonymous_words_years} years after they were sent: words removed, counts kept",
        _ANONYMOUS_SELECT,
        _ANONYMOUS_APPLY,
    ),
    Rule(
        "drafts",
        "Unsent drafts",
        "council",
        lambda s: timedelta(days=s.drafts_days),
        lambda s: f"{s.drafts_days} days after they were last changed",
        "select d.child_id || ':' || d.instrument as key, d.updated_at as at from drafts d"
        " join children c on c.id = d.child_id where d.updated_at < $1 and ($2::bigint is null or c.council_id = $2)"
        " order by d.updated_at",
        "delete from drafts where child_id || ':' || instrument = any($1::text[])"
        " returning child_id || ':' || instrument as key",
    ),
    Rule(
        "held_forms",
        "Forms kept over an expired session",
        "service",
        lambda s: timedelta(days=s.held_forms_days),
        lambda s: f"{s.held_forms_days} days after they were kept",
        "select encode(token_hash, 'hex') as key, created_at as at from held_forms where created_at < $1"
        " and ($2::bigint is null or true) order by created_at",
        "delete from held_forms where encode(token_hash, 'hex') = any($1::text[])"
        " returning encode(token_hash, 'hex') as key",
    ),
    Rule(
        "sessions",
        "Ended sign-in sessions",
        "council",
        lambda s: timedelta(days=s.sessions_days),
        lambda s: f"{s.sessions_days} days after they were last used",
        "select encode(token_hash, 'hex') as key, last_seen_at as at from sessions where last_seen_at < $1"
        " and ($2::bigint is null or council_id = $2) order by last_seen_at",
        "delete from sessions where encode(token_hash, 'hex') = any($1::text[])"
        " returning encode(token_hash, 'hex') as key",
    ),
    Rule(
        "sign_in_attempts",
        "Sign-in attempts",
        "service",
        lambda s: timedelta(days=s.sign_in_attempts_days),
        lambda s: f"{s.sign_in_attempts_days} days",
        "select id::text as key, at from sign_in_attempts where at < $1 and ($2::bigint is null or true) order by id",
        "delete from sign_in_attempts where id = any($1::text[]::bigint[]) returning id::text as key",
    ),
    Rule(
        "notifications",
        "Safeguarding notifications sent",
        "council",
        lambda s: timedelta(days=s.notifications_days),
        lambda s: f"{s.notifications_days} days after they were sent, with their delivery attempts",
        "select n.id::text as key, n.sent_at as at from notifications n join alerts a on a.id = n.alert_id"
        " where n.sent_at < $1 and ($2::bigint is null or a.council_id = $2) order by n.id",
        "with attempts as (delete from notification_attempts where notification_id = any($1::text[]::bigint[]))"
        " delete from notifications where id = any($1::text[]::bigint[]) returning id::text as key",
    ),
    Rule(
        "audit_log",
        "Audit log entries",
        "council",
        lambda s: _years(s.audit_years),
        lambda s: f"{s.audit_years} years",
        "select id::text as key, at from audit_log where at < $1 and ($2::bigint is null or council_id = $2)"
        " order by id",
        "delete from audit_log where id = any($1::text[]::bigint[]) returning id::text as key",
    ),
    Rule(
        "sso_handshakes",
        "Unfinished single sign-on attempts",
        "service",
        lambda s: timedelta(days=s.sso_handshakes_days),
        lambda s: f"{s.sso_handshakes_days} days",
        "select encode(state_hash, 'hex') as key, created_at as at from sso_handshakes where created_at < $1"
        " and ($2::bigint is null or true) order by created_at",
        "delete from sso_handshakes where encode(state_hash, 'hex') = any($1::text[])"
        " returning encode(state_hash, 'hex') as key",
    ),
]


async def select(
    conn: asyncpg.Connection, rule: Rule, config: RetentionSettings, as_of: datetime, council_id: int | None
) -> list[asyncpg.Record]:
    """The records `rule` would remove as of `as_of` (in one council, or everywhere when `council_id` is None)."""
    return list(await conn.fetch(rule.select, as_of - rule.keep(config), council_id))


async def apply(conn: asyncpg.Connection, rule: Rule, keys: list[str]) -> list[str]:
    """Remove (or, for words, erase) exactly the records with these keys; returns the keys acted on."""
    if not keys:
        return []
    if rule.kind == "words":
        for key in keys:
            await erase_child(conn, int(key))
        return keys
    return [r["key"] for r in await conn.fetch(rule.apply, keys)]


__all__ = ["REMOVED", "REPORT_KEYS", "RULES", "Rule", "apply", "select"]
