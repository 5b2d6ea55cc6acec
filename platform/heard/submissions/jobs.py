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

if TYPE_CHECKING:
    from nlp import Analyser

log = logging.getLogger(__name__)

_TEXT = """
select free_text, answers, instrument, instrument_version, council_id, child_id from submissions where id = $1
"""

_STORE = """
insert into analyses (submission_id, model_version, themes, sentiment, safeguarding_level,
                      safeguarding_categories, triggers, redacted, language, needs_translation)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
on conflict (submission_id) do update set
    model_version = excluded.model_version, themes = excluded.themes, sentiment = excluded.sentiment,
    safeguarding_level = excluded.safeguarding_level, safeguarding_categories = excluded.safeguarding_categories,
    triggers = excluded.triggers, redacted = excluded.redacted, language = excluded.language,
    needs_translation = excluded.needs_translation, analysed_at = now(), revision = analyses.revision + 1
"""


def _words(row: asyncpg.Record) -> str:
    """What the child typed, once: never an option id they chose (see `surveys.typed_words`)."""
    return surveys.typed_words(row["instrument"], row["instrument_version"], row["answers"], row["free_text"])


async def analyse_submission(ctx: dict[str, Any], *, outbox_id: int, submission_id: int) -> str:
    """Analyse one submission once: a redelivered job finds its outbox row complete and stops."""
    pool: asyncpg.Pool = ctx["db_pool"]
    try:
        async with db.acquire(pool) as conn, conn.transaction():
            if not await queue.claim(conn, outbox_id):
                return "already done"
            row = await conn.fetchrow(_TEXT, submission_id)
            if row is None:
                await queue.complete(conn, outbox_id)
                return "no such submission"
            result = ctx["analyser"].analyse(_words(row))
            config = ctx["settings"].safeguarding
            work = await store(conn, config, submission_id, row["council_id"], row["child_id"], result)
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
    """Write the analysis and raise or add to the submission's alert; returns notifications to dispatch."""
    sg = result.safeguarding
    await conn.execute(
        _STORE,
        submission_id,
        result.model_version,
        list(result.themes),
        result.sentiment,
        sg.level,
        list(sg.categories),
        list(sg.triggers),
        result.redacted,
        result.language,
        result.needs_translation,
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


# Submissions with words to read again, in id order, in one council ($2) or every council ($2 null): all of
# them ($1 null) or those the model $1 has not analysed yet, so an interrupted run picks up where it stopped.
# An erased child's words are gone: only a placeholder is left in their answers. (`surveys.typed_words` has the
# last word on what counts as words.)
_STALE = """
from submissions s
left join analyses an on an.submission_id = s.id
left join children ch on ch.id = s.child_id
where ch.erased_at is null and ($1::text is null or an.model_version is distinct from $1)
  and ($2::bigint is null or s.council_id = $2)
  and (s.free_text ~ '\\S'
       or jsonb_path_exists(
           s.answers, '$.* ? (@.type() == "string" && @ like_regex ".{4}" flag "s" && @ like_regex "[^[:space:]]")'))
"""
_COUNT_STALE = "select count(*)" + _STALE
_NEXT_STALE = (
    "select s.id, s.free_text, s.answers, s.instrument, s.instrument_version, s.council_id, s.child_id"
    + _STALE
    + "and s.id > $3 order by s.id limit $4"
)


class Reanalysed(msgspec.Struct, frozen=True):
    """One batch of `reanalyse`: the last id it looked at (None when nothing was left), and what it did."""

    last_id: int | None
    seen: int
    analysed: int
    work: safeguarding.Work


async def count_stale(conn: asyncpg.Connection, version: str | None, council_id: int | None = None) -> int:
    """How many submissions `reanalyse_batch` will look at (all with words when `version` is None)."""
    count: int = await conn.fetchval(_COUNT_STALE, version, council_id)
    return count


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
    rows = await conn.fetch(_NEXT_STALE, version, council_id, after, limit)
    if not rows:
        return Reanalysed(None, 0, 0, [])
    todo = [(row, text) for row in rows if (text := _words(row))]
    results = analyser.analyse_many([text for _, text in todo])
    work: safeguarding.Work = []
    async with conn.transaction():
        for (row, _), result in zip(todo, results, strict=True):
            work += await store(conn, config, row["id"], row["council_id"], row["child_id"], result)
    return Reanalysed(rows[-1]["id"], len(rows), len(todo), work)
