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

from heard.privacy import queries
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
    # Its SQL is `queries.RETENTION[kind]`: the selection and the removal.


def _years(n: int) -> timedelta:
    return timedelta(days=round(365.25 * n))


RULES: list[Rule] = [
    Rule(
        "archive",
        "Children who have left Heard",
        "council",
        lambda s: timedelta(0),
        lambda s: (
            "On the child's 25th birthday, or the day their care ended if they are not a care leaver:"
            " archived (no sign-in, no surveys), records kept"
        ),
    ),
    Rule(
        "words",
        "Children's words and details",
        "council",
        lambda s: _years(s.words_years_after_25),
        lambda s: f"{s.words_years_after_25} years after the child's 25th birthday: words removed, counts kept",
    ),
    Rule(
        "anonymous_words",
        "Words sent through anonymous survey links",
        "council",
        lambda s: _years(s.anonymous_words_years),
        lambda s: f"{s.anonymous_words_years} years after they were sent: words removed, counts kept",
    ),
    Rule(
        "drafts",
        "Unsent drafts",
        "council",
        lambda s: timedelta(days=s.drafts_days),
        lambda s: f"{s.drafts_days} days after they were last changed",
    ),
    Rule(
        "held_forms",
        "Forms kept over an expired session",
        "service",
        lambda s: timedelta(days=s.held_forms_days),
        lambda s: f"{s.held_forms_days} days after they were kept",
    ),
    Rule(
        "sessions",
        "Ended sign-in sessions",
        "council",
        lambda s: timedelta(days=s.sessions_days),
        lambda s: f"{s.sessions_days} days after they were last used",
    ),
    Rule(
        "sign_in_attempts",
        "Sign-in attempts",
        "service",
        lambda s: timedelta(days=s.sign_in_attempts_days),
        lambda s: f"{s.sign_in_attempts_days} days",
    ),
    Rule(
        "notifications",
        "Safeguarding notifications sent",
        "council",
        lambda s: timedelta(days=s.notifications_days),
        lambda s: f"{s.notifications_days} days after they were sent, with their delivery attempts",
    ),
    Rule(
        "audit_log",
        "Audit log entries",
        "council",
        lambda s: _years(s.audit_years),
        lambda s: f"{s.audit_years} years",
    ),
    Rule(
        "sso_handshakes",
        "Unfinished single sign-on attempts",
        "service",
        lambda s: timedelta(days=s.sso_handshakes_days),
        lambda s: f"{s.sso_handshakes_days} days",
    ),
]


async def select(
    conn: asyncpg.Connection, rule: Rule, config: RetentionSettings, as_of: datetime, council_id: int | None
) -> list[queries.Due]:
    """The records `rule` would remove as of `as_of` (in one council, or everywhere when `council_id` is None)."""
    return await queries.retention_due(conn, rule.kind, as_of - rule.keep(config), council_id)


async def apply(conn: asyncpg.Connection, rule: Rule, keys: list[str]) -> list[str]:
    """Remove (or, for words, erase) exactly the records with these keys; returns the keys acted on."""
    if not keys:
        return []
    if rule.kind == "words":
        for key in keys:
            await erase_child(conn, int(key))
        return keys
    return await queries.retention_apply(conn, rule.kind, keys)


__all__ = ["REMOVED", "REPORT_KEYS", "RULES", "Rule", "apply", "select"]
