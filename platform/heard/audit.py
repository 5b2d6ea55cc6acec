"""The audit log: every read of a child's words, and every action on one, says who, what, when and why."""

from __future__ import annotations

from typing import Any

import asyncpg

from heard.accounts.schemas import Principal

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
