"""SQL for alerts, their notifications and escalations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
import msgspec

import surveys
from heard.safeguarding.schemas import AlertDetail, Oversight, QueueCounts, QueuedAlert, Saved

# Insert a new alert, or raise an existing open one (level up, categories and triggers added).
# Returns the alert and whether its level went up, so the caller knows to notify. A level a person confirmed
# stands against another reading of the same words; new words from the child ($11) can still raise it.
_UPSERT = """
with before as (select id, level from alerts where submission_id = $2)
insert into alerts (council_id, submission_id, child_id, level, categories, triggers, source, route,
                    raised_at, due_at, next_escalation_at)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
on conflict (submission_id) do update set
    level = case when alerts.level_confirmed_by is not null and not $11 then alerts.level  -- a person's judgement
                 when alerts.level = 'urgent' or excluded.level = 'urgent' then 'urgent' else 'concern' end,
    categories = array(select distinct unnest(alerts.categories || excluded.categories) order by 1),
    triggers = array(select distinct unnest(alerts.triggers || excluded.triggers) order by 1),
    due_at = case when alerts.status = 'open' then least(alerts.due_at, excluded.due_at) else alerts.due_at end,
    next_escalation_at = case when alerts.status = 'open' and alerts.escalation_level = 0
                              then least(alerts.next_escalation_at, excluded.due_at)
                              else alerts.next_escalation_at end
where alerts.status <> 'closed'
returning id, level, route, (select level from before) as previous_level
"""


class Raised(msgspec.Struct, frozen=True):
    id: int
    level: str
    route: str
    previous_level: str | None


async def upsert_alert(conn: asyncpg.Connection, *args: Any, new_words: bool = False) -> Raised | None:
    row = await conn.fetchrow(_UPSERT, *args, new_words)
    return None if row is None else Raised(**dict(row))


# Open a closed alert again, as if raised now: the new words' level (a person's judgement was of the old words),
# the kinds of worry added, the clocks restarted, and no action yet for what is new (the old ones stay in the
# history). With $10 (higher_only), only when the new level is above the one it was closed at.
_REOPEN = """
update alerts a set
    level = $3, level_confirmed_by = null,
    categories = array(select distinct unnest(a.categories || $4::text[]) order by 1),
    triggers = array(select distinct unnest(a.triggers || $5::text[]) order by 1),
    source = $6, route = $7, status = 'open', raised_at = $8, due_at = $9, next_escalation_at = $9,
    escalation_level = 0, acknowledged_at = null, acknowledged_by = null, closed_at = null, closed_by = null,
    action = null, action_note = null, action_by = null, action_at = null, reopened = a.reopened + 1
from (select id, level from alerts where council_id = $1 and submission_id = $2) before
where a.id = before.id and a.status = 'closed'
  and (not $10 or (case $3 when 'urgent' then 2 else 1 end) > (case before.level when 'urgent' then 2 else 1 end))
returning a.id, a.level, a.route, before.level as previous_level
"""


async def reopen_alert(
    conn: asyncpg.Connection,
    council_id: int,
    submission_id: int,
    level: str,
    categories: list[str],
    triggers: list[str],
    source: str,
    route: str,
    raised_at: datetime,
    due_at: datetime,
    higher_only: bool,
) -> Raised | None:
    """The submission's closed alert, opened again; None when it is not closed (or not lower, with higher_only)."""
    row = await conn.fetchrow(
        _REOPEN, council_id, submission_id, level, categories, triggers, source, route, raised_at, due_at, higher_only
    )
    return None if row is None else Raised(**dict(row))


# Notifications for everyone with `role` in the council (or one address), each with its outbox row.
_NOTIFY_ROLE = """
with n as (
    insert into notifications (alert_id, channel, recipient, reason, round)
    select $1, 'email', email, $3, (select reopened from alerts where id = $1) from staff
    where council_id = (select council_id from alerts where id = $1) and $2 = any(roles) and disabled_at is null
    on conflict do nothing
    returning id
)
insert into outbox (job, args, job_key)
select 'send_notification', json_build_object('notification_id', id)::jsonb, 'notify:' || id from n
returning id, args
"""

