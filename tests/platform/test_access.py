"""Access follows role and allocation; refusals look like 'not found' and are audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
import pytest
from support import ROLES, Client, Council


async def _send(child: Client, text: str, audience: list[str] | None = None) -> int:
    body = {"kind": "statement", "text": text, "audience": audience or ["worker", "iro"]}
    r = await child.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


# Every route family that exists, and who may use it. A role not listed gets 401/403/404.
ROUTE_FAMILIES: list[tuple[str, str, set[str]]] = [
    ("GET", "/api/submissions/", {"child"}),
    ("GET", "/api/children/{ava}/submissions/", {"worker", "iro"}),
    ("POST", "/api/children/{ava}/access-code", {"worker", "admin"}),
    ("GET", "/schema/openapi.json", set(ROLES)),
    ("GET", "/home", {"child", *ROLES}),
    ("GET", "/api/session/", {"child", *ROLES}),
]


@pytest.mark.parametrize("who", ["anonymous", "child", *ROLES])
async def test_access_matrix(who: str, council: Council, clients: Callable[[], Client]) -> None:
    client = clients()
    if who == "child":
        await client.as_child(council.codes["Ava"])
    elif who != "anonymous":
        await client.as_staff(council.staff[who])
    else:
        await client.prepare()
    for method, template, allowed in ROUTE_FAMILIES:
        path = template.format(ava=council.children["Ava"])
        r = await client.request(method, path, headers={"accept": "application/json"})
        if who in allowed:
            assert r.status_code < 300, f"{who} {method} {path} -> {r.status_code} {r.text}"
        else:
            assert r.status_code in {401, 403, 404}, f"{who} {method} {path} -> {r.status_code}"


async def test_a_worker_asking_for_another_workers_child_gets_404_and_an_audit_row(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    cai = council.children["Cai"]
    worker_a = await clients().as_staff(council.staff["worker"])
    r = await worker_a.get(f"/api/children/{cai}/submissions/")
    assert r.status_code == 404
    assert r.json()["detail"] == "No child with that reference is allocated to you."
    row = await db.fetchrow(
        "select action, reason from audit_log where actor_id = $1 and child_id = $2 order by id desc limit 1",
        council.staff_ids["worker"],
        cai,
    )
    assert row is not None and row["action"] == "denied"


async def test_an_allocated_worker_reads_a_childs_words_and_the_read_is_audited(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, "I like my new school")
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.get(f"/api/children/{council.children['Ava']}/submissions/")
    assert r.status_code == 200
    assert [s["text"] for s in r.json()] == ["I like my new school"]
    r = await worker.get(f"/api/submissions/{sent}")
    assert r.status_code == 200
    reads = await db.fetch(
        "select subject_kind, reason from audit_log where actor_id = $1 and action = 'read' order by id",
        council.staff_ids["worker"],
    )
    assert [(r["subject_kind"], r["reason"]) for r in reads] == [
        ("child_submissions", "allocated"),
        ("submission", "allocated"),
    ]


async def test_a_child_cannot_read_another_childs_submission(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, "private to Ava")
    ben = await clients().as_child(council.codes["Ben"])
    r = await ben.get(f"/api/submissions/{sent}")
    assert r.status_code == 404
    assert "private to Ava" not in r.text
    assert all(s["id"] != sent for s in (await ben.get("/api/submissions/")).json())


async def test_the_iro_sees_only_what_the_child_shared_with_the_iro(
    council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    await _send(ava, "for my worker only", audience=["worker"])
    await _send(ava, "for my IRO", audience=["iro"])
    iro = await clients().as_staff(council.staff["iro"])
    r = await iro.get(f"/api/children/{council.children['Ava']}/submissions/")
    assert [s["text"] for s in r.json()] == ["for my IRO"]


async def test_an_ended_allocation_gives_no_access(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await db.execute(
        "update allocations set starts_on = '2020-01-01', ends_on = current_date - 1 where child_id = $1 and staff_id = $2",
        council.children["Ben"],
        council.staff_ids["worker"],
    )
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get(f"/api/children/{council.children['Ben']}/submissions/")).status_code == 404


async def test_staff_of_another_council_cannot_reach_a_child(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    from support import make_council

    other = await make_council(db)
    admin = await clients().as_staff(other.staff["admin"])
    r = await admin.post(f"/api/children/{council.children['Ava']}/access-code")
    assert r.status_code == 404
