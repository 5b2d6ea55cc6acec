"""A child's message page repeats the promise the receipt made, and every child's page words dates with the month
named in the child's language (never digits alone like 03/12/2026)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from html import unescape

import asyncpg
from support import Client, Council

from heard.i18n import catalogue


def shown(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", "<" + main)).split())


async def _send(child: Client, text: str, **extra: object) -> int:
    body = {"kind": "statement", "text": text, "audience": ["worker"], **extra}
    r = await child.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_a_named_message_page_says_who_will_read_it_and_by_when(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await db.execute("insert into council_settings (council_id, reply_target_days) values ($1, 3)", council.id)
    ben = await clients().as_child(council.codes["Ben"])
    sid = await _send(ben, "Can I have a bike for my birthday?")
    await db.execute("update submissions set created_at = '2026-12-01 11:00+00' where id = $1", sid)

    page = shown((await ben.get(f"/messages/{sid}")).text)

    assert "What happens next" in page
    assert "Your worker will read it. You should get a reply in My messages by 4 December 2026." in page
    assert shown((await ben.get(f"/sent/{sid}")).text).count("by 4 December 2026") == 1  # the receipt says the same


async def test_an_anonymous_message_page_says_no_one_can_reply(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "The food at my home is cold, no names please", anonymous=True)

    page = shown((await ava.get(f"/messages/{sid}")).text)

    assert "Because your name is not on what you sent, no one can reply to you" in page
    assert "You should get a reply" not in page


async def test_my_messages_in_arabic_writes_the_month_out_in_arabic(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sid = await _send(ava, "I would like more time with my sister")
    await db.execute("update submissions set created_at = '2026-12-03 11:00+00' where id = $1", sid)
    assert (await ava.get("/language?to=ar&next=/messages")).status_code == 303

    listed = shown((await ava.get("/messages")).text)
    message = shown((await ava.get(f"/messages/{sid}")).text)

    december = catalogue("ar").gettext("month.12")
    assert december == "ديسمبر"
    for page in (listed, message):
        assert f"3 {december} 2026" in page
        assert "03/12/2026" not in page and not re.search(r"\d\d/\d\d/\d{4}", page)
