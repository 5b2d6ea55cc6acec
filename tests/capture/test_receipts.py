"""Receipts state only what will happen: a survey to the council without a name promises no reply; an urgent
message sent at 22:00 on a Sunday is not promised anything "today"; a named message gets its reply date."""

from __future__ import annotations

import re
import uuid
from html import unescape

import asyncpg
from support import Client, Council


def shown(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", "<" + main)).split())


async def _send(child: Client, instrument: str, answers: dict[str, object], **extra: object) -> int:
    r = await child.post(
        f"/api/instruments/{instrument}/responses",
        json={"answers": answers, **extra},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_a_survey_to_the_council_without_a_name_promises_no_reply(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    await db.execute(
        """insert into survey_openings (council_id, instrument, access, legal_statuses, opens_on, closes_on)
           values ($1, 'my_life_11_17', 'sign_in', '{child_in_care}', current_date - 1, current_date + 9)""",
        council.id,
    )
    child = await clients().as_child(council.codes["Ava"])
    sent = await _send(child, "my_life_11_17", {"feel_safe_home": "yes"})
    assert await db.fetchval("select anonymous from submissions where id = $1", sent)
    receipt = shown((await child.get(f"/sent/{sent}")).text)
    assert "no one can reply to you, and nothing will come to My messages" in receipt
    assert "You should get a reply" not in receipt and "You will get a reply in My messages" not in receipt


async def test_a_named_statement_gets_its_reply_date_from_the_councils_target(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    await db.execute("insert into council_settings (council_id, reply_target_days) values ($1, 3)", council.id)
    child = await clients().as_child(council.codes["Ben"])
    sent = await _send(child, "something_good", {"what_good": "We went to the seaside"})
    await db.execute("update submissions set created_at = '2026-12-01 11:00+00' where id = $1", sent)
    receipt = shown((await child.get(f"/sent/{sent}")).text)
    assert "Your worker will read it. You should get a reply in My messages by 4 December 2026." in receipt


async def test_an_urgent_message_sent_at_22_on_a_sunday_is_not_promised_today(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    child = await clients().as_child(council.codes["Ava"])
    r = await child.post(
        "/api/submissions",
        json={"kind": "statement", "text": "my carer hits me and I want to kill myself tonight"},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201 and r.json()["safeguarding"] == "urgent", r.text
    sent = int(r.json()["id"])
    await db.execute("update submissions set created_at = '2026-12-06 22:00+00' where id = $1", sent)
    receipt = shown((await child.get(f"/sent/{sent}")).text)
    assert "today" not in receipt.lower()
    assert "The council's offices are closed now" in receipt
    assert "when the offices open, on 7 December 2026 at 09:00" in receipt
    assert "Childline" in receipt and "999" in receipt
