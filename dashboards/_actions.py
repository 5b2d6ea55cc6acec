""" "You said, we did": a theme becomes a proposal, a decision, a change; published in children's own languages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from statistics import median

import asyncpg

from dashboards import queries
from dashboards.schemas import (
    THEMES,
    Action,
    ActionIn,
    ChildTextIn,
    DecisionIn,
    DoneIn,
    PublishedUpdate,
    ThemeProgress,
)
from heard import audit, errors
from heard.principal import Principal


async def actions(conn: asyncpg.Connection, council_id: int) -> list[Action]:
    return await queries.actions(conn, council_id)


async def action(conn: asyncpg.Connection, council_id: int, action_id: int) -> Action:
    found = await queries.action(conn, council_id, action_id)
    if found is None:
        raise errors.NotFound('There is no such "you said, we did" item.')
    return found


async def create(conn: asyncpg.Connection, user: Principal, data: ActionIn) -> Action:
    status = "proposed" if data.proposal else "said"
    async with conn.transaction():
        action_id = await queries.create_action(
            conn,
            user.council_id,
            theme=data.theme,
            said=data.said,
            proposal=data.proposal,
            said_on=data.said_on,
            proposed_on=data.said_on if data.proposal else None,
            status=status,
        )
        await audit.record(conn, user, "dashboards.action_created", "action", action_id, theme=data.theme)
    return await action(conn, user.council_id, action_id)


async def decide(conn: asyncpg.Connection, user: Principal, action_id: int, data: DecisionIn) -> Action:
    current = await action(conn, user.council_id, action_id)
    if data.decided_on < current.said_on:
        raise errors.Invalid("The decision date cannot be before the children said it.", field="decided_on")
    status = "decided" if data.taken_forward else "not_taken_forward"
    async with conn.transaction():
        await queries.decide_action(
            conn,
            user.council_id,
            action_id,
            decision=data.decision,
            owner=data.owner,
            decided_on=data.decided_on,
            status=status,
        )
        await audit.record(conn, user, "dashboards.action_decided", "action", action_id, status=status)
    return await action(conn, user.council_id, action_id)


async def record_done(conn: asyncpg.Connection, user: Principal, action_id: int, data: DoneIn) -> Action:
    current = await action(conn, user.council_id, action_id)
    if current.status not in ("decided", "done"):
        raise errors.Conflict("Record a decision to take this forward before recording what changed.")
    if data.done_on < current.said_on:
        raise errors.Invalid("The date it was done cannot be before the children said it.", field="done_on")
    async with conn.transaction():
        await queries.action_done(conn, user.council_id, action_id, data.changed, data.done_on)
        await audit.record(conn, user, "dashboards.action_done", "action", action_id)
    return await action(conn, user.council_id, action_id)


async def set_text(conn: asyncpg.Connection, user: Principal, action_id: int, data: ChildTextIn) -> Action:
    await action(conn, user.council_id, action_id)
    async with conn.transaction():
        await queries.set_action_text(conn, action_id, data.lang, data.you_said, data.we_did)
        await audit.record(conn, user, "dashboards.action_text", "action", action_id, lang=data.lang)
    return await action(conn, user.council_id, action_id)


async def publish(conn: asyncpg.Connection, user: Principal, action_id: int, *, published: bool = True) -> Action:
    """Show an update to children (their messages and the public page), or take it down."""
    current = await action(conn, user.council_id, action_id)
    if published and current.status != "done":
        raise errors.Conflict("Only something that has been done can be published.")
    if published and not any(t.lang == "en" for t in current.texts):
        raise errors.Conflict("Write what children will read, in English at least, before publishing.")
    async with conn.transaction():
        await queries.set_published(conn, user.council_id, action_id, _now() if published else None)
        await audit.record(conn, user, "dashboards.action_published", "action", action_id, published=published)
    return await action(conn, user.council_id, action_id)


def _now() -> datetime:
    return datetime.now(UTC)


async def published_updates(
    conn: asyncpg.Connection, council_id: int, lang: str = "en", *, limit: int = 50
) -> list[PublishedUpdate]:
    """Published "you said, we did" updates for a council, newest first, in `lang` where written, else English."""
    return await queries.published_updates(conn, council_id, lang, limit)


async def updates_for_child(
    conn: asyncpg.Connection, council_id: int, child_id: int, lang: str = "en", *, limit: int = 50
) -> list[PublishedUpdate]:
    """The published updates that answer what this child said (their words were counted in its theme)."""
    return await queries.updates_for_child(conn, council_id, child_id, lang, limit)


async def public_councils(conn: asyncpg.Connection) -> list[tuple[str, str]]:
    return await queries.public_councils(conn)


async def council_by_slug(conn: asyncpg.Connection, slug: str) -> tuple[int, str]:
    found = await queries.council_by_slug(conn, slug)
    if found is None:
        raise errors.NotFound("There is no council with that name in Heard.")
    return found


def progress(found: list[Action], today: date) -> list[ThemeProgress]:
    """For each theme: things said, things done, and the median days from said to done."""
    out = []
    for theme, label in THEMES.items():
        mine = [a for a in found if a.theme == theme]
        if not mine:
            continue
        days = [d for a in mine if (d := a.days_to_done) is not None]
        open_days = [(today - a.said_on).days for a in mine if a.done_on is None and a.status != "not_taken_forward"]
        out.append(
            ThemeProgress(
                theme=theme,
                label=label,
                said=len(mine),
                done=len(days),
                median_days=round(median(days)) if days else None,
                longest_open_days=max(open_days, default=None),
            )
        )
    return out
