"""A conversation per statement: the child and the staff they chose write back and forth, each sees when the other
read it, only the child and those staff reach the thread, and every message is audited."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

import asyncpg
from support import Client, Council

from heard.i18n import catalogue


async def _send(child: Client, text: str, audience: list[str] | None = None, **extra: object) -> int:
    body = {"kind": "statement", "text": text, "audience": audience or ["worker"], **extra}
    r = await child.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def _staff_reply(staff: Client, sid: int, body: str) -> int:
    r = await staff.post(f"/staff/submissions/{sid}", data={"step": "reply", "body": body})
    return r.status_code


async def _child_writes(child: Client, sid: int, body: str) -> object:
    return await child.post(f"/messages/{sid}", data={"body": body})


def _text(page: str) -> str:
    return html.unescape(page)


async def test_the_child_and_their_worker_write_back_and_forth_and_see_each_others_read_marks(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "Can I see my brother at the weekend?")
    page = _text((await ava.get(f"/messages/{sid}")).text)
    assert "Not read yet" in page and 'name="body"' in page

    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get(f"/staff/submissions/{sid}")).status_code == 200  # opening it marks it read
    assert await db.fetchval("select read_by from submissions where id = $1", sid) == council.staff_ids["worker"]
    assert "Worker read it on" in _text((await ava.get(f"/messages/{sid}")).text)

    assert await _staff_reply(worker, sid, "Yes, I'll ring your carer tonight.") == 303
    home = _text((await ava.get("/home")).text)
    assert "1 new reply" in home
    assert "1 new reply" in _text((await ava.get("/messages")).text)
    staff_page = _text((await worker.get(f"/staff/submissions/{sid}")).text)
    assert "Not read by the child yet" in staff_page

    child_page = _text((await ava.get(f"/messages/{sid}")).text)  # opening it marks the reply read
    assert "Yes, I'll ring your carer tonight." in child_page
    assert "new reply" not in _text((await ava.get("/home")).text)
    assert "Read by the child" in _text((await worker.get(f"/staff/submissions/{sid}")).text)

    r = await _child_writes(ava, sid, "Thank you! Saturday is best.")
    assert r.status_code == 303 and r.headers["location"] == f"/messages/{sid}?sent=true#conversation"  # type: ignore[attr-defined]
    after = _text((await ava.get(f"/messages/{sid}?sent=true")).text)
    assert "Sent. We have kept your message." in after and "Thank you! Saturday is best." in after
    assert after.index("Yes, I'll ring your carer tonight.") < after.index("Thank you! Saturday is best.")
    [item] = [i for i in (await worker.get("/api/inbox/")).json() if i["id"] == sid]
    assert item["unread_from_child"] == 1
    staff_page = _text((await worker.get(f"/staff/submissions/{sid}")).text)
    assert "Thank you! Saturday is best." in staff_page and "Ava (the child)" in staff_page
    [item] = [i for i in (await worker.get("/api/inbox/")).json() if i["id"] == sid]
    assert item["unread_from_child"] == 0
    assert _text((await ava.get(f"/messages/{sid}")).text).count("Worker read it on") == 2

    # Every figure above, recounted from the rows.
    assert await db.fetchval("select count(*) from replies where submission_id = $1", sid) == 1
    assert (
        await db.fetchval(
            "select count(*) from child_messages where submission_id = $1 and read_by = $2",
            sid,
            council.staff_ids["worker"],
        )
        == 1
    )


async def test_every_message_and_every_read_of_one_is_audited(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "I like my new school")
    worker = await clients().as_staff(council.staff["worker"])
    assert await _staff_reply(worker, sid, "That's great to hear") == 303
    await ava.get(f"/messages/{sid}")
    await _child_writes(ava, sid, "The teachers are kind")
    await worker.get(f"/staff/submissions/{sid}")
    rows = await db.fetch(
        "select actor_kind, actor_id, action, child_id from audit_log where subject_kind = 'submission'"
        " and subject_id = $1 and action in ('replied', 'read_replies', 'wrote', 'read_messages') order by id",
        sid,
    )
    ava_id, worker_id = council.children["Ava"], council.staff_ids["worker"]
    assert [tuple(r) for r in rows] == [
        ("staff", worker_id, "replied", ava_id),
        ("child", ava_id, "read_replies", ava_id),
        ("child", ava_id, "wrote", ava_id),
        ("staff", worker_id, "read_messages", ava_id),
    ]
    details = await db.fetch(
        "select detail::text from audit_log where subject_id = $1 and subject_kind = 'submission'", sid
    )
    assert not any("teachers" in d[0] or "great" in d[0] for d in details), "the audit log never holds the words"


async def test_another_child_and_staff_not_allocated_or_not_chosen_never_reach_the_thread(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "Only for my worker", audience=["worker"])
    ben = await clients().as_child(council.codes["Ben"])
    assert (await ben.get(f"/messages/{sid}")).status_code == 404
    assert (await _child_writes(ben, sid, "hello Ava")).status_code == 404  # type: ignore[attr-defined]
    worker_b = await clients().as_staff(council.staff["worker_b"])
    assert (await worker_b.get(f"/staff/submissions/{sid}")).status_code == 404
    assert await _staff_reply(worker_b, sid, "not yours") == 404
    iro = await clients().as_staff(council.staff["iro"])  # Ava's IRO, but she did not choose the IRO
    assert (await iro.get(f"/staff/submissions/{sid}")).status_code == 404
    assert await _staff_reply(iro, sid, "not chosen") == 404
    duty = await clients().as_staff(council.staff["duty_officer"])  # a role that does not read statements
    assert (await duty.get(f"/staff/submissions/{sid}")).status_code == 403
    assert await db.fetchval("select count(*) from child_messages where submission_id = $1", sid) == 0
    assert await db.fetchval("select count(*) from replies where submission_id = $1", sid) == 0
    assert await db.fetchval("select read_at from submissions where id = $1", sid) is None
    # The IRO joins the thread when the child chose the IRO.
    both = await _send(ava, "For my worker and my IRO", audience=["worker", "iro"])
    assert await _staff_reply(iro, both, "I will read this before your review") == 303
    assert "I will read this before your review" in _text((await ava.get(f"/messages/{both}")).text)
    assert "I will read this before your review" not in _text((await ben.get("/messages")).text)


async def test_a_wrong_message_is_refused_in_plain_words_and_what_was_typed_is_kept(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "hello")
    r = await _child_writes(ava, sid, "   ")
    assert r.status_code == 400 and "Write something before sending." in _text(r.text)  # type: ignore[attr-defined]
    long = "a" * 20_001
    r = await _child_writes(ava, sid, long)
    page = _text(r.text)  # type: ignore[attr-defined]
    assert r.status_code == 400 and "Your message is 20,001 characters long" in page and long in page  # type: ignore[attr-defined]
    r = await _child_writes(ava, sid, "bad \x00 byte")
    assert r.status_code == 400 and catalogue("en").gettext("error.bad_character") in _text(r.text)  # type: ignore[attr-defined]
    ar = await ava.get(f"/language?to=ar&next=/messages/{sid}")
    assert ar.status_code == 303
    r = await _child_writes(ava, sid, "")
    assert r.status_code == 400 and "اكتب شيئًا قبل الإرسال." in _text(r.text)  # type: ignore[attr-defined]
    assert await db.fetchval("select count(*) from child_messages where submission_id = $1", sid) == 0

    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/staff/submissions/{sid}", data={"step": "reply", "body": " "})
    assert r.status_code == 400 and "Write a reply before sending it." in r.text
    r = await worker.post(f"/staff/submissions/{sid}", data={"step": "reply", "body": long})
    assert r.status_code == 400 and "Your reply is 20,001 characters long" in r.text and long in r.text
    assert await db.fetchval("select count(*) from replies where submission_id = $1", sid) == 0


async def test_an_anonymous_statement_has_no_thread_and_says_where_to_get_help(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "Something about my home, no names", audience=["worker"], anonymous=True)
    page = _text((await ava.get(f"/messages/{sid}")).text)
    assert "You sent this without your name, so nobody can reply to it." in page
    assert "0800 1111" in page and 'name="body"' not in page
    r = await _child_writes(ava, sid, "can anyone answer?")
    assert r.status_code == 400 and "nobody can reply to it" in _text(r.text)  # type: ignore[attr-defined]
    worker = await clients().as_staff(council.staff["worker"])
    staff_page = (await worker.get(f"/staff/submissions/{sid}")).text
    assert "sent anonymously, so nobody can reply" in staff_page and 'name="body"' not in staff_page
    assert (await worker.post(f"/api/inbox/{sid}/replies", json={"body": "hello"})).status_code == 409
    assert await _staff_reply(worker, sid, "hello") == 400
    assert await db.fetchval("select count(*) from replies where submission_id = $1", sid) == 0
    assert await db.fetchval("select count(*) from child_messages where submission_id = $1", sid) == 0


async def test_the_workers_page_names_the_child_and_links_what_the_statement_raised_without_internal_ids(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "my carer hits me and I want to complain about my placement", kind="complaint")
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", sid)
    complaint_id = await db.fetchval("select id from complaints where submission_id = $1", sid)
    assert alert_id and complaint_id
    age = await db.fetchval(
        "select date_part('year', age(current_date, birth_month))::int from children where id = $1",
        council.children["Ava"],
    )
    worker = await clients().as_staff(council.staff["worker"])
    page = _text((await worker.get(f"/staff/submissions/{sid}")).text)
    assert "Complaint from Ava" in page and f"<dd>{age}</dd>" in page
    assert "You, social worker or personal adviser, since 1 January 2020" in page
    assert "Iro, independent reviewing officer" in page
    assert 'href="/staff/inbox"' in page
    assert f"C-{complaint_id:06d}" in page and "safeguarding alert" in page
    assert f"/staff/alerts/{alert_id}" not in page, "the worker cannot open the alert, so is not sent to it"
    assert f"{council.slug}-Ava" not in page, "the case reference is an internal id"
    await db.execute(
        "update staff set roles = '{worker,duty_officer,complaints_officer}' where id = $1", council.staff_ids["worker"]
    )
    both = await clients().as_staff(council.staff["worker"])
    page = (await both.get(f"/staff/submissions/{sid}")).text
    assert f'href="/staff/alerts/{alert_id}"' in page and f'href="/staff/complaints/{complaint_id}"' in page
