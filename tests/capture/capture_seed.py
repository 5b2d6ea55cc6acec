"""Helpers for the capture tests: survey openings straight into the database, and filling forms generically."""

from __future__ import annotations

import secrets
import uuid

import asyncpg
from support import Client


async def open_link(db: asyncpg.Connection, council_id: int, instrument: str, *, closed: bool = False) -> str:
    """An anonymous link open today (or one that closed yesterday)."""
    token = secrets.token_urlsafe(12)
    window = ("current_date - 10", "current_date - 1") if closed else ("current_date - 1", "current_date + 30")
    await db.execute(
        f"""insert into survey_openings (council_id, instrument, access, token, legal_statuses, opens_on, closes_on)
            values ($1, $2, 'anonymous_link', $3, '{{child_in_care,care_leaver}}', {window[0]}, {window[1]})""",
        council_id,
        instrument,
        token,
    )
    return token


async def respond(client: Client, instrument: str, answers: dict, key: str | None = None, **extra) -> dict:
    r = await client.post(
        f"/api/instruments/{instrument}/responses",
        json={"answers": answers, **extra},
        headers={"Idempotency-Key": key or uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text
    return r.json()
