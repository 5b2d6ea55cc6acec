"""Reading, replying and marking, always through the allocation rule and always audited."""

from __future__ import annotations

import asyncpg

from heard import audit
from heard.accounts.schemas import Principal
from heard.inbox import queries
from heard.inbox.schemas import InboxItem, ReplyIn
from heard.submissions import services as submissions
from heard.submissions.schemas import Submission


async def inbox(
    conn: asyncpg.Connection, principal: Principal, *, relation: str = "worker", kind: str | None = None
) -> list[InboxItem]:
    """Statements shared with this worker (or review views shared with this IRO), unread first; the read is audited."""
    items = await queries.inbox(conn, principal.id, principal.council_id, relation, kind)
    await audit.record(conn, principal, "read", "inbox", None, reason=relation, submission_ids=[i.id for i in items])
    return items


async def open_submission(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> Submission:
    """One submission with its replies (allocation checked and audited by the submissions service)."""
    return await submissions.get(conn, principal, submission_id)


async def reply(conn: asyncpg.Connection, principal: Principal, submission_id: int, data: ReplyIn) -> Submission:
    """Reply to the child; replying also marks the submission read."""
    found = await submissions.get(conn, principal, submission_id)
    async with conn.transaction():
        await queries.add_reply(conn, submission_id, principal.id, data.body.strip())
        await queries.mark_read(conn, submission_id, principal.id)
        await audit.record(conn, principal, "replied", "submission", submission_id, child_id=found.child_id)
    return await submissions.get(conn, principal, submission_id)


async def mark_read(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> None:
    found = await submissions.get(conn, principal, submission_id)
    await queries.mark_read(conn, submission_id, principal.id)
    await audit.record(conn, principal, "marked_read", "submission", submission_id, child_id=found.child_id)


async def mark_used_in_review(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> None:
    found = await submissions.get(conn, principal, submission_id)
    await queries.mark_used_in_review(conn, submission_id)
    await audit.record(conn, principal, "used_in_review", "submission", submission_id, child_id=found.child_id)
