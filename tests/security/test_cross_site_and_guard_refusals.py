"""A state-changing request another site made a browser send is refused on its Origin (or Sec-Fetch-Site) as well
as its CSRF token; guard, CSRF and cross-site refusals are in the audit log with who, what and why."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
import pytest
from support import Client, Council, wait_for

CROSS_SITE = "This request came from another website, so Heard refused it. Go back to Heard and try again."
WORRY = {"kind": "statement", "text": "I got a merit at school"}


async def _count(db: asyncpg.Connection, child_id: int) -> int:
    return int(await db.fetchval("select count(*) from submissions where child_id = $1", child_id))


async def _refusal(db: asyncpg.Connection, why: str, path: str, actor_id: int | None) -> None:
    async def found() -> bool:
        return bool(
            await db.fetchval(
                """select exists(select 1 from audit_log where action = 'denied' and reason = $1
                   and detail->>'path' = $2 and actor_id is not distinct from $3)""",
                why,
                path,
                actor_id,
            )
        )

    await wait_for(found, timeout=10, what=f"an audit row for the {why} refusal of {path}")


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.heard.example"},
    ],
)
async def test_a_state_changing_request_from_another_site_is_refused_and_audited(
    headers: dict[str, str], council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.post("/api/submissions", json=WORRY, headers={"Idempotency-Key": uuid.uuid4().hex, **headers})
    assert r.status_code == 403, r.text
    assert r.json()["detail"] == CROSS_SITE
    assert await _count(db, council.children["Ava"]) == 0
    await _refusal(db, "cross_site", "/api/submissions", council.children["Ava"])


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}, {}])
async def test_the_same_site_and_apps_without_the_headers_get_through(
    headers: dict[str, str], council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    origin = {"Origin": str(ava.base_url).rstrip("/")} if not headers else {}
    r = await ava.post(
        "/api/submissions", json=WORRY, headers={"Idempotency-Key": uuid.uuid4().hex, **headers, **origin}
    )
    assert r.status_code == 201, r.text


async def test_a_role_guard_refusal_is_audited(council: Council, clients: Callable[[], Client], db: asyncpg.Connection):
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get("/api/complaints")).status_code == 403
    await _refusal(db, "role", "/api/complaints", council.staff_ids["worker"])


async def test_a_csrf_refusal_is_audited(council: Council, clients: Callable[[], Client], db: asyncpg.Connection):
    ava = await clients().as_child(council.codes["Ava"])
    del ava.headers["x-csrftoken"]
    r = await ava.post("/api/submissions", json=WORRY, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 403
    assert "This form has expired or was not sent from Heard" in r.json()["detail"]
    await _refusal(db, "csrf", "/api/submissions", council.children["Ava"])
