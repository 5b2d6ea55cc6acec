"""Rules for a request for an advocate: what a child must give, sending it once, and its progress only forward."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import asyncpg

from heard import audit, queue
from heard.advocacy import queries
from heard.advocacy.schemas import MAX_DETAIL, MAX_NOTE, ChildRequest, ProgressIn, RequestIn, StaffRequest
from heard.errors import Conflict, Forbidden, NotFound
from heard.principal import Principal

Work = list[tuple[int, str, dict[str, Any]]]
JOB = "pass_on_advocate_request"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")


def problems(data: RequestIn) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each field that cannot be taken, with the catalogue key (and its values) that says why in the child's words."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    note, detail = data.note.strip(), data.contact_detail.strip()
    if len(note) > MAX_NOTE:
        found["note"] = ("advocate.error.too_long", {"max": MAX_NOTE, "count": len(note)})
    if data.contact_by not in ("worker", "phone", "email"):
        found["contact_by"] = ("advocate.error.contact_by", {})
    elif len(detail) > MAX_DETAIL:
        found["contact_detail"] = ("advocate.error.too_long", {"max": MAX_DETAIL, "count": len(detail)})
    elif data.contact_by == "phone" and not _PHONE.match(detail):
        found["contact_detail"] = ("advocate.error.phone", {})
    elif data.contact_by == "email" and not _EMAIL.match(detail):
        found["contact_detail"] = ("advocate.error.email", {})
    return found


async def request(
    conn: asyncpg.Connection, principal: Principal, data: RequestIn, key: str, lang: str
) -> tuple[int, Work]:
    """Store the request once per key and queue it for the advocacy service; returns its id and the work."""
    if principal.kind != "child":
        raise Forbidden("Only a child or young person can ask for an advocate here.")
    detail = data.contact_detail.strip() if data.contact_by in ("phone", "email") else ""
    async with conn.transaction():
        request_id, created = await queries.insert(
            conn, principal.council_id, principal.id, data.note.strip(), data.contact_by, detail, lang, key
        )
        if not created:
            return request_id, []
        outbox_id = await queue.add(conn, JOB, f"advocate:{request_id}", request_id=request_id)
    return request_id, [(outbox_id, JOB, {"request_id": request_id})] if outbox_id else []


async def for_child(conn: asyncpg.Connection, child_id: int) -> list[ChildRequest]:
    return await queries.for_child(conn, child_id)


async def one(conn: asyncpg.Connection, principal: Principal, request_id: int) -> ChildRequest:
    found = await queries.one_for_child(conn, request_id, principal.id)
    if found is None:
        raise NotFound("No request with that number.")
    return found


async def council_list(conn: asyncpg.Connection, principal: Principal) -> list[StaffRequest]:
    """Every request in the council, open ones first; the read is audited (it shows children's words)."""
    found = await queries.for_council(conn, principal.council_id)
    await audit.record(conn, principal, "read", "advocacy_requests", None, request_ids=[r.id for r in found])
    return found


async def progress(conn: asyncpg.Connection, principal: Principal, request_id: int, data: ProgressIn) -> None:
    """Record the advocacy service's news; it only goes forward."""
    async with conn.transaction():
        if not await queries.set_progress(
            conn, request_id, principal.council_id, data.status, datetime.now(UTC), principal.id
        ):
            if await queries.status_of(conn, request_id, principal.council_id) is None:
                raise NotFound("No request for an advocate with that number.")
            raise Conflict("This request has already moved past that step.")
        await audit.record(conn, principal, "updated", "advocacy_request", request_id, status=data.status)
