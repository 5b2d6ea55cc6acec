"""The arq worker: every job and cron in one WorkerSettings, msgspec on the wire."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, ClassVar

from arq import cron, func
from arq.connections import ArqRedis

from dashboards.jobs import find_emerging_topics, rebuild_dashboards, refresh_dashboards
from heard import db, logs, queue, settings
from heard.capture.jobs import pass_on_advocacy_request
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
        func(pass_on_advocacy_request, timeout=settings.get().queue.job_timeout_seconds, max_tries=12),
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
    max_jobs = 20
