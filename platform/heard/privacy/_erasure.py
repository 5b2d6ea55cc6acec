"""Erasure: remove a child's words and identifiers while keeping every row, so counts and the audit log hold.

What goes: free text, free-text answers, replies, translations staff recorded, redacted texts and trigger phrases,
alert and complaint notes, letters, approved quotes, drafts, sessions, the access code, the name the child is known
by, the case reference and the placement contact (the statements are `queries.ERASURE`). What stays: the kinds,
dates, themes, sentiment and safeguarding levels behind the aggregates, the coarse facts each cohort is counted by
(birth month, legal status, placement type and the flags), and the audit log, which records who did what but never
a child's words.
"""

from __future__ import annotations

import asyncpg

from heard.privacy import queries

REMOVED = "[removed at the child's request]"


async def erase_child(conn: asyncpg.Connection, child_id: int) -> dict[str, int]:
    """In the caller's transaction: anonymise one child; returns how many rows of each kind changed."""
    return await queries.erase_child(conn, child_id, REMOVED)
