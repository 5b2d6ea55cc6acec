"""Soak with faults: mixed traffic for 10 minutes (--quick: 1) while the worker, PostgreSQL and Redis die in turn.

Traffic, open loop at --rate requests a second (default 20): 70% children sending statements (one in five a worry
that raises an urgent alert), 30% staff reading the inbox, the duty queue and the CiCC dashboard. At 20%, 45% and 70%
of the run the script, in turn: SIGKILLs `heard worker` and restarts it 5 s later; stops PostgreSQL for 8 s and
starts it again; SIGKILLs Redis and restarts it 5 s later (append-only file on).

PostgreSQL restarts: the embedded cluster (pgserver, under .heard/soak/postgres, a cluster of this script's own) is
stopped with pgserver's own `pg_ctl -D <data> -m fast stop` (as its `pgserver` user when run as root) and
started again with pg_ctl and the options recorded in its postmaster.opts. With DATABASE_URL set,
`pg_ctlcluster $SOAK_PG_CLUSTER stop|start` is used instead (SOAK_PG_CLUSTER like "16 main"; needs the rights to
run it), and REDIS_URL is ignored: Redis is always a redis-server of the script's own, so it can be killed.

Afterwards every acknowledged submission (201 received) is looked up in PostgreSQL, with the alert each worry must
have: `lost` counts those missing (target 0). While PostgreSQL is down a submission must get 503 and never 201
(`false_sent`, target 0). Prints throughput, p50/p95/p99 per route, statuses per route, and a final line of
keys: `outage_503` counts the 503s answered while PostgreSQL was away (and for 3 s after it returned, while pools
reconnect), which is the right answer then; `errors` counts every other response that was not a success.

    .venv/bin/python bench/soak.py [--quick] [--rate 20]
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from _http import Connection, cookie_value
from _support import ROOT, bench_database, drop_database, heard_env, percentile, seed_children, start_web, start_worker
from support import PASSWORD, OwnRedis

from heard import embedded
from heard.db import connect

CHILDREN = 40
WORRY = "I am scared, he hits me and I do not want to go home tonight"
STATEMENT = "School is ok and I like my foster carers but I want to see my brother more"
PG_FOLDER = ROOT / ".heard" / "soak" / "postgres"


class Postgres:
    """The PostgreSQL the soak stops and starts: its own embedded cluster, or the environment's via pg_ctlcluster."""

    def __init__(self) -> None:
        self.external = bool(os.environ.get("DATABASE_URL"))
        own = embedded.Embedded(PG_FOLDER.parent)
        atexit.register(own.stop)  # the cluster this soak started is stopped when it ends, however it ends
        signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
        self.url = os.environ["DATABASE_URL"] if self.external else own.postgres(PG_FOLDER)

    def stop(self) -> None:
        if self.external:
            subprocess.run(["pg_ctlcluster", *os.environ["SOAK_PG_CLUSTER"].split(), "stop"], check=True)
            return
        from pgserver._commands import pg_ctl  # run as pgserver's own system user when we are root, as it does

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PG_FOLDER, user="pgserver" if os.geteuid() == 0 else None)

    def start(self) -> None:
        if self.external:
            subprocess.run(["pg_ctlcluster", *os.environ["SOAK_PG_CLUSTER"].split(), "start"], check=True)
            return
        import shlex

        from pgserver._commands import pg_ctl

        # The options pgserver started it with (no TCP, its socket folder), as PostgreSQL recorded them.
        options = shlex.split((PG_FOLDER / "postmaster.opts").read_text())[3:]
        user = "pgserver" if os.geteuid() == 0 else None
        pg_ctl(["-w", "-o", shlex.join(options), "-l", str(PG_FOLDER / "log"), "start"], pgdata=PG_FOLDER, user=user)


