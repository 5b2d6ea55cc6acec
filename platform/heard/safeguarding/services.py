"""Raising alerts (never lowering them), the duty officer's actions, escalation by stored due times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from heard import audit
from heard.accounts.schemas import Principal
from heard.council import safeguarding_for
from heard.errors import Conflict, Invalid, NotFound
from heard.safeguarding import queries
from heard.safeguarding._schedule import in_office_hours
from heard.safeguarding.schemas import ActionIn, AlertDetail, LevelIn, Oversight, QueuedAlert
from heard.settings import SafeguardingSettings

Work = list[tuple[int, str, dict[str, Any]]]
ESCALATION_ROLES = {1: "duty_manager", 2: "head_of_service"}


def now() -> datetime:
    return datetime.now(UTC)


def targets(level: str, config: SafeguardingSettings) -> tuple[timedelta, timedelta]:
    """(acknowledge by, escalate to head of service by), from when the alert was raised."""
    if level == "urgent":
        return timedelta(minutes=config.urgent_ack_minutes), timedelta(minutes=config.urgent_escalate_minutes)
    return timedelta(minutes=config.concern_ack_minutes), timedelta(minutes=config.concern_escalate_minutes)


async def raise_alert(
    conn: asyncpg.Connection,
    config: SafeguardingSettings,
    *,
    council_id: int,
    submission_id: int,
    child_id: int | None,
    level: str,
    categories: list[str],
    triggers: list[str],
    source: str,
    at: datetime | None = None,
) -> Work:
    """Create the submission's alert, or raise the one it has; notify whoever must act. Returns outbox work."""
    config = await safeguarding_for(conn, council_id, config)
    raised_at = at or now()
    route = "duty" if in_office_hours(raised_at, config.office_hours, config.timezone) else "emergency_duty_team"
    ack_in, _ = targets(level, config)
    raised = await queries.upsert_alert(
        conn,
        council_id,
        submission_id,
        child_id,
        level,
        categories,
        triggers,
        source,
        route,
        raised_at,
        raised_at + ack_in,
    )
    if raised is None or raised.previous_level == raised.level:
        return []  # closed by a person, or nothing new to tell anyone
    reason = "raised" if raised.previous_level is None else "raised_urgent"
    await queries.add_event(conn, raised.id, None, reason, level=raised.level, source=source)
    return await _notify(conn, config, raised.id, raised.route, "duty_officer", reason)


async def _notify(
    conn: asyncpg.Connection, config: SafeguardingSettings, alert_id: int, route: str, role: str, reason: str
) -> Work:
    rows = []
    if route == "emergency_duty_team" and config.emergency_duty_email:
        rows += await queries.notify_one(conn, alert_id, "email", config.emergency_duty_email, reason)
    else:
        rows += await queries.notify_role(conn, alert_id, role, reason)
    if config.webhook_url:
        rows += await queries.notify_one(conn, alert_id, "webhook", config.webhook_url, reason)
    if config.notify_api_key and config.notify_sms_template_id:
        for number in config.notify_sms_numbers:
            rows += await queries.notify_one(conn, alert_id, "sms", number, reason)
    if config.teams_webhook_url:
        rows += await queries.notify_one(conn, alert_id, "teams", config.teams_webhook_url, reason)
    return [(outbox_id, "send_notification", args) for outbox_id, args in rows]


async def escalate_due(conn: asyncpg.Connection, defaults: SafeguardingSettings, at: datetime) -> Work:
    """Escalate every open alert whose due time has passed, catching up on every step missed during an outage.

    Each alert escalates by its own council's targets (`defaults`, from the environment, where it has none)."""
    work: Work = []
    async with conn.transaction():
        for alert in await queries.due_escalations(conn, at):
            level, due = alert["escalation_level"], alert["next_escalation_at"]
            config = await safeguarding_for(conn, alert["council_id"], defaults)
            _, escalate_in = targets(alert["level"], config)
            while level < 2 and due is not None and due <= at:
                level += 1
                role = ESCALATION_ROLES[level]
                await queries.add_event(conn, alert["id"], None, f"escalated_{level}", to=role, due_at=due.isoformat())
                work += await _notify(conn, config, alert["id"], alert["route"], role, f"escalated_{level}")
                due = alert["raised_at"] + escalate_in if level == 1 else None
            await queries.escalated(conn, alert["id"], level, due)
    return work


async def duty_queue(conn: asyncpg.Connection, principal: Principal) -> list[QueuedAlert]:
    return await queries.duty_queue(conn, principal.council_id, now())


async def view(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> AlertDetail:
    """One alert with the child's words; the read is audited."""
    found = await queries.detail(conn, alert_id, principal.council_id)
    if found is None:
        await audit.refused(conn, principal, "alert", alert_id, why="not_in_their_council")
        raise NotFound("No alert with that number.")
    await audit.record(conn, principal, "read", "alert", alert_id, child_id=found.child_id, reason="safeguarding")
    return found


async def acknowledge(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> None:
    """Take an alert: it stops escalating and shows who has it."""
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert["status"] != "open":
            raise Conflict("This alert has already been acknowledged.")
        await queries.acknowledge(conn, alert_id, principal.id, now())
        await queries.add_event(conn, alert_id, principal.id, "acknowledged")
        await audit.record(conn, principal, "acknowledged", "alert", alert_id, reason="safeguarding")


async def record_action(conn: asyncpg.Connection, principal: Principal, alert_id: int, data: ActionIn) -> None:
    """What was done; no further action needs a reason."""
    if data.action == "no_further_action" and len(data.note.strip()) < 10:
        raise Invalid("Say why no further action is needed (at least a sentence).", field="note")
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert["status"] == "closed":
            raise Conflict("This alert is closed.")
        if alert["status"] == "open":
            await queries.acknowledge(conn, alert_id, principal.id, now())
            await queries.add_event(conn, alert_id, principal.id, "acknowledged")
        await queries.record_action(conn, alert_id, principal.id, data.action, data.note.strip(), now())
        await queries.add_event(conn, alert_id, principal.id, "action", action=data.action, note=data.note.strip())
        await audit.record(conn, principal, "recorded_action", "alert", alert_id, reason="safeguarding")


async def close(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> None:
    """Close an alert once an action is recorded."""
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert["status"] == "closed":
            raise Conflict("This alert is already closed.")
        if alert["action"] is None:
            raise Invalid("Record the action taken before closing the alert.", field="action")
        await queries.close(conn, alert_id, principal.id, now())
        await queries.add_event(conn, alert_id, principal.id, "closed")
        await audit.record(conn, principal, "closed", "alert", alert_id, reason="safeguarding")


async def change_level(conn: asyncpg.Connection, principal: Principal, alert_id: int, data: LevelIn) -> None:
    """Only a person may lower a level; their judgement then stands against the model."""
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert["status"] == "closed":
            raise Conflict("This alert is closed.")
        await queries.set_level(conn, alert_id, principal.id, data.level)
        await queries.add_event(conn, alert_id, principal.id, "level_changed", level=data.level, reason=data.reason)
        await audit.record(conn, principal, "changed_level", "alert", alert_id, reason=data.reason)


async def oversight(conn: asyncpg.Connection, principal: Principal, config: SafeguardingSettings) -> Oversight:
    config = await safeguarding_for(conn, principal.council_id, config)
    return await queries.oversight(
        conn, principal.council_id, now(), config.urgent_ack_minutes, config.concern_ack_minutes
    )


async def _locked(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> asyncpg.Record:
    alert = await queries.lock(conn, alert_id, principal.council_id)
    if alert is None:
        raise NotFound("No alert with that number.")
    return alert
