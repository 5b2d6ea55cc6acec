"""A worker sees only allocated children's statements; a reply reaches the child's messages."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
from support import Client, Council


async def _send(child: Client, text: str, kind: str = "statement", audience: list[str] | None = None) -> int:
    body = {"kind": kind, "text": text, "audience": audience or ["worker", "iro"]}
    r = await child.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_the_inbox_shows_allocated_childrens_statements_unread_first(
    council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    cai = await clients().as_child(council.codes["Cai"])
    first = await _send(ava, "first from Ava")
    second = await _send(ava, "second from Ava")
    await _send(cai, "from Cai, who is worker B's")
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.post(f"/api/inbox/{second}/read")).status_code == 204
    items = (await worker.get("/api/inbox/")).json()
    assert [i["id"] for i in items] == [first, second]
    assert items[0]["read_at"] is None and items[1]["read_at"] is not None
    assert all(i["child_name"] != "Cai" for i in items)


async def test_a_reply_reaches_the_child_and_the_child_sees_it_was_read(
    council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, "can I go on the school trip?")
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/api/inbox/{sent}/replies", json={"body": "Yes! I've signed the form."})
    assert r.status_code == 201
    mine = {m["id"]: m for m in (await ava.get("/api/submissions/")).json()}
    assert mine[sent]["read_at"] is not None
    assert [(x["body"], x["from_name"]) for x in mine[sent]["replies"]] == [("Yes! I've signed the form.", "Worker")]


async def test_a_worker_cannot_reply_to_another_workers_child(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    cai = await clients().as_child(council.codes["Cai"])
    sent = await _send(cai, "hello")
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/api/inbox/{sent}/replies", json={"body": "hi"})
    assert r.status_code == 404
    assert await db.fetchval("select count(*) from replies where submission_id = $1", sent) == 0


async def test_bad_replies_are_refused(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, "hello")
    worker = await clients().as_staff(council.staff["worker"])
    for body, field in [({"body": ""}, "body"), ({"body": "x" * 20_001}, "body"), ({"text": "hi"}, "text")]:
        r = await worker.post(f"/api/inbox/{sent}/replies", json=body)
        assert r.status_code == 400
        assert r.json()["errors"][0]["field"] in {field, "body"}


async def test_the_iro_sees_review_views_and_downloads_a_pdf(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, "I want to stay with my carers", kind="review", audience=["iro"])
    iro = await clients().as_staff(council.staff["iro"])
    items = (await iro.get("/api/inbox/")).json()
    assert [i["id"] for i in items] == [sent]
    pdf = await iro.get(f"/staff/submissions/{sent}/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
