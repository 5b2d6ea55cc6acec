"""The asyncpg pool: one per process, JSON codecs registered on every connection."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

import asyncpg
import msgspec

from heard.errors import Unavailable
from heard.settings import DatabaseSettings

DATABASE_DOWN = "Heard cannot save anything right now, so nothing was sent. Please try again in a few minutes."
Connection = asyncpg.Connection
Pool = asyncpg.Pool


async def init_connection(conn: asyncpg.Connection) -> None:
    """Decode json/jsonb with msgspec, both ways."""
    for kind in ("json", "jsonb"):
        await conn.set_type_codec(
            kind, encoder=_encode_json, decoder=msgspec.json.decode, schema="pg_catalog", format="text"
        )


def _encode_json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


async def reset_connection(conn: asyncpg.Connection) -> None:
    """Nothing to undo when a connection goes back to the pool (asyncpg still rolls back an open transaction).

    asyncpg's default reset costs a round trip per request (advisory unlock, CLOSE ALL, UNLISTEN, RESET
    ALL). Heard keeps no session state on pooled connections: its locks are transaction-scoped and its
    settings SET LOCAL.
    """


async def create_pool(settings: DatabaseSettings) -> asyncpg.Pool:
    """The process's pool; statement cache on, short timeouts so a dead server shows as 503 quickly."""
    pool = await asyncpg.create_pool(
        settings.url,
        min_size=settings.pool_min,
        max_size=settings.pool_max,
        init=init_connection,
        reset=reset_connection,
        timeout=5,
        command_timeout=30,
    )
    assert pool is not None
    return pool


async def connect(url: str) -> asyncpg.Connection:
    """A single connection with our codecs, for CLI commands and tests."""
    conn = await asyncpg.connect(url)
    await init_connection(conn)
    return conn


@asynccontextmanager
async def acquire(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """A connection from the pool, typed as the connection it stands in for."""
    try:
        holder = pool.acquire()
        conn = await holder.__aenter__()
    except (OSError, asyncpg.CannotConnectNowError, asyncpg.PostgresConnectionError, TimeoutError) as exc:
        raise Unavailable(DATABASE_DOWN) from exc
    try:
        yield cast(asyncpg.Connection, conn)
    finally:
        await holder.__aexit__(None, None, None)


async def ping(conn: asyncpg.Connection) -> None:
    """One round trip: raises when the server does not answer (readiness checks)."""
    await conn.fetchval("select 1")
