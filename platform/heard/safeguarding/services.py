"""Raising alerts (never lowering them), the duty officer's actions, escalation by stored due times."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any, Literal

import asyncpg

from heard import audit, settings
from heard.council import safeguarding_for
from heard.errors import Conflict, Invalid, NotFound
from heard.i18n import catalogue
from heard.principal import Principal
from heard.safeguarding import _live, queries
from heard.safeguarding._contact import named_in
from heard.safeguarding._schedule import in_office_hours
from heard.safeguarding.schemas import (
    ROUTES,
    ActionIn,
    AlertDetail,
    LevelIn,
    LiveQueue,
    NoteIn,
    Oversight,
    Queue,
    QueuedAlert,
    Saved,
)
from heard.settings import SafeguardingSettings

Work = list[tuple[int, str, dict[str, Any]]]
ESCALATION_ROLES = {1: "duty_manager", 2: "head_of_service"}
WORDS = catalogue("en")  # the duty pages are staff pages, in English

# What may open a closed alert again: new words from the child in the statement's thread and a translation are
# always news to the duty team; a person's correction of the same words only when it reads more than it was
# closed on (a second opinion, not a repeat).
Reopen = Literal["message", "translation", "correction"]


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
    reopen: Reopen | None = None,
) -> Work:
    """Create the submission's alert, or raise the one it has; notify whoever must act. Returns outbox work.

    A closed alert stays closed unless `reopen` says why these words are news (see `Reopen`); reopened, it is
    back in the queue as a new alert would be, its history saying why, and the duty team is notified again."""
    config = await safeguarding_for(conn, council_id, config)
    raised_at = at or now()
    route = "duty" if in_office_hours(raised_at, config.office_hours, config.timezone) else "emergency_duty_team"
    ack_in, _ = targets(level, config)
    values = (level, categories, triggers, source, route, raised_at, raised_at + ack_in)
    new_words = reopen in ("message", "translation")  # not another reading of words a person already judged
    raised = await queries.upsert_alert(conn, council_id, submission_id, child_id, *values, new_words=new_words)
    if raised is None:  # closed by a person
        if reopen is None:
            return []
        raised = await queries.reopen_alert(conn, council_id, submission_id, *values, reopen == "correction")
        if raised is None:
            return []
        await queries.add_event(conn, raised.id, None, f"reopened_{reopen}", level=raised.level, source=source)
        await _audit(conn, council_id, child_id, raised, "reopened", source=source, by=reopen)
        return await _notify(conn, config, raised.id, raised.route, "duty_officer", "reopened")
    if raised.previous_level == raised.level:
        if reopen == "message":  # nothing to notify, but the history shows the child wrote again
            await queries.add_event(conn, raised.id, None, "new_message", level=level, source=source)
        return []
    reason = "raised" if raised.previous_level is None else "raised_urgent"
    await queries.add_event(conn, raised.id, None, reason, level=raised.level, source=source)
    await _audit(conn, council_id, child_id, raised, reason, source=source)
    return await _notify(conn, config, raised.id, raised.route, "duty_officer", reason)


async def _audit(
    conn: asyncpg.Connection, council_id: int, child_id: int | None, raised: queries.Raised, action: str, **detail: str
) -> None:
    """The system raised or reopened an alert: the audit log has it beside the people's steps that follow."""
    await audit.record(
        conn, None, action, "alert", raised.id, child_id=child_id, council_id=council_id, reason="safeguarding",
        level=raised.level, route=raised.route, **detail,
    )  # fmt: skip


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
            level, due = alert.escalation_level, alert.next_escalation_at
            config = await safeguarding_for(conn, alert.council_id, defaults)
            _, escalate_in = targets(alert.level, config)
            while level < 2 and due is not None and due <= at:
                level += 1
                role = ESCALATION_ROLES[level]
                await queries.add_event(conn, alert.id, None, f"escalated_{level}", to=role, due_at=due.isoformat())
                work += await _notify(conn, config, alert.id, alert.route, role, f"escalated_{level}")
                due = alert.raised_at + escalate_in if level == 1 else None
            await queries.escalated(conn, alert.id, level, due)
    return work


async def duty_queue(conn: asyncpg.Connection, principal: Principal, queue: Queue | None = None) -> list[QueuedAlert]:
    """Alerts not yet closed: the day team's (raised in office hours), the emergency duty team's, or (None) both."""
    return await queries.duty_queue(conn, principal.council_id, now(), ROUTES[queue] if queue else None)


async def live_queue(conn: asyncpg.Connection, principal: Principal, queue: Queue | None) -> LiveQueue:
    """What the queue page polls: both queues' sizes, and this queue's rows worded as the page words them. With no
    queue chosen, the one on duty now: the day team's in the council's office hours, else the emergency team's."""
    at = now()
    if queue is None:
        config = await safeguarding_for(conn, principal.council_id, settings.get().safeguarding)
        queue = "day" if in_office_hours(at, config.office_hours, config.timezone) else "edt"
    counts = await queries.queue_counts(conn, principal.council_id, at, ROUTES[queue])
    alerts = await queries.duty_queue(conn, principal.council_id, at, ROUTES[queue])
    return _live.worded(queue, alerts, counts, at)


