"""The staff submission page shows what Heard read in a child's words, and staff can correct it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
from correction_seed import analyse, corrections, post_correction, submission
from support import Client, Council, Process, wait_for


async def test_the_workers_analysis_shows_on_the_page_in_plain_english(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, worker: Process
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.post(
        "/api/submissions",
        json={"kind": "statement", "text": "I miss my mum and my little brother", "audience": ["worker"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    sid = r.json()["id"]

    async def analysed() -> asyncpg.Record | None:
        return await db.fetchrow("select model_version from analyses where submission_id = $1", sid)

    version = (await wait_for(analysed, timeout=60, what="the worker's analysis"))["model_version"]
    staff = await clients().as_staff(council.staff["worker"])
    page = await staff.get(f"/staff/submissions/{sid}")
    assert page.status_code == 200
    assert "What Heard read in it" in page.text
    assert "Family and contact" in page.text  # the theme's label, not its id
    assert version not in page.text  # staff read when it was analysed, never a model's version hash
    assert "Corrected by" not in page.text


async def test_a_submission_not_analysed_yet_says_so(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "Can I have a bike for my birthday")
    staff = await clients().as_staff(council.staff["worker"])
    page = await staff.get(f"/staff/submissions/{sid}")
    assert page.status_code == 200
    assert "Not analysed yet" in page.text
    api = await staff.get(f"/api/inbox/{sid}/analysis")
    assert api.json()["current"] is None and api.json()["model_version"] is None


async def test_a_correction_is_stored_with_who_made_it_and_shown_over_the_model(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "My foster carer shouts and I hate my new school")
    await analyse(db, council, sid, themes=("education_work",), sentiment="neutral")
    staff = await clients().as_staff(council.staff["worker"])
    r = await post_correction(
        staff, sid, themes=["placement", "education_work"], sentiment="negative", safeguarding_level="none"
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == f"/staff/submissions/{sid}#analysis"
    [stored] = await corrections(db, sid)
    assert stored["staff_id"] == council.staff_ids["worker"]
    assert list(stored["themes"]) == ["placement", "education_work"]
    assert (stored["sentiment"], stored["safeguarding_level"]) == ("negative", "none")

    page = (await staff.get(f"/staff/submissions/{sid}")).text
    assert "Corrected by Worker on" in page
    assert "Where I live, School, college and work" in page  # the correction, over the model's reading
    assert "The model read: School, college and work;" in page
    assert "test-model" not in page  # the statement page shows no model version (issue #19)
    assert 'id="theme-placement" name="themes" value="placement" checked' in page  # the form starts from it
    api = (await staff.get(f"/api/inbox/{sid}/analysis")).json()
    assert api["current"]["sentiment"] == "negative" and api["model"]["sentiment"] == "neutral"
    assert api["correction"]["by"] == "Worker"
    audited = await db.fetchval(
        "select count(*) from audit_log where action = 'corrected_analysis' and subject_id = $1 and actor_id = $2",
        sid,
        council.staff_ids["worker"],
    )
    assert audited == 1


async def test_the_iro_who_may_read_it_can_correct_it_too_and_the_latest_correction_stands(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "I want to be at my review meeting")
    await analyse(db, council, sid, themes=("being_heard",), sentiment="neutral")
    worker = await clients().as_staff(council.staff["worker"])
    iro = await clients().as_staff(council.staff["iro"])
    assert (await post_correction(worker, sid, sentiment="mixed", safeguarding_level="none")).status_code == 303
    r = await iro.post(
        f"/api/inbox/{sid}/analysis",
        json={"themes": ["being_heard", "being_heard"], "sentiment": "positive", "safeguarding_level": "none"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["current"]["themes"] == ["being_heard"]
    assert r.json()["correction"]["by"] == "Iro"
    assert [c["staff_id"] for c in await corrections(db, sid)] == [
        council.staff_ids["worker"],
        council.staff_ids["iro"],
    ]
    page = (await worker.get(f"/staff/submissions/{sid}")).text
    assert "Corrected by Iro on" in page and "<dd>Positive</dd>" in page
