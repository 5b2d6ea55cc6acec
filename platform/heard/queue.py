"""The arq queue and the outbox that feeds it, so no work is lost when Redis or the worker is down.

Work is written to the `outbox` table in the same transaction as the data it concerns. After
commit the web process tries to enqueue it at once (fast path); the worker's relay cron
re-enqueues anything not enqueued or not completed in time (safe path). Jobs carry ids only,
take a row lock on their outbox row and mark it complete in their own transaction, so a job
delivered twice does its work once.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from datetime import timedelta
from typing import Any

import asyncpg
import msgspec
from arq.connections import ArqRedis, RedisSettings
from arq.constants import job_key_prefix
from arq.jobs import serialize_job
from arq.utils import timestamp_ms
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


# One statement, so one round trip and its own transaction. Losing this mark in a crash costs only a harmless
# second enqueue, so its commit does not wait for the disk (set_config local to the statement's transaction).
_MARK_ENQUEUED = """
with no_wait as (select set_config('synchronous_commit', 'off', true))
update outbox set enqueued_at = now(), attempts = attempts + 1
from no_wait
where id = any($1::bigint[])
"""

Work = list[tuple[int, str, dict[str, Any]]]


async def enqueue_many(redis: ArqRedis, work: Work) -> None:
    """Hand many outbox rows to Redis in one round trip, in arq's own job format.

    Like arq's `enqueue_job` with a fixed job id, but without its per-job WATCH: an id that is already
    queued is left alone (NX), and jobs claim their outbox row, so a second delivery does nothing.
    """
    now_ms = timestamp_ms()
    async with redis.pipeline(transaction=True) as pipe:
        for outbox_id, job, args in work:
            job_id = f"outbox-{outbox_id}"
            payload = serialize_job(job, (), {"outbox_id": outbox_id, **args}, None, now_ms, serializer=serialise)
            pipe.set(job_key_prefix + job_id, payload, px=redis.expires_extra_ms, nx=True)
            pipe.zadd(redis.default_queue_name, {job_id: now_ms}, nx=True)
        await pipe.execute()


class _Sender:
    """Coalesces the fast path of concurrent requests into one Redis pipeline and one UPDATE.

    Under load a web process finishes many submissions at once; sending each on its own costs a
    handful of round trips apiece, which is most of the work of a request. Callers still wait for
    their own work to be sent, so `dispatch` keeps its meaning.
    """

    def __init__(self, pool: asyncpg.Pool, redis: ArqRedis) -> None:
        self.pool = pool
        self.redis = redis
        self.pending: list[tuple[Work, asyncio.Future[None]]] = []
        self.running: asyncio.Task[None] | None = None

    async def send(self, work: Work) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.pending.append((work, done))
        if self.running is None or self.running.done():
            self.running = asyncio.create_task(self._drain())
        await asyncio.shield(done)

    async def _drain(self) -> None:
        while self.pending:
            batch, self.pending = self.pending, []
            try:
                await self._send([item for work, _ in batch for item in work])
            except BaseException as exc:
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
            else:
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)

    async def _send(self, work: Work) -> None:
        try:
            await enqueue_many(self.redis, work)
        except Exception as exc:  # Redis unreachable: the relay sends these rows later
            if isinstance(exc, (OSError, ConnectionError, TimeoutError)) or type(exc).__module__.startswith("redis"):
                log.warning("queue unavailable, %d outbox rows left for the relay: %s", len(work), type(exc).__name__)
                return
            raise
        async with db.acquire(self.pool) as conn:
            await conn.execute(_MARK_ENQUEUED, [outbox_id for outbox_id, _, _ in work])


_SENDERS: weakref.WeakKeyDictionary[ArqRedis, dict[int, _Sender]] = weakref.WeakKeyDictionary()


async def dispatch(pool: asyncpg.Pool, redis: ArqRedis | None, work: Work) -> None:
    """The fast path, run after commit: enqueue committed outbox rows and mark them sent.

    Concurrent calls on the same pool and Redis client share one round trip to each.
    """
    if not work or redis is None:
        return
    senders = _SENDERS.setdefault(redis, {})
    sender = senders.get(id(pool))
    if sender is None or sender.pool is not pool:
        sender = senders[id(pool)] = _Sender(pool, redis)
    await sender.send(work)


# Fast-path sends started by requests and not yet finished; the lifespan waits for them before closing.
_IN_FLIGHT: set[asyncio.Task[None]] = set()


def dispatch_soon(pool: asyncpg.Pool, redis: ArqRedis | None, work: Work) -> None:
    """Start `dispatch` without holding up the request's connection.

    The response does not wait for it, and neither does the client's next request on the same keep-alive
    connection (a background task would hold that connection until it finished). The work is already
    committed to the outbox, so if this never finishes the relay sends it.
    """
    if not work or redis is None:
        return
    task = asyncio.get_running_loop().create_task(dispatch(pool, redis, work))
    _IN_FLIGHT.add(task)
    task.add_done_callback(_finished)


def _finished(task: asyncio.Task[None]) -> None:
    _IN_FLIGHT.discard(task)
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.error("sending outbox work failed; the relay will send it: %s", type(exc).__name__)


async def settle() -> None:
    """Wait for the fast-path sends this process started (at shutdown, before the pool and Redis close)."""
    while _IN_FLIGHT:
        await asyncio.gather(*_IN_FLIGHT, return_exceptions=True)


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
