"""Subject access: an admin gets everything held about one child, and nothing about any other; the read is audited."""

from __future__ import annotations

import asyncpg
import msgspec
from privacy_seed import seed_child
from support import Client, Council


async def test_the_export_holds_every_kind_of_record_for_the_child_and_nothing_of_another(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    ava = await seed_child(db, council, "Ava")
    ben = await seed_child(db, council, "Ben")
    await client.as_staff(council.staff["admin"])

    r = await client.get(f"/api/admin/privacy/children/{ava.child_id}/export")

    assert r.status_code == 200, r.text
    export = r.json()
    assert export["child"]["reference"] == f"{council.slug}-Ava"
    assert "access_code_hash" not in export["child"]
    assert {a["relation"] for a in export["allocations"]} == {"worker", "iro"}
    assert sorted(s["id"] for s in export["submissions"]) == sorted(ava.submissions)
    first = next(s for s in export["submissions"] if s["id"] == ava.submissions[0])
    assert first["replies"][0]["body"] == f"Reply to {ava.phrase}"
    assert [m["body"] for m in first["child_messages"]] == [f"{ava.phrase} wrote back"]
    assert (export["child"]["nudge_email"], export["child"]["nudge_phone"]) == ("ava@example.org", "+447700900123")
    assert first["analysis"]["themes"] == ["placement"]
    assert first["answers"]["why"] == f"{ava.phrase} in an answer"
    assert [a["id"] for a in export["alerts"]] == [ava.alert_id]
    assert export["alerts"][0]["events"][0]["kind"] == "action"
    assert [c["id"] for c in export["complaints"]] == [ava.complaint_id]
    assert export["complaints"][0]["points"] == [f"Point: {ava.phrase}"]
    assert export["drafts"][0]["instrument"] == "statement"
    assert any(e["action"] == "read_submission" for e in export["audit"])
    text = msgspec.json.encode(export).decode()
    assert ben.phrase not in text
    assert f"{council.slug}-Ben" not in text


async def test_the_export_is_audited_and_found_by_reference(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    ava = await seed_child(db, council, "Ava")
    await client.as_staff(council.staff["admin"])

    r = await client.get("/api/admin/privacy/export", params={"reference": f"{council.slug}-Ava"})

    assert r.status_code == 200, r.text
    assert r.json()["child"]["id"] == ava.child_id
    audited = await db.fetchval(
        "select count(*) from audit_log where action = 'subject_access_export' and child_id = $1 and actor_id = $2",
        ava.child_id,
        council.staff_ids["admin"],
    )
    assert audited == 1


async def test_the_readable_page_shows_the_childs_words(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    ava = await seed_child(db, council, "Ava")
    await client.as_staff(council.staff["admin"])

    r = await client.get(f"/admin/privacy/children/{ava.child_id}")

    assert r.status_code == 200
    assert f"{ava.phrase} in a statement" in r.text
    assert f"Reply to {ava.phrase}" in r.text
    assert f"{ava.phrase} wrote back" in r.text


async def test_only_admins_may_export_and_only_in_their_council(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    from support import make_council

    other = await make_council(db)
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get(f"/api/admin/privacy/children/{council.children['Ava']}/export")).status_code == 403
    admin = await clients().as_staff(other.staff["admin"])
    r = await admin.get(f"/api/admin/privacy/children/{council.children['Ava']}/export")
    assert r.status_code == 404
    assert r.json()["detail"] == "There is no child with that reference in your council."