class Traffic:
    """Open-loop mixed traffic; every response timed from its scheduled start, by route."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter[int]] = defaultdict(Counter)
        self.acked: list[tuple[int, bool]] = []  # (submission id, is a worry)
        self.pg_down = False
        self.pg_outage = False  # from the stop until the pool has had a moment to reconnect after the start
        self.during_pg_down: Counter[int] = Counter()
        self.outage_503 = 0  # the expected answer while PostgreSQL is away
        self.errors = 0  # everything else that is not a success
        self.false_sent = 0
        self.worker_exits = 0  # the worker exiting by itself after a fault, not counting our own kill

    async def session(self, body: dict[str, str], path: str) -> dict[str, str]:
        conn = await Connection.open(self.host, self.port)
        _, headers, _ = await conn.request("GET", "/sign-in")
        csrf = cookie_value(headers["set-cookie"], "csrftoken")
        hdrs = {"content-type": "application/json", "x-csrftoken": csrf, "cookie": f"csrftoken={csrf}"}
        status, headers, data = await conn.request("POST", path, json.dumps(body).encode(), hdrs)
        assert status == 201, data
        conn.close()
        session = cookie_value(headers["set-cookie"], "heard_session")
        return {**hdrs, "cookie": f"csrftoken={csrf}; heard_session={session}"}

    async def one(self, due: float, route: str, method: str, path: str, headers: dict[str, str], body: bytes) -> None:
        pg_down_at_start = self.pg_down
        outage_at_start = self.pg_outage
        try:
            conn = await Connection.open(self.host, self.port)
            try:
                status, _, data = await asyncio.wait_for(conn.request(method, path, body, headers), 30)
            finally:
                conn.close()
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            status, data = 0, b""
        self.latency[route].append((time.perf_counter() - due) * 1000)
        self.statuses[route][status] += 1
        if status == 503 and (outage_at_start or self.pg_outage):
            self.outage_503 += 1
        elif not 200 <= status < 300:
            self.errors += 1
        if route == "POST /api/submissions":
            if pg_down_at_start and self.pg_down:
                self.during_pg_down[status] += 1
                self.false_sent += status == 201
            if status == 201:
                self.acked.append((json.loads(data)["id"], b"scared" in body))

    async def run(self, seconds: float, rate: float, children: list[dict[str, str]], staff: dict[str, str]) -> None:
        start, tasks = time.perf_counter(), []
        reads = [
            ("GET /api/inbox", "/api/inbox"),
            ("GET /api/alerts", "/api/alerts"),
            ("GET /api/dashboards/cicc", "/api/dashboards/cicc"),
        ]
        for i in range(int(seconds * rate)):
            due = start + i / rate
            if (delay := due - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            if random.random() < 0.7:
                text = WORRY if random.random() < 0.2 else STATEMENT
                body = json.dumps({"kind": "statement", "text": text, "audience": ["worker"]}).encode()
                headers = {**random.choice(children), "Idempotency-Key": uuid.uuid4().hex}
                job = self.one(due, "POST /api/submissions", "POST", "/api/submissions", headers, body)
            else:
                route, path = random.choice(reads)
                job = self.one(due, route, "GET", path, staff, b"")
            tasks.append(asyncio.create_task(job))
        await asyncio.gather(*tasks)


async def faults(seconds: float, traffic: Traffic, pg: Postgres, redis: OwnRedis, worker, env, logs) -> list[str]:  # type: ignore[no-untyped-def]
    """Kill the worker, stop PostgreSQL, kill Redis, in turn; each comes back."""
    done, start = [], time.monotonic()

    async def at(fraction: float) -> None:
        await asyncio.sleep(max(0.0, start + seconds * fraction - time.monotonic()))

    await at(0.2)
    worker[0].kill()
    done.append(f"worker killed at {time.monotonic() - start:.0f}s")
    await asyncio.sleep(5)
    worker[0] = start_worker(env, logs, "soak-worker-restarted")
    await at(0.45)
    await asyncio.to_thread(pg.stop)
    # Only once it is down: a request committed while it shut down was truly stored.
    traffic.pg_down = traffic.pg_outage = True
    done.append(f"postgres stopped at {time.monotonic() - start:.0f}s")
    await asyncio.sleep(8)
    traffic.pg_down = False
    await asyncio.to_thread(pg.start)
    done.append(f"postgres started at {time.monotonic() - start:.0f}s")
    await asyncio.sleep(3)
    traffic.pg_outage = False
    await at(0.7)
    await asyncio.to_thread(redis.stop)
    done.append(f"redis killed at {time.monotonic() - start:.0f}s")
    await asyncio.sleep(5)
    await asyncio.to_thread(redis.start)
    done.append(f"redis started at {time.monotonic() - start:.0f}s")
    await asyncio.sleep(2)
    if worker[0].popen.poll() is not None:  # as a supervisor (docker's restart policy) would
        traffic.worker_exits += 1
        done.append(f"worker had exited (code {worker[0].popen.returncode}); restarted as a supervisor would")
        worker[0] = start_worker(env, logs, "soak-worker-supervised")
    return done


async def count_lost(db_url: str, acked: list[tuple[int, bool]]) -> tuple[int, int, int]:
    """Acknowledged submissions and worries' alerts missing from PostgreSQL, and submissions not yet analysed."""
    conn = await connect(db_url)
    try:
        ids = [i for i, _ in acked]
        worries = [i for i, worry in acked if worry]
        found = await conn.fetchval("select count(*) from submissions where id = any($1::bigint[])", ids)
        alerted = await conn.fetchval(
            "select count(distinct submission_id) from alerts where submission_id = any($1::bigint[])", worries
        )
        pending = await conn.fetchval(
            "select count(*) from outbox where completed_at is null and job_key = any($1::text[])",
            [f"analyse:{i}" for i in ids],
        )
    finally:
        await conn.close()
    return len(ids) - found, len(worries) - alerted, pending


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one minute instead of ten")
    parser.add_argument("--rate", type=float, default=20.0, help="requests a second, all routes together")
    args = parser.parse_args()
    seconds = 60.0 if args.quick else 600.0

    pg = Postgres()
    db_url = await bench_database(pg.url)
    _, codes = await seed_children(db_url, CHILDREN)
    conn = await connect(db_url)
    council_id = await conn.fetchval("select council_id from children limit 1")
    from heard.accounts import secrets as heard_secrets

    await conn.execute(
        """insert into staff (council_id, email, name, roles, password_hash)
           values ($1, 'soak@bench.example', 'Soak', '{worker,duty_officer,participation_officer}', $2)""",
        council_id,
        heard_secrets.hash_secret(PASSWORD),
    )
    await conn.close()
    logs = Path(tempfile.mkdtemp())
    redis = OwnRedis(logs / "redis")
    redis.start()
    env = heard_env(db_url, redis.url, HEARD_UNSENT_AFTER_SECONDS="2", HEARD_REQUEUE_AFTER_SECONDS="10")
    web = start_web(env, logs)
    worker = [start_worker(env, logs, "soak-worker")]
    try:
        host, port = web.url.removeprefix("http://").split(":")
        traffic = Traffic(host, int(port))
        children = [await traffic.session({"code": c}, "/api/session/child") for c in codes]
        staff = await traffic.session({"email": "soak@bench.example", "password": PASSWORD}, "/api/session/staff")
        began = time.perf_counter()
        _, happened = await asyncio.gather(
            traffic.run(seconds, args.rate, children, staff), faults(seconds, traffic, pg, redis, worker, env, logs)
        )
        elapsed = time.perf_counter() - began
        for _ in range(60):  # up to two minutes for the outbox to drain after the last fault
            lost = await count_lost(db_url, traffic.acked)
            if not lost[2]:
                break
            await asyncio.sleep(2)
    finally:
        web.stop()
        worker[0].stop()
        if embedded._port_open(redis.port):
            redis.stop()
    await drop_database(pg.url, db_url)
    report(traffic, elapsed, happened, lost, args.rate)


