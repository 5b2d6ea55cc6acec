"""Searching the audit log: by child reference, staff member, action and dates, newest first, a page at a time."""

from __future__ import annotations

from datetime import date

import asyncpg

from heard.errors import Invalid
from heard.privacy import queries
from heard.privacy.schemas import AuditEntry, AuditQuery

PER_PAGE = 50


async def search(conn: asyncpg.Connection, council_id: int, query: AuditQuery) -> tuple[list[AuditEntry], bool]:
    """One page of entries and whether there are more."""
    filters = (query.child_reference.strip(), query.staff_email.strip(), query.action.strip())
    found = await queries.search_audit(
        conn, council_id, filters, (query.date_from, query.date_to), PER_PAGE + 1, (query.page - 1) * PER_PAGE
    )
    return found[:PER_PAGE], len(found) > PER_PAGE


async def actions(conn: asyncpg.Connection, council_id: int) -> list[str]:
    return await queries.audit_actions(conn, council_id)


def parse_date(value: str, field: str) -> date | None:
    """'2026-03-01' as a date; empty as None; anything else a clear error."""
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"'{value}' is not a date; write it as YYYY-MM-DD, like 2026-03-01.", field=field) from None
