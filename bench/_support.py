"""Shared bench plumbing: servers (embedded unless given), a fresh database, a seeded council, a served app."""

from __future__ import annotations

import asyncio
import atexit
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT), str(ROOT / "tests")]

from support import Process, heard_env, start_web, start_worker, with_database  # noqa: E402

from heard import embedded  # noqa: E402
from heard.accounts import secrets as heard_secrets  # noqa: E402
from heard.db import connect  # noqa: E402
from heard.db.migrate import migrate  # noqa: E402

__all__ = ["Process", "bench_database", "heard_env", "seed_children", "servers", "start_web", "start_worker"]


def servers() -> tuple[str, str]:
    """DATABASE_URL and REDIS_URL from the environment, else embedded servers under .heard/bench, stopped when
    the bench ends (normally, on Ctrl-C or on SIGTERM)."""
    data = ROOT / ".heard" / "bench"
    own = embedded.Embedded(data)
    atexit.register(own.stop)
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    pg = os.environ.get("DATABASE_URL") or own.postgres(data / "postgres")
    # Without REDIS_URL, a Redis of this run's own, keeping nothing on disk, so no run takes an earlier run's
    # queued jobs.
    redis = os.environ.get("REDIS_URL")
    if not redis:
        redis = own.redis(Path(tempfile.mkdtemp(prefix="heard-bench-redis-")), appendonly=False)
    return pg, redis


async def bench_database(server_url: str) -> str:
    """A fresh, migrated database for one bench run."""
    name = f"heard_bench_{secrets.token_hex(4)}"
    admin = await connect(server_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    url = with_database(server_url, name)
    conn = await connect(url)
    await migrate(conn)
    await conn.close()
    return url


async def seed_children(url: str, n: int) -> tuple[int, list[str]]:
    """One council with `n` children; returns its id and each child's access code."""
    conn = await connect(url)
    council_id = await conn.fetchval(
        "insert into councils (slug, name) values ($1, 'Bench council') returning id", f"bench-{secrets.token_hex(3)}"
    )
    codes = []
    for i in range(n):
        code, lookup = heard_secrets.new_access_code()
        while await conn.fetchval("select exists(select 1 from children where access_code_lookup = $1)", lookup):
            code, lookup = heard_secrets.new_access_code()  # the lookup part is short: a big seed can repeat one
        codes.append(code)
        await conn.execute(
            """insert into children (council_id, reference, known_as, birth_month, legal_status, placement_type,
                   access_code_lookup, access_code_hash)
               values ($1, $2, 'Bench', '2010-01-01', 'child_in_care', 'foster', $3, $4)""",
            council_id,
            f"B{i:06d}",
            lookup,
            heard_secrets.hash_secret(code),
        )
    await conn.close()
    return council_id, codes


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def drop_database(server_url: str, url: str) -> None:
    from urllib.parse import urlsplit

    name = urlsplit(url).path.lstrip("/")
    admin = await connect(server_url)
    await admin.execute(f'drop database if exists "{name}" with (force)')
    await admin.close()


def wait(seconds: float) -> None:
    time.sleep(seconds)


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def kill(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