async def view(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> AlertDetail:
    """One alert with the child's words; the read is audited."""
    found = await queries.detail(conn, alert_id, principal.council_id)
    if found is None:
        await audit.refused(conn, principal, "alert", alert_id, why="not_in_their_council")
        raise NotFound("No alert with that number.")
    await audit.record(conn, principal, "read", "alert", alert_id, child_id=found.child_id, reason="safeguarding")
    return found


def time_done(text: str, at: datetime | None = None) -> datetime | None:
    """A time typed as '14:05' (the clock the pages show): today's, or yesterday's when that is under 12 hours ago
    (an emergency duty officer after midnight recording a call made before it). Blank is now (None)."""
    text = text.strip().replace(".", ":")
    if not text:
        return None
    try:
        clock = time.fromisoformat(text if len(text) > 2 else f"{text}:00")
    except ValueError:
        raise Invalid(WORDS("staff.duty.error.time"), field="done_at") from None
    local = (at or now()).astimezone()
    done = local.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
    if done > local + timedelta(minutes=1) and local - (done - timedelta(days=1)) < timedelta(hours=12):
        done -= timedelta(days=1)
    return done


def contact_named(alert: AlertDetail) -> list[str]:
    """The placement contact's name words that the child's own words contain (the page warns before a call)."""
    return named_in(alert.placement_contact, alert.shown, alert.text)


async def acknowledge(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> Saved:
    """Take an alert: it stops escalating and shows who has it."""
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert.status != "open":
            raise Conflict("This alert has already been acknowledged.")
        await queries.acknowledge(conn, alert_id, principal.id, now())
        saved = await queries.add_event(conn, alert_id, principal.id, "acknowledged")
        await audit.record(conn, principal, "acknowledged", "alert", alert_id, reason="safeguarding")
    return saved


async def record_action(conn: asyncpg.Connection, principal: Principal, alert_id: int, data: ActionIn) -> Saved:
    """One more thing done, at the time it was done; each stays in the history. No further action needs a reason."""
    if data.action == "no_further_action" and len(data.note.strip()) < 10:
        raise Invalid("Say why no further action is needed (at least a sentence).", field="note")
    at = now()
    done_at = data.done_at or at
    if done_at.tzinfo is None:
        raise Invalid(WORDS("staff.duty.error.time"), field="done_at")
    if done_at > at + timedelta(minutes=1):
        raise Invalid(WORDS("staff.duty.error.time_future"), field="done_at")
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert.status == "closed":
            raise Conflict("This alert is closed.")
        if alert.status == "open":
            await queries.acknowledge(conn, alert_id, principal.id, at)
            await queries.add_event(conn, alert_id, principal.id, "acknowledged")
        note = data.note.strip()
        await queries.record_action(conn, alert_id, principal.id, data.action, note, done_at)
        saved = await queries.add_event(
            conn, alert_id, principal.id, "action", action=data.action, note=note, done_at=done_at.isoformat()
        )
        await audit.record(conn, principal, "recorded_action", "alert", alert_id, reason="safeguarding")
    return saved


async def add_note(conn: asyncpg.Connection, principal: Principal, alert_id: int, data: NoteIn) -> Saved:
    """Append a note to the alert's history; notes are never changed (a correction is a new note)."""
    note = data.note.strip()
    if not note:
        raise Invalid(WORDS("staff.duty.error.note_empty"), field="note")
    async with conn.transaction():
        await _locked(conn, principal, alert_id)
        saved = await queries.add_event(conn, alert_id, principal.id, "note", note=note)
        await audit.record(conn, principal, "added_note", "alert", alert_id, reason="safeguarding")
    return saved


async def refuse_note_edit(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> None:
    """An edit of a saved note is refused, and the attempt is in the audit log."""
    await _locked(conn, principal, alert_id)
    await audit.refused(conn, principal, "alert", alert_id, why="notes_are_append_only")
    raise Conflict(WORDS("staff.duty.error.note_edit"), field="note")


async def close(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> Saved:
    """Close an alert once an action is recorded."""
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert.status == "closed":
            raise Conflict("This alert is already closed.")
        if alert.action is None:
            raise Invalid("Record the action taken before closing the alert.", field="action")
        await queries.close(conn, alert_id, principal.id, now())
        saved = await queries.add_event(conn, alert_id, principal.id, "closed")
        await audit.record(conn, principal, "closed", "alert", alert_id, reason="safeguarding")
    return saved


async def change_level(conn: asyncpg.Connection, principal: Principal, alert_id: int, data: LevelIn) -> None:
    """Only a person may lower a level; their judgement then stands against the model."""
    async with conn.transaction():
        alert = await _locked(conn, principal, alert_id)
        if alert.status == "closed":
            raise Conflict("This alert is closed.")
        await queries.set_level(conn, alert_id, principal.id, data.level)
        await queries.add_event(conn, alert_id, principal.id, "level_changed", level=data.level, reason=data.reason)
        await audit.record(conn, principal, "changed_level", "alert", alert_id, reason=data.reason)


async def oversight(conn: asyncpg.Connection, principal: Principal, config: SafeguardingSettings) -> Oversight:
    config = await safeguarding_for(conn, principal.council_id, config)
    return await queries.oversight(
        conn, principal.council_id, now(), config.urgent_ack_minutes, config.concern_ack_minutes
    )


async def _locked(conn: asyncpg.Connection, principal: Principal, alert_id: int) -> queries.Locked:
    alert = await queries.lock(conn, alert_id, principal.council_id)
    if alert is None:
        raise NotFound("No alert with that number.")
    return alert