_NOTIFY_ONE = """
with n as (
    insert into notifications (alert_id, channel, recipient, reason, round)
    values ($1, $2, $3, $4, (select reopened from alerts where id = $1))
    on conflict do nothing
    returning id
)
insert into outbox (job, args, job_key)
select 'send_notification', json_build_object('notification_id', id)::jsonb, 'notify:' || id from n
returning id, args
"""


async def notify_role(
    conn: asyncpg.Connection, alert_id: int, role: str, reason: str
) -> list[tuple[int, dict[str, Any]]]:
    return [(r["id"], r["args"]) for r in await conn.fetch(_NOTIFY_ROLE, alert_id, role, reason)]


async def notify_one(
    conn: asyncpg.Connection, alert_id: int, channel: str, recipient: str, reason: str
) -> list[tuple[int, dict[str, Any]]]:
    return [(r["id"], r["args"]) for r in await conn.fetch(_NOTIFY_ONE, alert_id, channel, recipient, reason)]


async def add_event(conn: asyncpg.Connection, alert_id: int, staff_id: int | None, kind: str, **detail: Any) -> Saved:
    """Append a step to the alert's history (append-only: 0014's trigger refuses any edit but erasure)."""
    row = await conn.fetchrow(
        "insert into alert_events (alert_id, staff_id, kind, detail) values ($1, $2, $3, $4) returning id, kind, at",
        alert_id,
        staff_id,
        kind,
        detail,
    )
    assert row is not None
    return Saved(event_id=row["id"], kind=row["kind"], at=row["at"])


_QUEUE = """
select a.id, a.submission_id, a.level, a.categories, a.status, a.raised_at, a.due_at,
       (extract(epoch from ($2::timestamptz - a.raised_at)) / 60)::int as minutes_open,
       (a.status = 'open' and a.due_at < $2) as overdue, a.escalation_level, a.route,
       c.reference as child_reference, c.known_as as child_name
from alerts a left join children c on c.id = a.child_id
where a.council_id = $1 and a.status <> 'closed' and ($3::text is null or a.route = $3)
order by (a.level = 'urgent') desc, (a.status = 'open') desc, a.raised_at
limit 500
"""


async def duty_queue(conn: asyncpg.Connection, council_id: int, now: datetime, route: str | None) -> list[QueuedAlert]:
    return [msgspec.convert(dict(r), QueuedAlert) for r in await conn.fetch(_QUEUE, council_id, now, route)]


# Both queues' sizes and the chosen queue's urgent, unacknowledged and overdue alerts, in one round trip.
_COUNTS = """
select count(*) filter (where route = 'duty') as day,
       count(*) filter (where route = 'emergency_duty_team') as edt,
       count(*) filter (where route = $3 and level = 'urgent') as urgent,
       count(*) filter (where route = $3 and status = 'open') as open,
       count(*) filter (where route = $3 and status = 'open' and due_at < $2) as overdue
from alerts where council_id = $1 and status <> 'closed'
"""


async def queue_counts(conn: asyncpg.Connection, council_id: int, now: datetime, route: str) -> QueueCounts:
    row = await conn.fetchrow(_COUNTS, council_id, now, route)
    return msgspec.convert(dict(row or {}), QueueCounts)


