"""Passing a child's request for an advocate to the council's advocacy service, once."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Any

from heard import db, mail, queue
from heard.capture import queries

log = logging.getLogger(__name__)


def compose(row: queries.AdvocacyRequest, sender: str) -> EmailMessage:
    """The case reference and what to do: never the child's words."""
    msg = EmailMessage()
    msg["Subject"] = f"Heard: a young person has asked for an advocate ({row.council})"
    msg["From"] = sender
    msg["To"] = row.contact
    msg["Message-ID"] = f"<heard-advocacy-{row.id}@heard.invalid>"
    msg.set_content(
        f"A child or young person in the care of {row.council} has asked for an advocate through Heard.\n\n"
        f"Case reference: {row.reference or 'not given'}\nHeard reference: H-{row.submission_id:06d}\n\n"
        "Please contact the council's children's services to arrange it. This email does not contain the "
        "child's words.\n"
    )
    return msg


async def pass_on_advocacy_request(ctx: dict[str, Any], *, outbox_id: int, request_id: int) -> str:
    """Email the advocacy contact and record when; the outbox row makes it happen once."""
    async with db.acquire(ctx["db_pool"]) as conn, conn.transaction():
        if not await queue.claim(conn, outbox_id):
            return "already passed on"
        row = await queries.advocacy_request(conn, request_id)
        if row is None or row.passed_on_at is not None or not row.contact:
            if row is not None and not row.contact:
                log.warning("no advocacy contact set for the council", extra={"request_id": request_id})
            await queue.complete(conn, outbox_id)
            return "nothing to send"
        await mail.send(
            compose(row, ctx["settings"].safeguarding.mail_from), f"advocacy-{request_id}", ctx["settings"].safeguarding
        )
        await queries.advocacy_passed_on(conn, request_id)
        await queue.complete(conn, outbox_id)
    return "passed on"
