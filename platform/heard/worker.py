"""The arq worker: every job and cron in one WorkerSettings, msgspec on the wire, and a loop that outlives Redis.

arq's own main loop ends the process when Redis goes away. `run` keeps the process: it loads the database pool
and the analyser once, then runs one arq Worker after another, waiting with backoff while Redis is unreachable.
Work that did not reach Redis meanwhile is still in the outbox, and the relay cron hands it over when Redis returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any, ClassVar

import redis.exceptions
from arq import cron, func
from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix
from arq.worker import Worker, get_kwargs

from dashboards.jobs import find_emerging_topics, rebuild_dashboards, refresh_dashboards
from heard import db, logs, queue, settings
from heard.advocacy.jobs import pass_on_advocate_request
from heard.inbox.jobs import nudge_child
from heard.privacy.jobs import enforce_retention
from heard.safeguarding.jobs import escalate_alerts, send_notification
from heard.submissions.jobs import analyse_submission

log = logging.getLogger(__name__)


async def relay_outbox(ctx: dict[str, Any]) -> int:
    """Cron: hand Redis whatever the web could not, and whatever a dead worker left unfinished."""
    redis: ArqRedis = ctx["redis"]
    async with db.acquire(ctx["db_pool"]) as conn:
        sent = await queue.relay(conn, redis, settings.get().queue)
    if sent:
        log.info("outbox relay re-enqueued work", extra={"count": sent})
    return sent


async def startup(ctx: dict[str, Any]) -> None:
    import nlp

    config = settings.get()
    logs.configure(config.app.log_level)
    ctx["settings"] = config
    ctx["db_pool"] = await db.create_pool(config.db)
    ctx["analyser"] = nlp.Analyser.load(Path(config.app.model_dir) if config.app.model_dir else None)


async def shutdown(ctx: dict[str, Any]) -> None:
    await ctx["db_pool"].close()


class WorkerSettings:
    """Run with `heard worker`, which adds the Redis settings from REDIS_URL."""

    functions: ClassVar = [
        func(analyse_submission, timeout=settings.get().queue.job_timeout_seconds, max_tries=5),
        func(send_notification, timeout=settings.get().queue.job_timeout_seconds, max_tries=12),
        func(nudge_child, timeout=settings.get().queue.job_timeout_seconds, max_tries=12),
        func(pass_on_advocate_request, timeout=settings.get().queue.job_timeout_seconds, max_tries=12),
    ]
    cron_jobs: ClassVar = [
        cron(relay_outbox, second=set(range(0, 60, 2)), run_at_startup=True, unique=True, timeout=30),
        cron(escalate_alerts, second={0, 20, 40}, run_at_startup=True, unique=True, timeout=30),
        cron(refresh_dashboards, minute=set(range(0, 60, 5)), second=30, run_at_startup=True, unique=True, timeout=600),
        cron(rebuild_dashboards, hour={2}, minute={30}, unique=True, timeout=3600),
        cron(find_emerging_topics, hour={3}, minute={15}, unique=True, timeout=3600),
        cron(enforce_retention, hour={1}, minute={45}, unique=True, timeout=3600),
    ]
    on_startup = startup
    on_shutdown = shutdown
    job_serializer = staticmethod(queue.serialise)
    job_deserializer = staticmethod(queue.deserialise)
    keep_result = 60
    health_check_interval = 10
    # arq reads at most max_jobs ids per poll and then sleeps poll_delay: with its defaults (10, 0.5 s) a
    # worker takes at most 20 jobs a second, far below a council's busy hour. A poll is one ZRANGEBYSCORE.
    max_jobs = 50
    poll_delay = 0.05


# What a lost or refused Redis connection looks like from redis-py (BusyLoadingError, while Redis reloads its
# append-only file after a restart, is a ConnectionError too). A connection lost while arq watches a job's key
# surfaces as WatchError ("A ConnectionError occurred on while watching one or more keys"); arq catches the
# WatchError of a lost race itself, so one that reaches us is always the connection.
REDIS_DOWN = (
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    redis.exceptions.WatchError,
    OSError,
)
FIRST_RETRY_SECONDS = 0.5
LONGEST_WAIT_SECONDS = 10.0


def run(*, burst: bool) -> None:
    """`heard worker`: take jobs until stopped (or, with `burst`, until the queue is empty), whatever Redis does."""
    asyncio.run(_run(burst=burst))


async def _run(*, burst: bool) -> None:
    ctx: dict[str, Any] = {}
    await startup(ctx)
    try:
        await _keep_working(ctx, burst=burst)
    finally:
        await shutdown(ctx)


async def _keep_working(ctx: dict[str, Any], *, burst: bool) -> None:
    """Run arq workers one after another; a lost Redis costs one warning and a wait, never the process."""
    stopping = asyncio.Event()
    outage = _Outage()
    stranded: set[str] = set()
    while not stopping.is_set():
        worker = _worker(ctx, burst=burst, stopping=stopping, outage=outage, stranded=stranded)
        try:
            await worker.async_run()
        except REDIS_DOWN as exc:
            await _retire(worker)
            await outage.wait(exc, stopping)
            continue
        except asyncio.CancelledError:
            if not stopping.is_set():  # not our signal handler: somebody else is cancelling us
                raise
        with contextlib.suppress(*REDIS_DOWN):
            await worker.close()
        return


class _Worker(Worker):
    """An arq Worker that notes in `stranded` the jobs whose run ended in an error of its own (Redis went, or we
    cancelled it).

    Such a job keeps its in-progress mark in Redis, and no worker takes it again until the mark expires (the job
    timeout and 10 s more): the next Worker's startup hook clears these marks as soon as Redis answers again.
    """

    def __init__(self, *, stranded: set[str], **options: Any) -> None:
        super().__init__(**options)
        self.stranded = stranded

    async def run_job(self, job_id: str, score: int) -> None:
        try:
            await super().run_job(job_id, score)
        except BaseException:  # a job's own failure never gets here: arq records it and retries
            self.stranded.add(job_id)
            raise


def _worker(
    ctx: dict[str, Any], *, burst: bool, stopping: asyncio.Event, outage: _Outage, stranded: set[str]
) -> _Worker:
    """One arq Worker on the shared ctx; its startup hook notes that Redis answers again and frees stranded jobs."""
    config = settings.get()

    async def connected(worker_ctx: dict[str, Any]) -> None:
        if stranded:
            redis: ArqRedis = worker_ctx["redis"]
            await redis.delete(*(in_progress_key_prefix + job_id for job_id in stranded))
            stranded.clear()
        outage.over()

    options: dict[str, Any] = {
        **get_kwargs(dict(vars(WorkerSettings))),
        "redis_settings": queue.redis_settings(config.redis.url),
        "burst": burst,
        "ctx": ctx,
        "on_startup": connected,
        "on_shutdown": None,  # the pool and analyser belong to the process, not to one Worker
    }
    worker = _Worker(stranded=stranded, **options)
    worker.on_stop = lambda _signal: stopping.set()
    return worker


async def _retire(worker: Worker) -> None:
    """After Redis went away: let running jobs end (their last Redis write may fail; the outbox covers it)."""
    running = [task for task in worker.tasks.values() if not task.done()]
    if running:
        _, late = await asyncio.wait(running, timeout=settings.get().queue.job_timeout_seconds)
        for task in late:
            task.cancel()
    await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
    pool: ArqRedis | None = worker._pool  # None when Redis refused the first connection
    if pool is not None:
        with contextlib.suppress(*REDIS_DOWN):
            await pool.close(close_connection_pool=True)


class _Outage:
    """Backoff while Redis is unreachable, with one warning when it goes and one note when it is back."""

    def __init__(self) -> None:
        self.delay = 0.0

    async def wait(self, exc: BaseException, stopping: asyncio.Event) -> None:
        if not self.delay:
            log.warning(
                "Redis is unreachable (%s); the worker keeps trying and will take jobs again when it returns",
                type(exc).__name__,
            )
        self.delay = min(max(self.delay * 2, FIRST_RETRY_SECONDS), LONGEST_WAIT_SECONDS)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=self.delay)

    def over(self) -> None:
        if self.delay:
            log.info("Redis is back; the worker is taking jobs again")
        self.delay = 0.0
