"""What a handler can ask for: a database connection, the pool, the queue, and an Idempotency-Key header."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import asyncpg
from arq.connections import ArqRedis
from litestar.di import NamedDependency
from litestar.params import HeaderParameter

from heard import db

# Handler parameters filled by the app's dependencies (declared once in app.py), marked as such for Litestar.
Conn = NamedDependency[asyncpg.Connection]
DbPool = NamedDependency[asyncpg.Pool]
Queue = NamedDependency[ArqRedis]
MeasureTitles = NamedDependency[dict[str, str]]  # the Board's measures, given by the assembly to the settings page


async def provide_connection(db_pool: NamedDependency[asyncpg.Pool]) -> AsyncGenerator[asyncpg.Connection, None]:
    """Litestar dependency: one connection per request, returned to the pool afterwards."""
    async with db.acquire(db_pool) as conn:
        yield conn


IDEMPOTENCY_KEY = HeaderParameter(
    name="Idempotency-Key",
    min_length=8,
    max_length=200,
    pattern=r"^[A-Za-z0-9._:-]+$",
    description="A new random key for each new submission; send the same key again to retry safely.",
)