_DETAIL = """
select a.id, a.level, a.categories, a.triggers, a.source, a.status, a.route, a.raised_at, a.due_at,
       a.escalation_level, a.acknowledged_at, ack.name as acknowledged_by, a.action, a.action_note, a.closed_at,
       s.id as submission_id,
       s.free_text as text, s.answers, s.instrument, s.instrument_version,
       c.id as child_id, c.reference as child_reference, c.known_as as child_name, c.placement_type,
       c.placement_contact,
       r.language, r.translation, rs.name as translated_by, r.translated_at,
       coalesce((select json_agg(json_build_object('id', m.id, 'body', m.body, 'at', m.created_at) order by m.id)
                 from child_messages m where m.submission_id = s.id), '[]') as messages,
       coalesce((select array_agg(st.name || ' (' || al.relation || ')' order by al.relation, st.name)
                 from allocations al join staff st on st.id = al.staff_id
                 where al.child_id = c.id and al.starts_on <= current_date
                   and (al.ends_on is null or al.ends_on >= current_date)), '{}') as workers,
       coalesce((select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'at', e.at, 'by', es.name,
                                                   'detail', e.detail) order by e.at, e.id)
                 from alert_events e left join staff es on es.id = e.staff_id where e.alert_id = a.id), '[]') as events
from alerts a
join submissions s on s.id = a.submission_id
left join children c on c.id = a.child_id
left join staff ack on ack.id = a.acknowledged_by
left join readings r on r.submission_id = s.id
left join staff rs on rs.id = r.translated_by
where a.id = $1 and a.council_id = $2
"""


async def detail(conn: asyncpg.Connection, alert_id: int, council_id: int) -> AlertDetail | None:
    row = await conn.fetchrow(_DETAIL, alert_id, council_id)
    if row is None:
        return None
    values = dict(row)
    values["shown"] = surveys.show_submission(
        values.pop("instrument"), values.pop("instrument_version"), values.pop("answers"), values["text"], "en"
    )
    return msgspec.convert(values, AlertDetail, from_attributes=True)


class Locked(msgspec.Struct, frozen=True):
    """An alert held for update while a person takes a step on it."""

    id: int
    status: str
    level: str
    action: str | None


_LOCK = "select id, status, level, action from alerts where id = $1 and council_id = $2 for update"


async def lock(conn: asyncpg.Connection, alert_id: int, council_id: int) -> Locked | None:
    row = await conn.fetchrow(_LOCK, alert_id, council_id)
    return None if row is None else Locked(**dict(row))


async def acknowledge(conn: asyncpg.Connection, alert_id: int, staff_id: int, now: datetime) -> None:
    await conn.execute(
        """update alerts set status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $2,
                  next_escalation_at = null where id = $1""",
        alert_id,
        staff_id,
        now,
    )


async def record_action(
    conn: asyncpg.Connection, alert_id: int, staff_id: int, action: str, note: str, now: datetime
) -> None:
    await conn.execute(
        "update alerts set action = $3, action_note = $4, action_by = $2, action_at = $5 where id = $1",
        alert_id,
        staff_id,
        action,
        note,
        now,
    )


async def close(conn: asyncpg.Connection, alert_id: int, staff_id: int, now: datetime) -> None:
    await conn.execute(
        "update alerts set status = 'closed', closed_at = $3, closed_by = $2, next_escalation_at = null where id = $1",
        alert_id,
        staff_id,
        now,
    )


async def set_level(conn: asyncpg.Connection, alert_id: int, staff_id: int, level: str) -> None:
    await conn.execute("update alerts set level = $3, level_confirmed_by = $2 where id = $1", alert_id, staff_id, level)


_DUE = """
select id, council_id, level, escalation_level, raised_at, next_escalation_at, route from alerts
where status = 'open' and next_escalation_at <= $1
order by next_escalation_at
for update skip locked
limit 200
"""


class Due(msgspec.Struct, frozen=True):
    """An open alert whose next escalation time has passed."""

    id: int
    council_id: int
    level: str
    escalation_level: int
    raised_at: datetime
    next_escalation_at: datetime | None
    route: str


async def due_escalations(conn: asyncpg.Connection, now: datetime) -> list[Due]:
    return [Due(**dict(r)) for r in await conn.fetch(_DUE, now)]


async def escalated(conn: asyncpg.Connection, alert_id: int, level: int, next_at: datetime | None) -> None:
    await conn.execute(
        "update alerts set escalation_level = $2, next_escalation_at = $3 where id = $1", alert_id, level, next_at
    )


