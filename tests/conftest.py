"""Session fixtures: a fresh database on real PostgreSQL, real Redis, the app served by a real process."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
import pytest_asyncio
from support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Client,
    Council,
    Notify,
    Process,
    Sink,
    drop_database,
    free_port,
    heard_env,
    mail_database,
    make_council,
    notify_stand_in,
    smtp_sink,
    start_web,
    start_worker,
    with_database,
)

from heard import embedded, settings
from heard.db import connect
from heard.db.migrate import migrate


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The environment's PostgreSQL, or an embedded one in .heard/test-postgres, stopped after the session
    when this session started it."""
    if url := os.environ.get("DATABASE_URL"):
        yield url
        return
    own = embedded.Embedded(ROOT / ".heard")
    try:
        yield own.postgres(ROOT / ".heard" / "test-postgres")
    finally:
        own.stop()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The environment's Redis (database 13, flushed), or a redis-server of our own."""
    if url := os.environ.get("REDIS_URL"):
        parts = urlsplit(url)
        yield urlunsplit((parts.scheme, parts.netloc, "/13", "", ""))
        return
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    url = embedded.start_redis(folder, port, appendonly=False)
    yield url
    embedded.stop_server(folder / "redis.pid")


@pytest_asyncio.fixture(scope="session")
async def database_url(postgres_url: str) -> AsyncIterator[str]:
    """A fresh database for this test session, migrated once."""
    name = f"heard_test_{secrets.token_hex(4)}"
    admin = await connect(postgres_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    url = with_database(postgres_url, name)
    conn = await connect(url)
    await migrate(conn)
    await conn.close()
    yield url
    await drop_database(postgres_url, name)


@pytest.fixture(scope="session")
def env(database_url: str, redis_url: str) -> dict[str, str]:
    return heard_env(database_url, redis_url, HEARD_UNSENT_AFTER_SECONDS="2", HEARD_REQUEUE_AFTER_SECONDS="5")


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="session")
def web(env: dict[str, str], logs_dir: Path) -> Iterator[Process]:
    """The app, served by `heard serve` on a free port."""
    proc = start_web(env, logs_dir)
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def worker(env: dict[str, str], logs_dir: Path) -> Iterator[Process]:
    """`heard worker` on the session's Redis."""
    proc = start_worker(env, logs_dir)
    yield proc
    proc.stop()


@pytest_asyncio.fixture
async def db(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await connect(database_url)
    yield conn
    await conn.close()


@pytest_asyncio.fixture
async def council(db: asyncpg.Connection) -> Council:
    """A council of its own for each test, so tests never see each other's rows."""
    return await make_council(db)


@pytest_asyncio.fixture
async def client(web: Process) -> AsyncIterator[Client]:
    async with Client(base_url=web.url, timeout=20) as c:
        yield c


@pytest_asyncio.fixture
async def clients(web: Process) -> AsyncIterator[object]:
    """A factory for more signed-in clients in one test."""
    made: list[Client] = []

    def new() -> Client:
        c = Client(base_url=web.url, timeout=20)
        made.append(c)
        return c

    yield new
    for c in made:
        await c.aclose()


@pytest_asyncio.fixture(scope="session")
async def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright (never Playwright's own download)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


@pytest_asyncio.fixture
async def page(browser, web: Process):  # type: ignore[no-untyped-def]
    """A fresh browser context (no cookies) on the served app, failing the test on any page error."""
    context = await browser.new_context(base_url=web.url, locale="en-GB")
    tab = await context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    await context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    """A local SMTP server that keeps what it is sent, and its port."""
    with smtp_sink() as running:
        yield running


@pytest.fixture
def notify() -> Iterator[Notify]:
    """A GOV.UK Notify stand-in that keeps what it is sent."""
    with notify_stand_in() as running:
        yield running


@pytest_asyncio.fixture
async def mail_db(
    postgres_url: str, redis_url: str, sink: tuple[Sink, int], notify: Notify
) -> AsyncIterator[tuple[asyncpg.Pool, settings.Settings]]:
    """A database of the test's own, mailing to `sink` and `notify`, so no running worker relays its outbox."""
    async with mail_database(postgres_url, redis_url, sink[1], notify.url) as found:
        yield found
