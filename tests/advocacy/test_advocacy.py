"""I want an advocate: a short request with plain errors, routed by email once, its progress seen by the child."""

from __future__ import annotations

import email
import re
from html import unescape
from types import SimpleNamespace

import asyncpg
from aiosmtpd.controller import Controller
from support import Client, Council, free_port

from heard import db as heard_db
from heard.advocacy.jobs import pass_on_advocate_request
from heard.settings import DatabaseSettings, SafeguardingSettings


def shown(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", "<" + main)).split())


async def _child(clients, council: Council, name: str = "Ava") -> Client:  # type: ignore[no-untyped-def]
    return await clients().as_child(council.codes[name])


async def _staff(clients, db: asyncpg.Connection, council: Council, role: str) -> Client:  # type: ignore[no-untyped-def]
    await db.execute(
        "insert into council_settings (council_id, totp_roles) values ($1, '{admin}') on conflict do nothing",
        council.id,
    )
    return await clients().as_staff(council.staff[role])


async def test_wrong_inputs_get_plain_errors_and_keep_every_word(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    child = await _child(clients, council)
    page = await child.get("/advocate")
    assert page.status_code == 200 and "An advocate is someone who is on your side" in shown(page.text)

    missing = await child.post("/advocate", data={"note": "I want help with my contact visits"})
    assert missing.status_code == 400
    assert "Choose how the advocacy service can get in touch with you." in shown(missing.text)
    assert "I want help with my contact visits" in missing.text

    no_phone = await child.post("/advocate", data={"note": "hello", "contact_by": "phone", "contact_detail": ""})
    assert no_phone.status_code == 400
    assert "Write the phone number they can call or text you on" in shown(no_phone.text)

    bad_email = await child.post("/advocate", data={"contact_by": "email", "contact_detail": "not an email"})
    assert bad_email.status_code == 400 and "Write the email address" in shown(bad_email.text)
    assert 'value="not an email"' in bad_email.text

    too_long = await child.post("/advocate", data={"contact_by": "worker", "note": "x" * 1001})
    assert too_long.status_code == 400
    assert "you can write up to 1000 characters. You have written 1001." in shown(too_long.text)

    child.cookies.set("heard_lang", "ar")
    arabic = await child.post("/advocate", data={"contact_by": "phone"})
    assert "اكتب رقم الهاتف" in shown(arabic.text)
    count = await db.fetchval("select count(*) from advocacy_requests where child_id = $1", council.children["Ava"])
    assert count == 0


async def test_a_request_is_emailed_once_and_its_progress_shows_in_my_messages(
    clients,
    council: Council,
    db: asyncpg.Connection,
    database_url: str,  # type: ignore[no-untyped-def]
) -> None:
    await db.execute("update councils set advocacy_contact = 'advocacy@example.org' where id = $1", council.id)
    child = await _child(clients, council)
    home = await child.get("/home")
    assert 'href="/advocate"' in home.text

    form = await child.get("/advocate")
    key = re.search(r'name="_key" value="([^"]+)"', form.text)
    assert key
    sent = {
        "_key": key.group(1),
        "note": "I want to see my brother",
        "contact_by": "phone",
        "contact_detail": "07700 900123",
    }
    r = await child.post("/advocate", data=sent)
    again = await child.post("/advocate", data=sent)  # a double tap
    assert r.status_code == again.status_code == 303 and r.headers["location"] == again.headers["location"]
    request_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert await db.fetchval("select count(*) from advocacy_requests where child_id = $1", council.children["Ava"]) == 1

    status = shown((await child.get(r.headers["location"])).text)
    assert "We have sent your request to the advocacy service" in status
    assert "Your request was sent: done" in status and "You have an advocate: not yet" in status

    # The job, as a plain coroutine with a built ctx, delivering to an SMTP server on loopback.
    received: list[email.message.Message] = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append(email.message_from_bytes(envelope.content))
            return "250 OK"

    port = free_port()
    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    mail_to = SafeguardingSettings(smtp_url=f"smtp://127.0.0.1:{port}")
    done = ""
    try:
        pool = await heard_db.create_pool(DatabaseSettings(url=database_url, pool_min=1, pool_max=2))
        try:
            outbox_id = await db.fetchval("select id from outbox where job_key = $1", f"advocate:{request_id}")
            ctx = {"db_pool": pool, "settings": SimpleNamespace(safeguarding=mail_to)}
            done = await pass_on_advocate_request(ctx, outbox_id=outbox_id, request_id=request_id)
            assert done in {"passed on", "already passed on"}  # the session's worker may have been first
        finally:
            await pool.close()
    finally:
        smtp.stop()
    passed_on = await db.fetchval("select passed_on_at from advocacy_requests where id = $1", request_id)
    assert passed_on is not None
    ours = [m for m in received if m["To"] == "advocacy@example.org"]
    if done == "passed on":  # else the session's worker sent it first, to its mail folder
        assert len(ours) == 1
        body = ours[0].get_payload()
        assert "07700 900123" in body and "I want to see my brother" in body and f"{council.slug}-Ava" in body

    # Progress, recorded by the participation officer, seen by the child in My messages.
    worker = await _staff(clients, db, council, "worker")
    assert (await worker.get("/staff/advocacy")).status_code == 403
    officer = await _staff(clients, db, council, "participation_officer")
    listed = shown((await officer.get("/staff/advocacy")).text)
    assert f"A-{request_id:06d}: Ava" in listed and "I want to see my brother" in listed
    step = await officer.post(f"/staff/advocacy/{request_id}/progress", data={"status": "contacted"})
    assert step.status_code == 303
    messages = shown((await child.get("/messages")).text)
    assert "Your requests for an advocate" in messages
    assert (
        "The advocacy service got in touch with you: done" in messages and "You have an advocate: not yet" in messages
    )

    complaints = await _staff(clients, db, council, "complaints_officer")
    assert (
        await complaints.post(f"/staff/advocacy/{request_id}/progress", data={"status": "allocated"})
    ).status_code == 303
    backwards = await complaints.post(f"/staff/advocacy/{request_id}/progress", data={"status": "contacted"})
    assert backwards.status_code == 409 and "already moved past that step" in shown(backwards.text)
    wrong = await complaints.post(f"/staff/advocacy/{request_id}/progress", data={"status": "finished"})
    assert wrong.status_code == 409
    assert "You have an advocate: done" in shown((await child.get(f"/advocate/{request_id}")).text)
    audited = await db.fetchval(
        "select count(*) from audit_log where subject_kind = 'advocacy_request' and subject_id = $1", request_id
    )
    assert audited == 2

    dee = await _child(clients, council, "Dee")
    assert (await dee.get(f"/advocate/{request_id}")).status_code == 404
    assert "Your requests for an advocate" not in shown((await dee.get("/messages")).text)
