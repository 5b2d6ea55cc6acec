"""The arq queue and the outbox that feeds it, so no work is lost when Redis or the worker is down.

Work is written to the `outbox` table in the same transaction as the data it concerns. After
commit the web process tries to enqueue it at once (fast path); the worker's relay cron
re-enqueues anything not enqueued or not completed in time (safe path). Jobs carry ids only,
take a row lock on their outbox row and mark it complete in their own transaction, so a job
delivered twice does its work once.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

import asyncpg
import msgspec
from arq.connections import ArqRedis, RedisSettings
from redis.asyncio import ConnectionPool

from heard import db
from heard.settings import QueueSettings

log = logging.getLogger(__name__)


def serialise(value: Any) -> bytes:
    """arq job payloads as msgpack via msgspec, never pickle."""
    return msgspec.msgpack.encode(value)


def deserialise(data: bytes) -> Any:
    return msgspec.msgpack.decode(data)


def redis_settings(url: str) -> RedisSettings:
    """arq's connection settings for `url`, failing fast so a dead Redis never holds up a request."""
    settings = RedisSettings.from_dsn(url)
    settings.conn_timeout = 1
    settings.conn_retries = 0
    return settings


def connect_redis(url: str) -> ArqRedis:
    """A lazily-connecting client: the web starts, and keeps answering, while Redis is down."""
    pool = ConnectionPool.from_url(url, socket_connect_timeout=1, socket_timeout=2, retry_on_timeout=False)
    return ArqRedis(connection_pool=pool, job_serializer=serialise, job_deserializer=deserialise)


_INSERT_OUTBOX = """
insert into outbox (job, args, job_key) values ($1, $2, $3)
on conflict (job_key) do nothing
returning id
"""


async def add(conn: asyncpg.Connection, job: str, key: str, **args: Any) -> int | None:
    """Record work in the caller's transaction; returns the outbox id (None when the key already exists)."""
    outbox_id: int | None = await conn.fetchval(_INSERT_OUTBOX, job, args, key)
    return outbox_id


async def enqueue(redis: ArqRedis | None, outbox_id: int, job: str, args: dict[str, Any]) -> bool:
    """Hand one outbox row to Redis; False when Redis is unreachable (the relay will retry)."""
    if redis is None:
        return False
    try:
        await redis.enqueue_job(job, _job_id=f"outbox-{outbox_id}", outbox_id=outbox_id, **args)
    except (OSError, ConnectionError, TimeoutError) as exc:
        log.warning("queue unavailable, outbox row %s left for the relay: %s", outbox_id, type(exc).__name__)
        return False
    except Exception as exc:  # redis-py raises its own ConnectionError tree
        if type(exc).__module__.startswith("redis"):
            log.warning("queue unavailable, outbox row %s left for the relay: %s", outbox_id, type(exc).__name__)
            return False
        raise
    return True


_MARK_ENQUEUED = "update outbox set enqueued_at = now(), attempts = attempts + 1 where id = any($1::bigint[])"


async def dispatch(pool: asyncpg.Pool, redis: ArqRedis | None, work: list[tuple[int, str, dict[str, Any]]]) -> None:
    """The fast path, run after the response is sent: enqueue committed outbox rows and mark them sent."""
    sent = [outbox_id for outbox_id, job, args in work if await enqueue(redis, outbox_id, job, args)]
    if sent:
        async with db.acquire(pool) as conn, conn.transaction():
            # Losing this mark in a crash costs only a harmless second enqueue, so don't wait for the disk.
            await conn.execute("set local synchronous_commit = off")
            await conn.execute(_MARK_ENQUEUED, sent)


_CLAIM_DUE = """
update outbox set enqueued_at = now(), attempts = attempts + 1
where id in (
    select id from outbox
    where completed_at is null
      and ((enqueued_at is null and created_at < now() - $1::interval) or enqueued_at < now() - $2::interval)
    order by id
    for update skip locked
    limit $3
)
returning id, job, args
"""


async def relay(conn: asyncpg.Connection, redis: ArqRedis, config: QueueSettings, *, batch: int = 500) -> int:
    """Enqueue outbox rows that were never sent (Redis was down) or never finished (a worker died)."""
    unsent = timedelta(seconds=config.unsent_after_seconds)
    stale = timedelta(seconds=config.requeue_after_seconds)
    async with conn.transaction():
        rows = await conn.fetch(_CLAIM_DUE, unsent, stale, batch)
        for row in rows:
            # A redelivery gets a fresh arq id: the old one may still hold a result or an in-progress key.
            await redis.enqueue_job(
                row["job"], _job_id=f"outbox-{row['id']}-r{time.time_ns()}", outbox_id=row["id"], **row["args"]
            )
    return len(rows)



_LOCK_ROW = "select completed_at from outbox where id = $1 for update"
_COMPLETE = "update outbox set completed_at = now(), last_error = null where id = $1"


async def claim(conn: asyncpg.Connection, outbox_id: int) -> bool:
    """Inside a job's transaction: lock its outbox row; False when the work is already done."""
    row = await conn.fetchrow(_LOCK_ROW, outbox_id)
    return row is not None and row["completed_at"] is None


async def complete(conn: asyncpg.Connection, outbox_id: int) -> None:
    """Inside the same transaction as the job's writes: mark the work done."""
    await conn.execute(_COMPLETE, outbox_id)
