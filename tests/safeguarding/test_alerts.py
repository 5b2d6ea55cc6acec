"""Every worry reaches a person: alerts raised with the submission, acted on, escalated on time."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from support import Client, Council

from heard import settings
from heard.safeguarding import services
from heard.safeguarding._schedule import in_office_hours

CONFIG = settings.SafeguardingSettings()


async def _send(child: Client, text: str) -> dict[str, object]:
    r = await child.post(
        "/api/submissions", json={"kind": "statement", "text": text}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _alert(db: asyncpg.Connection, submission_id: object) -> asyncpg.Record | None:
    return await db.fetchrow("select * from alerts where submission_id = $1", submission_id)


async def test_a_disclosure_creates_an_urgent_alert_before_the_child_sees_sent(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    receipt = await _send(ava, "my carer hits me when she is angry")
    assert receipt["safeguarding"] == "urgent"
    alert = await _alert(db, receipt["id"])
    assert alert is not None
    assert alert["level"] == "urgent"
    assert "abuse" in alert["categories"]
    assert alert["status"] == "open"
    assert alert["due_at"] - alert["raised_at"] == timedelta(minutes=15)
    notified = await db.fetch("select recipient, reason from notifications where alert_id = $1", alert["id"])
    duty = {council.staff["duty_officer"], council.staff["duty_manager"]}  # the manager is not a duty officer here
    assert {n["recipient"] for n in notified} <= duty | {CONFIG.emergency_duty_email}
    assert notified, "somebody must be told"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I don't feel unsafe at home, my carers are kind", None),
        ("If someone was hurting you who would you tell? We did that at school today", None),
        ("this homework is killing me lol", None),
        ("I used to cut myself but I stopped last year", "concern"),
        ("I want to kill myself tonight", "urgent"),
        ("i dont feel safe at home", "any"),
    ],
)
async def test_negated_and_hypothetical_words_raise_no_urgent_alert_and_past_harm_raises_a_concern(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, text: str, level: str | None
) -> None:
    ben = await clients().as_child(council.codes["Ben"])
    receipt = await _send(ben, text)
    alert = await _alert(db, receipt["id"])
    if level is None:
        assert alert is None, f"{text!r} raised {alert and alert['level']}"
    else:
        assert alert is not None, f"{text!r} raised nothing"
        assert level == "any" or alert["level"] == level


async def test_the_duty_officer_acknowledges_records_an_action_and_closes(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    receipt = await _send(ava, "my mums boyfriend hit me and I'm scared to go home")
    alert_id = (await _alert(db, receipt["id"]))["id"]
    duty = await clients().as_staff(council.staff["duty_officer"])
    queue = (await duty.get("/api/alerts/")).json()
    assert queue[0]["id"] == alert_id and queue[0]["level"] == "urgent"
    detail = (await duty.get(f"/api/alerts/{alert_id}")).json()
    assert "boyfriend hit me" in detail["text"]
    assert detail["workers"] == ["Iro (iro)", "Worker (worker)"]

    closing_too_early = await duty.post(f"/api/alerts/{alert_id}/close")
    assert closing_too_early.status_code == 422
    assert "Record the action taken" in closing_too_early.json()["detail"]
    assert (await duty.post(f"/api/alerts/{alert_id}/acknowledge")).json()["status"] == "acknowledged"
    twice = await duty.post(f"/api/alerts/{alert_id}/acknowledge")
    assert twice.status_code == 409
    no_reason = await duty.post(f"/api/alerts/{alert_id}/action", json={"action": "no_further_action"})
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "note"
    done = await duty.post(f"/api/alerts/{alert_id}/action", json={"action": "spoke_to_child", "note": "Visited today"})
    assert done.json()["action"] == "spoke_to_child"
    closed = (await duty.post(f"/api/alerts/{alert_id}/close")).json()
    assert closed["status"] == "closed"
    assert [e["kind"] for e in closed["events"]] == ["raised", "acknowledged", "action", "closed"]
    audited = await db.fetch("select action from audit_log where subject_kind = 'alert' and subject_id = $1", alert_id)
    assert {"read", "acknowledged", "recorded_action", "closed"} <= {a["action"] for a in audited}


async def test_acknowledging_with_the_wrong_role_or_without_csrf_is_rejected_and_the_alert_untouched(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    receipt = await _send(ava, "I want to kill myself")
    alert_id = (await _alert(db, receipt["id"]))["id"]
    for role in ["worker", "complaints_officer", "board_member", "admin"]:
        other = await clients().as_staff(council.staff[role])
        assert (await other.post(f"/api/alerts/{alert_id}/acknowledge")).status_code == 403, role
    assert (await ava.post(f"/api/alerts/{alert_id}/acknowledge")).status_code == 403
    duty = await clients().as_staff(council.staff["duty_officer"])
    del duty.headers["x-csrftoken"]
    assert (await duty.post(f"/api/alerts/{alert_id}/acknowledge")).status_code == 403
    page_post = await duty.post(f"/staff/alerts/{alert_id}", data={"step": "acknowledge"})
    assert page_post.status_code == 403
    assert (await _alert(db, receipt["id"]))["status"] == "open"


async def test_another_councils_duty_officer_cannot_see_the_alert(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    from support import make_council

    ava = await clients().as_child(council.codes["Ava"])
    receipt = await _send(ava, "my dad hits me")
    alert_id = (await _alert(db, receipt["id"]))["id"]
    other = await make_council(db)
    stranger = await clients().as_staff(other.staff["duty_officer"])
    assert (await stranger.get(f"/api/alerts/{alert_id}")).status_code == 404
    assert all(a["id"] != alert_id for a in (await stranger.get("/api/alerts/")).json())


async def _raised(db: asyncpg.Connection, council: Council, level: str, at: datetime) -> int:
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
               request_hash) values ($1, $2, 'statement', 'api', 'test', '{worker}', $3, '\\x00') returning id""",
        council.id,
        council.children["Dee"],
        uuid.uuid4().hex,
    )
    async with db.transaction():
        await services.raise_alert(
            db,
            CONFIG,
            council_id=council.id,
            submission_id=sid,
            child_id=council.children["Dee"],
            level=level,
            categories=["abuse"],
            triggers=["hits me"],
            source="screen",
            at=at,
        )
    return int(await db.fetchval("select id from alerts where submission_id = $1", sid))


