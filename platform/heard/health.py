"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

import asyncio
from typing import cast

import asyncpg
from arq.connections import ArqRedis
from litestar import Response, get

from heard import db
from heard.web.dependencies import DbPool, Queue


@get("/health/live", include_in_schema=False)
async def live() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@get("/health/ready", include_in_schema=False)
async def ready(db_pool: DbPool, redis: Queue) -> Response[dict[str, str]]:
    """PostgreSQL and Redis both answer; 503 names whichever does not."""
    checks = {"postgres": await _postgres(db_pool), "redis": await _redis(redis)}
    ok = all(v == "ok" for v in checks.values())
    return Response({"status": "ok" if ok else "unavailable", **checks}, status_code=200 if ok else 503)


async def _postgres(pool: asyncpg.Pool) -> str:
    try:
        async with asyncio.timeout(2), pool.acquire() as conn:
            await db.ping(cast(asyncpg.Connection, conn))
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
        return "unavailable"
    return "ok"


async def _redis(redis: ArqRedis | None) -> str:
    if redis is None:
        return "unavailable"
    try:
        async with asyncio.timeout(2):
            await redis.ping()
    except Exception:
        return "unavailable"
    return "ok"


ROUTE_HANDLERS = [live, ready]
