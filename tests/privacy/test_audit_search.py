"""Audit search: admins find entries by child reference, staff member, action and dates, a page at a time."""

from __future__ import annotations

from datetime import UTC, datetime

import asyncpg
from support import Client, Council


async def _entry(db: asyncpg.Connection, council: Council, staff: str, action: str, child: str | None, at: str) -> None:
    await db.execute(
        "insert into audit_log (council_id, actor_kind, actor_id, action, subject_kind, subject_id, child_id, at)"
        " values ($1, 'staff', $2, $3, 'child', $4, $4, $5)",
        council.id,
        council.staff_ids[staff],
        action,
        council.children[child] if child else None,
        datetime.fromisoformat(at).replace(tzinfo=UTC),
    )


async def _seed(db: asyncpg.Connection, council: Council) -> None:
    await _entry(db, council, "worker", "read_submission", "Ava", "2025-01-10T10:00")
    await _entry(db, council, "worker", "read_submission", "Ben", "2025-02-10T10:00")
    await _entry(db, council, "iro", "read_submission", "Ava", "2025-03-10T10:00")
    await _entry(db, council, "worker", "replied", "Ava", "2025-03-11T10:00")


async def _search(client: Client, **params: str) -> list[tuple[str, str, str]]:
    r = await client.get("/api/admin/audit", params=params)
    assert r.status_code == 200, r.text
    return [(e["actor_name"], e["action"], e["child_reference"]) for e in r.json()["entries"]]


async def test_search_by_child_staff_action_and_dates(client: Client, council: Council, db: asyncpg.Connection) -> None:
    await _seed(db, council)
    await client.as_staff(council.staff["admin"])
    ava, ben = f"{council.slug}-Ava", f"{council.slug}-Ben"
    historic = {"date_to": "2025-12-31"}

    assert await _search(client, child_reference=ava, **historic) == [
        ("Worker", "replied", ava),
        ("Iro", "read_submission", ava),
        ("Worker", "read_submission", ava),
    ]
    assert await _search(client, staff_email=council.staff["worker"], **historic) == [
        ("Worker", "replied", ava),
        ("Worker", "read_submission", ben),
        ("Worker", "read_submission", ava),
    ]
    assert await _search(client, action="replied") == [("Worker", "replied", ava)]
    assert await _search(client, date_from="2025-02-01", date_to="2025-03-10") == [
        ("Iro", "read_submission", ava),
        ("Worker", "read_submission", ben),
    ]


async def test_search_pages_and_refuses_a_bad_date(client: Client, council: Council, db: asyncpg.Connection) -> None:
    for day in range(1, 29):
        await _entry(db, council, "worker", "read_submission", "Ava", f"2024-02-{day:02d}T09:00")
        await _entry(db, council, "worker", "read_submission", "Ben", f"2024-02-{day:02d}T10:00")
    await client.as_staff(council.staff["admin"])
    query = {"date_from": "2024-02-01", "date_to": "2024-02-28"}

    first = (await client.get("/api/admin/audit", params=query)).json()
    second = (await client.get("/api/admin/audit", params={**query, "page": "2"})).json()
    bad = await client.get("/api/admin/audit", params={"date_from": "31/02/2024"})

    assert (len(first["entries"]), first["more"]) == (50, True)
    assert (len(second["entries"]), second["more"]) == (6, False)
    assert bad.status_code == 422
    assert bad.json()["detail"] == "'31/02/2024' is not a date; write it as YYYY-MM-DD, like 2026-03-01."
    assert (
        await db.fetchval(
            "select count(*) from audit_log where council_id = $1 and action = 'searched_audit_log'", council.id
        )
        == 2
    )


async def test_the_search_page_and_a_workers_refusal(clients, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    await _seed(db, council)
    admin = await clients().as_staff(council.staff["admin"])
    page = await admin.get("/admin/audit", params={"child_reference": f"{council.slug}-Ben", "date_to": "2025-12-31"})
    assert page.status_code == 200
    assert "read submission" in page.text and f"{council.slug}-Ben" in page.text
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get("/api/admin/audit")).status_code == 403
