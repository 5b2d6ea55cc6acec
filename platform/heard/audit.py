"""The audit log: every read of a child's words, every action on one, and every refused access, says who, what,
when and why."""

from __future__ import annotations

from typing import Any

import asyncpg

from heard.principal import Principal

_INSERT = """
insert into audit_log (council_id, actor_kind, actor_id, action, subject_kind, subject_id, child_id, reason, detail)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""


async def record(
    conn: asyncpg.Connection,
    actor: Principal | None,
    action: str,
    subject_kind: str,
    subject_id: int | None,
    *,
    child_id: int | None = None,
    reason: str = "",
    council_id: int | None = None,
    **detail: Any,
) -> None:
    """Write one audit row in the caller's transaction (or on its own when there is none)."""
    await conn.execute(
        _INSERT,
        actor.council_id if actor else council_id,
        actor.kind if actor else "system",
        actor.id if actor else None,
        action,
        subject_kind,
        subject_id,
        child_id,
        reason,
        detail,
    )


# A refused access is written as 'denied', at most this many a minute for one actor: enough to show a pattern on the
# audit search page, never enough for a flood of refused requests to fill the disk.
REFUSALS_PER_MINUTE = 30

_INSERT_REFUSAL = """
insert into audit_log (council_id, actor_kind, actor_id, action, subject_kind, subject_id, child_id, reason, detail)
select $1, $2, $3, 'denied', $4, $5, $6, $7, $8
where (select count(*) from audit_log
       where council_id is not distinct from $1 and actor_kind = $2 and actor_id is not distinct from $3
         and action = 'denied' and at > now() - interval '1 minute') < $9
"""


async def refused(
    conn: asyncpg.Connection,
    actor: Principal | None,
    subject_kind: str,
    subject_id: int | None,
    *,
    why: str,
    child_id: int | None = None,
    council_id: int | None = None,
    **detail: Any,
) -> None:
    """Write that `actor` was refused `subject_kind` `subject_id`, and `why`, unless they were refused too often
    this minute already."""
    await conn.execute(
        _INSERT_REFUSAL,
        actor.council_id if actor else council_id,
        actor.kind if actor else "anonymous",
        actor.id if actor else None,
        subject_kind,
        subject_id,
        child_id,
        why,
        detail,
        REFUSALS_PER_MINUTE,
    )
