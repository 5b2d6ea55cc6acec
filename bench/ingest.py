"""Ingest: submissions per second through the whole web stack against bare INSERTs, and latency at a fixed load.

Saturation: 100 concurrent clients post as fast as they can; 100 concurrent asyncpg tasks do the bare
equivalent (one transaction: submission row + outbox row) on the same PostgreSQL. Latency: an open-loop
fixed load (200/s by default), timed from each request's scheduled start, so a slow server cannot hide
queueing. Targets: ratio >= 0.4, p99 < 50 ms. The same fixed load of bare INSERT transactions gives
`bare_p99_ms`, the database's own p99 on this machine: the floor under the web's, since every submission
waits for its commit to reach the disk.

    .venv/bin/python bench/ingest.py [--quick] [--workers N]
    DATABASE_URL=... .venv/bin/python bench/ingest.py --url http://host:port   # a running Heard on that database
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg
from _http import Connection, cookie_value
from _support import bench_database, drop_database, heard_env, percentile, seed_children, servers, start_web

from heard.db import connect

CLIENTS = 100
POOL = 40  # the web app's pool size in this bench (HEARD_DB_POOL_MAX), so both sides get the same connections
_BARE_SUBMISSION = """
insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key, request_hash)
values ($1, $2, 'statement', 'api', $3, '{worker}', $4, $5)
returning id
"""
TEXT = "I like my foster carers but I want to see my brother more often, and school is ok."


async def sign_in(host: str, port: int, code: str) -> tuple[Connection, dict[str, str]]:
    conn = await Connection.open(host, port)
    _, headers, _ = await conn.request("GET", "/sign-in")
    csrf = cookie_value(headers["set-cookie"], "csrftoken")
    body = json.dumps({"code": code}).encode()
    hdrs = {"content-type": "application/json", "x-csrftoken": csrf, "cookie": f"csrftoken={csrf}"}
    status, headers, data = await conn.request("POST", "/api/session/child", body, hdrs)
    assert status == 201, data
    session = cookie_value(headers["set-cookie"], "heard_session")
    return conn, {
        "content-type": "application/json",
        "x-csrftoken": csrf,
        "cookie": f"csrftoken={csrf}; heard_session={session}",
    }


def submission() -> bytes:
    return json.dumps({"kind": "statement", "text": TEXT, "audience": ["worker"]}).encode()


async def post(conn: Connection, headers: dict[str, str]) -> int:
    status, _, _ = await conn.request(
        "POST", "/api/submissions", submission(), {**headers, "Idempotency-Key": uuid.uuid4().hex}
    )
    return status


async def saturate(clients: list[tuple[Connection, dict[str, str]]], seconds: float) -> tuple[float, int]:
    done, errors = 0, 0
    deadline = time.perf_counter() + seconds

    async def loop(conn: Connection, headers: dict[str, str]) -> None:
        nonlocal done, errors
        while time.perf_counter() < deadline:
            if await post(conn, headers) == 201:
                done += 1
            else:
                errors += 1

    start = time.perf_counter()
    await asyncio.gather(*[loop(c, h) for c, h in clients])
    return done / (time.perf_counter() - start), errors


class BareInserts:
    """The same rows the service writes, with nothing else: the ceiling the web path is measured against."""

    def __init__(self, pool: asyncpg.Pool, council_id: int, child_id: int) -> None:
        self.pool, self.council_id, self.child_id = pool, council_id, child_id

    @classmethod
    async def open(cls, url: str, council_id: int) -> BareInserts:
        pool = await asyncpg.create_pool(url, min_size=POOL, max_size=POOL)
        child_id = await pool.fetchval("select id from children where council_id = $1 limit 1", council_id)
        return cls(pool, council_id, child_id)

    async def one(self) -> None:
        async with self.pool.acquire() as conn:
            key = uuid.uuid4().hex
            async with conn.transaction():
                sid = await conn.fetchval(
                    _BARE_SUBMISSION, self.council_id, self.child_id, TEXT, key, hashlib.sha256(key.encode()).digest()
                )
                await conn.execute(
                    "insert into outbox (job, args, job_key) values ('analyse_submission', $1::text::jsonb, $2)",
                    json.dumps({"submission_id": sid}),
                    f"analyse:{sid}",
                )

    async def saturate(self, seconds: float) -> float:
        done = 0
        deadline = time.perf_counter() + seconds

        async def loop() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                await self.one()
                done += 1

        start = time.perf_counter()
        await asyncio.gather(*[loop() for _ in range(CLIENTS)])
        return done / (time.perf_counter() - start)

    async def fixed_load(self, rate: float, seconds: float) -> list[float]:
        async def one() -> int:
            await self.one()
            return 201

        latencies, _ = await open_loop(one, rate, seconds)
        return latencies


async def fixed_load(
    clients: list[tuple[Connection, dict[str, str]]], rate: float, seconds: float
) -> tuple[list[float], int]:
    """The web's fixed load: each request takes a free keep-alive connection (there are always enough)."""
    free: asyncio.Queue[tuple[Connection, dict[str, str]]] = asyncio.Queue()
    for c in clients:
        free.put_nowait(c)

    async def one() -> int:
        conn, headers = await free.get()
        try:
            return await post(conn, headers)
        finally:
            free.put_nowait((conn, headers))

    return await open_loop(one, rate, seconds)


