"""The retention cron: every night, remove what each retention rule says has been kept long enough."""

from __future__ import annotations

import logging
from typing import Any

from heard import db, settings
from heard.privacy import services

log = logging.getLogger(__name__)


async def enforce_retention(ctx: dict[str, Any]) -> dict[str, int]:
    """Cron: apply every retention rule across the service; returns how many records of each kind went."""
    async with db.acquire(ctx["db_pool"]) as conn:
        report = await services.enforce_retention(conn, settings.get().retention)
    counts = {item.kind: item.count for item in report.items if item.count}
    log.info("retention applied", extra={"counts": counts})
    return counts