def report(traffic: Traffic, elapsed: float, happened: list[str], lost: tuple[int, int, int], rate: float) -> None:
    total = sum(len(v) for v in traffic.latency.values())
    every = [ms for values in traffic.latency.values() for ms in values]
    print("faults: " + "; ".join(happened))
    for route, values in sorted(traffic.latency.items()):
        codes = dict(sorted(traffic.statuses[route].items()))
        print(
            f"{route}: {len(values)} requests, p50 {percentile(values, 50):.0f} ms, "
            f"p95 {percentile(values, 95):.0f} ms, p99 {percentile(values, 99):.0f} ms, statuses {codes}"
        )
    print(f"submissions while PostgreSQL was down: {dict(traffic.during_pg_down)}")
    print(
        f"duration_s={elapsed:.0f} rate_per_s={rate:.0f} requests={total} throughput_per_s={total / elapsed:.1f} "
        f"acked={len(traffic.acked)} p50_ms={percentile(every, 50):.0f} p95_ms={percentile(every, 95):.0f} "
        f"p99_ms={percentile(every, 99):.0f} errors={traffic.errors} outage_503={traffic.outage_503} "
        f"pg_down_503={traffic.during_pg_down[503]} "
        f"false_sent={traffic.false_sent} worker_exits={traffic.worker_exits} "
        f"lost_alerts={lost[1]} unanalysed={lost[2]} lost={lost[0]}"
    )


if __name__ == "__main__":
    asyncio.run(main())
