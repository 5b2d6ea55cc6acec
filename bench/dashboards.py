"""Dashboards: page latency over a million analysed submissions, and the rollup refresh after 1,000 more.

Seeds 10 councils x 3 years in SQL (generate_series; --quick: 20,000 submissions, 1 council x 1 year,
15 requests a page), builds every quarter's rollups, serves the app, then requests each dashboard page,
CSV and JSON figure as one user would (one request at a time, after warming) and reports each one's
p95. Finally adds 1,000 new analysed submissions and times the worker's refresh. Target: the slowest
page's p95 under 300 ms on a 2-core machine.

Progress and each page's p95 go to stderr; stdout gets one key=value line, with the load average the run
started under (the figures mean little on a busy machine).

    .venv/bin/python bench/dashboards.py [--quick] [--rows N] [--requests N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # as the worker runs: one BLAS thread per process
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import httpx
from _support import bench_database, heard_env, percentile, servers, start_web

from dashboards.jobs import refresh
from heard.accounts import secrets as heard_secrets
from heard.db import connect

COUNCILS = 10
CHILDREN_PER_COUNCIL = 2_000
PASSWORD = "bench bench bench bench"
PAGES = [
    "/dashboards/cicc",
    "/dashboards/cicc?cohort=age:12-15&theme=family_contact",
    "/dashboards/board",
    "/dashboards/board?split=placement",
    "/dashboards/teams",
    "/dashboards/you-said-we-did/",
    "/dashboards/board/export.csv?table=feel_safe_home",
    "/dashboards/cicc/export.csv?table=trend",
    "/api/dashboards/board?split=age",
    "/api/dashboards/cicc?cohort=placement:foster",
]

_COUNCILS = """
insert into councils (slug, name) select 'bench-' || g, 'Bench council ' || g from generate_series(1, $1) g
"""
_STAFF = """
insert into staff (council_id, email, name, roles, team, password_hash)
select c.id, 'bench' || c.id || '-' || t || '@bench.example', 'Bench ' || t,
       array['worker', 'participation_officer', 'board_member', 'head_of_service'], 'Team ' || t, $1
from councils c cross join generate_series(1, 4) t
"""
_CHILDREN = """
insert into children (council_id, reference, known_as, birth_month, legal_status, placement_type,
                      placed_out_of_area, uasc, disability, share_quotes)
select c.id, 'B' || c.id || '-' || g, 'Bench',
       make_date(2000 + (random() * 21)::int, 1 + (random() * 11)::int, 1),
       (array['child_in_care', 'child_in_care', 'care_leaver'])[1 + (random() * 2)::int],
       (array['foster', 'foster', 'foster', 'kinship', 'residential', 'supported_lodgings', 'semi_independent',
              'staying_put', 'placed_with_parents', 'other'])[1 + (random() * 9)::int],
       random() < 0.35, random() < 0.08, random() < 0.15, random() < 0.5
from councils c cross join generate_series(1, $1) g
"""
_ALLOCATIONS = """
insert into allocations (council_id, child_id, staff_id, relation, starts_on)
select ch.council_id, ch.id,
       (select s.id from staff s where s.council_id = ch.council_id order by s.id offset (ch.id % 4) limit 1),
       'worker', '2015-01-01'
from children ch
"""
# Submissions spread over three years to the day before the run, for random children of each council.
_SUBMISSIONS = """
insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience, idempotency_key,
                         request_hash, created_at, read_at, used_in_review_at)
select x.council_id, x.child_id, x.kind, 'web',
       case when x.kind = 'survey' then jsonb_build_object(
           'feel_safe_home', jsonb_build_object('question', 'feel_safe_home', 'choices',
               jsonb_build_array((array['yes', 'yes', 'yes', 'no', 'not_sure'])[1 + (random() * 4)::int])),
           'trusted_adult', jsonb_build_object('question', 'trusted_adult', 'choices',
               jsonb_build_array((array['yes', 'yes', 'no', 'not_sure'])[1 + (random() * 3)::int])),
           'happiness', jsonb_build_object('question', 'happiness', 'choices',
               jsonb_build_array((array['very_sad', 'sad', 'ok', 'happy', 'very_happy'])[1 + (random() * 4)::int])),
           'life_satisfaction', jsonb_build_object('question', 'life_satisfaction', 'number', (random() * 10)::int))
       else '{}'::jsonb end,
       'bench text', '{worker}', $3::text || x.g, '\\x00'::bytea, x.at,
       case when random() < 0.8 then x.at + random() * interval '6 days' end,
       case when x.kind = 'review' and random() < 0.7 then x.at + interval '2 days' end
from (
    select g, c.council_id, c.first_child + (random() * ($2 - 1))::int as child_id,
           (array['statement', 'statement', 'statement', 'survey', 'survey', 'review'])[1 + (random() * 5)::int]
               as kind,
           now() - interval '1 day' - random() * $4::text::interval as at
    from generate_series(1, $1) g
    join (
        select id as council_id, (select min(id) from children where council_id = councils.id) as first_child,
               (row_number() over (order by id) - 1)::int as k
        from councils
    ) c on c.k = g % $5
) x
"""
_ANALYSES = """
insert into analyses (submission_id, model_version, themes, sentiment, safeguarding_level, safeguarding_categories,
                      redacted, language)