async def open_loop(send: Callable[[], Awaitable[int]], rate: float, seconds: float) -> tuple[list[float], int]:
    """Open loop: request i is due at i/rate; its latency counts from then, whether or not it could start."""
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter()

    async def one(due: float) -> None:
        nonlocal errors
        status = await send()
        latencies.append((time.perf_counter() - due) * 1000)
        if status != 201:
            errors += 1

    tasks = []
    for i in range(int(rate * seconds)):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(due)))
    await asyncio.gather(*tasks)
    return latencies, errors


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a run under a minute")
    parser.add_argument(
        "--url", help="a running Heard to measure; DATABASE_URL must name its database (a bench council is added)"
    )
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument(
        "--workers", type=int, default=2, help="web processes to start (default 2, as docker/Dockerfile runs)"
    )
    args = parser.parse_args()
    saturate_s, load_s = (8.0, 10.0) if args.quick else (20.0, 30.0)

    if args.url and not os.environ.get("DATABASE_URL"):
        sys.exit("--url needs DATABASE_URL: the database that Heard uses, where the bench adds its children")
    web = None
    if args.url:
        db_url, url = os.environ["DATABASE_URL"], args.url.rstrip("/")
    else:
        pg_server, redis_url = servers()
        db_url = await bench_database(pg_server)
    council_id, codes = await seed_children(db_url, CLIENTS)
    if not args.url:
        env = heard_env(db_url, redis_url, HEARD_DB_POOL_MAX=str(POOL // args.workers))
        web = start_web(env, Path(tempfile.mkdtemp()), workers=args.workers)
        url = web.url
    try:
        host, port = url.removeprefix("http://").split(":")
        clients = [await sign_in(host, int(port), code) for code in codes]
        await saturate(clients, 2.0)  # warm up
        throughput, sat_errors = await saturate(clients, saturate_s)
        bare_side = await BareInserts.open(db_url, council_id)
        bare = await bare_side.saturate(saturate_s)
        latencies, load_errors = await fixed_load(clients, args.rate, load_s)
        bare_latencies = await bare_side.fixed_load(args.rate, load_s)
        await bare_side.pool.close()
        conn = await connect(db_url)
        stored = await conn.fetchval("select count(*) from submissions where council_id = $1", council_id)
        await conn.close()
    finally:
        if web is not None:
            web.stop()
            await drop_database(pg_server, db_url)
    print(
        f"saturation: web {throughput:.0f}/s ({sat_errors} errors), bare inserts {bare:.0f}/s; "
        f"fixed load {args.rate:.0f}/s for {load_s:.0f}s: {len(latencies)} sent, {load_errors} errors; "
        f"{stored} submissions stored"
    )
    print(
        f"throughput_per_s={throughput:.0f} bare_insert_per_s={bare:.0f} ratio={throughput / bare:.2f} "
        f"p50_ms={percentile(latencies, 50):.1f} p95_ms={percentile(latencies, 95):.1f} "
        f"p99_ms={percentile(latencies, 99):.1f} bare_p99_ms={percentile(bare_latencies, 99):.1f} "
        f"errors={sat_errors + load_errors}"
    )


if __name__ == "__main__":
    asyncio.run(main())
