"""Alerts: how fast a disclosure reaches the duty queue, and how fast the worker's full analysis is stored.

An open-loop load of submissions (100/s by default; one in ten a disclosure) runs against a served app and
a worker. For each disclosure, the time from sending it to the alert being visible in the duty officer's
queue (the in-request screen's alert; target p99 < 100 ms); for every submission, the time from its commit
to the worker's analysis being stored (from PostgreSQL's own timestamps; target p99 < 2 s).

    .venv/bin/python bench/alerts.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
import uuid
from pathlib import Path

from _http import Connection, cookie_value
from _support import (
    bench_database,
    drop_database,
    heard_env,
    percentile,
    seed_children,
    servers,
    start_web,
    start_worker,
)
from ingest import sign_in

from heard.accounts import secrets as heard_secrets
from heard.db import connect

DISCLOSURES = [
    "my carer hits me when she gets angry",
    "I want to kill myself tonight",
    "some older boys make me carry packages for them and said they'd hurt my mum",
    "I've run away and I'm not going back there",
    "nobody has fed me since yesterday and there's no heating",
]
EVERYDAY = [
    "I like my new school and my foster carer makes good tea",
    "can I have more pocket money please",
    "I want to see my brother more often",
    "my PA never rings me back and my rent is late",
    "football on saturday was the best",
]


async def duty_officer(host: str, port: int, url: str, council_id: int) -> tuple[Connection, dict[str, str]]:
    conn = await connect(url)
    await conn.execute(
        "insert into staff (council_id, email, name, roles, password_hash) values ($1, 'duty@bench.example', 'Duty',"
        " '{duty_officer}', $2)",
        council_id,
        heard_secrets.hash_secret("bench-password"),
    )
    await conn.close()
    http = await Connection.open(host, port)
    _, headers, _ = await http.request("GET", "/staff/sign-in")
    csrf = cookie_value(headers["set-cookie"], "csrftoken")
    hdrs = {"content-type": "application/json", "x-csrftoken": csrf, "cookie": f"csrftoken={csrf}"}
    body = json.dumps({"email": "duty@bench.example", "password": "bench-password"}).encode()
    status, headers, _ = await http.request("POST", "/api/session/staff", body, hdrs)
    assert status == 201
    session = cookie_value(headers["set-cookie"], "heard_session")
    return http, {**hdrs, "cookie": f"csrftoken={csrf}; heard_session={session}"}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rate", type=float, default=100.0)
    args = parser.parse_args()
    seconds = 10.0 if args.quick else 30.0
    rng = random.Random(7)

    pg_server, redis_url = servers()
    db_url = await bench_database(pg_server)
    council_id, codes = await seed_children(db_url, 50)
    env = heard_env(db_url, redis_url, HEARD_OFFICE_HOURS="Mon-Sun 00:00-23:59", HEARD_MAIL_FOLDER=tempfile.mkdtemp())
    logs = Path(tempfile.mkdtemp())
    web = start_web(env, logs)
    worker = start_worker(env, logs)
    try:
        host, port = web.url.removeprefix("http://").split(":")
        children = [await sign_in(host, int(port), code) for code in codes]
        duty = await duty_officer(host, int(port), db_url, council_id)
        duty_lock = asyncio.Lock()
        free: asyncio.Queue[tuple[Connection, dict[str, str]]] = asyncio.Queue()
        for c in children:
            free.put_nowait(c)
        alert_ms: list[float] = []
        errors = 0

        async def one(i: int) -> None:
            nonlocal errors
            disclosure = i % 10 == 0
            text = rng.choice(DISCLOSURES if disclosure else EVERYDAY)
            conn, headers = await free.get()
            start = time.perf_counter()
            try:
                status, _, body = await conn.request(
                    "POST",
                    "/api/submissions",
                    json.dumps({"kind": "statement", "text": text}).encode(),
                    {**headers, "Idempotency-Key": uuid.uuid4().hex},
                )
            finally:
                free.put_nowait((conn, headers))
            if status != 201:
                errors += 1
                return
            if disclosure:
                async with duty_lock:
                    _, _, queue = await duty[0].request("GET", "/api/alerts/", headers=duty[1])
                sid = json.loads(body)["id"]
                listed = json.loads(queue)
                if not isinstance(listed, list):
                    raise SystemExit(f"the duty queue answered {listed}")
                if any(a["submission_id"] == sid for a in listed):
                    alert_ms.append((time.perf_counter() - start) * 1000)
                else:
                    errors += 1

        begin = time.perf_counter()
        tasks = []
        for i in range(int(args.rate * seconds)):
            delay = begin + i / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i)))
        await asyncio.gather(*tasks)

        conn = await connect(db_url)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            left = await conn.fetchval(
                "select count(*) from submissions s"
                " where not exists (select 1 from analyses a where a.submission_id = s.id)"
            )
            if left == 0:
                break
            await asyncio.sleep(0.5)
        lags = [
            r["s"] * 1000
            for r in await conn.fetch(
                "select extract(epoch from a.analysed_at - s.created_at) as s from analyses a"
                " join submissions s on s.id = a.submission_id"
            )
        ]
        alerts = await conn.fetchval("select count(*) from alerts")
        sent = await conn.fetchval("select count(*) from submissions")
        await conn.close()
    finally:
        web.stop()
        worker.stop()
        await drop_database(pg_server, db_url)
    print(
        f"{sent} submissions at {args.rate:.0f}/s for {seconds:.0f}s, {alerts} alerts, {errors} errors, "
        f"{len(lags)} analysed"
    )
    print(
        f"screen_alert_p99_ms={percentile(alert_ms, 99):.1f} screen_alert_p50_ms={percentile(alert_ms, 50):.1f} "
        f"analysis_p99_ms={percentile(lags, 99):.0f} analysis_p50_ms={percentile(lags, 50):.0f} "
        f"alerts={alerts} errors={errors}"
    )


if __name__ == "__main__":
    asyncio.run(main())
