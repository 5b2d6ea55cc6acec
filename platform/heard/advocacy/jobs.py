"""Passing a child's request for an advocate to the council's advocacy service, once, by email."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Any

from heard import db, mail, queue
from heard.advocacy import queries

log = logging.getLogger(__name__)
_HOW = {"worker": "through their worker or carer", "phone": "by phone or text", "email": "by email"}


def compose(found: queries.ForMail, sender: str) -> EmailMessage:
    """The case reference, how the child asked to be reached, and their words: the child chose this audience."""
    msg = EmailMessage()
    msg["Subject"] = f"Heard: a young person has asked for an advocate ({found.council})"
    msg["From"] = sender
    msg["To"] = found.contact or ""
    msg["Message-ID"] = f"<heard-advocate-{found.id}@heard.invalid>"
    how = _HOW.get(found.contact_by or "", "not said")
    detail = f" ({found.contact_detail})" if found.contact_detail else ""
    words = found.note or "(they did not write anything)"
    msg.set_content(
        f"A child or young person in the care of {found.council} has asked for an advocate through Heard.\n\n"
        f"Case reference: {found.reference or 'not given'}\nHeard request: A-{found.id:06d}\n"
        f"How to get in touch: {how}{detail}\n\nWhat they wrote for you:\n{words}\n\n"
        "They were told you would get in touch in the way they chose. Please let the council's participation "
        "team know when you have, and when an advocate is allocated, so the young person can see it in Heard.\n"
    )
    return msg


async def pass_on_advocate_request(ctx: dict[str, Any], *, outbox_id: int, request_id: int) -> str:
    """Email the advocacy contact and record when; the outbox row makes it happen once."""
    async with db.acquire(ctx["db_pool"]) as conn, conn.transaction():
        if not await queue.claim(conn, outbox_id):
            return "already passed on"
        found = await queries.for_mail(conn, request_id)
        if found is None or found.passed_on_at is not None or not found.contact:
            if found is not None and not found.contact:
                log.warning("no advocacy contact set for the council", extra={"request_id": request_id})
            await queue.complete(conn, outbox_id)
            return "nothing to send"
        config = ctx["settings"].safeguarding
        await mail.send(compose(found, config.mail_from), f"advocate-{request_id}", config)
        await queries.passed_on(conn, request_id)
        await queue.complete(conn, outbox_id)
    return "passed on"
