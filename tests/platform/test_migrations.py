"""Migrations apply to an empty database, do nothing the second time, and apply all or nothing."""

from __future__ import annotations

import secrets
from pathlib import Path

import asyncpg
import pytest
from support import drop_database, with_database

from heard.db import connect
from heard.db.migrate import discover, migrate


@pytest.fixture
async def empty_db(postgres_url: str):  # type: ignore[no-untyped-def]
    name = f"heard_empty_{secrets.token_hex(4)}"
    admin = await connect(postgres_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    conn = await connect(with_database(postgres_url, name))
    yield conn
    await conn.close()
    await drop_database(postgres_url, name)


async def test_migrations_apply_to_an_empty_database_and_a_second_run_does_nothing(
    empty_db: asyncpg.Connection,
) -> None:
    first = await migrate(empty_db)
    assert first == [m.name for m in discover()]
    tables = {
        r["tablename"] for r in await empty_db.fetch("select tablename from pg_tables where schemaname = 'public'")
    }
    assert {
        "councils",
        "children",
        "staff",
        "allocations",
        "submissions",
        "analyses",
        "alerts",
        "complaints",
        "complaint_events",
        "actions",
        "audit_log",
        "outbox",
    } <= tables
    assert await migrate(empty_db) == []


async def test_a_failing_migration_leaves_nothing_half_applied(empty_db: asyncpg.Connection, tmp_path: Path) -> None:
    (tmp_path / "0001_good.sql").write_text("create table good (id int);")
    (tmp_path / "0002_bad.sql").write_text("create table also_good (id int); select no_such_function();")
    with pytest.raises(asyncpg.UndefinedFunctionError):
        await migrate(empty_db, tmp_path)
    assert await empty_db.fetchval("select to_regclass('good')") is None
    assert await empty_db.fetchval("select to_regclass('schema_migrations')") is None


async def test_a_changed_migration_is_refused(empty_db: asyncpg.Connection, tmp_path: Path) -> None:
    migration = tmp_path / "0001_first.sql"
    migration.write_text("create table first (id int);")
    await migrate(empty_db, tmp_path)
    migration.write_text("create table first (id bigint);")
    with pytest.raises(ValueError, match=r"0001_first\.sql was changed"):
        await migrate(empty_db, tmp_path)


def test_misnamed_migration_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "first.sql").write_text("select 1;")
    with pytest.raises(ValueError, match=r"must be named NNNN_words\.sql"):
        discover(tmp_path)