select s.id, 'bench',
       array(select t from unnest(array['family_contact', 'placement', 'social_worker', 'education_work',
             'health_wellbeing', 'safety', 'leaving_care', 'being_heard', 'identity', 'friends_activities',
             'money']) t where random() < 0.18 + 0 * s.id),
       (array['positive', 'negative', 'mixed', 'neutral'])[1 + (random() * 3)::int],
       'none', '{}', 'bench redacted text', 'en'
from submissions s where s.id > $1
"""
_REPLIES = """
insert into replies (submission_id, staff_id, body, created_at)
select s.id, (select st.id from staff st where st.council_id = s.council_id limit 1), 'Thanks',
       s.created_at + random() * interval '5 days'
from submissions s where s.id > $1 and s.kind = 'statement' and random() < 0.6
"""


async def seed(
    url: str, rows: int, *, councils: int = COUNCILS, start_id: int = 0, span: str = "3 years", tag: str = "b"
) -> None:
    conn = await connect(url)
    if start_id == 0:
        await conn.execute(_COUNCILS, councils)
        await conn.execute(_STAFF, heard_secrets.hash_secret(PASSWORD))
        await conn.execute(_CHILDREN, CHILDREN_PER_COUNCIL)
        await conn.execute(_ALLOCATIONS)
    await conn.execute(_SUBMISSIONS, rows, CHILDREN_PER_COUNCIL, tag, span, councils)
    await conn.execute(_ANALYSES, start_id)
    await conn.execute(_REPLIES, start_id)
    await conn.execute("analyze")
    await conn.close()


def measure(base_url: str, email: str, requests: int) -> dict[str, float]:
    """Each page's p95 in ms, one request at a time after five warm-up requests."""
    results = {}
    with httpx.Client(base_url=base_url, timeout=60) as client:
        client.get("/")
        client.headers["x-csrftoken"] = client.cookies["csrftoken"]
        signed = client.post("/api/session/staff", json={"email": email, "password": PASSWORD})
        assert signed.status_code == 201, signed.text
        for path in PAGES:
            for _ in range(5):
                assert client.get(path).status_code == 200, path
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, path
            results[path] = percentile(times, 95)
    return results


async def drop(server_url: str, url: str) -> None:
    from urllib.parse import urlsplit

    name = urlsplit(url).path.lstrip("/")
    admin = await connect(server_url)
    await admin.execute(f'drop database if exists "{name}" with (force)')
    await admin.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20,000 submissions, 1 council, 1 year: under a minute")
    parser.add_argument("--rows", type=int, help="submissions to seed")
    parser.add_argument("--requests", type=int, help="timed requests per page (40; 15 with --quick)")
    args = parser.parse_args()
    rows = args.rows or (20_000 if args.quick else 1_000_000)
    requests = args.requests or (15 if args.quick else 40)
    # Quick: a quarter of the full run's submissions per council-quarter, in four quarters, to check it runs.
    councils, span = (1, "1 year") if args.quick else (COUNCILS, "3 years")
    load = os.getloadavg()[0]
    begun = time.perf_counter()

    pg_server, redis_url = servers()
    db_url = await bench_database(pg_server)
    web = None
    try:
        started = time.perf_counter()
        await seed(db_url, rows, councils=councils, span=span)
        seeded_s = time.perf_counter() - started
        conn = await connect(db_url)
        started = time.perf_counter()
        quarters = await refresh(conn, everything=True)
        build_s = time.perf_counter() - started
        email = await conn.fetchval("select email from staff order by id limit 1")
        last_id = await conn.fetchval("select max(id) from submissions")
        await refresh(conn)  # the cron's first run marks its watermark
        await conn.close()
        say(f"seeded {rows:,} submissions in {seeded_s:.0f}s; built {quarters} council-quarters in {build_s:.1f}s")

        web = start_web(heard_env(db_url, redis_url), Path(tempfile.mkdtemp()))
        p95 = measure(web.url, email, requests)
        for path, ms in p95.items():
            say(f"  p95 {ms:7.1f} ms  {path}")

        await seed(db_url, 1_000, councils=councils, start_id=last_id, span="1 day", tag="n")
        conn = await connect(db_url)
        started = time.perf_counter()
        refreshed = await refresh(conn)
        refresh_s = time.perf_counter() - started
        await conn.close()
        say(f"refresh after 1,000 new submissions: {refreshed} council-quarters in {refresh_s:.2f}s")
    finally:
        if web is not None:
            web.stop()
        await drop(pg_server, db_url)
    slowest = max(p95, key=lambda path: p95[path])
    print(
        f"rows={rows} councils={councils} page_p95_ms={p95[slowest]:.1f} slowest={slowest} build_s={build_s:.1f} "
        f"refresh_s={refresh_s:.2f} total_s={time.perf_counter() - begun:.0f} load1_at_start={load:.1f}"
    )


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    asyncio.run(main())
