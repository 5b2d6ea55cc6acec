"""Every refused access is in the audit log with who, what and why, a flood of them is capped, and the
administrator finds them on the audit search page."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
from support import Client, Council, make_council

from heard.audit import REFUSALS_PER_MINUTE


async def _sent(client: Client, kind: str, text: str, audience: list[str]) -> int:
    body = {"kind": kind, "text": text, "audience": audience}
    r = await client.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def _refusal(db: asyncpg.Connection, actor_id: int, subject_kind: str, subject_id: int) -> asyncpg.Record:
    row = await db.fetchrow(
        """select council_id, actor_kind, reason from audit_log
           where action = 'denied' and actor_id = $1 and subject_kind = $2 and subject_id = $3""",
        actor_id,
        subject_kind,
        subject_id,
    )
    assert row is not None, f"no audit row for the refused {subject_kind} {subject_id}"
    return row


async def test_another_councils_complaint_and_alert_are_refused_and_audited(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    await _sent(ava, "complaint", "Nobody told me I was moving", ["complaints"])
    worry = await _sent(ava, "statement", "He hits me and I am scared to go home tonight", ["worker"])
    complaint_id = await db.fetchval("select id from complaints where council_id = $1", council.id)
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", worry)
    other = await make_council(db)
    officer = await clients().as_staff(other.staff["complaints_officer"])
    assert (await officer.get(f"/api/complaints/{complaint_id}")).status_code == 404
    row = await _refusal(db, other.staff_ids["complaints_officer"], "complaint", complaint_id)
    assert (row["council_id"], row["actor_kind"], row["reason"]) == (other.id, "staff", "not_in_their_council")
    duty = await clients().as_staff(other.staff["duty_officer"])
    assert (await duty.get(f"/api/alerts/{alert_id}")).status_code == 404
    row = await _refusal(db, other.staff_ids["duty_officer"], "alert", alert_id)
    assert (row["council_id"], row["reason"]) == (other.id, "not_in_their_council")


async def test_a_child_opening_another_childs_message_is_refused_and_audited(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    mine = await _sent(ava, "statement", "my own words", ["worker"])
    ben = await clients().as_child(council.codes["Ben"])
    r = await ben.get(f"/api/submissions/{mine}")
    assert r.status_code == 404 and r.json()["detail"] == "No message with that number."
    row = await _refusal(db, council.children["Ben"], "submission", mine)
    assert (row["actor_kind"], row["reason"]) == ("child", "not_their_own_message")


async def test_a_worker_refused_a_role_they_do_not_hold_is_audited(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    views = await _sent(ava, "review", "I want to see my brother", ["worker", "iro"])
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/staff/submissions/{views}", data={"step": "used_in_review"})
    assert r.status_code == 403
    row = await _refusal(db, council.staff_ids["worker"], "submission", views)
    assert row["reason"] == "not_their_iro"


async def test_a_flood_of_refusals_is_capped_and_shown_on_the_audit_search_page(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    mine = await _sent(ava, "statement", "my own words", ["worker"])
    ben = await clients().as_child(council.codes["Ben"])
    for offset in range(REFUSALS_PER_MINUTE + 10):
        assert (await ben.get(f"/api/submissions/{mine + 1000 + offset}")).status_code == 404
    written = await db.fetchval(
        "select count(*) from audit_log where action = 'denied' and actor_kind = 'child' and actor_id = $1",
        council.children["Ben"],
    )
    assert written == REFUSALS_PER_MINUTE
    admin = await clients().as_staff(council.staff["admin"])
    page = await admin.get("/admin/audit", params={"action": "denied"})
    assert page.status_code == 200
    assert "not_their_own_message" in page.text and "denied" in page.text
