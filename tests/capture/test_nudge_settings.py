"""A care leaver, or a young person of 16 or over, gives or removes the email and UK mobile number by which they are
told (never what it says) that a new message is waiting; a wrong one is refused in plain words with what they typed
kept; younger children in care are not offered it; the nudge job uses what was saved."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import asyncpg
import pytest
from support import Client, Council, Notify, Sink, make_council

from heard import db as heard_db
from heard import settings
from heard.capture import _nudge
from heard.i18n import catalogue
from heard.inbox import jobs
from heard.principal import Principal
from tests.inbox.test_nudge import SMS_TEMPLATE, _reply

EN = catalogue("en")


def shown(page: str) -> str:
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", "<" + main)).split())


async def _contact(db: asyncpg.Connection, child_id: int) -> tuple[str | None, str | None]:
    row = await db.fetchrow("select nudge_email, nudge_phone from children where id = $1", child_id)
    return row["nudge_email"], row["nudge_phone"]


@pytest.mark.parametrize(
    ("email", "phone", "said"),
    [
        ("cai at example", "", {"email": "nudge.error.email"}),
        ("cai@example", "", {"email": "nudge.error.email"}),
        ("", "12345", {"phone": "nudge.error.phone"}),
        ("", "call me maybe", {"phone": "nudge.error.phone"}),
        ("", "+33 6 12 34 56 78", {"phone": "nudge.error.phone"}),
        ("", "020 7946 0018", {"phone": "nudge.error.landline"}),
        ("cai@@example.org", "0740012", {"email": "nudge.error.email", "phone": "nudge.error.phone"}),
        ("cai\x00@example.org", "", {"email": "error.bad_character"}),
    ],
)
async def test_a_wrong_email_or_phone_is_refused_in_plain_words_and_what_was_typed_is_kept(
    council: Council,
    clients: Callable[[], Client],
    db: asyncpg.Connection,
    email: str,
    phone: str,
    said: dict[str, str],
) -> None:
    cai = await clients().as_child(council.codes["Cai"])

    r = await cai.post("/messages/nudge", data={"email": email, "phone": phone})

    assert r.status_code == 400
    page = html.unescape(r.text)
    for field, key in said.items():
        assert EN.gettext(key) in page
        assert f'id="{field}-error"' in page and f'href="#{field}"' in page
    assert f'value="{phone}"' in page
    if "\x00" not in email:
        assert f'value="{email}"' in page
    assert await _contact(db, council.children["Cai"]) == (None, None)


async def test_the_error_is_in_the_young_persons_language(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    cai = await clients().as_child(council.codes["Cai"])
    assert (await cai.get("/language?to=ar&next=/messages/nudge")).status_code == 303

    r = await cai.post("/messages/nudge", data={"email": "", "phone": "12345"})

    assert r.status_code == 400
    assert catalogue("ar").gettext("nudge.error.phone") in html.unescape(r.text)
    assert 'value="12345"' in r.text


async def test_a_care_leaver_saves_then_removes_their_contact_and_each_change_is_audited(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    cai = await clients().as_child(council.codes["Cai"])
    cai_id = council.children["Cai"]
    listed = shown((await cai.get("/messages")).text)
    assert EN.gettext("nudge.link") in listed

    r = await cai.post("/messages/nudge", data={"email": " cai@example.org ", "phone": "07400 123456"})

    assert r.status_code == 303 and r.headers["location"] == "/messages/nudge?done=saved"
    assert await _contact(db, cai_id) == ("cai@example.org", "+447400123456")
    page = (await cai.get("/messages/nudge?done=saved")).text
    assert EN.gettext("nudge.saved") in shown(page)
    assert 'value="cai@example.org"' in page and 'value="07400 123456"' in page

    # Only the phone changes: the email is kept.
    r = await cai.post("/messages/nudge", data={"email": "cai@example.org", "phone": "+44 7812 345678"})
    assert r.status_code == 303 and await _contact(db, cai_id) == ("cai@example.org", "+447812345678")

    r = await cai.post("/messages/nudge", data={"remove": "1"})
    assert r.status_code == 303 and r.headers["location"] == "/messages/nudge?done=removed"
    assert await _contact(db, cai_id) == (None, None)
    assert EN.gettext("nudge.removed") in shown((await cai.get("/messages/nudge?done=removed")).text)

    audited = [
        r["detail"]
        for r in await db.fetch(
            "select detail from audit_log where action = 'nudge_contact_changed' and child_id = $1 order by id", cai_id
        )
    ]
    assert audited == [
        {"email": "added", "phone": "added"},
        {"phone": "changed"},
        {"email": "removed", "phone": "removed"},
    ]
    assert "example.org" not in str(audited) and "7400" not in str(audited)  # the audit says what, never the address


async def test_a_child_under_16_in_care_is_not_offered_it_and_cannot_save_one(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])

    assert EN.gettext("nudge.link") not in shown((await ava.get("/messages")).text)
    assert EN.gettext("nudge.not_offered") in shown((await ava.get("/messages/nudge")).text)
    r = await ava.post("/messages/nudge", data={"email": "ava@example.org", "phone": ""})
    assert r.status_code == 403 and EN.gettext("nudge.not_offered") in html.unescape(r.text)
    assert await _contact(db, council.children["Ava"]) == (None, None)

    await db.execute(
        "update children set birth_month = date_trunc('month', current_date - interval '16 years 1 month')"
        " where id = $1",
        council.children["Ava"],
    )
    assert EN.gettext("nudge.link") in shown((await ava.get("/messages")).text)  # 16 now
    r = await ava.post("/messages/nudge", data={"email": "ava@example.org", "phone": ""})
    assert r.status_code == 303 and await _contact(db, council.children["Ava"]) == ("ava@example.org", None)


async def test_a_saved_contact_is_what_the_nudge_job_uses(
    mail_db: tuple[asyncpg.Pool, settings.Settings], sink: tuple[Sink, int], notify: Notify
) -> None:
    pool, config = mail_db
    async with heard_db.acquire(pool) as conn:
        council = await make_council(conn)
        await conn.execute(
            "insert into council_settings (council_id, nudge_sms_template_id) values ($1, $2)", council.id, SMS_TEMPLATE
        )
        cai = Principal(kind="child", id=council.children["Cai"], council_id=council.id, name="Cai", roles=())
        contact, problems = _nudge.check("cai@example.org", "07400 123456")
        assert problems == {}
        await _nudge.save(conn, cai, contact)
        _, reply_id, outbox_id = await _reply(conn, council, "Cai", "worker_b")

    ctx = {"db_pool": pool, "settings": config, "job_try": 1}
    assert await jobs.nudge_child(ctx, outbox_id=outbox_id, reply_id=reply_id) == "sent"

    [mail] = sink[0].received
    assert mail["To"] == "cai@example.org"
    [(path, sms)] = notify.received
    assert path == "/v2/notifications/sms" and sms["phone_number"] == "+447400123456"
