"""The duty queue worded once: the page renders these rows, and its script puts the same rows in place when polling."""

from __future__ import annotations

from datetime import datetime

from heard.i18n import catalogue
from heard.principal import Principal
from heard.safeguarding.schemas import (
    ACTION_LABELS,
    AlertDetail,
    AlertEvent,
    LiveQueue,
    LiveRow,
    Queue,
    QueueCounts,
    QueuedAlert,
)
from heard.templating import minutes, when

WORDS = catalogue("en")  # the duty pages are staff pages, in English


def clock(moment: datetime) -> str:
    """'14:05', in the same zone as the dates beside it."""
    return moment.astimezone().strftime("%H:%M")


def announcement(counts: QueueCounts, queue: Queue) -> str:
    """What a screen reader hears when the queue changes."""
    total = counts.day if queue == "day" else counts.edt
    return WORDS("staff.duty.queue.announce", count=total, open=counts.open, urgent=counts.urgent)


def row(alert: QueuedAlert) -> LiveRow:
    raised = WORDS("staff.duty.ago", minutes=minutes(max(alert.minutes_open, 0)))
    if alert.due_at and alert.status == "open":
        raised += "; " + WORDS("staff.duty.target", time=when(alert.due_at))
    if alert.overdue:
        status = WORDS("staff.duty.status.escalated" if alert.escalation_level else "staff.duty.status.overdue")
    else:
        status = WORDS(f"staff.duty.status.{alert.status}")
    child = alert.child_name or WORDS("staff.duty.anonymous")
    return LiveRow(
        id=alert.id,
        href=f"/staff/alerts/{alert.id}",
        title=WORDS("staff.duty.alert_number", id=alert.id),
        level=alert.level,
        level_label=WORDS(f"staff.duty.level.{alert.level}"),
        categories=", ".join(alert.categories).replace("_", " "),
        child=f"{child} ({alert.child_reference})" if alert.child_reference else child,
        raised=raised,
        status=status,
        overdue=alert.overdue,
        route=WORDS(f"staff.duty.route.{alert.route}"),
    )


def worded(queue: Queue, alerts: list[QueuedAlert], counts: QueueCounts, at: datetime) -> LiveQueue:
    return LiveQueue(
        queue=queue,
        as_of=at,
        updated=WORDS("staff.duty.queue.updated", time=clock(at)),
        counts=counts,
        rows=[row(a) for a in alerts],
        announcement=announcement(counts, queue),
    )


def done_time(event: AlertEvent) -> datetime:
    """When a step was done: an action's own time when the officer gave one, else when it was saved."""
    done = event.detail.get("done_at")
    return datetime.fromisoformat(done) if isinstance(done, str) else event.at


def confirmation(alert: AlertDetail, event_id: int | None, user: Principal) -> str | None:
    """'Saved: phoned the placement at 14:05.' for the step this person just saved; None for anyone else's."""
    event = next((e for e in alert.events if e.id == event_id), None)
    if event is None or event.by != user.name or event.kind not in {"acknowledged", "action", "note", "closed"}:
        return None
    at = clock(done_time(event))
    if event.kind == "action":
        label = ACTION_LABELS.get(str(event.detail.get("action")), "")
        return WORDS("staff.duty.saved.action", action=label[:1].lower() + label[1:], time=at)
    return WORDS(f"staff.duty.saved.{event.kind}", time=at)


def history(event: AlertEvent) -> str:
    """One line of an alert's history: what happened, by whom; an action's kind and, when given, its time."""
    line = WORDS(f"staff.duty.event.{event.kind}") if WORDS.has(f"staff.duty.event.{event.kind}") else event.kind
    if event.kind == "action":
        line += ": " + ACTION_LABELS.get(str(event.detail.get("action")), "")
        if "done_at" in event.detail:
            line += ", " + WORDS("staff.duty.event.done_at", time=clock(done_time(event)))
    if event.by:
        line += " " + WORDS("staff.duty.event.by", name=event.by)
    return line
