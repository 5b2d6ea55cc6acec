"""A role does what it is for: only the reviewing officer marks a child's views as used in review, and pages for
staff speak to staff (never "ask your worker")."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
from support import Client, Council

ONLY_IRO = "Only the reviewing officer who chairs this child's reviews marks views as used in review."


async def _views(council: Council, clients: Callable[[], Client]) -> int:
    ava = await clients().as_child(council.codes["Ava"])
    body = {"kind": "review", "text": "I want to see my brother more", "audience": ["worker", "iro"]}
    r = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_only_the_iro_marks_views_as_used_in_review(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    submission_id = await _views(council, clients)
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/api/inbox/{submission_id}/used-in-review")
    assert r.status_code == 403 and r.json()["detail"] == "Your role does not include this."
    page = await worker.get(f"/staff/submissions/{submission_id}")
    assert page.status_code == 200 and "Mark as used in review" not in page.text
    r = await worker.post(f"/staff/submissions/{submission_id}", data={"step": "used_in_review"})
    assert r.status_code == 403 and "Only the reviewing officer" in r.text
    assert await db.fetchval("select used_in_review_at from submissions where id = $1", submission_id) is None
    iro = await clients().as_staff(council.staff["iro"])
    assert "Mark as used in review" in (await iro.get(f"/staff/submissions/{submission_id}")).text
    assert (await iro.post(f"/api/inbox/{submission_id}/used-in-review")).status_code == 204
    assert await db.fetchval("select used_in_review_at from submissions where id = $1", submission_id) is not None


async def test_a_staff_member_told_to_wait_is_not_told_to_ask_their_worker(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    email = council.staff["worker_b"]
    await db.execute(
        "insert into sign_in_attempts (key, succeeded, at) select $1, false, now() - interval '1 minute' "
        "from generate_series(1, 10)",
        f"account:{email}",
    )
    c = await clients().prepare()
    r = await c.post("/api/session/staff", json={"email": email, "password": "whatever"})
    assert r.status_code == 429
    assert "worker" not in r.json()["detail"] and "administrator" in r.json()["detail"]
    page = await c.post("/staff/sign-in", data={"email": email, "password": "whatever"})
    assert page.status_code == 429
    assert "ask your worker" not in page.text.lower() and "ask your Heard administrator" in page.text
