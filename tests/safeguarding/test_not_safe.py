""" "I don't feel safe": an urgent alert raised in the request, an honest next step, nothing typed lost; a survey
"No" to feeling safe where you live raises a concern."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from html import unescape

import asyncpg
from support import Client, Council

from heard.safeguarding import in_office_hours


async def _child(clients, council: Council, name: str = "Ava") -> Client:  # type: ignore[no-untyped-def]
    return await clients().as_child(council.codes[name])


def shown(html: str) -> str:
    """The words a child reads in the page's main part, without markup."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", "<" + main)).split())


async def _alerts(db: asyncpg.Connection, child_id: int) -> list[asyncpg.Record]:
    return await db.fetch(
        """select a.id, a.level, a.source, a.triggers, s.free_text, s.instrument from alerts a
           join submissions s on s.id = a.submission_id where a.child_id = $1 order by a.id""",
        child_id,
    )


async def test_one_tap_raises_an_urgent_alert_the_duty_officer_sees_and_says_what_happens(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    await db.execute(
        "insert into council_settings (council_id, emergency_duty_phone, totp_roles) values ($1, '0300 123 4567', '{admin}')",
        council.id,
    )
    child = await _child(clients, council)
    home = await child.get("/home")
    assert 'action="/not-safe"' in home.text and "I don&#39;t feel safe" in home.text

    r = await child.post("/not-safe", data={"words": "my carer shouts at me at night"})
    assert r.status_code == 303
    told = await child.get(r.headers["location"])
    assert told.status_code == 200

    [alert] = await _alerts(db, council.children["Ava"])
    assert alert["level"] == "urgent" and alert["source"] == "child"
    assert alert["free_text"] == "my carer shouts at me at night"
    assert any("I don't feel safe" in t for t in alert["triggers"])

    assert 'href="tel:999"' in told.text and 'href="tel:08001111"' in told.text
    assert 'href="tel:03001234567"' in told.text and "0300 123 4567" in told.text
    if in_office_hours(datetime.now(UTC), "Mon-Fri 09:00-17:00", "Europe/London"):
        assert "Someone will try to get in touch with you today" in shown(told.text)
    else:
        assert "The council's offices are closed now" in shown(told.text)
        assert "today" not in shown(told.text).lower()

    duty = await clients().as_staff(council.staff["duty_officer"])
    queue = await duty.get("/staff/alerts")
    assert f'href="/staff/alerts/{alert["id"]}"' in queue.text and "Ava" in queue.text

    messages = await child.get("/messages")
    assert "I don&#39;t feel safe" in messages.text


async def test_the_button_alone_with_no_words_raises_the_alert_and_a_double_tap_raises_one(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    child = await _child(clients, council, "Ben")
    first = await child.post("/not-safe", data={"words": ""})
    second = await child.post("/not-safe", data={"words": ""})
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    alerts = await _alerts(db, council.children["Ben"])
    assert [a["level"] for a in alerts] == ["urgent"]


async def test_words_too_long_come_back_with_a_plain_error_and_nothing_lost(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    child = await _child(clients, council, "Cai")
    words = "I am scared " * 100  # 1,200 characters
    r = await child.post("/not-safe", data={"words": words})
    assert r.status_code == 400
    assert "Make this shorter: you can write up to 1000 characters. You have written 1199." in r.text
    assert words.strip() in r.text
    assert 'href="tel:999"' in r.text
    assert await _alerts(db, council.children["Cai"]) == []


async def test_signed_out_the_words_come_back_with_the_numbers_to_call(client: Client) -> None:
    await client.prepare()
    r = await client.post("/not-safe", data={"words": "please help"})
    assert r.status_code == 401
    assert "You were signed out" in r.text and "please help" in r.text and 'href="tel:999"' in r.text


async def test_another_childs_not_safe_page_is_not_found(
    clients,
    council: Council,  # type: ignore[no-untyped-def]
) -> None:
    ava = await _child(clients, council)
    r = await ava.post("/not-safe", data={"words": ""})
    dee = await _child(clients, council, "Dee")
    assert (await dee.get(r.headers["location"])).status_code == 404


async def _respond(child: Client, instrument: str, answers: dict[str, object]) -> dict[str, object]:
    r = await child.post(
        f"/api/instruments/{instrument}/responses",
        json={"answers": answers},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_answering_no_to_feeling_safe_where_you_live_raises_a_concern(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    child = await _child(clients, council)
    unsafe = await _respond(child, "where_i_live", {"feel_safe_home": "no"})
    safe = await _respond(child, "where_i_live", {"feel_safe_home": "yes"})
    assert unsafe["safeguarding"] == "concern" and safe["safeguarding"] == "none"
    level = await db.fetchval("select level from alerts where submission_id = $1", unsafe["id"])
    assert level == "concern"
    assert await db.fetchval("select count(*) from alerts where submission_id = $1", safe["id"]) == 0


async def test_no_to_feeling_safe_by_anonymous_link_raises_a_concern_and_promises_no_reply(
    client: Client,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    token = uuid.uuid4().hex
    await db.execute(
        """insert into survey_openings (council_id, instrument, access, token, legal_statuses, opens_on, closes_on)
           values ($1, 'my_life_8_11', 'anonymous_link', $2, '{child_in_care}', current_date - 1, current_date + 9)""",
        council.id,
        token,
    )
    await client.prepare()
    page = await client.get(f"/s/{token}")
    key = re.search(r'name="_key" value="([^"]+)"', page.text)
    assert key
    r = await client.post(f"/s/{token}", data={"_key": key.group(1), "feel_safe_home": "no"})
    assert r.status_code == 200, r.text
    level = await db.fetchval(
        "select a.level from alerts a join submissions s on s.id = a.submission_id where s.opening_id is not null"
        " and s.council_id = $1",
        council.id,
    )
    assert level == "concern"
    assert "No one can get in touch with you" in shown(r.text) and 'href="tel:08001111"' in r.text
    assert "You should get a reply" not in shown(r.text) and "today" not in shown(r.text)
