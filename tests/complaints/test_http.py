"""The complaints API and pages over real HTTP: roles, plain errors naming the field, the child's own view."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import asyncpg
from complaint_seed import decide_all, new_case, officer, respond
from support import Client, Council

from heard.complaints import services
from heard.complaints.schemas import CloseIn

NEW = {"complainant": "parent", "channel": "phone", "received_on": "2026-03-02", "points": ["No reply to calls"]}


async def test_only_complaints_officers_reach_the_complaints_routes(
    council: Council, clients: Callable[[], Client]
) -> None:
    worker = await clients().as_staff(council.staff["worker"])
    for path in [
        "/api/complaints",
        "/api/complaints/reports?kind=annual&year=2025",
        "/staff/complaints",
        "/staff/complaints/reports",
    ]:
        r = await worker.get(path)
        assert r.status_code == 403, path
        assert r.json()["detail"] == "Your role does not include this."
    assert (await worker.post("/api/complaints", json=NEW)).status_code == 403
    ava = await clients().as_child(council.codes["Ava"])
    assert (await ava.get("/api/complaints")).status_code == 403
    assert (await ava.get("/staff/complaints/1")).status_code == 403
    officer_client = await clients().as_staff(council.staff["complaints_officer"])
    assert (await officer_client.get("/api/complaints/mine")).status_code == 403
    assert (await clients().get("/api/complaints")).status_code == 401


async def test_bad_input_is_refused_naming_the_field(council: Council, clients: Callable[[], Client]) -> None:
    co = await clients().as_staff(council.staff["complaints_officer"])
    r = await co.post("/api/complaints", json={**NEW, "priority": "high"})
    assert r.status_code == 400
    # The kernel's handler currently names unknown body fields "data.<name>"; the field is named either way.
    assert r.json()["errors"][0]["field"].removeprefix("data.") == "priority"
    assert "We do not take “priority” here" in r.json()["detail"]
    r = await co.post("/api/complaints", json={**NEW, "received_on": "2026-02-30"})
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "received_on"
    r = await co.post("/api/complaints", json={**NEW, "received_on": "2099-01-01"})
    assert r.status_code == 422
    assert r.json()["errors"][0] == {
        "field": "received_on",
        "message": "'received_on' is in the future; record things once they have happened.",
    }
    r = await co.post("/api/complaints", json={**NEW, "points": []})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "points"
    r = await co.post("/api/complaints", json={**NEW, "complainant": "neighbour"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "complainant"
    case = (await co.post("/api/complaints", json=NEW)).json()
    r = await co.post(f"/api/complaints/{case['id']}/extensions", json={"working_days": 25, "reason": "Complex"})
    assert r.status_code == 422
    assert r.json()["errors"][0] == {
        "field": "working_days",
        "message": "Stage 1 can be extended to at most 20 working days, not 25.",
    }
    r = await co.get("/api/complaints/reports?kind=quarterly&year=2025&quarter=7")
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "quarter"


async def test_the_api_runs_a_case_and_refuses_steps_out_of_order(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    co = await clients().as_staff(council.staff["complaints_officer"])
    r = await co.post("/api/complaints", json={**NEW, "child_id": council.children["Ava"]})
    assert r.status_code == 201
    case = r.json()
    assert case["reference"] == f"C-{case['id']:06d}"
    assert case["clocks"][0]["explanation"].startswith("due 2026-03-16: 10 working days from 2026-03-02 (received)")
    url = f"/api/complaints/{case['id']}"
    r = await co.post(f"{url}/close", json={"closed_on": "2026-03-10"})
    assert r.status_code == 409
    assert "Record an outcome at stage 1 for every complaint point before closing" in r.json()["detail"]
    r = await co.post(f"{url}/escalations", json={"to_stage": 3, "requested_on": "2026-03-03"})
    assert r.status_code == 409
    assert r.json()["detail"].startswith("A review panel (stage 3) can only follow a stage 2 investigation")
    point = case["points"][0]["id"]
    r = await co.post(f"{url}/outcomes", json={"point_id": point, "outcome": "upheld", "decided_on": "2026-03-05"})
    assert r.status_code == 200
    r = await co.post(
        f"{url}/responses",
        json={"responded_on": "2026-03-06", "letter": "Dear Ms Smith", "child_letter": "You were right."},
    )
    assert r.status_code == 200 and r.json()["clocks"][0]["status"] == "met"
    listed = (await co.get("/api/complaints")).json()
    assert [c["id"] for c in listed] == [case["id"]]
    r = await co.post(f"{url}/close", json={"closed_on": "2026-03-09"})
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert (await co.get("/api/complaints")).json() == []
    reads = await db.fetchval(
        "select count(*) from audit_log where action = 'read' and subject_kind = 'complaints' and actor_id = $1",
        council.staff_ids["complaints_officer"],
    )
    assert reads == 2


async def test_another_councils_complaint_is_not_found(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    from support import make_council

    other = await make_council(db)
    theirs = await new_case(db, other, date(2026, 3, 2))
    co = await clients().as_staff(council.staff["complaints_officer"])
    assert (await co.get(f"/api/complaints/{theirs.id}")).status_code == 404
    r = await co.post(f"/api/complaints/{theirs.id}/tags", json={"tags": ["x"]})
    assert r.status_code == 404


async def test_a_child_sees_their_own_complaint_and_nothing_of_others(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    mine = await new_case(db, council, date(2026, 3, 2), child="Ava", complainant="child", points=2)
    mine = await decide_all(db, council, mine, "partly_upheld", date(2026, 3, 5))
    mine = await respond(db, council, mine, date(2026, 3, 6))
    await services.close(db, officer(council), mine.id, CloseIn(closed_on=date(2026, 3, 9)))
    waiting = await new_case(db, council, date(2026, 3, 10), child="Ava", complainant="advocate")
    await new_case(db, council, date(2026, 3, 2), child="Ben", complainant="child")
    await new_case(db, council, date(2026, 3, 2), child="Ava", complainant="parent")  # her mother's, not hers
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.get("/api/complaints/mine")
    assert r.status_code == 200
    seen = r.json()
    assert [c["reference"] for c in seen] == [waiting.reference, mine.reference]
    assert seen[0]["progress"] == "due"
    assert seen[0]["due_on"] == "2026-03-24" and seen[0]["outcomes"] == []
    done = seen[1]
    assert (done["progress"], done["stage"]) == ("closed", 1)
    assert [o["outcome"] for o in done["outcomes"]] == ["partly_upheld"] * 2
    assert done["letter"] == "We listened. Here is what we found."
    assert done["ombudsman"] is True
    assert "Dear complainant" not in r.text
    ben = await clients().as_child(council.codes["Ben"])
    assert len((await ben.get("/api/complaints/mine")).json()) == 1
    dee = await clients().as_child(council.codes["Dee"])
    assert (await dee.get("/api/complaints/mine")).json() == []


async def test_a_childs_complaint_statement_opens_a_case_once(council: Council, db: asyncpg.Connection) -> None:
    import uuid

    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience,
                                    idempotency_key, request_hash, instrument, instrument_version)
           values ($1, $2, 'complaint', 'web', $3, 'Nobody came to my review', '{complaints}', $4, '\\x00',
                   'complaint', 1) returning id""",
        council.id,
        council.children["Cai"],
        {"what_happened": "Nobody came to my review", "when_happened": "2024-01", "want_advocate": "yes"},
        uuid.uuid4().hex,
    )
    first = await services.open_from_submission(db, sid)
    assert await services.open_from_submission(db, sid) == first
    case = await services.get(db, officer(council), first)
    assert case.statement == "Nobody came to my review"
    assert case.shown is not None and case.shown.words is None, "the words are shown once, under their question"
    assert next(a.text for a in case.shown.answers if a.text) == "Nobody came to my review"
    assert (case.complainant, case.channel, case.advocacy_answer) == ("child", "heard", "accepted")
    assert case.made_late and case.late_decision is None
    assert len(case.points) == 1 and case.stage == 1
    read = await db.fetchval(
        "select count(*) from audit_log where subject_kind = 'complaint' and subject_id = $1 and action = 'read'", first
    )
    assert read == 1


