"""A closed alert is not the end: a new worry from the child in the statement's thread reopens it over real HTTP and
PostgreSQL, the duty team is told again, and its history says why; a translation reopens it too, a staff correction
only when it reads more than the alert closed at. The alert page shows the child's later words and the translation."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
from support import Client, Council

AGAIN = "He hit me again last night and I am scared to go home"
PLAIN = "Thank you, see you Saturday"
SOMALI = "Aabbahay wuu i garaacaa maalin kasta"  # my father beats me every day: no lexicon reads Somali


async def _statement(child: Client, text: str) -> int:
    r = await child.post(
        "/api/submissions",
        json={"kind": "statement", "text": text, "audience": ["worker"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def _close(duty: Client, alert_id: int) -> None:
    r = await duty.post(f"/api/alerts/{alert_id}/action", json={"action": "spoke_to_child", "note": "Spoke to her"})
    assert r.status_code == 200, r.text
    r = await duty.post(f"/api/alerts/{alert_id}/close")
    assert r.status_code == 200 and r.json()["status"] == "closed", r.text


async def _kinds(db: asyncpg.Connection, alert_id: int) -> list[str]:
    return [
        r["kind"] for r in await db.fetch("select kind from alert_events where alert_id = $1 order by id", alert_id)
    ]


async def _reopened_notices(db: asyncpg.Connection, alert_id: int) -> int:
    return int(
        await db.fetchval("select count(*) from notifications where alert_id = $1 and reason = 'reopened'", alert_id)
    )


async def test_a_new_worry_in_the_thread_reopens_a_closed_alert_and_tells_the_duty_team_again(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _statement(ava, AGAIN)
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", sid)
    duty = await clients().as_staff(council.staff["duty_officer"])
    await _close(duty, alert_id)

    plain = await ava.post(f"/messages/{sid}", data={"body": PLAIN})
    assert plain.status_code == 303
    assert await db.fetchval("select status from alerts where id = $1", alert_id) == "closed"  # nothing to reopen

    again = await ava.post(f"/messages/{sid}", data={"body": "He hit me and I am scared"})
    assert again.status_code == 303
    alert = await db.fetchrow(
        "select status, level, action, acknowledged_by, reopened from alerts where id = $1", alert_id
    )
    assert dict(alert) == {"status": "open", "level": "urgent", "action": None, "acknowledged_by": None, "reopened": 1}
    assert (await _kinds(db, alert_id))[-2:] == ["closed", "reopened_message"]
    audited = await db.fetchrow(
        "select actor_kind, detail from audit_log where action = 'reopened' and subject_id = $1", alert_id
    )
    assert audited["actor_kind"] == "system" and audited["detail"]["by"] == "message"
    duty_officers = await db.fetchval(
        "select count(*) from staff where council_id = $1 and 'duty_officer' = any(roles) and disabled_at is null",
        council.id,
    )
    assert duty_officers >= 1 and await _reopened_notices(db, alert_id) == duty_officers
    outbox = await db.fetchval(
        """select count(*) from outbox o join notifications n on n.id = (o.args->>'notification_id')::bigint
           where n.alert_id = $1 and n.reason = 'reopened'""",
        alert_id,
    )
    assert outbox == duty_officers

    queue = (await duty.get("/api/alerts/")).json()
    assert [a["status"] for a in queue if a["id"] == alert_id] == ["open"]
    page = (await duty.get(f"/staff/alerts/{alert_id}")).text
    assert "Reopened by a new message from the child" in page
    messages = page[page.index('id="child-messages"') :]
    assert "He hit me and I am scared" in messages and PLAIN in messages  # the child's later words, beside the first
    refused = await duty.post(f"/api/alerts/{alert_id}/close")  # the old action was for the old words
    assert refused.status_code == 422 and "Record the action taken" in refused.json()["detail"]

    # Closed a second time, a further worry reopens it again and notifies again (a new round, not a duplicate).
    await _close(duty, alert_id)
    assert (await ava.post(f"/messages/{sid}", data={"body": AGAIN})).status_code == 303
    assert await db.fetchval("select reopened from alerts where id = $1", alert_id) == 2
    assert await _reopened_notices(db, alert_id) == 2 * duty_officers

    # While it is open, another worry adds to its history without a second round of notifications.
    assert (await ava.post(f"/messages/{sid}", data={"body": AGAIN})).status_code == 303
    assert (await _kinds(db, alert_id))[-1] == "new_message"
    assert await _reopened_notices(db, alert_id) == 2 * duty_officers
    assert "The child wrote again about this" in (await duty.get(f"/staff/alerts/{alert_id}")).text


async def test_a_correction_reopens_a_closed_alert_only_when_it_reads_a_higher_level(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _statement(ava, AGAIN)
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", sid)
    duty = await clients().as_staff(council.staff["duty_officer"])
    lowered = await duty.post(f"/api/alerts/{alert_id}/level", json={"level": "concern", "reason": "Spoke to carer"})
    assert lowered.status_code == 200, lowered.text
    await _close(duty, alert_id)
    worker = await clients().as_staff(council.staff["worker"])

    async def correct(level: str) -> None:
        body = {
            "themes": [],
            "sentiment": "negative",
            "safeguarding_level": level,
            "safeguarding_categories": ["abuse"],
        }
        r = await worker.post(f"/api/inbox/{sid}/analysis", json=body)
        assert r.status_code == 201, r.text

    await correct("concern")  # the level the duty officer closed it at: their judgement stands
    assert await db.fetchval("select status from alerts where id = $1", alert_id) == "closed"
    assert await _reopened_notices(db, alert_id) == 0
    await correct("urgent")  # a second opinion that reads more: the duty team looks again
    alert = await db.fetchrow("select status, level from alerts where id = $1", alert_id)
    assert (alert["status"], alert["level"]) == ("open", "urgent")
    assert (await _kinds(db, alert_id))[-1] == "reopened_correction" and await _reopened_notices(db, alert_id) >= 1
    page = (await duty.get(f"/staff/alerts/{alert_id}")).text
    assert "Reopened by a staff correction reading a higher level" in page


async def test_the_alert_page_shows_the_translation_and_who_made_it_and_a_new_one_reopens_it(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _statement(ava, SOMALI)
    worker = await clients().as_staff(council.staff["worker"])
    first = await worker.post(f"/api/reading/{sid}/translation", json={"translation": "My father hits me every day"})
    assert first.status_code == 201, first.text
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", sid)
    assert alert_id is not None
    duty = await clients().as_staff(council.staff["duty_officer"])
    page = (await duty.get(f"/staff/alerts/{alert_id}")).text
    block = page[page.index('id="translation"') :]
    assert SOMALI in page and "My father hits me every day" in block and "Translated by Worker" in block
    assert "could not read these words" in block
    await _close(duty, alert_id)

    # A better interpreter's translation is new reading of words nobody had read: the alert opens again.
    better = await worker.post(
        f"/api/reading/{sid}/translation", json={"translation": "My father beats me every day and I am scared"}
    )
    assert better.status_code == 201, better.text
    assert await db.fetchval("select status from alerts where id = $1", alert_id) == "open"
    assert (await _kinds(db, alert_id))[-1] == "reopened_translation" and await _reopened_notices(db, alert_id) >= 1
    page = (await duty.get(f"/staff/alerts/{alert_id}")).text
    assert "My father beats me every day and I am scared" in page[page.index('id="translation"') :]
    assert "Reopened by a translation of the child&#39;s words" in page or "Reopened by a translation" in page


async def test_new_words_from_the_child_raise_a_level_a_person_had_lowered_on_an_open_alert(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    """A person's judgement stands against another reading of the same words, not against what the child says next:
    an urgent worry in the thread raises an open alert a duty officer had set to concern."""
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _statement(ava, AGAIN)
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", sid)
    duty = await clients().as_staff(council.staff["duty_officer"])
    r = await duty.post(f"/api/alerts/{alert_id}/level", json={"level": "concern", "reason": "Spoke to the school"})
    assert r.status_code == 200, r.text
    assert await db.fetchval("select level from alerts where id = $1", alert_id) == "concern"

    again = await ava.post(f"/messages/{sid}", data={"body": AGAIN})
    assert again.status_code == 303
    assert await db.fetchval("select level from alerts where id = $1", alert_id) == "urgent"
