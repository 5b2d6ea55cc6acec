"""Alert notifications through services councils already use: GOV.UK Notify (email, text) and Microsoft Teams.

Each carries only the alert's level, its number and a link, never a child's words or name. A failure raises
Notify's APIError, or requests' or httpx's HTTP errors, so the outbox retries the notification; the alert's
escalation clock runs regardless.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

__all__ = ["APIError", "adaptive_card", "notify_email", "personalisation", "send"]

from heard.safeguarding.queries import Notification
from heard.settings import SafeguardingSettings

REASONS = {
    "raised": "raised",
    "raised_urgent": "raised to urgent",
    "reopened": "reopened after it was closed",
    "escalated_1": "escalated to the duty manager",
    "escalated_2": "escalated to the head of service",
}


def notify_email(sg: SafeguardingSettings) -> bool:
    """Alert emails go through Notify when the installation has a key and the council an email template."""
    return bool(sg.notify_api_key and sg.notify_email_template_id)


def personalisation(note: Notification, base_url: str) -> dict[str, str]:
    """The fields a council's Notify template may use: ((level)), ((reference)), ((reason)), ((link))."""
    return {
        "level": note.level,
        "reference": f"alert {note.alert_id}",
        "reason": REASONS[note.reason],
        "link": f"{base_url.rstrip('/')}/staff/alerts/{note.alert_id}",
    }


def adaptive_card(note: Notification, base_url: str) -> dict[str, Any]:
    """A Teams message holding one Adaptive Card: the level, the alert's number, why now, and a button to open it."""
    fields = personalisation(note, base_url)
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        {
                            "type": "TextBlock",
                            "size": "Medium",
                            "weight": "Bolder",
                            "color": "Attention" if note.level == "urgent" else "Warning",
                            "text": f"Heard: {fields['level']} safeguarding {fields['reference']}",
                        },
                        {"type": "TextBlock", "wrap": True, "text": f"This alert has been {fields['reason']}."},
                    ],
                    "actions": [{"type": "Action.OpenUrl", "title": "Open the alert in Heard", "url": fields["link"]}],
                },
            }
        ],
    }


async def send(note: Notification, sg: SafeguardingSettings, base_url: str) -> None:
    """Deliver one notification by Notify (email, sms) or Teams; raises when the provider refuses."""
    if note.channel == "teams":
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(note.recipient, json=adaptive_card(note, base_url))
            response.raise_for_status()
        return
    await asyncio.to_thread(_notify, note, sg, base_url)  # the official client is synchronous (requests)


def _notify(note: Notification, sg: SafeguardingSettings, base_url: str) -> None:
    client = NotificationsAPIClient(sg.notify_api_key, base_url=sg.notify_base_url, timeout=10)  # type: ignore[no-untyped-call]
    fields, reference = personalisation(note, base_url), f"heard-notification-{note.id}"
    if note.channel == "sms":
        client.send_sms_notification(note.recipient, sg.notify_sms_template_id, fields, reference)  # type: ignore[no-untyped-call]
    else:
        client.send_email_notification(note.recipient, sg.notify_email_template_id, fields, reference)  # type: ignore[no-untyped-call]
