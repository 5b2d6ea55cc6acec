"""A correction that raises the safeguarding level raises the alert; one that lowers it never lowers or closes it."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
from correction_seed import analyse, corrections, post_correction, submission
from support import Client, Council


async def _alert(db: asyncpg.Connection, submission_id: int) -> asyncpg.Record | None:
    return await db.fetchrow("select * from alerts where submission_id = $1", submission_id)


async def test_raising_the_level_to_urgent_puts_an_alert_in_the_duty_queue(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "There is a man who picks me up after school and gives me things")
    await analyse(db, council, sid, themes=("friends_activities",), sentiment="positive")
    assert await _alert(db, sid) is None
    staff = await clients().as_staff(council.staff["worker"])
    r = await post_correction(
        staff,
        sid,
        themes=["safety"],
        sentiment="mixed",
        safeguarding_level="urgent",
        safeguarding_categories=["exploitation"],
    )
    assert r.status_code == 303, r.text
    duty = await clients().as_staff(council.staff["duty_officer"])
    queued = [a for a in (await duty.get("/api/alerts/")).json() if a["submission_id"] == sid]
    assert [(a["level"], a["status"], a["categories"]) for a in queued] == [("urgent", "open", ["exploitation"])]
    alert = (await duty.get(f"/api/alerts/{queued[0]['id']}")).json()
    assert alert["source"] == "staff"
    assert [(e["kind"], e["detail"]["source"]) for e in alert["events"]] == [("raised", "staff")]
    page = await duty.get("/staff/alerts/")
    assert f"/staff/alerts/{queued[0]['id']}" in page.text
    told = await db.fetchval(
        "select count(*) from notifications where alert_id = $1 and reason = 'raised'", queued[0]["id"]
    )
    assert told == 1  # the council's duty officer


async def test_raising_a_concern_to_urgent_raises_the_alert_it_has(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "I sometimes stay out all night and nobody asks where I was")
    await analyse(db, council, sid, themes=("safety",), sentiment="negative", level="concern", categories=("missing",))
    assert (await _alert(db, sid))["level"] == "concern"
    staff = await clients().as_staff(council.staff["worker"])
    r = await post_correction(
        staff,
        sid,
        themes=["safety"],
        sentiment="negative",
        safeguarding_level="urgent",
        safeguarding_categories=["missing", "exploitation"],
    )
    assert r.status_code == 303, r.text
    alert = await _alert(db, sid)
    assert alert["level"] == "urgent" and alert["status"] == "open"
    assert list(alert["categories"]) == ["exploitation", "missing"]
    reasons = await db.fetch("select reason from notifications where alert_id = $1 order by id", alert["id"])
    assert [r["reason"] for r in reasons] == ["raised", "raised_urgent"]


async def test_lowering_the_level_is_recorded_but_never_lowers_or_closes_the_alert(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "My carer hits me when I am late home")
    await analyse(db, council, sid, themes=("placement",), sentiment="negative", level="urgent", categories=("abuse",))
    before = await _alert(db, sid)
    assert (before["level"], before["status"]) == ("urgent", "open")
    staff = await clients().as_staff(council.staff["worker"])
    r = await post_correction(
        staff,
        sid,
        themes=["placement"],
        sentiment="negative",
        safeguarding_level="none",
        safeguarding_categories=["abuse"],
    )
    assert r.status_code == 303, r.text
    [stored] = await corrections(db, sid)
    assert stored["safeguarding_level"] == "none" and list(stored["safeguarding_categories"]) == []
    after = await _alert(db, sid)
    assert (after["level"], after["status"], after["closed_at"]) == ("urgent", "open", None)
    events = await db.fetchval("select count(*) from alert_events where alert_id = $1", after["id"])
    assert events == 1  # only the model's "raised"
    page = (await staff.get(f"/staff/submissions/{sid}")).text
    assert "<dd>No safeguarding worry</dd>" in page and "Corrected by Worker on" in page
