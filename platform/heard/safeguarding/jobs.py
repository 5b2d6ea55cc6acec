"""Notification delivery (email or signed webhook, once per alert and recipient) and the escalation cron."""

from __future__ import annotations

import hashlib
import hmac
import logging
import smtplib
from email.message import EmailMessage
from typing import Any

import asyncpg
import httpx
import msgspec
import requests
from arq import Retry

from heard import db, mail, queue, settings
from heard.council import safeguarding_for
from heard.safeguarding import _providers, queries, services

log = logging.getLogger(__name__)

LEVEL_WORDS = {"urgent": "An urgent", "concern": "A"}
REASON_WORDS = {
    "raised": "has been raised",
    "raised_urgent": "has been raised to urgent",
    "reopened": "was closed and has been reopened: the child has written again, or their words were read again",
    "escalated_1": "has not been acknowledged in time and is escalated to you (duty manager)",
    "escalated_2": "has still not been acknowledged and is escalated to you (head of service)",
}


def message_id(notification_id: int) -> str:
    """The same notification always has the same id, so a resend after a crash can be recognised."""
    return f"<heard-notification-{notification_id}@heard.invalid>"


def compose(note: queries.Notification, base_url: str, sender: str) -> EmailMessage:
    """An email with the level and a link only: never the child's words or name."""
    link = f"{base_url.rstrip('/')}/staff/alerts/{note.alert_id}"
    msg = EmailMessage()
    msg["Subject"] = f"Heard: {note.level} safeguarding alert {note.alert_id}"
    msg["From"] = sender
    msg["To"] = note.recipient
    msg["Message-ID"] = message_id(note.id)
    msg.set_content(
        f"{LEVEL_WORDS[note.level]} safeguarding alert {REASON_WORDS[note.reason]}.\n\n"
        f"Open it in Heard to acknowledge it and record what you do:\n{link}\n\n"
        "This email does not contain the child's words or name. Do not forward it outside the council.\n"
    )
    return msg


def webhook_body(note: queries.Notification, base_url: str) -> bytes:
    return msgspec.json.encode(
        {
            "alert_id": note.alert_id,
            "level": note.level,
            "reason": note.reason,
            "raised_at": note.raised_at.isoformat(),
            "url": f"{base_url.rstrip('/')}/staff/alerts/{note.alert_id}",
            "notification_id": note.id,
        }
    )


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver(note: queries.Notification, config: settings.Settings, sg: settings.SafeguardingSettings) -> None:
    """Send one notification by its channel, with its council's settings (`sg`); raises on failure."""
    base_url = config.app.base_url
    if note.channel in {"sms", "teams"} or (note.channel == "email" and _providers.notify_email(sg)):
        await _providers.send(note, sg, base_url)
        return
    if note.channel == "webhook":
        body = webhook_body(note, base_url)
        headers = {
            "content-type": "application/json",
            "x-heard-signature": signature(sg.webhook_secret, body),
            "idempotency-key": f"heard-notification-{note.id}",
        }
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(note.recipient, content=body, headers=headers)
            response.raise_for_status()
        return
    await mail.send(compose(note, base_url, sg.mail_from), f"notification-{note.id}", sg)


async def send_notification(ctx: dict[str, Any], *, outbox_id: int, notification_id: int) -> str:
    """Deliver once: the outbox row stays locked while sending and is completed with the 'sent' mark."""
    pool: asyncpg.Pool = ctx["db_pool"]
    async with db.acquire(pool) as conn:
        try:
            async with conn.transaction():
                if not await queue.claim(conn, outbox_id):
                    return "already sent"
                note = await queries.notification(conn, notification_id)
                if note is None or note.sent_at is not None:
                    await queue.complete(conn, outbox_id)
                    return "nothing to send"
                sg = await safeguarding_for(conn, note.council_id, ctx["settings"].safeguarding)
                await deliver(note, ctx["settings"], sg)
                await queries.mark_sent(conn, notification_id)
                await queue.complete(conn, outbox_id)
        except (OSError, httpx.HTTPError, smtplib.SMTPException, _providers.APIError, requests.RequestException) as exc:
            await queries.record_failure(conn, notification_id, f"{type(exc).__name__}: {exc}"[:500])
            tries = ctx.get("job_try", 1)
            log.warning("notification failed, will retry", extra={"notification_id": notification_id, "try": tries})
            raise Retry(defer=min(300, 5 * 2**tries)) from exc
    return "sent"


async def escalate_alerts(ctx: dict[str, Any]) -> int:
    """Cron: escalate alerts whose due time has passed (catching up after any outage) and send the news."""
    async with db.acquire(ctx["db_pool"]) as conn:
        work = await services.escalate_due(conn, ctx["settings"].safeguarding, services.now())
    await queue.dispatch(ctx["db_pool"], ctx["redis"], work)
    return len(work)
