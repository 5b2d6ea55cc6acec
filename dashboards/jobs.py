"""Worker jobs: keep the dashboard rollups current, rebuild them nightly, and find emerging topics each day."""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

import asyncpg
import msgspec

from dashboards import queries
from dashboards._refresh import refresh_quarter
from dashboards.schemas import Quarter
from heard import db

log = logging.getLogger(__name__)

TOPIC_TEXTS = 20_000


async def refresh(conn: asyncpg.Connection, *, everything: bool = False) -> int:
    """Recompute every due (council, quarter), each in its own transaction, one refresher at a time per pair."""
    due = await queries.due_quarters(conn, everything=everything)
    for pair in due:
        async with conn.transaction():
            await queries.lock_quarter(conn, pair.council_id, pair.quarter)
            await refresh_quarter(conn, pair.council_id, pair.quarter)
    return len(due)


async def refresh_dashboards(ctx: dict[str, Any]) -> int:
    """Cron: this quarter and last for every council, and any quarter re-analysed since the last run."""
    async with db.acquire(ctx["db_pool"]) as conn:
        done = await refresh(conn)
    log.info("dashboard rollups refreshed", extra={"quarters": done})
    return done


async def rebuild_dashboards(ctx: dict[str, Any]) -> int:
    """Cron, nightly: every quarter, so changes to children's details reach past quarters too."""
    async with db.acquire(ctx["db_pool"]) as conn:
        return await refresh(conn, everything=True)


async def find_emerging_topics(ctx: dict[str, Any]) -> int:
    """Cron, daily: topics in this quarter's redacted texts that were not there last quarter, for every council."""
    quarter = Quarter.of(date.today())
    async with db.acquire(ctx["db_pool"]) as conn:
        councils = await queries.councils_with_rollups(conn)
        for council_id in councils:
            await topics_for(conn, council_id, quarter)
    return len(councils)


async def topics_for(conn: asyncpg.Connection, council_id: int, quarter: Quarter) -> list[queries.StoredTopic]:
    """Run nlp.topics.find_topics over one quarter against the one before, and store what it finds."""
    current = await queries.redacted_texts(conn, council_id, quarter.starts, TOPIC_TEXTS)
    previous = await queries.redacted_texts(conn, council_id, quarter.previous().starts, TOPIC_TEXTS)
    try:
        found = await asyncio.to_thread(_find, current, previous)
    except ImportError:
        log.warning("nlp.topics is not available; emerging topics not updated")
        return []
    async with conn.transaction():
        await queries.store_topics(conn, council_id, quarter.starts, found)
    return found


def _find(current: list[str], previous: list[str]) -> list[queries.StoredTopic]:
    from nlp.topics import find_topics

    found = find_topics(current, previous)
    return [stored(t, len(previous)) for t in found if getattr(t, "emerging", True)]


def stored(topic: Any, previous_texts: int) -> queries.StoredTopic:
    """An nlp Topic as a row: label, terms and counts only; its example quotes are never kept (none was approved)."""
    data: dict[str, Any] = msgspec.to_builtins(topic) if isinstance(topic, msgspec.Struct) else dict(vars(topic))
    terms = [str(t) for t in (data.get("terms") or [])][:8]
    label = str(data.get("label") or ", ".join(terms[:3]) or "Unnamed topic")
    n = int(data.get("size", data.get("count", 0)) or 0)
    share = data.get("previous_share")
    previous = None if share is None else round(float(share) * previous_texts)
    return queries.StoredTopic(label, terms, n, previous)