async def _recipients(db: asyncpg.Connection, alert_id: int, reason: str) -> set[str]:
    rows = await db.fetch("select recipient from notifications where alert_id = $1 and reason = $2", alert_id, reason)
    return {r["recipient"] for r in rows}


def _tuesday_morning_ahead() -> datetime:
    """A Tuesday at 10:00 UTC in office hours, four weeks or more ahead. The session's real worker escalates at the
    real time, so it never reaches the alerts of tests that drive the clock themselves (with a date in the past,
    it could take one mid-test and hold its row lock while the test escalates)."""
    day = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=28)
    while day.weekday() != 1 or not in_office_hours(day, CONFIG.office_hours, CONFIG.timezone):
        day += timedelta(days=1)
    return day


TUESDAY_MORNING = _tuesday_morning_ahead()


async def test_an_unacknowledged_urgent_alert_escalates_at_t1_then_t2(council: Council, db: asyncpg.Connection) -> None:
    alert_id = await _raised(db, council, "urgent", TUESDAY_MORNING)
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(minutes=14))
    assert await _recipients(db, alert_id, "escalated_1") == set()
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(minutes=15, seconds=1))
    assert await _recipients(db, alert_id, "escalated_1") == {council.staff["duty_manager"]}
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(minutes=59))
    assert await _recipients(db, alert_id, "escalated_2") == set()
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(minutes=61))
    assert await _recipients(db, alert_id, "escalated_2") == {council.staff["head_of_service"]}
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(hours=5))
    assert await db.fetchval("select count(*) from notifications where alert_id = $1", alert_id) == 3


async def test_after_a_worker_outage_every_missed_escalation_happens_at_once(
    council: Council, db: asyncpg.Connection
) -> None:
    alert_id = await _raised(db, council, "urgent", TUESDAY_MORNING)
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(hours=3))
    events = await db.fetch("select kind, detail from alert_events where alert_id = $1 order by id", alert_id)
    assert [e["kind"] for e in events] == ["raised", "escalated_1", "escalated_2"]
    assert events[1]["detail"]["due_at"].startswith(
        (TUESDAY_MORNING + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M")
    )
    assert await _recipients(db, alert_id, "escalated_2") == {council.staff["head_of_service"]}


async def test_an_acknowledged_alert_does_not_escalate(
    council: Council, db: asyncpg.Connection, clients: Callable[[], Client]
) -> None:
    alert_id = await _raised(db, council, "urgent", TUESDAY_MORNING)
    duty = await clients().as_staff(council.staff["duty_officer"])
    assert (await duty.post(f"/api/alerts/{alert_id}/acknowledge")).status_code == 200
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(hours=3))
    assert await _recipients(db, alert_id, "escalated_1") == set()


async def test_concern_alerts_have_longer_targets(council: Council, db: asyncpg.Connection) -> None:
    alert_id = await _raised(db, council, "concern", TUESDAY_MORNING)
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(minutes=61))
    assert await _recipients(db, alert_id, "escalated_1") == set()
    await services.escalate_due(db, CONFIG, TUESDAY_MORNING + timedelta(hours=4, minutes=1))
    assert await _recipients(db, alert_id, "escalated_1") == {council.staff["duty_manager"]}


def test_out_of_hours_follows_the_schedule_and_bank_holidays() -> None:
    schedule, tz = "Mon-Fri 09:00-17:00", "Europe/London"
    assert in_office_hours(TUESDAY_MORNING, schedule, tz)
    assert not in_office_hours(datetime(2026, 11, 24, 18, 0, tzinfo=UTC), schedule, tz)
    assert not in_office_hours(datetime(2026, 11, 28, 11, 0, tzinfo=UTC), schedule, tz)  # Saturday
    assert not in_office_hours(datetime(2026, 12, 25, 11, 0, tzinfo=UTC), schedule, tz)  # Christmas Day
    assert in_office_hours(datetime(2026, 7, 1, 8, 30, tzinfo=UTC), schedule, tz)  # 09:30 in summer time
    assert not in_office_hours(datetime(2026, 7, 1, 8, 30, tzinfo=UTC), schedule, "UTC")


async def test_out_of_hours_alerts_go_to_the_emergency_duty_team(council: Council, db: asyncpg.Connection) -> None:
    config = settings.SafeguardingSettings(emergency_duty_email="edt@example.org")
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
               request_hash) values ($1, $2, 'statement', 'api', 'test', '{worker}', $3, '\\x00') returning id""",
        council.id,
        council.children["Dee"],
        uuid.uuid4().hex,
    )
    saturday_night = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
    await services.raise_alert(
        db,
        config,
        council_id=council.id,
        submission_id=sid,
        child_id=council.children["Dee"],
        level="urgent",
        categories=["missing"],
        triggers=["ran away"],
        source="screen",
        at=saturday_night,
    )
    alert = await _alert(db, sid)
    assert alert["route"] == "emergency_duty_team"
    assert await _recipients(db, alert["id"], "raised") == {"edt@example.org"}
