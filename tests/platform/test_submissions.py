"""Submissions are stored once per Idempotency-Key, before the child sees "sent", and bad input is explained."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import asyncpg
import msgspec
import pytest
from support import Client, Council

from heard.submissions.schemas import SubmissionIn
from heard.submissions.services import request_hash


async def _count(db: asyncpg.Connection, child_id: int) -> tuple[int, int]:
    subs = await db.fetchval("select count(*) from submissions where child_id = $1", child_id)
    work = await db.fetchval(
        "select count(*) from outbox o join submissions s on o.job_key = 'analyse:' || s.id where s.child_id = $1",
        child_id,
    )
    return subs, work


async def test_a_submission_is_stored_with_its_outbox_row_before_the_response(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.post(
        "/api/submissions",
        json={"kind": "statement", "text": "I got a merit at school"},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201
    receipt = r.json()
    assert receipt["reference"] == f"H-{receipt['id']:06d}"
    assert await _count(db, council.children["Ava"]) == (1, 1)
    mine = (await ava.get("/api/submissions/")).json()
    assert [m["text"] for m in mine] == ["I got a merit at school"]


async def test_a_replay_returns_the_same_result_and_stores_one(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    key = uuid.uuid4().hex
    body = {"kind": "statement", "text": "double tap", "audience": ["worker"]}
    first = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": key})
    again = await ava.post(
        "/api/submissions", json=dict(reversed(list(body.items()))), headers={"Idempotency-Key": key}
    )
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert await _count(db, council.children["Ava"]) == (1, 1)


async def test_the_same_key_with_a_different_body_is_refused(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    key = uuid.uuid4().hex
    await ava.post("/api/submissions", json={"kind": "statement", "text": "first"}, headers={"Idempotency-Key": key})
    r = await ava.post(
        "/api/submissions", json={"kind": "statement", "text": "second"}, headers={"Idempotency-Key": key}
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "Idempotency-Key"
    assert await _count(db, council.children["Ava"]) == (1, 1)


async def test_a_duplicate_arriving_while_the_first_is_in_flight_gets_409(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    """Hold the key's lock the way an in-flight request does, then send the duplicate."""
    ava = await clients().as_child(council.codes["Ava"])
    key = uuid.uuid4().hex
    async with db.transaction():
        await db.execute(
            "select pg_advisory_xact_lock(hashtextextended($1::text || ':' || $2 || ':' || $3, 7))",
            str(council.id),
            f"child:{council.children['Ava']}",
            key,
        )
        r = await ava.post(
            "/api/submissions", json={"kind": "statement", "text": "tap"}, headers={"Idempotency-Key": key}
        )
        assert r.status_code == 409
        assert "already being sent" in r.json()["detail"]
    r = await ava.post("/api/submissions", json={"kind": "statement", "text": "tap"}, headers={"Idempotency-Key": key})
    assert r.status_code == 201
    assert await _count(db, council.children["Ava"]) == (1, 1)


