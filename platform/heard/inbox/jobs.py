"""Telling a care leaver that a reply is waiting in Heard, once, by the email or phone number they gave.

The nudge is one fixed sentence in the young person's language and a link to sign in: never the reply, the
worker's name or the statement. Email goes by the council's GOV.UK Notify template when it has one, else by the
installation's email (mail.py); a text message only by Notify. A provider's failure is retried from the outbox.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from typing import Any

import asyncpg
import requests
from arq import Retry
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from heard import audit, db, mail, queue, settings
from heard.i18n import catalogue
from heard.inbox import queries
from heard.inbox.schemas import NudgeTarget

log = logging.getLogger(__name__)


def nudge_text(target: NudgeTarget, base_url: str) -> tuple[str, str]:
    """The sentence and the link: all a nudge ever says."""
    return catalogue(target.language).gettext("conversation.nudge"), f"{base_url.rstrip('/')}/messages"


def compose(target: NudgeTarget, config: settings.Settings, reply_id: int) -> EmailMessage:
    sentence, link = nudge_text(target, config.app.base_url)
    msg = EmailMessage()
    msg["Subject"] = sentence
    msg["From"] = config.safeguarding.mail_from
    msg["To"] = target.email
    msg["Message-ID"] = f"<heard-nudge-{reply_id}@heard.invalid>"
    msg.set_content(f"{sentence}\n\n{link}\n")
    return msg


def _notify(target: NudgeTarget, config: settings.Settings, reply_id: int) -> list[str]:
    """Send by Notify where the council has the template; returns the channels used."""
    sg = config.safeguarding
    client = NotificationsAPIClient(sg.notify_api_key, base_url=sg.notify_base_url, timeout=10)  # type: ignore[no-untyped-call]
    sentence, link = nudge_text(target, config.app.base_url)
    fields, reference, sent = {"message": sentence, "link": link}, f"heard-nudge-{reply_id}", []
    if target.email and target.email_template:
        client.send_email_notification(target.email, target.email_template, fields, reference)  # type: ignore[no-untyped-call]
        sent.append("email")
    if target.phone and target.sms_template:
        client.send_sms_notification(target.phone, target.sms_template, fields, reference)  # type: ignore[no-untyped-call]
        sent.append("sms")
    return sent


async def deliver(target: NudgeTarget, config: settings.Settings, reply_id: int) -> list[str]:
    """Send the nudge by every way the young person gave that the council can use; returns the channels."""
    sent = await asyncio.to_thread(_notify, target, config, reply_id) if config.safeguarding.notify_api_key else []
    if target.email and "email" not in sent:
        await mail.send(compose(target, config, reply_id), f"nudge-{reply_id}", config.safeguarding)
        sent.append("email")
    return sent


async def nudge_child(ctx: dict[str, Any], *, outbox_id: int, reply_id: int) -> str:
    """Once per reply, and only while it is unread: the outbox row stays locked while sending."""
    pool: asyncpg.Pool = ctx["db_pool"]
    async with db.acquire(pool) as conn:
        try:
            async with conn.transaction():
                if not await queue.claim(conn, outbox_id):
                    return "already sent"
                target = await queries.nudge_target(conn, reply_id)
                channels = await deliver(target, ctx["settings"], reply_id) if target else []
                if target is not None and channels:
                    await audit.record(
                        conn,
                        None,
                        "nudged",
                        "reply",
                        reply_id,
                        child_id=target.child_id,
                        council_id=target.council_id,
                        channels=channels,
                    )
                await queue.complete(conn, outbox_id)
        except (OSError, smtplib.SMTPException, APIError, requests.RequestException) as exc:
            tries = ctx.get("job_try", 1)
            log.warning("nudge failed, will retry", extra={"reply_id": reply_id, "try": tries})
            raise Retry(defer=min(300, 5 * 2**tries)) from exc
    return "sent" if channels else "nothing to send"
