"""Erasure requests: a refusal is recorded with its reason; an approval erases words and identifiers, counts stay."""

from __future__ import annotations

import asyncpg
from privacy_seed import seed_child
from support import Client, Council

COUNTS = """
select (select count(*) from submissions where council_id = $1) as submissions,
       (select count(*) from analyses a join submissions s on s.id = a.submission_id where s.council_id = $1
          and 'safety' = any(a.themes)) as safety,
       (select count(*) from alerts where council_id = $1) as alerts,
       (select count(*) from complaints where council_id = $1) as complaints,
       (select count(*) from children where council_id = $1) as children,
       (select count(*) from audit_log where council_id = $1 and action = 'read_submission') as reads
"""


async def _erasure_request(client: Client, council: Council, message: str = "Please delete my words") -> int:
    child = await Client(base_url=client.base_url, timeout=20).as_child(council.codes["Ava"])
    r = await child.post("/api/privacy/requests", json={"kind": "erasure", "message": message})
    await child.aclose()
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_a_refusal_is_recorded_with_its_reason_and_changes_nothing(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    ava = await seed_child(db, council, "Ava")
    request_id = await _erasure_request(client, council)
    await client.as_staff(council.staff["admin"])

    no_reason = await client.post(f"/api/admin/privacy/requests/{request_id}/decision", json={"decision": "refuse"})
    assert no_reason.status_code == 422
    assert "Say why" in no_reason.json()["detail"]
    reason = "Needed for an open safeguarding enquiry"
    r = await client.post(
        f"/api/admin/privacy/requests/{request_id}/decision", json={"decision": "refuse", "reason": reason}
    )

    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["decision_reason"]) == ("refused", reason)
    assert await db.fetchval("select free_text from submissions where id = $1", ava.submissions[0]) == (
        f"{ava.phrase} in a statement"
    )
    assert (
        await db.fetchval(
            "select reason from audit_log where action = 'privacy_request_refused' and subject_id = $1", request_id
        )
        == reason
    )
    again = await client.post(f"/api/admin/privacy/requests/{request_id}/decision", json={"decision": "approve"})
    assert again.status_code == 409


async def test_an_approval_erases_words_and_identifiers_and_keeps_the_counts(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    ava = await seed_child(db, council, "Ava")
    ben = await seed_child(db, council, "Ben")
    before = dict(await db.fetchrow(COUNTS, council.id))
    request_id = await _erasure_request(client, council)
    await client.as_staff(council.staff["admin"])

    r = await client.post(f"/api/admin/privacy/requests/{request_id}/decision", json={"decision": "approve"})

    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved"
    assert r.json()["erased"]["submissions"] == 2
    assert dict(await db.fetchrow(COUNTS, council.id)) == before
    child = await db.fetchrow("select * from children where id = $1", ava.child_id)
    assert child["reference"] == f"erased-{ava.child_id}" and child["known_as"] == "Erased"
    assert child["access_code_hash"] is None and child["erased_at"] is not None
    export = (await client.get(f"/api/admin/privacy/children/{ava.child_id}/export")).text
    assert ava.phrase not in export
    follow_ups = await db.fetch("select body from child_messages where child_id = $1", ava.child_id)
    assert [m["body"] for m in follow_ups] == ["[removed at the child's request]"]  # the row stays for the counts
    assert child["nudge_email"] is None and child["nudge_phone"] is None and "ava@example.org" not in export
    assert f"{council.slug}-Ava" not in export
    survey = await db.fetchval("select answers from submissions where id = $1", ava.submissions[0])
    assert survey["feel_safe"] == "yes" and survey["score"] == 4 and ava.phrase not in survey["why"]
    themes = await db.fetchval("select themes from analyses where submission_id = $1", ava.submissions[1])
    assert themes == ["safety"]
    ben_export = (await client.get(f"/api/admin/privacy/children/{ben.child_id}/export")).text
    assert ben.phrase in ben_export and f"{ben.phrase} wrote back" in ben_export
    signed_out = await Client(base_url=client.base_url, timeout=20).prepare()
    assert (await signed_out.post("/api/session/child", json={"code": council.codes["Ava"]})).status_code == 401
    await signed_out.aclose()


async def test_the_child_sees_their_request_and_the_admin_sees_it_in_the_list(client: Client, council: Council) -> None:
    request_id = await _erasure_request(client, council, "I want my old messages gone")
    await client.as_staff(council.staff["admin"])

    listed = (await client.get("/api/admin/privacy/requests")).json()
    page = await client.get(f"/admin/privacy/requests/{request_id}")

    assert [(r["id"], r["status"], r["made_by"]) for r in listed] == [(request_id, "open", "child")]
    assert "I want my old messages gone" in page.text


async def test_a_request_from_the_privacy_page_form(clients, council: Council) -> None:  # type: ignore[no-untyped-def]
    child = await clients().as_child(council.codes["Ben"])
    empty = await child.post("/privacy", data={"message": "hello"})
    assert empty.status_code == 400
    assert "Choose what you would like us to do." in empty.text
    assert "hello" in empty.text
    r = await child.post("/privacy", data={"kind": "access", "message": "What do you keep?"})
    assert r.status_code == 303 and r.headers["location"] == "/privacy?sent=1"
    page = await child.get("/privacy?sent=1")
    assert "We have your request" in page.text
    assert "we are looking at it" in page.text
