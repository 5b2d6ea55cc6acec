"""Sending email: SMTP when HEARD_SMTP_URL is set, otherwise one file per message in the mail folder (demo)."""

from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

from heard.settings import SafeguardingSettings


async def send(msg: EmailMessage, name: str, config: SafeguardingSettings) -> None:
    """Deliver `msg`; `name` identifies it in the mail folder, so a resend replaces rather than repeats."""
    if config.smtp_url:
        await asyncio.to_thread(_smtp_send, config.smtp_url, msg)
    else:
        _write_to_folder(Path(config.mail_folder), name, msg)


def _smtp_send(url: str, msg: EmailMessage) -> None:
    parts = urlsplit(url)
    with smtplib.SMTP(parts.hostname or "localhost", parts.port or 25, timeout=10) as smtp:
        if parts.scheme == "smtp+starttls":
            smtp.starttls()
        if parts.username:
            smtp.login(parts.username, parts.password or "")
        smtp.send_message(msg)


def _write_to_folder(folder: Path, name: str, msg: EmailMessage) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.eml"
    partial = target.with_suffix(".partial")
    partial.write_bytes(bytes(msg))
    partial.replace(target)
