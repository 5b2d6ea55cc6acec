"""Passing a child's request for an advocate to the council's advocacy service, once."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Any

import asyncpg

from heard import db, mail, queue

log = logging.getLogger(__name__)

_REQUEST = """
select r.id, r.contact, r.submission_id, r.passed_on_at, c.reference, co.name as council
from advocacy_requests r
join councils co on co.id = r.council_id
left join children c on c.id = r.child_id
where r.id = $1
"""


def compose(row: asyncpg.Record, sender: str) -> EmailMessage:
    """The case reference and what to do: never the child's words."""
    msg = EmailMessage()
    msg["Subject"] = f"Heard: a young person has asked for an advocate ({row['council']})"
    msg["From"] = sender
    msg["To"] = row["contact"]
    msg["Message-ID"] = f"<heard-advocacy-{row['id']}@heard.invalid>"
    msg.set_content(
        f"A child or young person in the care of {row['council']} has asked for an advocate through Heard.\n\n"
        f"Case reference: {row['reference'] or 'not given'}\nHeard reference: H-{row['submission_id']:06d}\n\n"
        "Please contact the council's children's services to arrange it. This email does not contain the "
        "child's words.\n"
    )
    return msg


async def pass_on_advocacy_request(ctx: dict[str, Any], *, outbox_id: int, request_id: int) -> str:
    """Email the advocacy contact and record when; the outbox row makes it happen once."""
    async with db.acquire(ctx["db_pool"]) as conn, conn.transaction():
        if not await queue.claim(conn, outbox_id):
            return "already passed on"
        row = await conn.fetchrow(_REQUEST, request_id)
        if row is None or row["passed_on_at"] is not None or not row["contact"]:
            if row is not None and not row["contact"]:
                log.warning("no advocacy contact set for the council", extra={"request_id": request_id})
            await queue.complete(conn, outbox_id)
            return "nothing to send"
        await mail.send(
            compose(row, ctx["settings"].safeguarding.mail_from), f"advocacy-{request_id}", ctx["settings"].safeguarding
        )
        await conn.execute("update advocacy_requests set passed_on_at = now() where id = $1", request_id)
        await queue.complete(conn, outbox_id)
    return "passed on"
