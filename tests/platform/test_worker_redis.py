"""`heard worker` outlives Redis: it waits while Redis is away and takes work again when it returns, in the same process."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from support import (
    Client,
    Council,
    OwnRedis,
    Process,
    drop_database,
    heard_env,
    make_council,
    start_web,
    start_worker,
    wait_for,
    with_database,
)

from heard import embedded
from heard.db import connect
from heard.db.migrate import migrate

pytestmark = pytest.mark.slow

WARNING = "Redis is unreachable"


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    redis = OwnRedis(tmp_path / "redis")
    redis.start()
    yield redis
    if embedded._port_open(redis.port):
        redis.stop()


@pytest.fixture
async def own_db(postgres_url: str) -> AsyncIterator[tuple[str, asyncpg.Connection]]:
    """A database of this test's own: a worker of the session relays every pending outbox row of a shared one."""
    name = f"heard_redis_{secrets.token_hex(4)}"
    admin = await connect(postgres_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    url = with_database(postgres_url, name)
    conn = await connect(url)
    await migrate(conn)
    yield url, conn
    await conn.close()
    await drop_database(postgres_url, name)


async def _send(child: Client, n: int) -> None:
    for i in range(n):
        body = {"kind": "statement", "text": f"School was fine today and I saw my brother ({i})"}
        r = await child.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
        assert r.status_code == 201, r.text


async def _done(db: asyncpg.Connection, child_id: int) -> int:
    return int(
        await db.fetchval(
            """select count(*) from submissions s join outbox o on o.job_key = 'analyse:' || s.id
               where s.child_id = $1 and o.completed_at is not null""",
            child_id,
        )
    )


def _still_running(worker: Process) -> None:
    assert worker.popen.poll() is None, f"the worker exited with {worker.popen.returncode}:\n{worker.log()}"


async def test_the_worker_waits_out_a_redis_outage_and_then_does_the_work_sent_meanwhile(
    own_db: tuple[str, asyncpg.Connection], own_redis: OwnRedis, logs_dir: Path
) -> None:
    url, db = own_db
    council: Council = await make_council(db)
    env = heard_env(url, own_redis.url, HEARD_UNSENT_AFTER_SECONDS="1", HEARD_REQUEUE_AFTER_SECONDS="5")
    web = start_web(env, logs_dir)
    worker = start_worker(env, logs_dir)
    child = council.children["Ava"]
    try:
        async with Client(base_url=web.url, timeout=30) as ava:
            await ava.as_child(council.codes["Ava"])
            await _send(ava, 1)
            await wait_for(lambda: _has(db, child, 1), timeout=60, what="the first analysis, before Redis goes")

            own_redis.stop()
            await _send(ava, 5)  # stored and acknowledged; they wait in the outbox
            await asyncio.sleep(4)  # long enough for the worker to lose Redis and retry more than once
            _still_running(worker)
            assert await _done(db, child) == 1

            own_redis.start()  # the same port, as after a restart
            await wait_for(lambda: _has(db, child, 6), timeout=60, what="the work sent while Redis was away")
        _still_running(worker)
        log = worker.log()
        assert log.count(WARNING) == 1, log
        assert "Redis is back" in log
    finally:
        web.stop()
        worker.stop()
    assert worker.popen.returncode == 0, worker.log()  # and it still stops cleanly when told to


async def test_a_worker_started_while_redis_is_down_starts_work_when_redis_comes_up(
    own_db: tuple[str, asyncpg.Connection], own_redis: OwnRedis, logs_dir: Path
) -> None:
    url, db = own_db
    council: Council = await make_council(db)
    env = heard_env(url, own_redis.url, HEARD_UNSENT_AFTER_SECONDS="1")
    web = start_web(env, logs_dir)
    own_redis.stop()
    worker = start_worker(env, logs_dir)
    child = council.children["Ben"]
    try:
        async with Client(base_url=web.url, timeout=30) as ben:
            await ben.as_child(council.codes["Ben"])
            await _send(ben, 3)
            await wait_for(lambda: _logged(worker, WARNING), timeout=60, what="the worker's warning")
            _still_running(worker)

            own_redis.start()
            await wait_for(lambda: _has(db, child, 3), timeout=60, what="the work once Redis came up")
        _still_running(worker)
    finally:
        web.stop()
        worker.stop()


class _CutOnce:
    """A TCP proxy in front of Redis that drops the connection once, when the worker sends a command with `marks`.

    An outage meets a busy worker at one of these steps. While arq watches a job's key redis-py raises WatchError,
    not ConnectionError; after arq marked a job taken, the mark would keep it from every worker until it expired.
    """

    def __init__(self, redis_port: int, *marks: bytes) -> None:
        self.redis_port, self.marks, self.cut = redis_port, marks, False
        self.server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"redis://127.0.0.1:{self.server.sockets[0].getsockname()[1]}/0"

    async def __aenter__(self) -> _CutOnce:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self.server is not None
        self.server.close()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        redis_r, redis_w = await asyncio.open_connection("127.0.0.1", self.redis_port)

        async def upstream() -> None:
            while chunk := await client_r.read(65536):
                if not self.cut and all(mark in chunk for mark in self.marks):
                    self.cut = True
                    return
                redis_w.write(chunk)
                await redis_w.drain()

        async def downstream() -> None:
            while chunk := await redis_r.read(65536):
                client_w.write(chunk)
                await client_w.drain()

        pipes = [asyncio.create_task(upstream()), asyncio.create_task(downstream())]
        await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        for writer in (client_w, redis_w):
            writer.close()
        for pipe in pipes:
            pipe.cancel()
        await asyncio.gather(*pipes, return_exceptions=True)  # a reset connection is what this proxy is for


@pytest.mark.parametrize(
    "marks",
    [
        (b"ZRANGEBYSCORE",),
        (b"EXISTS", b"arq:in-progress:"),
        (b"PSETEX", b"arq:in-progress:"),
        (b"arq:retry:",),
        (b"arq:result:",),
    ],
    ids=["polling", "checking a job", "marking it taken", "counting its try", "recording its result"],
)
async def test_redis_going_at_any_step_of_a_job_costs_neither_the_worker_nor_the_job(
    own_db: tuple[str, asyncpg.Connection], own_redis: OwnRedis, logs_dir: Path, marks: tuple[bytes, ...]
) -> None:
    url, db = own_db
    council: Council = await make_council(db)
    child = council.children["Cai"]
    async with _CutOnce(own_redis.port, *marks) as proxy:
        env = heard_env(url, own_redis.url, HEARD_UNSENT_AFTER_SECONDS="1", HEARD_JOB_TIMEOUT_SECONDS="60")
        web = start_web(env, logs_dir)
        worker = start_worker({**env, "REDIS_URL": proxy.url}, logs_dir)  # only the worker goes through the proxy
        try:
            async with Client(base_url=web.url, timeout=30) as cai:
                await cai.as_child(council.codes["Cai"])
                await _send(cai, 2)
                # well within the 70 s an abandoned job's in-progress mark would otherwise keep it from any worker
                await wait_for(lambda: _alive_and_has(worker, db, child, 2), timeout=30, what="the work, after the cut")
            assert proxy.cut, "the proxy never saw the command it cuts"
            _still_running(worker)
        finally:
            web.stop()
            worker.stop()


async def _alive_and_has(worker: Process, db: asyncpg.Connection, child_id: int, n: int) -> bool:
    _still_running(worker)
    return await _has(db, child_id, n)


async def _has(db: asyncpg.Connection, child_id: int, n: int) -> bool:
    return await _done(db, child_id) == n


async def _logged(worker: Process, text: str) -> bool:
    return text in worker.log()