_OVERSIGHT = """
with a as (
    select level, categories, status, escalation_level, raised_at,
           extract(epoch from (acknowledged_at - raised_at)) / 60 as ack_minutes,
           extract(epoch from ($2::timestamptz - raised_at)) / 60 as age_minutes
    from alerts where council_id = $1 and raised_at > $2::timestamptz - interval '90 days'
)
select
  (select coalesce(json_object_agg(level, n), '{}')
     from (select level, count(*) n from a group by level) x) as by_level,
  (select coalesce(json_object_agg(cat, n), '{}')
     from (select unnest(categories) cat, count(*) n from a group by 1) x) as by_category,
  (select coalesce(json_object_agg(level, m), '{}') from (
      select level, percentile_cont(0.5) within group (order by ack_minutes) m from a
      where ack_minutes is not null group by level) x) as ack_median_minutes,
  (select coalesce(json_object_agg(level, m), '{}') from (
      select level, percentile_cont(0.9) within group (order by ack_minutes) m from a
      where ack_minutes is not null group by level) x) as ack_p90_minutes,
  (select coalesce(json_object_agg(level, share), '{}') from (
      select level,
             avg(case when ack_minutes <= case level when 'urgent' then $3::int else $4::int end then 1.0 else 0.0 end)
             as share from a where ack_minutes is not null group by level) x) as ack_within_target,
  (select json_build_object('to_duty_manager', count(*) filter (where escalation_level >= 1),
                            'to_head_of_service', count(*) filter (where escalation_level >= 2)) from a) as escalations,
  (select json_build_object(
      'under_1_hour', count(*) filter (where age_minutes < 60),
      '1_to_24_hours', count(*) filter (where age_minutes >= 60 and age_minutes < 1440),
      '1_to_7_days', count(*) filter (where age_minutes >= 1440 and age_minutes < 10080),
      'over_7_days', count(*) filter (where age_minutes >= 10080)) from a where status <> 'closed') as open_by_age
"""


async def oversight(
    conn: asyncpg.Connection, council_id: int, now: datetime, urgent_target: int, concern_target: int
) -> Oversight:
    row = await conn.fetchrow(_OVERSIGHT, council_id, now, urgent_target, concern_target)
    assert row is not None
    values = dict(row)
    values["target_minutes"] = {"urgent": urgent_target, "concern": concern_target}
    for key in ("ack_median_minutes", "ack_p90_minutes", "ack_within_target"):
        values[key] = {level: values[key].get(level) for level in ("urgent", "concern")}
    values["by_level"] = {level: values["by_level"].get(level, 0) for level in ("urgent", "concern")}
    return msgspec.convert(values, Oversight)


class Notification(msgspec.Struct, frozen=True, kw_only=True):
    """One notification of an alert to send: where to, why, and the alert's level and number (never its words)."""

    id: int
    channel: str
    recipient: str
    reason: str
    sent_at: datetime | None
    alert_id: int
    council_id: int
    level: str
    raised_at: datetime


_NOTIFICATION = """
select n.id, n.channel, n.recipient, n.reason, n.sent_at, a.id as alert_id, a.council_id, a.level, a.raised_at
from notifications n join alerts a on a.id = n.alert_id where n.id = $1
"""


async def notification(conn: asyncpg.Connection, notification_id: int) -> Notification | None:
    row = await conn.fetchrow(_NOTIFICATION, notification_id)
    return None if row is None else Notification(**dict(row))


async def mark_sent(conn: asyncpg.Connection, notification_id: int) -> None:
    await conn.execute(
        "update notifications set sent_at = now(), attempts = attempts + 1 where id = $1", notification_id
    )
    await conn.execute("insert into notification_attempts (notification_id, ok) values ($1, true)", notification_id)


async def record_failure(conn: asyncpg.Connection, notification_id: int, detail: str) -> None:
    await conn.execute("update notifications set attempts = attempts + 1 where id = $1", notification_id)
    await conn.execute(
        "insert into notification_attempts (notification_id, ok, detail) values ($1, false, $2)",
        notification_id,
        detail,
    )
