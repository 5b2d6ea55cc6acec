"""A council's stored settings over the environment's defaults: what every reader of those settings calls."""

from __future__ import annotations

import asyncpg
import msgspec

from heard import quarters
from heard.council import queries
from heard.settings import SafeguardingSettings


async def safeguarding_for(
    conn: asyncpg.Connection, council_id: int, defaults: SafeguardingSettings
) -> SafeguardingSettings:
    """The council's office hours, emergency duty email and phone, alert targets; else the environment's.

    The environment (HEARD_OFFICE_HOURS and the rest) only seeds a new council: once a council has saved its
    settings, they are the ones that route and escalate its alerts.
    """
    stored = await queries.stored_safeguarding(conn, council_id)
    if stored is None:
        return defaults
    return msgspec.structs.replace(defaults, **msgspec.structs.asdict(stored))


async def quarter_convention(conn: asyncpg.Connection, council_id: int) -> quarters.Convention:
    """How the council names its quarters (financial year unless it has chosen otherwise)."""
    found = await queries.quarter_convention(conn, council_id)
    return found if found in quarters.CONVENTIONS else quarters.DEFAULT


async def reply_target_days(conn: asyncpg.Connection, council_id: int) -> int:
    """The working days the council promises a reply within (5 until it has saved its own)."""
    return await queries.reply_target_days(conn, council_id) or 5
