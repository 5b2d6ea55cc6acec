"""The allocation rule: staff reach a child only through a current allocation (or their role's remit)."""

from __future__ import annotations

import asyncpg

from heard import audit
from heard.accounts import queries
from heard.errors import NotFound
from heard.principal import Principal

CHILD_NOT_FOUND = "No child with that reference is allocated to you."


async def is_allocated(
    conn: asyncpg.Connection, principal: Principal, child_id: int, relations: tuple[str, ...]
) -> bool:
    return await queries.is_allocated(conn, principal.id, child_id, principal.council_id, list(relations))


async def require_child_access(
    conn: asyncpg.Connection,
    principal: Principal,
    child_id: int,
    *,
    action: str,
    relations: tuple[str, ...] = ("worker", "iro"),
) -> None:
    """Raise NotFound (and audit the refusal) unless `principal` is currently allocated to the child.

    Admins may manage a child's account (access codes) in their own council without an allocation,
    but never read the child's words.
    """
    if principal.has_role("admin") and action == "issue_access_code":
        if await queries.child_in_council(conn, child_id, principal.council_id):
            return
    elif principal.is_staff and await is_allocated(conn, principal, child_id, relations):
        return
    await audit.refused(conn, principal, "child", child_id, child_id=child_id, why=action)
    raise NotFound(CHILD_NOT_FOUND)
