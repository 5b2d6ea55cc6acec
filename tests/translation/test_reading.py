"""The needs-reading queue over real HTTP and PostgreSQL: words the screen cannot read wait for a person who may read
them, at once and counted from the raw rows; a translation is checked, recorded (who, when, audited) and screened."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import asyncpg
from support import Client, Council

from heard.privacy import queries as privacy
from heard.translation.services import due

SOMALI = "Aabbahay wuu i garaacaa maalin kasta"  # my father beats me every day: no lexicon reads Somali
LONDON = ZoneInfo("Europe/London")


async def _send(client: Client, words: str, audience: list[str] | None = None) -> int:
    r = await client.post(
        "/api/submissions",
        json={"kind": "statement", "text": words, "audience": audience or ["worker"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_the_time_to_read_is_the_end_of_the_next_working_day_past_christmas() -> None:
    # Christmas Eve 2026 is a Thursday: Christmas, the weekend and Boxing Day's substitute Monday are not working days.
    arrived = datetime(2026, 12, 24, 15, 0, tzinfo=LONDON)
    assert due(arrived, 1, "Europe/London") == datetime(2026, 12, 29, 23, 59, 59, tzinfo=LONDON)
    assert due(datetime(2026, 12, 7, 9, 0, tzinfo=LONDON), 2, "Europe/London").date().isoformat() == "2026-12-09"


async def test_unreadable_words_wait_at_once_for_the_staff_who_may_read_them_and_no_one_else(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    ben = await clients().as_child(council.codes["Ben"])
    sid = await _send(ava, SOMALI)
    await _send(ben, SOMALI, ["iro"])  # Ben chose only an IRO, and has none: his worker may not read it
    await _send(ava, "I had a good day at school")  # English the screen reads: nothing to wait for
    # The request's screen put it in the queue, the language not yet named ("und"); the session's worker, when an
    # earlier test started it, may already have named it from its analysis.
    row = await db.fetchrow("select language, translated_at, due_at from readings where submission_id = $1", sid)
    assert row["language"] in ("und", "so") and row["translated_at"] is None
    assert row["due_at"] > datetime.now(LONDON)

    worker = await clients().as_staff(council.staff["worker"])
    listed = (await worker.get("/api/reading")).json()
    raw = await db.fetchval(
        """select count(*) from readings r join submissions s on s.id = r.submission_id
           join allocations a on a.child_id = s.child_id and a.relation = any(s.audience)
           where a.staff_id = $1 and r.translated_at is null""",
        council.staff_ids["worker"],
    )
    assert [item["submission_id"] for item in listed] == [sid] and raw == 1
    home = (await worker.get("/home")).text
    assert f"Waiting to be read by a person: {raw} (0 overdue)" in home
    assert (await worker.get(f"/api/reading/{sid}")).json()["text"] == SOMALI
    await db.execute("update readings set due_at = now() - interval '1 hour' where submission_id = $1", sid)
    overdue = await db.fetchval("select count(*) from readings where submission_id = $1 and due_at < now()", sid)
    assert f"Waiting to be read by a person: 1 ({overdue} overdue)" in (await worker.get("/home")).text
    assert [item["overdue"] for item in (await worker.get("/api/reading")).json()] == [True]
    assert "(overdue)" in (await worker.get("/staff/reading")).text

    other = await clients().as_staff(council.staff["worker_b"])
    assert (await other.get("/api/reading")).json() == []
    refused = await other.get(f"/api/reading/{sid}")
    assert refused.status_code == 404
    assert refused.json()["detail"] == "No message waiting to be read with that number is shared with you."
    assert "Waiting to be read" not in (await other.get("/home")).text
    iro = await clients().as_staff(council.staff["iro"])
    assert (await iro.get("/api/reading")).json() == []  # Ava sent it to her worker, not to her IRO
    duty = await clients().as_staff(council.staff["duty_officer"])
    assert (await duty.get("/api/reading")).json() == []  # the duty team reads only anonymous words here


async def test_a_translation_is_refused_plainly_when_it_is_empty_unreadable_or_too_long(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, SOMALI)
    worker = await clients().as_staff(council.staff["worker"])
    for sent, said in [
        ("   ", "Write what the child said in English before saving the translation."),
        ("Wuu i garaacaa", "The safeguarding screen cannot read this translation either. Write it in English."),
    ]:
        r = await worker.post(f"/api/reading/{sid}/translation", json={"translation": sent})
        assert r.status_code == 422 and r.json()["detail"] == said, r.text
    too_long = await worker.post(f"/api/reading/{sid}/translation", json={"translation": "word " * 4001})
    assert too_long.status_code == 400 and "translation" in too_long.text

    # On the page the words typed are kept and the error says what to do.
    typed = "My father " + "hits me " * 2600
    page = await worker.post(f"/staff/reading/{sid}", data={"translation": typed})
    assert page.status_code == 400
    assert "The translation is too long. Please use 20000 characters or fewer." in page.text
    assert "hits me hits me hits me" in page.text
    blank = await worker.post(f"/staff/reading/{sid}", data={"translation": ""})
    assert blank.status_code == 400 and "Write what the child said in English" in blank.text
    assert await db.fetchval("select translated_at from readings where submission_id = $1", sid) is None
    assert await db.fetchval("select count(*) from alerts where submission_id = $1", sid) == 0


async def test_a_translation_without_a_worry_is_recorded_audited_and_raises_nothing(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, SOMALI)
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/api/reading/{sid}/translation", json={"translation": "I miss my friends at school"})
    assert r.status_code == 201, r.text
    saved = r.json()
    assert (saved["translated_by"], saved["translated_level"], saved["translation"]) == (
        "Worker",
        "none",
        "I miss my friends at school",
    )
    assert await db.fetchval("select count(*) from alerts where submission_id = $1", sid) == 0
    assert (await worker.get("/api/reading")).json() == []
    audited = await db.fetchrow(
        "select actor_id, detail from audit_log where action = 'recorded_translation' and subject_id = $1", sid
    )
    assert audited["actor_id"] == council.staff_ids["worker"] and audited["detail"]["translated_level"] == "none"


async def test_a_translated_worry_raises_the_alert_and_a_later_none_never_lowers_it(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, SOMALI)
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/api/reading/{sid}/translation", json={"translation": "My stepdad hits me every day"})
    assert r.status_code == 201 and r.json()["translated_level"] == "urgent"
    alert = await db.fetchrow("select id, level, source from alerts where submission_id = $1", sid)
    assert (alert["level"], alert["source"]) == ("urgent", "staff")
    duty = await clients().as_staff(council.staff["duty_officer"])
    assert [a["level"] for a in (await duty.get("/api/alerts")).json() if a["submission_id"] == sid] == ["urgent"]
    notified = await db.fetchval("select count(*) from notifications where alert_id = $1", alert["id"])
    assert notified >= 1  # the duty officers were told at once

    again = await worker.post(f"/api/reading/{sid}/translation", json={"translation": "I like my school"})
    assert again.status_code == 201
    assert await db.fetchval("select level from alerts where submission_id = $1", sid) == "urgent"


async def test_erasing_the_child_erases_the_translation_of_their_words(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, SOMALI)
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/api/reading/{sid}/translation", json={"translation": "My father hits me every day"})
    assert r.status_code == 201
    counts = await privacy.erase_child(db, council.children["Ava"], "[removed]")
    assert counts["readings"] == 1
    assert await db.fetchval("select translation from readings where submission_id = $1", sid) == "[removed]"


async def test_anonymous_unreadable_words_wait_for_the_duty_team_who_see_count_and_translate_them(
    council: Council, clients: Callable[[], Client], client: Client, db: asyncpg.Connection
) -> None:
    token = secrets.token_urlsafe(12)
    await db.execute(
        """insert into survey_openings (council_id, instrument, access, token, legal_statuses, opens_on, closes_on)
           values ($1, 'my_life_8_11', 'anonymous_link', $2, '{child_in_care,care_leaver}', current_date - 1,
                   current_date + 30)""",
        council.id, token,
    )  # fmt: skip
    await client.prepare()
    sent = await client.post(
        f"/api/s/{token}/responses",
        json={"answers": {"happiness": "sad", "best_thing": SOMALI}},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert sent.status_code == 201, sent.text
    sid = await db.fetchval("select id from submissions where council_id = $1 and child_id is null", council.id)
    assert await db.fetchval("select count(*) from readings where submission_id = $1", sid) == 1

    duty = await clients().as_staff(council.staff["duty_officer"])
    raw = await db.fetchval(
        """select count(*) from readings r join submissions s on s.id = r.submission_id
           where s.council_id = $1 and s.child_id is null and r.translated_at is null""",
        council.id,
    )
    listed = (await duty.get("/api/reading")).json()
    assert [item["submission_id"] for item in listed] == [sid] and raw == 1
    assert f"Waiting to be read by a person: {raw} (0 overdue)" in (await duty.get("/home")).text
    assert "Anonymous" in (await duty.get("/staff/reading")).text
    manager = await clients().as_staff(council.staff["duty_manager"])
    assert [item["submission_id"] for item in (await manager.get("/api/reading")).json()] == [sid]
    for role in ("worker", "iro"):  # nobody is allocated to an anonymous respondent
        other = await clients().as_staff(council.staff[role])
        assert (await other.get(f"/api/reading/{sid}")).status_code == 404, role
    complaints = await clients().as_staff(council.staff["complaints_officer"])
    assert (await complaints.get("/api/reading")).status_code == 403

    blank = await duty.post(f"/staff/reading/{sid}", data={"translation": "   "})
    assert blank.status_code == 400
    assert "Write what the child said in English before saving the translation." in blank.text
    saved = await duty.post(f"/staff/reading/{sid}", data={"translation": "My father beats me every day"})
    assert saved.status_code == 303, saved.text
    alert = await db.fetchrow("select level, child_id from alerts where submission_id = $1", sid)
    assert alert is not None and alert["child_id"] is None
    audited = await db.fetchrow(
        "select reason from audit_log where action = 'recorded_translation' and subject_id = $1", sid
    )
    assert audited["reason"] == "safeguarding"
    assert "Waiting to be read" not in (await duty.get("/home")).text
