"""The capture JSON API: offers, responses sent once, drafts, feelings alerts, advocates, openings, anonymous links."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable

import asyncpg
from capture_seed import open_link, respond
from support import Client, Council


async def test_a_child_is_offered_statements_for_their_age_and_status(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    offered = {i["id"] for i in (await ava.get("/api/instruments")).json()}
    assert {"worried", "something_good", "complaint", "my_views_for_review"} <= offered
    assert "planning_future" not in offered  # 15 and over
    await db.execute("update children set birth_month = '2006-01-01' where id = $1", council.children["Cai"])
    cai = await clients().as_child(council.codes["Cai"])
    offered = {i["id"] for i in (await cai.get("/api/instruments")).json()}
    assert "planning_future" in offered and "my_views_for_review" not in offered  # a care leaver has no review
    r = await ava.get("/api/instruments/worried")
    assert r.status_code == 200 and r.json()["questions"][1]["id"] == "feelings"


async def test_a_response_is_stored_once_however_often_it_is_sent(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    key = uuid.uuid4().hex
    body = {"answers": {"what_good": "I got a merit at school", "good_feeling": "very_happy"}}
    first = await ava.post("/api/instruments/something_good/responses", json=body, headers={"Idempotency-Key": key})
    again = await ava.post("/api/instruments/something_good/responses", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
    row = await db.fetchrow("select * from submissions where id = $1", first.json()["id"])
    assert row["answers"] == {"what_good": "I got a merit at school", "good_feeling": "very_happy"}
    assert (row["instrument"], row["instrument_version"], row["channel"], row["kind"]) == (
        "something_good",
        1,
        "api",
        "statement",
    )
    assert row["free_text"] == "I got a merit at school" and row["audience"] == ["worker"]


async def test_scared_raises_an_urgent_alert_even_when_the_words_are_calm(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await respond(ava, "worried", {"feelings": ["scared"], "what_worry": "I had pasta for tea"})
    assert sent["safeguarding"] == "urgent"
    alert = await db.fetchrow("select level, source, child_id from alerts where submission_id = $1", sent["id"])
    assert (alert["level"], alert["source"], alert["child_id"]) == ("urgent", "feelings", council.children["Ava"])
    calm = await respond(ava, "worried", {"feelings": ["confused"], "what_worry": "which bus goes to college"})
    assert calm["safeguarding"] == "none"


async def test_drafts_are_kept_per_instrument_and_go_when_sent(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.put("/api/instruments/change_something/draft", json={"answers": {"what_change": "more pocket"}})
    assert r.status_code == 200, r.text
    r = await ava.put("/api/instruments/change_something/draft", json={"answers": {"what_change": "more pocket money"}})
    got = (await ava.get("/api/instruments/change_something/draft")).json()
    assert got["fields"] == {"what_change": ["more pocket money"]}
    assert await db.fetchval("select count(*) from drafts where child_id = $1", council.children["Ava"]) == 1
    await respond(ava, "change_something", {"what_change": "more pocket money", "change_area": "money"})
    assert (await ava.get("/api/instruments/change_something/draft")).status_code == 404


# The youngest's switch speaks to the grown-up helping them, never "Use the usual words" to a five-year-old.
LONGER = "For a grown-up helping: show the longer questions"


async def test_a_survey_draft_reopens_in_the_words_it_was_left_in(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await db.execute(
        """insert into survey_openings (council_id, instrument, access, legal_statuses, opens_on, closes_on)
           values ($1, 'my_life_4_7', 'sign_in', '{child_in_care,care_leaver}', current_date - 1, current_date + 30)""",
        council.id,
    )
    ava = await clients().as_child(council.codes["Ava"])
    first = await ava.get("/send/my_life_4_7")
    assert first.status_code == 200 and LONGER in first.text, "the youngest get easy words first"
    assert "Use the usual words" not in first.text
    saved = await ava.post("/send/my_life_4_7/draft", data={"_easy": "0", "happiness": "sad", "_key": "k-12345678"})
    assert saved.status_code == 204
    again = await ava.get("/send/my_life_4_7")
    assert "Show the easy questions again" in again.text and LONGER not in again.text
    assert 'id="hq-happiness-sad" name="happiness" value="sad" checked' in again.text, "and keeps what was chosen"


async def test_a_draft_with_a_forged_words_choice_reopens_as_the_survey_starts(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await db.execute(
        """insert into survey_openings (council_id, instrument, access, legal_statuses, opens_on, closes_on)
           values ($1, 'my_life_4_7', 'sign_in', '{child_in_care,care_leaver}', current_date - 1, current_date + 30)""",
        council.id,
    )
    ava = await clients().as_child(council.codes["Ava"])
    saved = await ava.post("/send/my_life_4_7/draft", data={"_easy": "yes please", "happiness": "sad"})
    assert saved.status_code == 204
    assert await db.fetchval("select fields from drafts where child_id = $1", council.children["Ava"]) == {
        "happiness": ["sad"]
    }, "only 0 or 1 is kept as the words choice"
    again = await ava.get("/send/my_life_4_7")
    assert LONGER in again.text, "the youngest get easy words first"


async def test_asking_for_an_advocate_reaches_the_advocacy_contact_and_the_child_sees_it(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await db.execute("update councils set advocacy_contact = 'advocacy@example.org' where id = $1", council.id)
    ava = await clients().as_child(council.codes["Ava"])
    sent = await respond(ava, "my_views_for_review", {"going_well": "school", "want_advocate": "yes"})
    row = await db.fetchrow("select contact, child_id from advocacy_requests where submission_id = $1", sent["id"])
    assert (row["contact"], row["child_id"]) == ("advocacy@example.org", council.children["Ava"])
    page = await ava.get(f"/messages/{sent['id']}", headers={"accept": "text/html"})
    assert "You asked for an advocate" in page.text
    not_wanted = await respond(ava, "my_views_for_review", {"going_well": "fine", "want_advocate": "no"})
    assert await db.fetchval("select count(*) from advocacy_requests where submission_id = $1", not_wanted["id"]) == 0


BAD_INPUT = [
    ("post", "/api/instruments/worried/responses", {"answers": {}, "colour": "red"}, 400, "colour"),
    ("post", "/api/instruments/worried/responses", {"answers": "scared"}, 400, "answers"),
    ("post", "/api/instruments/worried/responses", {"answers": {"feelings": {"a": 1}}}, 422, "answers.feelings"),
    ("post", "/api/instruments/worried/responses", {"answers": {"nope": "x"}}, 422, "answers.nope"),
    ("post", "/api/instruments/worried/responses", {"answers": {"feelings": ["brave"]}}, 422, "answers.feelings"),
    (
        "post",
        "/api/instruments/worried/responses",
        {"answers": {"what_worry": "x" * 20_001}},
        422,
        "answers.what_worry",
    ),
    (
        "post",
        "/api/instruments/worried/responses",
        {"answers": {"feelings": ["sad"]}, "audience": ["mum"]},
        400,
        "audience",
    ),
    ("post", "/api/instruments/worried/responses", {"answers": {"feelings": ["sad"]}, "language": 7}, 400, "language"),
    ("post", "/api/instruments/worried/responses", {"answers": {}}, 422, "answers.feelings"),
    (
        "post",
        "/api/instruments/something_good/responses",
        {"answers": {"good_feeling": "happy"}},
        422,
        "answers.what_good",
    ),
    ("post", "/api/instruments/no_such_form/responses", {"answers": {"a": "b"}}, 404, "instrument"),
    ("get", "/api/instruments/no_such_form", None, 404, "instrument"),
    ("put", "/api/instruments/worried/draft", {"answers": {}, "extra": 1}, 400, "extra"),
    ("put", "/api/instruments/worried/draft", {"answers": {"nope": "x"}}, 422, "answers.nope"),
    ("put", "/api/instruments/no_such_form/draft", {"answers": {}}, 404, "instrument"),
]


def _names(field: str, errors: list[dict]) -> bool:
    found = [e["field"].removeprefix("data.") for e in errors]
    return any(f == field or f.startswith(f"{field}.") for f in found)


async def test_bad_input_to_every_capture_route_gets_a_4xx_naming_the_field(
    council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    for method, path, body, status, field in BAD_INPUT:
        kwargs = {"json": body} if body is not None else {}
        r = await ava.request(method.upper(), path, headers={"Idempotency-Key": uuid.uuid4().hex}, **kwargs)
        assert r.status_code == status, (path, body, r.text)
        assert _names(field, r.json()["errors"]), (path, body, r.text)
    r = await ava.post("/api/instruments/worried/responses", json={"answers": {"feelings": ["sad"]}})
    assert r.status_code == 400 and _names("Idempotency-Key", r.json()["errors"]), r.text
    r = await ava.post("/api/s/no-such-link/responses", json={"answers": {}}, headers={"Idempotency-Key": "k" * 10})
    assert r.status_code == 404 and _names("token", r.json()["errors"]), r.text


async def test_an_admin_opens_a_survey_to_a_cohort_and_sees_the_response_rate(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    admin = await clients().as_staff(council.staff["admin"])
    body = {
        "instrument": "my_life_11_17",
        "access": "sign_in",
        "legal_statuses": ["child_in_care"],
        "age_min": 11,
        "age_max": 17,
        "opens_on": "2026-01-01",
        "closes_on": "2099-01-01",
    }
    r = await admin.post("/api/surveys/openings", json=body)
    assert r.status_code == 201, r.text
    opening = r.json()
    assert (opening["eligible"], opening["responses"], opening["link"]) == (3, 0, None)  # Ava, Ben, Dee
    ava = await clients().as_child(council.codes["Ava"])
    assert "my_life_11_17" in {i["id"] for i in (await ava.get("/api/instruments")).json()}
    cai = await clients().as_child(council.codes["Cai"])  # a care leaver: not in this cohort
    assert "my_life_11_17" not in {i["id"] for i in (await cai.get("/api/instruments")).json()}
    await respond(ava, "my_life_11_17", {"happiness": "happy", "feel_safe_home": "no", "why_not_safe": "secret words"})
    rates = {o["id"]: o for o in (await admin.get("/api/surveys/openings")).json()}
    assert (rates[opening["id"]]["responses"], rates[opening["id"]]["rate"]) == (1, 33.3)
    done = {i["id"]: i for i in (await ava.get("/api/instruments")).json()}
    assert done["my_life_11_17"]["done"] is True
    officer = await clients().as_staff(council.staff["participation_officer"])
    export = await officer.get("/api/surveys/my_life_11_17/export")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert len(rows) == 1 and rows[0]["happiness"] == "happy" and rows[0]["feel_safe_home"] == "no"
    assert "why_not_safe" not in rows[0] and "secret words" not in export.text
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get("/api/surveys/my_life_11_17/export")).status_code == 403
    assert (await officer.post("/api/surveys/openings", json=body)).status_code == 403


BAD_OPENINGS = [
    ({"closes_on": "2025-01-01"}, "closes_on"),
    ({"legal_statuses": []}, "legal_statuses"),
    ({"legal_statuses": ["parents"]}, "legal_statuses"),
    ({"instrument": "worried"}, "instrument"),
    ({"instrument": "nope"}, "instrument"),
    ({"age_min": 18, "age_max": 11}, "age_min"),
    ({"access": "email"}, "access"),
    ({"opens_on": "soon"}, "opens_on"),
    ({"colour": "red"}, "colour"),
]


async def test_a_bad_opening_is_refused_naming_the_field(council: Council, clients: Callable[[], Client]) -> None:
    admin = await clients().as_staff(council.staff["admin"])
    for change, field in BAD_OPENINGS:
        body = {
            "instrument": "my_life_8_11",
            "access": "sign_in",
            "legal_statuses": ["child_in_care"],
            "opens_on": "2026-01-01",
            "closes_on": "2026-12-31",
            **change,
        }
        r = await admin.post("/api/surveys/openings", json=body)
        assert 400 <= r.status_code < 500, r.text
        assert _names(field, r.json()["errors"]), (change, r.text)


async def test_an_anonymous_link_works_signed_out_and_keeps_no_name_or_address(
    council: Council, client: Client, db: asyncpg.Connection, web
) -> None:
    token = await open_link(db, council.id, "my_life_8_11")
    await client.prepare()
    before = len(web.log())
    r = await client.get(f"/s/{token}", headers={"accept": "text/html"})
    assert r.status_code == 200 and "My life" in r.text
    form = {
        "_csrf_token": client.cookies["csrftoken"],
        "_key": uuid.uuid4().hex,
        "happiness": "ok",
        "best_thing": "my dog",
    }
    r = await client.post(f"/s/{token}", data=form, headers={"accept": "text/html"})
    assert r.status_code == 200, r.text
    assert "Thank you for taking part" in r.text
    row = await db.fetchrow(
        "select * from submissions where council_id = $1 and channel = 'anonymous_link'", council.id
    )
    assert row["child_id"] is None and row["anonymous"] is True and row["answers"]["best_thing"] == "my dog"
    stored = " ".join(str(v) for v in dict(row).values())
    audit = await db.fetch("select * from audit_log where council_id = $1", council.id)
    assert "127.0.0.1" not in stored and all("127.0.0.1" not in str(dict(a)) for a in audit)
    assert "127.0.0.1" not in web.log()[before:]
    api = await client.post(
        f"/api/s/{token}/responses",
        json={"answers": {"happiness": "sad"}},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert api.status_code == 201 and api.json()["reference"].startswith("H-")


async def test_a_closed_link_refuses_with_a_clear_message(
    council: Council, client: Client, db: asyncpg.Connection
) -> None:
    token = await open_link(db, council.id, "my_life_8_11", closed=True)
    await client.prepare()
    r = await client.get(f"/s/{token}", headers={"accept": "text/html"})
    assert r.status_code == 410 and "This survey is closed" in r.text
    r = await client.post(
        f"/api/s/{token}/responses",
        json={"answers": {"happiness": "sad"}},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 409 and "closed" in r.json()["detail"]
    assert (await client.get("/api/s/not-a-real-link")).status_code == 404
    missing = await client.get("/s/not-a-real-link", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "There is no survey at this link" in missing.text
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_a_form_posted_after_the_session_expired_is_kept_for_after_sign_in(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    await db.execute(
        "update sessions set last_seen_at = now() - interval '2 hours' where child_id = $1", council.children["Ava"]
    )
    form = {"_csrf_token": ava.cookies["csrftoken"], "_key": uuid.uuid4().hex, "what_good": "I passed my theory test"}
    r = await ava.post("/send/something_good", data=form, headers={"accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == "/sign-in"
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0
    await ava.post("/api/session/child", json={"code": council.codes["Ava"]})
    home = await ava.get("/home", headers={"accept": "text/html"})
    assert "We kept what you wrote" in home.text
    r = await ava.get("/resume", headers={"accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == "/send/something_good"
    page = await ava.get("/send/something_good", headers={"accept": "text/html"})
    assert "I passed my theory test" in page.text


async def test_the_surveys_page_opens_closes_and_explains_a_mistake(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    admin = await clients().as_staff(council.staff["admin"])
    html = {"accept": "text/html"}
    form = {
        "_csrf_token": admin.cookies["csrftoken"],
        "instrument": "my_life_leavers",
        "legal_statuses": "care_leaver",
        "access": "anonymous_link",
        "opens_on": "2026-01-01",
        "closes_on": "2025-01-01",
    }
    r = await admin.post("/staff/surveys", data=form, headers=html)
    assert r.status_code == 400 and 'href="#closes_on"' in r.text and "before the opening date" in r.text
    assert 'value="2025-01-01"' in r.text  # what was typed is kept
    r = await admin.post("/staff/surveys", data={**form, "closes_on": "2099-01-01"}, headers=html)
    assert r.status_code == 303
    opening_id, token = await db.fetchrow("select id, token from survey_openings where council_id = $1", council.id)
    page = await admin.get("/staff/surveys", headers=html)
    assert f"/s/{token}" in page.text and "0 of 1" in page.text  # Cai is the only care leaver
    r = await admin.post(
        f"/staff/surveys/{opening_id}/close", data={"_csrf_token": admin.cookies["csrftoken"]}, headers=html
    )
    assert r.status_code == 303
    assert await db.fetchval("select closed_at is not null from survey_openings where id = $1", opening_id)
    officer = await clients().as_staff(council.staff["participation_officer"])
    page = await officer.get("/staff/surveys", headers=html)
    assert page.status_code == 200 and "Open a survey" not in page.text and "Download answers" in page.text
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get("/staff/surveys", headers=html)).status_code == 403
