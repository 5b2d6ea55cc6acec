"""The analysis job: as a plain coroutine with a built ctx, and through a real worker on Redis."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
import pytest
from support import Client, Council, Process, wait_for

from heard import db as heard_db
from heard import queue
from heard.submissions.jobs import analyse_submission


def _settings(database_url: str):  # type: ignore[no-untyped-def]
    from heard import settings

    return settings.load({"DATABASE_URL": database_url, "REDIS_URL": "redis://unused", "HEARD_SECRET_KEY": "k" * 40})


@pytest.fixture(scope="session")
def analyser():  # type: ignore[no-untyped-def]
    import nlp

    return nlp.Analyser.load()


async def _submission(db: asyncpg.Connection, council: Council, text: str) -> tuple[int, int]:
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
               request_hash) values ($1, $2, 'statement', 'api', $3, '{worker}', $4, '\\x00') returning id""",
        council.id,
        council.children["Ava"],
        text,
        uuid.uuid4().hex,
    )
    outbox_id = await queue.add(db, "analyse_submission", f"analyse:{sid}", submission_id=sid)
    assert outbox_id is not None
    return sid, outbox_id


async def test_the_job_analyses_once_and_a_second_delivery_does_nothing(
    database_url: str, db: asyncpg.Connection, council: Council, analyser: object
) -> None:
    pool = await heard_db.create_pool(__import__("heard.settings", fromlist=["x"]).DatabaseSettings(url=database_url))
    try:
        sid, outbox_id = await _submission(db, council, "My carer hits me when she is angry and I am scared")
        ctx = {"db_pool": pool, "analyser": analyser, "job_try": 1, "settings": _settings(database_url)}
        assert await analyse_submission(ctx, outbox_id=outbox_id, submission_id=sid) == "analysed"
        assert await analyse_submission(ctx, outbox_id=outbox_id, submission_id=sid) == "already done"
        row = await db.fetchrow(
            "select safeguarding_level, revision, redacted from analyses where submission_id = $1", sid
        )
        assert row["safeguarding_level"] == "urgent"
        assert row["revision"] == 1
        alert = await db.fetchrow("select level, source, categories from alerts where submission_id = $1", sid)
        assert alert["level"] == "urgent"
        assert "abuse" in alert["categories"]
    finally:
        await pool.close()


async def test_the_model_never_lowers_an_alert(
    database_url: str, db: asyncpg.Connection, council: Council, analyser: object
) -> None:
    from heard.settings import DatabaseSettings

    pool = await heard_db.create_pool(DatabaseSettings(url=database_url))
    try:
        sid, outbox_id = await _submission(db, council, "I went to the park with my friends")
        await db.execute(
            "insert into alerts (council_id, submission_id, child_id, level, categories, source)"
            " values ($1, $2, $3, 'urgent', '{abuse}', 'screen')",
            council.id,
            sid,
            council.children["Ava"],
        )
        ctx = {"db_pool": pool, "analyser": analyser, "settings": _settings(database_url)}
        await analyse_submission(ctx, outbox_id=outbox_id, submission_id=sid)
        alert = await db.fetchrow("select level, categories from alerts where submission_id = $1", sid)
        assert alert["level"] == "urgent"
        assert list(alert["categories"]) == ["abuse"]
    finally:
        await pool.close()


async def test_a_real_worker_analyses_what_a_child_sends(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, worker: Process
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.post(
        "/api/submissions",
        json={"kind": "statement", "text": "I miss my mum and my little brother"},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    sid = r.json()["id"]

    async def analysed() -> asyncpg.Record | None:
        return await db.fetchrow("select themes, model_version from analyses where submission_id = $1", sid)

    row = await wait_for(analysed, timeout=30, what="the worker's analysis")
    assert "family_contact" in row["themes"]
    assert row["model_version"]
