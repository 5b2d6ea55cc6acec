"""Health checks, the demo council, and the CLI's handling of bad settings."""

from __future__ import annotations

import os
import subprocess
import sys

import asyncpg
import httpx
from support import ROOT, Process

from heard import demo


async def test_health_reports_postgres_and_redis(web: Process) -> None:
    async with httpx.AsyncClient(base_url=web.url) as c:
        assert (await c.get("/health/live")).json() == {"status": "ok"}
        ready = await c.get("/health/ready")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ok", "postgres": "ok", "redis": "ok"}


async def test_the_demo_council_has_every_role_and_children_of_every_age_band(
    database_url: str, db: asyncpg.Connection
) -> None:
    await demo.seed(database_url)
    again = await demo.seed(database_url)  # a second run only reprints the sign-ins
    assert "heard-demo-2026" in again
    council_id = await db.fetchval("select id from councils where slug = 'demo'")
    roles = await db.fetch(
        "select unnest(roles) as role, count(*) from staff where council_id = $1 group by 1", council_id
    )
    counts = {r["role"]: r["count"] for r in roles}
    assert counts["worker"] == 8 and counts["iro"] == 2 and counts["cicc_member"] == 2
    for role in ["duty_officer", "complaints_officer", "participation_officer", "board_member", "admin"]:
        assert counts[role] >= 1, role
    ages = await db.fetch(
        "select extract(year from age(birth_month))::int as age, legal_status from children where council_id = $1",
        council_id,
    )
    assert len(ages) == 40 + demo._history.COHORT  # the named children and the cohort behind the dashboards
    bands = {(4, 7), (8, 11), (12, 15), (16, 17), (18, 25)}
    for low, high in bands:
        assert any(low <= r["age"] <= high for r in ages), (low, high)
    assert {r["legal_status"] for r in ages} == {"child_in_care", "care_leaver"}
    unallocated = await db.fetchval(
        "select count(*) from children c where council_id = $1 and not exists "
        "(select 1 from allocations a where a.child_id = c.id and a.relation = 'worker')",
        council_id,
    )
    assert unallocated == 0


def test_the_cli_names_a_malformed_setting() -> None:
    env = {
        **os.environ,
        "DATABASE_URL": "postgresql://x/y",
        "REDIS_URL": "redis://x",
        "HEARD_SECRET_KEY": "k" * 40,
        "HEARD_DB_POOL_MAX": "many",
    }
    result = subprocess.run(
        [sys.executable, "-m", "heard", "migrate"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "HEARD_DB_POOL_MAX is not valid" in result.stderr