async def test_the_pages_take_each_step_and_explain_refusals(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    co = await clients().as_staff(council.staff["complaints_officer"])
    form = {
        "complainant": "carer",
        "channel": "letter",
        "child_reference": f"{council.slug}-Ben",
        "received_on": "2026-03-02",
        "points": "Pocket money late\nNo bus pass",
    }
    r = await co.post("/staff/complaints/new", data=form)
    assert r.status_code == 303, r.text
    case_url = r.headers["location"].split("?")[0]
    page = await co.get(case_url, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Pocket money late" in page.text and 'name="_csrf_token"' in page.text
    words = re.sub(r"<[^>]+>", "", page.text)  # each ISO date is in a <time> that keeps it on one line
    assert "due 2026-03-16: 10 working days from 2026-03-02 (received)" in words
    r = await co.post(f"{case_url}/close", data={"closed_on": "2026-03-05"})
    assert r.status_code == 409
    assert "points 1 and 2 have none" in r.text and 'class="error-summary"' in r.text
    r = await co.post(f"{case_url}/extensions", data={"working_days": "30", "reason": "Complex"})
    assert r.status_code == 400
    assert 'href="#extensions-working_days"' in r.text and 'aria-invalid="true"' in r.text
    assert 'value="30"' in r.text  # what was typed is kept
    r = await co.post(f"{case_url}/advocacy", data={"offered_on": "2026-13-01", "answer": "accepted"})
    assert r.status_code == 400 and "&#39;offered_on&#39; should be a date" in r.text
    r = await co.post(
        f"{case_url}/escalations",
        data={"to_stage": "2", "requested_on": "2026-03-03", "at_complainant_request": "true"},
    )
    assert r.status_code == 303
    listing = await co.get("/staff/complaints")
    assert "Open at stage 2 (investigation)" in listing.text and '<th scope="col">Due</th>' in listing.text
    r = await co.post("/staff/complaints/new", data={**form, "child_reference": "nobody"})
    assert r.status_code == 400 and "There is no child with that case reference" in r.text
    assert 'value="Pocket money late' in r.text or "Pocket money late" in r.text


async def test_reports_download_as_csv_and_pdf(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await new_case(db, council, date(2025, 10, 6))
    co = await clients().as_staff(council.staff["complaints_officer"])
    base = "/staff/complaints/reports?kind=quarterly&year=2025&quarter=3"
    page = await co.get(base)
    assert page.status_code == 200
    assert "Complaints learning report, October to December 2025 (quarter 3, 2025-26)" in page.text
    assert "<caption>Who complained (stage 1)</caption>" in page.text
    csv_ = await co.get(base + "&format=csv")
    assert csv_.headers["content-type"].startswith("text/csv")
    assert "Stage 1 complaints received,c" in csv_.text
    internal = await co.get(base + "&format=csv&version=internal")
    assert "Stage 1 complaints received,1" in internal.text
    pdf = await co.get(base + "&format=pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    api = (await co.get("/api/complaints/reports?kind=quarterly&year=2025&quarter=3")).json()
    assert api["publication"] is True
    assert api["tables"][0]["rows"][0] == ["Stage 1 complaints received", "c"]
    schema = await co.get("/schema/openapi.json")
    assert "/api/complaints/{complaint_id}/escalations" in schema.json()["paths"]
