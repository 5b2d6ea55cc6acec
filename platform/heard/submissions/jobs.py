"""Background work on a submission: the full analysis, stored once, raising alerts but never lowering them."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import asyncpg
import msgspec
from arq import Retry

import surveys
from heard import db, queue
from heard.safeguarding import services as safeguarding
from heard.settings import SafeguardingSettings
from heard.submissions import queries
from heard.translation import services as translation

if TYPE_CHECKING:
    from nlp import Analyser

log = logging.getLogger(__name__)


def _words(row: queries.Words) -> str:
    """What the child typed, once: never an option id they chose (see `surveys.typed_words`)."""
    return surveys.typed_words(row.instrument, row.instrument_version, row.answers, row.free_text)


async def analyse_submission(ctx: dict[str, Any], *, outbox_id: int, submission_id: int) -> str:
    """Analyse one submission once: a redelivered job finds its outbox row complete and stops."""
    pool: asyncpg.Pool = ctx["db_pool"]
    try:
        async with db.acquire(pool) as conn, conn.transaction():
            if not await queue.claim(conn, outbox_id):
                return "already done"
            row = await queries.words(conn, submission_id)
            if row is None:
                await queue.complete(conn, outbox_id)
                return "no such submission"
            result = ctx["analyser"].analyse(_words(row))
            config = ctx["settings"].safeguarding
            work = await store(conn, config, submission_id, row.council_id, row.child_id, result)
            await queue.complete(conn, outbox_id)
        await queue.dispatch(pool, ctx.get("redis"), work)
    except (OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError) as exc:
        raise Retry(defer=ctx.get("job_try", 1) * 2) from exc
    return "analysed"


async def store(
    conn: asyncpg.Connection,
    config: SafeguardingSettings,
    submission_id: int,
    council_id: int,
    child_id: int | None,
    result: Any,
) -> safeguarding.Work:
    """Write the analysis and raise or add to the submission's alert; returns notifications to dispatch.

    Words in a language the screen cannot read (`screened` false) are never taken as "none": the submission also
    goes to the needs-reading queue, for a person to read and translate.
    """
    sg = result.safeguarding
    await queries.store_analysis(conn, submission_id, result)
    if not getattr(result, "screened", True):
        await translation.needs_reading(
            conn,
            config,
            council_id=council_id,
            submission_id=submission_id,
            child_id=child_id,
            language=result.language,
            level=sg.level,
        )
    if sg.level == "none":
        return []
    return await safeguarding.raise_alert(
        conn,
        config,
        council_id=council_id,
        submission_id=submission_id,
        child_id=child_id,
        level=sg.level,
        categories=list(sg.categories),
        triggers=list(sg.triggers),
        source="model",
    )


class Reanalysed(msgspec.Struct, frozen=True):
    """One batch of `reanalyse`: the last id it looked at (None when nothing was left), and what it did."""

    last_id: int | None
    seen: int
    analysed: int
    work: safeguarding.Work


async def count_stale(conn: asyncpg.Connection, version: str | None, council_id: int | None = None) -> int:
    """How many submissions `reanalyse_batch` will look at (all with words when `version` is None)."""
    return await queries.count_stale(conn, version, council_id)


async def reanalyse_batch(
    conn: asyncpg.Connection,
    config: SafeguardingSettings,
    analyser: Analyser,
    *,
    after: int,
    limit: int,
    version: str | None,
    council_id: int | None = None,
) -> Reanalysed:
    """Analyse the next batch after id `after` again (those `version` has not read, or all when it is None),
    stored through `store` like the worker's job, in one transaction: alerts are raised (never lowered) and each
    analysis's revision goes up."""
    rows = await queries.next_stale(conn, version, council_id, after, limit)
    if not rows:
        return Reanalysed(None, 0, 0, [])
    todo = [(row, text) for row in rows if (text := _words(row))]
    results = analyser.analyse_many([text for _, text in todo])
    work: safeguarding.Work = []
    async with conn.transaction():
        for (row, _), result in zip(todo, results, strict=True):
            work += await store(conn, config, row.id, row.council_id, row.child_id, result)
    return Reanalysed(rows[-1].id, len(rows), len(todo), work)
