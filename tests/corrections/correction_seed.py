"""Submissions for the correction tests, stored as a child's are and analysed through the worker's own `store`."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx
from support import Client, Council

from heard.settings import SafeguardingSettings
from heard.submissions.jobs import store


async def submission(
    db: asyncpg.Connection, council: Council, text: str, *, child: str = "Ava", answers: dict[str, Any] | None = None
) -> int:
    """A statement shared with the child's worker and IRO. No outbox row: no worker analyses it behind the test."""
    return int(
        await db.fetchval(
            """insert into submissions (council_id, child_id, kind, channel, free_text, answers, audience,
                   idempotency_key, request_hash)
               values ($1, $2, 'statement', 'api', $3, $4, '{worker,iro}', $5, '\\x00') returning id""",
            council.id,
            council.children[child],
            text,
            answers or {},
            uuid.uuid4().hex,
        )
    )


async def analyse(
    db: asyncpg.Connection,
    council: Council,
    submission_id: int,
    *,
    themes: tuple[str, ...] = (),
    sentiment: str = "neutral",
    level: str = "none",
    categories: tuple[str, ...] = (),
    version: str = "test-model",
    child: str = "Ava",
) -> None:
    """Store an analysis as the worker does (raising an alert for a concern or urgent level)."""
    from nlp.schemas import Analysis, Safeguarding

    result = Analysis(
        themes=themes,
        sentiment=sentiment,
        safeguarding=Safeguarding(level, categories, ("scared",) if level != "none" else ()),  # type: ignore[arg-type]
        redacted="",
        language="en",
        needs_translation=False,
        model_version=version,
    )
    await store(db, SafeguardingSettings(), submission_id, council.id, council.children[child], result)


async def post_correction(client: Client, submission_id: int, *, csrf: bool = True, **fields: Any) -> httpx.Response:
    """The correction form as a browser posts it, with the CSRF token in the form (unless `csrf` is False)."""
    form = {"_csrf_token": client.cookies.get("csrftoken", "")} if csrf else {}
    return await client.post(f"/staff/submissions/{submission_id}/analysis", data={**form, **fields})


async def corrections(db: asyncpg.Connection, submission_id: int) -> list[asyncpg.Record]:
    return await db.fetch("select * from analysis_corrections where submission_id = $1 order by id", submission_id)
