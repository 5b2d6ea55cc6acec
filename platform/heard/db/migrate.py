"""Apply numbered SQL migrations under an advisory lock, all or nothing, recording each."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import asyncpg
import msgspec

MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_ID = 0x4845415244  # "HEARD"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

_CREATE_RECORD = """
create table if not exists schema_migrations (
    version int primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
)
"""


class Migration(msgspec.Struct, frozen=True):
    """One numbered .sql file."""

    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def discover(folder: Path = MIGRATIONS) -> list[Migration]:
    """Every migration file in version order; a misnamed or duplicate-numbered file is an error."""
    found: dict[int, Migration] = {}
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file {path.name} must be named NNNN_words.sql")
        version = int(match.group(1))
        if version in found:
            raise ValueError(f"two migrations are numbered {version:04d}")
        found[version] = Migration(version, path.name, path.read_text())
    return [found[v] for v in sorted(found)]


async def migrate(conn: asyncpg.Connection, folder: Path = MIGRATIONS) -> list[str]:
    """Apply pending migrations in one transaction; return the names applied (empty when up to date)."""
    migrations = discover(folder)
    async with conn.transaction():
        await conn.execute("select pg_advisory_xact_lock($1)", _LOCK_ID)
        await conn.execute(_CREATE_RECORD)
        applied = {
            r["version"]: r["checksum"] for r in await conn.fetch("select version, checksum from schema_migrations")
        }
        pending = [m for m in migrations if m.version not in applied]
        for m in migrations:
            if m.version in applied and applied[m.version] != m.checksum:
                raise ValueError(f"migration {m.name} was changed after it was applied")
        for m in pending:
            await conn.execute(m.sql)
            await conn.execute(
                "insert into schema_migrations (version, name, checksum) values ($1, $2, $3)",
                m.version,
                m.name,
                m.checksum,
            )
    return [m.name for m in pending]
