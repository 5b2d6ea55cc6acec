"""The duty queue keeps up: day and out-of-hours queues, timed actions in the history, notes nobody can rewrite."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from support import Client, Council

from heard import settings
from heard.safeguarding import services
from heard.safeguarding._contact import contact_names, named_in
from heard.safeguarding._schedule import in_office_hours
from surveys import Shown

CONFIG = settings.SafeguardingSettings()


def _past(weekday: int, hour: int) -> datetime:
    """A fixed clock: the most recent such weekday and hour (UTC, England in winter or summer alike) at least a
    week ago, so the session's worker has no escalation to race these tests for."""
    day = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0) - timedelta(days=7)
    while day.weekday() != weekday:
        day -= timedelta(days=1)
    return day


def in_hours() -> datetime:
    day = _past(1, 11)
    while not in_office_hours(day, CONFIG.office_hours, CONFIG.timezone):
        day -= timedelta(days=7)
    return day


SATURDAY_NIGHT = _past(5, 23)
CHRISTMAS_MORNING = datetime(2025, 12, 25, 11, 0, tzinfo=UTC)  # a Thursday, an English bank holiday


async def raise_at(
    db: asyncpg.Connection, council: Council, at: datetime, text: str = "test", child: str = "Dee"
) -> int:
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
               request_hash) values ($1, $2, 'statement', 'api', $4, '{worker}', $3, '\\x00') returning id""",
        council.id,
        council.children[child],
        uuid.uuid4().hex,
        text,
    )
    async with db.transaction():
        await services.raise_alert(
            db,
            CONFIG,
            council_id=council.id,
            submission_id=sid,
            child_id=council.children[child],
            level="urgent",
            categories=["abuse"],
            triggers=["hits me"],
            source="screen",
            at=at,
        )
    return int(await db.fetchval("select id from alerts where submission_id = $1", sid))


async def test_an_alert_raised_out_of_hours_is_in_the_emergency_duty_teams_queue_not_the_days(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    day = await raise_at(db, council, in_hours())
    night = await raise_at(db, council, SATURDAY_NIGHT)
    holiday = await raise_at(db, council, CHRISTMAS_MORNING)
    duty = await clients().as_staff(council.staff["duty_officer"])
    day_queue = (await duty.get("/staff/alerts/live?queue=day")).json()
    edt_queue = (await duty.get("/staff/alerts/live?queue=edt")).json()
    assert [r["id"] for r in day_queue["rows"]] == [day]
    assert {r["id"] for r in edt_queue["rows"]} == {night, holiday}
    assert all(r["route"] == "Out of hours: emergency duty team" for r in edt_queue["rows"])
    assert day_queue["counts"] == edt_queue["counts"] | {"urgent": 1, "open": 1, "overdue": 1}
    assert (day_queue["counts"]["day"], day_queue["counts"]["edt"]) == (1, 2)
    raw = await db.fetch("select route, count(*) from alerts where council_id = $1 group by route", council.id)
    assert {r["route"]: r["count"] for r in raw} == {"duty": 1, "emergency_duty_team": 2}
    api = {q: [a["id"] for a in (await duty.get(f"/api/alerts/?queue={q}")).json()] for q in ("day", "edt")}
    assert api["day"] == [day] and set(api["edt"]) == {night, holiday}
    assert {a["id"] for a in (await duty.get("/api/alerts/")).json()} == {day, night, holiday}
    wrong = await duty.get("/staff/alerts/live?queue=night", headers={"accept": "application/json"})
    assert wrong.status_code == 400 and "queue" in wrong.text
    page = await duty.get("/staff/alerts?queue=edt")
    assert "Emergency duty team (out of hours)" in page.text
    assert f"/staff/alerts/{night}" in page.text and f"/staff/alerts/{day}" not in page.text
    assert "Out of hours: emergency duty team" in page.text


async def test_without_javascript_the_queue_page_lists_alerts_and_a_refresh_link(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    alert_id = await raise_at(db, council, in_hours())
    duty = await clients().as_staff(council.staff["duty_officer"])
    page = await duty.get("/staff/alerts?queue=day")
    assert page.status_code == 200
    assert f'href="/staff/alerts/{alert_id}">Alert {alert_id}</a>' in page.text
    assert '<a href="/staff/alerts?queue=day">Refresh the queue</a>' in page.text
    assert "Overdue, escalated" in page.text or "Overdue" in page.text
    assert '<script src="/static/duty.js" defer></script>' in page.text
    assert "<script>" not in page.text  # no inline script: the CSP stays strict
    script = await duty.get("/static/duty.js")
    assert script.status_code == 200 and "setInterval" in script.text
    csp = page.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp.split("script-src")[-1].split(";")[0]


async def test_several_timed_actions_each_stay_in_the_history_with_who_and_when(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    alert_id = await raise_at(db, council, in_hours())
    duty = await clients().as_staff(council.staff["duty_officer"])
    first = await duty.post(
        f"/staff/alerts/{alert_id}", data={"step": "action", "action": "phoned_placement", "done_at": "00:00"}
    )
    assert first.status_code == 303
    saved = re.search(r"saved=(\d+)", first.headers["location"])
    assert saved
    page = await duty.get(first.headers["location"])
    assert "Saved: phoned the placement at 00:00." in page.text
    second = await duty.post(
        f"/staff/alerts/{alert_id}", data={"step": "action", "action": "referred_mash", "note": "MASH ref 123"}
    )
    page = await duty.get(second.headers["location"])
    assert re.search(r"Saved: referred to the MASH at \d\d:\d\d\.", page.text)
    events = await db.fetch(
        # The raising and every person's step (the session's worker may add escalations of its own between).
        "select e.kind, e.detail, s.name from alert_events e left join staff s on s.id = e.staff_id"
        " where alert_id = $1 and (e.staff_id is not null or e.kind = 'raised') order by e.id",
        alert_id,
    )
    assert [e["kind"] for e in events] == ["raised", "acknowledged", "action", "action"]
    assert [e["detail"].get("action") for e in events[2:]] == ["phoned_placement", "referred_mash"]
    assert {e["name"] for e in events[1:]} == {"Duty Officer"}
    history = page.text[page.text.index('id="history"') :]
    assert "Action: Phoned the placement, done at 00:00 by Duty Officer" in history
    assert "Action: Referred to the MASH" in history and "MASH ref 123" in history
    audited = await db.fetch("select action from audit_log where subject_kind = 'alert' and subject_id = $1", alert_id)
    assert [a["action"] for a in audited].count("recorded_action") == 2


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"step": "action", "note": "kept words"}, "action", "Choose what was done."),
        (
            {"step": "action", "action": "phoned_placement", "done_at": "25:99", "note": "kept words"},
            "done_at",
            "Enter the time as hours and minutes on the 24-hour clock, for example 14:05.",
        ),
        (
            {"step": "action", "action": "phoned_placement", "done_at": "half two", "note": "kept words"},
            "done_at",
            "Enter the time as hours and minutes",
        ),
        ({"step": "note", "note": "   "}, "new_note", "Write the note before saving it."),
        ({"step": "note", "note": "x" * 4001}, "new_note", "The note is too long"),
        ({"step": "sing"}, "step", "That is not something this page can do."),
    ],
)
async def test_a_wrong_step_is_refused_plainly_and_what_was_typed_is_kept(
    council: Council,
    clients: Callable[[], Client],
    db: asyncpg.Connection,
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    alert_id = await raise_at(db, council, in_hours())
    duty = await clients().as_staff(council.staff["duty_officer"])
    r = await duty.post(f"/staff/alerts/{alert_id}", data=data)
    assert r.status_code == 400
    assert message in r.text
    assert f'href="#{field}"' in r.text
    if data.get("note") == "kept words":
        assert ">kept words</textarea>" in r.text
    # Nothing a person did was recorded (the session's worker may add its own escalations meanwhile).
    steps = "select count(*) from alert_events where alert_id = $1 and staff_id is not null"
    assert await db.fetchval(steps, alert_id) == 0


async def test_a_time_later_than_now_is_refused(council: Council, clients: Callable[[], Client], db) -> None:  # type: ignore[no-untyped-def]
    later = (datetime.now().astimezone() + timedelta(hours=2)).strftime("%H:%M")
    if services.time_done(later) < datetime.now(UTC) - timedelta(hours=12):
        pytest.skip("two hours on is before midnight's yesterday rule here")
    alert_id = await raise_at(db, council, in_hours())
    duty = await clients().as_staff(council.staff["duty_officer"])
    r = await duty.post(
        f"/staff/alerts/{alert_id}", data={"step": "action", "action": "visited_child", "done_at": later}
    )
    if services.time_done(later) <= datetime.now(UTC):
        assert r.status_code == 303  # after 22:00 two hours on is yesterday's time: accepted
    else:
        assert r.status_code == 400 and "cannot be later than now" in r.text


async def test_notes_append_and_an_edit_is_refused_plainly(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    alert_id = await raise_at(db, council, in_hours())
    duty = await clients().as_staff(council.staff["duty_officer"])
    r = await duty.post(f"/staff/alerts/{alert_id}", data={"step": "note", "note": "Carer says he is at school"})
    assert r.status_code == 303
    page = await duty.get(r.headers["location"])
    assert re.search(r"Saved: note added at \d\d:\d\d\.", page.text)
    note_id = int(re.search(r"saved=(\d+)", r.headers["location"]).group(1))  # type: ignore[union-attr]
    edit = await duty.post(
        f"/staff/alerts/{alert_id}",
        data={"step": "edit_note", "note_id": str(note_id), "note": "Carer says he is at home"},
    )
    assert edit.status_code == 400
    assert "Notes cannot be changed once saved. To correct a note, add a new note" in edit.text
    for method in ("PUT", "PATCH", "DELETE"):
        api = await duty.request(method, f"/api/alerts/{alert_id}/notes/{note_id}", json={"note": "changed"})
        assert api.status_code == 409, method
        assert "Notes cannot be changed once saved" in api.json()["detail"]
    with pytest.raises(asyncpg.exceptions.CheckViolationError, match="append-only"):
        await db.execute('update alert_events set detail = \'{"note": "changed"}\' where id = $1', note_id)
    with pytest.raises(asyncpg.exceptions.CheckViolationError, match="append-only"):
        await db.execute("delete from alert_events where id = $1", note_id)
    correction = await duty.post(f"/api/alerts/{alert_id}/notes", json={"note": "Correction: he is at home"})
    assert correction.status_code == 200
    notes = [e["detail"]["note"] for e in correction.json()["events"] if e["kind"] == "note"]
    assert notes == ["Carer says he is at school", "Correction: he is at home"]
    refused = await db.fetchval(
        "select count(*) from audit_log where subject_id = $1 and action = 'denied' and reason = 'notes_are_append_only'",
        alert_id,
    )
    assert refused == 4
    assert (
        await db.fetchval("select count(*) from audit_log where subject_id = $1 and action = 'added_note'", alert_id)
        == 2
    )


async def test_erasure_may_still_take_a_notes_words_away(council: Council, db: asyncpg.Connection) -> None:
    alert_id = await raise_at(db, council, in_hours())
    await db.execute(
        "insert into alert_events (alert_id, kind, detail) values ($1, 'note', '{\"note\": \"words\"}')", alert_id
    )
    await db.execute("update alert_events set detail = detail - 'note' where alert_id = $1", alert_id)
    assert await db.fetchval("select count(*) from alert_events where alert_id = $1 and detail ? 'note'", alert_id) == 0


async def test_the_page_warns_when_the_placement_contact_is_named_in_the_statement(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await db.execute(
        "update children set placement_contact = 'Foster carer: Jane Okafor, 01632 960555' where id = $1",
        council.children["Dee"],
    )
    named = await raise_at(db, council, in_hours(), text="jane hits me when the others are out")
    not_named = await raise_at(db, council, in_hours(), text="someone at school hits me")
    duty = await clients().as_staff(council.staff["duty_officer"])
    warned = await duty.get(f"/staff/alerts/{named}")
    assert "Take care before you call: the child&#39;s statement names Jane" in warned.text
    assert "01632 960555" in warned.text
    quiet = await duty.get(f"/staff/alerts/{not_named}")
    assert "Take care before you call" not in quiet.text


def test_contact_names_leave_out_roles_and_numbers() -> None:
    assert contact_names("Carer: 01632 960100") == []
    assert contact_names("Mrs Jane O'Brien (foster carer) 07700 900123") == ["Jane", "O'Brien"]
    assert contact_names("Oakwood House children's home, manager Sam") == ["Oakwood", "Sam"]
    assert named_in("Mr Tom Hale", Shown(words="tom's always shouting"), "") == ["Tom"]
    assert named_in("Mr Tom Hale", Shown(words="tomorrow is my review"), "") == []


async def test_with_no_queue_chosen_the_page_opens_on_the_team_on_duty_now(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await db.execute(
        "insert into council_settings (council_id, office_hours, totp_roles) values ($1, 'Mon-Sun 00:00-23:59', '{admin}')",
        council.id,
    )
    duty = await clients().as_staff(council.staff["duty_officer"])
    in_office = in_office_hours(datetime.now(UTC), "Mon-Sun 00:00-23:59", CONFIG.timezone)  # false on a bank holiday
    first = await duty.get("/staff/alerts/live")
    assert first.json().get("queue") == ("day" if in_office else "edt"), first.text
    await db.execute(
        "update council_settings set office_hours = 'Sat-Sat 00:00-00:01' where council_id = $1", council.id
    )
    assert (await duty.get("/staff/alerts/live")).json()["queue"] == "edt"