async def test_concurrent_duplicates_store_exactly_one(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    key = uuid.uuid4().hex
    results = await asyncio.gather(
        *[
            ava.post("/api/submissions", json={"kind": "statement", "text": "race"}, headers={"Idempotency-Key": key})
            for _ in range(8)
        ]
    )
    statuses = sorted(r.status_code for r in results)
    assert set(statuses) <= {201, 409} and 201 in statuses
    assert len({r.json()["id"] for r in results if r.status_code == 201}) == 1
    assert await _count(db, council.children["Ava"]) == (1, 1)


async def test_a_duplicate_whose_first_commits_mid_request_gets_409_and_a_retry_gets_the_receipt(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    """The first request with a key commits after the duplicate began but before it takes the key: the duplicate
    cannot see the first row yet and meets it in the unique index. It is told to wait, never given a 500."""
    ava = await clients().as_child(council.codes["Ava"])
    key = uuid.uuid4().hex
    body = {"kind": "statement", "text": "double tap"}
    digest = request_hash(msgspec.convert(body, SubmissionIn), f"child:{council.children['Ava']}")
    async with db.transaction():
        first = await db.fetchval(
            """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
                                        request_hash)
               values ($1, $2, 'statement', 'api', 'double tap', '{worker}', $3, $4) returning id""",
            council.id,
            council.children["Ava"],
            key,
            digest,
        )
        duplicate = asyncio.create_task(ava.post("/api/submissions", json=body, headers={"Idempotency-Key": key}))
        await asyncio.sleep(0.5)  # the duplicate now waits on the first row in the unique index
        assert not duplicate.done()
    r = await duplicate
    assert r.status_code == 409, r.text
    assert "already being sent" in r.json()["detail"]
    retry = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 201 and retry.json()["id"] == first
    assert retry.headers["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize(
    ("body", "headers", "status", "field", "message"),
    [
        (b'{"kind": "statement", "text": "unfinished', {}, 400, None, "The request body is not valid JSON."),
        (
            {"kind": "statement", "text": "hi", "mood": "sad"},
            {},
            400,
            "mood",
            "We do not take “mood” here; leave it out.",
        ),
        (
            {"kind": "statement", "text": "x" * 20_001},
            {},
            400,
            "text",
            "“What you want to tell us” is too long: use 20,000 characters or fewer.",
        ),
        ({"kind": "statement", "text": 42}, {}, 400, "text", "Write “What you want to tell us” as words."),
        ({"kind": "letter", "text": "hi"}, {}, 400, "kind", "“letter” is not one of the choices for “kind”"),
        ({"text": "hi"}, {}, 400, "kind", "Fill in “kind”."),
        (
            {"kind": "statement", "text": "hi", "audience": []},
            {},
            400,
            "audience",
            "Choose at least 1 for “Who can see this”.",
        ),
        (
            {"kind": "statement", "text": "hi", "audience": ["everyone"]},
            {},
            400,
            "audience",
            "“everyone” is not one of the choices for “Who can see this”",
        ),
        ({"kind": "statement", "text": "   "}, {}, 422, "text", "Write something, or answer at least one question"),
        (
            {"kind": "statement", "text": "hi"},
            {"Idempotency-Key": None},
            400,
            "Idempotency-Key",
            "The Idempotency-Key header is required.",
        ),
        (
            {"kind": "statement", "text": "hi"},
            {"Idempotency-Key": "short"},
            400,
            "Idempotency-Key",
            "Idempotency-Key header is not valid",
        ),
    ],
)
async def test_bad_input_is_refused_with_a_message_naming_the_field_and_nothing_is_written(
    council: Council,
    clients: Callable[[], Client],
    db: asyncpg.Connection,
    body: object,
    headers: dict[str, str | None],
    status: int,
    field: str | None,
    message: str,
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent_headers = {"Idempotency-Key": uuid.uuid4().hex, "content-type": "application/json"}
    sent_headers.update({k: v for k, v in headers.items() if v is not None})
    for k, v in headers.items():
        if v is None:
            del sent_headers[k]
    content = body if isinstance(body, bytes) else __import__("json").dumps(body).encode()
    r = await ava.post("/api/submissions", content=content, headers=sent_headers)
    assert r.status_code == status, r.text
    error = r.json()
    assert message in error["detail"]
    if field:
        assert error["errors"][0]["field"] == field
    assert await _count(db, council.children["Ava"]) == (0, 0)
    assert await db.fetchval("select count(*) from alerts where child_id = $1", council.children["Ava"]) == 0


async def test_staff_cannot_post_as_a_child(council: Council, clients: Callable[[], Client]) -> None:
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(
        "/api/submissions", json={"kind": "statement", "text": "hi"}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert r.status_code == 403


async def test_the_server_log_never_contains_a_childs_words(
    council: Council, clients: Callable[[], Client], web: object
) -> None:
    marker = f"secret-words-{uuid.uuid4().hex}"
    ava = await clients().as_child(council.codes["Ava"])
    await ava.post(
        "/api/submissions", json={"kind": "statement", "text": marker}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    await ava.post(
        "/api/submissions",
        json={"kind": "statement", "text": marker, "bad": 1},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert marker not in web.log()  # type: ignore[attr-defined]


async def test_another_childs_key_and_body_is_a_new_submission_that_reveals_nothing_of_the_first(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    """A key is the sender's own: Ben sending Ava's key and words is stored as Ben's, gets his own receipt, and
    nothing of Ava's (her message number, time or safeguarding level) comes back to him."""
    ava = await clients().as_child(council.codes["Ava"])
    ben = await clients().as_child(council.codes["Ben"])
    key = uuid.uuid4().hex
    body = {"kind": "statement", "text": "he hits me when nobody is home"}
    first = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201 and first.json()["safeguarding"] != "none"
    copied = await ben.post("/api/submissions", json=body, headers={"Idempotency-Key": key})
    assert copied.status_code == 201, copied.text
    assert copied.headers["Idempotent-Replayed"] == "false"
    assert copied.json()["id"] != first.json()["id"]
    assert copied.json()["reference"] != first.json()["reference"]
    assert [m["text"] for m in (await ben.get("/api/submissions/")).json()] == [body["text"]]
    assert await _count(db, council.children["Ben"]) == (1, 1)
    assert await _count(db, council.children["Ava"]) == (1, 1)


async def test_another_childs_key_with_other_words_is_stored_and_does_not_say_the_key_was_used(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    ben = await clients().as_child(council.codes["Ben"])
    key = uuid.uuid4().hex
    await ava.post("/api/submissions", json={"kind": "statement", "text": "mine"}, headers={"Idempotency-Key": key})
    probe = await ben.post(
        "/api/submissions", json={"kind": "statement", "text": "probe"}, headers={"Idempotency-Key": key}
    )
    assert probe.status_code == 201, probe.text
    assert probe.headers["Idempotent-Replayed"] == "false"
    assert "Idempotency-Key" not in probe.text
    assert await _count(db, council.children["Ben"]) == (1, 1)


async def test_the_senders_own_retry_still_replays_after_another_child_used_the_key(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    ben = await clients().as_child(council.codes["Ben"])
    key = uuid.uuid4().hex
    body = {"kind": "statement", "text": "my retry"}
    first = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": key})
    await ben.post("/api/submissions", json=body, headers={"Idempotency-Key": key})
    retry = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 201 and retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    other = await ava.post(
        "/api/submissions", json={"kind": "statement", "text": "x"}, headers={"Idempotency-Key": key}
    )
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert await _count(db, council.children["Ava"]) == (1, 1)
