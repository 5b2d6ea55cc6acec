"""Nothing acknowledged is lost: Redis down while children submit, and a worker killed mid-job."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from support import Client, Council, OwnRedis, Process, heard_env, start_web, start_worker, wait_for

from heard import embedded

pytestmark = pytest.mark.slow


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    redis = OwnRedis(tmp_path / "redis")
    redis.start()
    yield redis
    if embedded._port_open(redis.port):
        redis.stop()


async def _send_many(client: Client, n: int, text: str = "I like my foster home and my school") -> list[httpx.Response]:
    async def one(i: int) -> httpx.Response:
        body = {"kind": "statement", "text": f"{text} ({i})"}
        return await client.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})

    responses: list[httpx.Response] = []
    for start in range(0, n, 25):
        responses += await asyncio.gather(*[one(i) for i in range(start, min(n, start + 25))])
    return responses


async def _progress(db: asyncpg.Connection, child_id: int) -> dict[str, int]:
    row = await db.fetchrow(
        """select count(*) as submissions,
                  count(o.completed_at) as completed,
                  count(a.submission_id) as analysed,
                  coalesce(max(a.revision), 0) as max_revision
           from submissions s
           join outbox o on o.job_key = 'analyse:' || s.id
           left join analyses a on a.submission_id = s.id
           where s.child_id = $1""",
        child_id,
    )
    return dict(row)  # type: ignore[arg-type]


async def test_redis_down_while_100_submissions_arrive_loses_nothing(
    database_url: str, own_redis: OwnRedis, logs_dir: Path, council: Council, db: asyncpg.Connection
) -> None:
    env = heard_env(database_url, own_redis.url, HEARD_UNSENT_AFTER_SECONDS="1")
    web = start_web(env, logs_dir)
    worker: Process | None = None
    try:
        async with Client(base_url=web.url, timeout=30) as ava:
            await ava.as_child(council.codes["Ava"])
            own_redis.stop()
            ready = await ava.get("/health/ready")
            assert ready.status_code == 503 and ready.json()["redis"] == "unavailable"

            responses = await _send_many(ava, 100)
            assert [r.status_code for r in responses] == [201] * 100
            assert len({r.json()["id"] for r in responses}) == 100
            stored = await _progress(db, council.children["Ava"])
            assert stored == {"submissions": 100, "completed": 0, "analysed": 0, "max_revision": 0}

            own_redis.start()
            worker = start_worker(env, logs_dir)

            async def all_done() -> bool:
                return (await _progress(db, council.children["Ava"]))["completed"] == 100

            await wait_for(all_done, timeout=90, what="100 analyses after Redis returned")
            done = await _progress(db, council.children["Ava"])
            assert done == {"submissions": 100, "completed": 100, "analysed": 100, "max_revision": 1}
    finally:
        web.stop()
        if worker:
            worker.stop()


async def test_a_worker_killed_mid_job_finishes_every_job_exactly_once_after_restart(
    database_url: str, own_redis: OwnRedis, logs_dir: Path, council: Council, db: asyncpg.Connection
) -> None:
    env = heard_env(database_url, own_redis.url, HEARD_REQUEUE_AFTER_SECONDS="3", HEARD_UNSENT_AFTER_SECONDS="1")
    web = start_web(env, logs_dir)
    workers: list[Process] = []
    child = council.children["Ben"]
    try:
        async with Client(base_url=web.url, timeout=30) as ben:
            await ben.as_child(council.codes["Ben"])
            assert all(r.status_code == 201 for r in await _send_many(ben, 250))

        workers.append(start_worker(env, logs_dir, "doomed"))

        async def some_done() -> bool:
            return (await _progress(db, child))["completed"] >= 5

        await wait_for(some_done, timeout=60, interval=0.02, what="the first analyses")
        workers[0].kill()
        assert (await _progress(db, child))["completed"] < 250, "the worker finished before it could be killed"

        workers.append(start_worker(env, logs_dir, "restarted"))

        async def all_done() -> bool:
            return (await _progress(db, child))["completed"] == 250

        await wait_for(all_done, timeout=120, what="every job after the restart")
        assert await _progress(db, child) == {"submissions": 250, "completed": 250, "analysed": 250, "max_revision": 1}
    finally:
        web.stop()
        for w in workers:
            w.stop()
