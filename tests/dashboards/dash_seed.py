"""Helpers for dashboard tests: children with cohort details, analysed submissions, and a rollup refresh."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
from support import Council

import surveys
from dashboards import services
from dashboards.schemas import Quarter
from heard.principal import Principal

QUARTER = Quarter(2025, 2)  # April to June 2025
IN_QUARTER = datetime(2025, 5, 14, 11, 0, tzinfo=UTC)
LAST_QUARTER = datetime(2025, 2, 12, 11, 0, tzinfo=UTC)


def born(age: int, on: date = date(2025, 6, 30)) -> date:
    """A birth month that makes a child `age` on the quarter's last day."""
    return date(on.year - age, 1, 1)


async def add_child(
    db: asyncpg.Connection,
    council: Council,
    *,
    age: int = 13,
    legal_status: str = "child_in_care",
    placement: str = "foster",
    out_of_area: bool = False,
    uasc: bool = False,
    disability: bool = False,
    share_quotes: bool = False,
) -> int:
    child_id: int = await db.fetchval(
        """insert into children (council_id, reference, known_as, birth_month, legal_status, placement_type,
               placed_out_of_area, uasc, disability, share_quotes)
           values ($1, $2, 'Test', $3, $4, $5, $6, $7, $8, $9) returning id""",
        council.id,
        f"{council.slug}-{secrets.token_hex(4)}",
        born(age),
        legal_status,
        placement,
        out_of_area,
        uasc,
        disability,
        share_quotes,
    )
    return child_id


async def add_submission(
    db: asyncpg.Connection,
    council: Council,
    child_id: int | None,
    *,
    kind: str = "statement",
    at: datetime = IN_QUARTER,
    themes: tuple[str, ...] = (),
    sentiment: str = "neutral",
    answers: dict[str, Any] | None = None,
    free_text: str = "",
    redacted: str | None = None,
    safeguarding: str = "none",
    read_after: timedelta | None = None,
    used_in_review: bool = False,
    audience: tuple[str, ...] = ("worker",),
) -> int:
    key = secrets.token_hex(8)
    submission_id: int = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience, anonymous,
               idempotency_key, request_hash, created_at, read_at, used_in_review_at, instrument, instrument_version)
           values ($1, $2, $3, 'web', $4::text::jsonb, $5, $12, $6, $7, $8, $9, $10, $11, $13, $14) returning id""",
        council.id,
        child_id,
        kind,
        _json(answers or {}),
        free_text,
        child_id is None,
        key,
        hashlib.sha256(key.encode()).digest(),
        at,
        None if read_after is None else at + read_after,
        at + timedelta(days=3) if used_in_review else None,
        list(audience),
        SURVEY.id if answers else None,
        SURVEY.version if answers else None,
    )
    if themes or redacted is not None:
        await db.execute(
            """insert into analyses (submission_id, model_version, themes, sentiment, safeguarding_level,
                   safeguarding_categories, redacted, language)
               values ($1, 'test', $2, $3, $4, '{}', $5, 'en')""",
            submission_id,
            list(themes),
            sentiment,
            safeguarding,
            redacted if redacted is not None else free_text,
        )
    return submission_id


SURVEY = surveys.latest("my_life_11_17")


def answer(question: str, *, choice: str | None = None, number: int | None = None) -> Any:
    """One answer to the 11-17 survey in the stored shape, written by capture's own writer."""
    typed = surveys.Answer(
        question=question,
        instrument=SURVEY.id,
        version=SURVEY.version,
        choices=(choice,) if choice else (),
        number=number,
    )
    return surveys.store_answers(SURVEY, {question: typed})[question]


def _json(value: Any) -> str:
    import json

    return json.dumps(value)


async def refresh(db: asyncpg.Connection, council: Council, *quarters: Quarter) -> None:
    for quarter in quarters or (QUARTER, QUARTER.previous()):
        async with db.transaction():
            await services.refresh_quarter(db, council.id, quarter.starts)


def staff(council: Council, role: str) -> Principal:
    return Principal(kind="staff", id=council.staff_ids[role], council_id=council.id, name=role, roles=(role,))
